package outdir

import (
	"path/filepath"

	"golang.org/x/sys/unix"
)

// mountPoint reports whether the folder at dir is the root of a mount
// (statx's STATX_ATTR_MOUNT_ROOT, Linux 5.8 and later): a file system
// mounted there, or a bind mount. A btrfs subvolume, whose device differs
// from its parent's but which can be moved, is not one. Where the kernel
// does not say, a folder whose device is not its parent's (links
// followed) is taken for one.
func mountPoint(dir string) bool {
	var st unix.Statx_t
	if err := unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_BASIC_STATS, &st); err == nil && st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 {
		return st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
	}
	var self, parent unix.Stat_t
	if unix.Lstat(dir, &self) != nil || self.Mode&unix.S_IFMT != unix.S_IFDIR || unix.Stat(filepath.Join(dir, ".."), &parent) != nil {
		return false
	}
	return self.Dev != parent.Dev || self.Ino == parent.Ino
}
