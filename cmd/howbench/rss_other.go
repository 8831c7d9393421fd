//go:build !linux

package main

import "os"

// peakRSS is not measured here: getrusage's units differ between systems
// (bytes on macOS, not at all on Windows).
func peakRSS(*os.ProcessState) int64 { return 0 }
