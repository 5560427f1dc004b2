package outdir

import (
	"golang.org/x/sys/unix"
)

// mountPoint reports whether the folder at dir is the root of a mount
// (statx's STATX_ATTR_MOUNT_ROOT, Linux 5.8 and later): a file system
// mounted there, or a bind mount. A btrfs subvolume, whose device differs
// from its parent's but which can be moved, is not one.
func mountPoint(dir string) bool {
	var st unix.Statx_t
	if unix.Statx(unix.AT_FDCWD, dir, unix.AT_SYMLINK_NOFOLLOW, unix.STATX_BASIC_STATS, &st) != nil {
		return false
	}
	return st.Attributes_mask&unix.STATX_ATTR_MOUNT_ROOT != 0 && st.Attributes&unix.STATX_ATTR_MOUNT_ROOT != 0
}
