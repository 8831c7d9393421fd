// Command how finds the shell command you once wrote down.
package main

import (
	"os"

	"github.com/howcli/how/internal/cli"
)

func main() { os.Exit(cli.Main()) }
