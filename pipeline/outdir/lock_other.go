//go:build !unix

package outdir

import (
	"errors"
	"os"
)

func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

func isLoop(error) bool { return false }

// errNoFlock is why a folder is written unlocked where the system has no
// flock: there, nothing keeps two builds apart (README: One build at a
// time).
var errNoFlock = errors.New("this system has no flock")

func tryLock(*os.File) (busy bool, err error) { return false, errNoFlock }

func unsupported(err error) bool { return err == errNoFlock }
