// Package outdir replaces a release folder as a whole or not at all, so that
// a failed or interrupted build never leaves a half-written release.
package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Replace calls write with an empty staging folder beside dir and, only if
// write succeeds, puts the staging folder in dir's place. On any failure dir
// is left as it was and the staging folder is removed.
//
// The swap is two renames within one parent folder (dir to dir.old, staging
// to dir). Should the process die between them, the next call finds dir
// missing and dir.old present, and restores it first.
func Replace(dir string, write func(staging string) error) error {
	dir = filepath.Clean(dir)
	old, staging := dir+".old", dir+".staging"
	if err := recoverOld(dir, old); err != nil {
		return err
	}
	if err := os.RemoveAll(staging); err != nil {
		return err
	}
	if err := os.MkdirAll(staging, 0o755); err != nil {
		return err
	}
	if err := write(staging); err != nil {
		os.RemoveAll(staging)
		return err
	}
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		os.RemoveAll(staging)
		return fmt.Errorf("moving the previous release aside: %w", err)
	}
	if err := os.Rename(staging, dir); err != nil {
		_ = os.Rename(old, dir)
		return fmt.Errorf("putting the new release in place: %w", err)
	}
	return os.RemoveAll(old)
}

func recoverOld(dir, old string) error {
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(old); err != nil {
		return nil
	}
	return os.Rename(old, dir)
}
