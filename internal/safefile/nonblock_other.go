//go:build !unix

package safefile

// nonblock is nothing where opening cannot be told not to block; Windows
// has no FIFOs in the file system to block on.
const nonblock = 0
