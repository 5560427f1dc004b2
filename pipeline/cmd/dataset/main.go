// Command dataset turns curated facts about news articles into a typed,
// source-traceable dataset. See the README for the commands and the data format.
package main

import (
	"os"

	"newsfacts/pipeline/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr)) }
