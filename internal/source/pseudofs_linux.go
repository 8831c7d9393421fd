package source

import "golang.org/x/sys/unix"

// pseudoFS are the file systems whose files are the kernel's state, not
// anyone's notes: reading one can block for ever (/proc/kmsg), never end,
// or cost a query minutes (/proc, /sys). They are told by the file
// system's magic number, whatever the folder is called or however it is
// reached. devtmpfs (/dev) cannot be told from tmpfs this way; what it
// holds is devices, which are not regular files and never read.
var pseudoFS = map[int64]string{
	unix.PROC_SUPER_MAGIC:      "proc",
	unix.SYSFS_MAGIC:           "sysfs",
	unix.DEVPTS_SUPER_MAGIC:    "devpts",
	unix.CGROUP_SUPER_MAGIC:    "cgroup",
	unix.CGROUP2_SUPER_MAGIC:   "cgroup2",
	unix.DEBUGFS_MAGIC:         "debugfs",
	unix.TRACEFS_MAGIC:         "tracefs",
	unix.SECURITYFS_MAGIC:      "securityfs",
	unix.SELINUX_MAGIC:         "selinuxfs",
	unix.SMACK_MAGIC:           "smackfs",
	unix.BPF_FS_MAGIC:          "bpf",
	unix.PSTOREFS_MAGIC:        "pstore",
	unix.EFIVARFS_MAGIC:        "efivarfs",
	unix.BINFMTFS_MAGIC:        "binfmt_misc",
	unix.NSFS_MAGIC:            "nsfs",
	unix.HUGETLBFS_MAGIC:       "hugetlbfs",
	unix.RDTGROUP_SUPER_MAGIC:  "resctrl",
	unix.USBDEVICE_SUPER_MAGIC: "usbfs",
	unix.OPENPROM_SUPER_MAGIC:  "openpromfs",
	0x62656570:                 "configfs",
	0x65735543:                 "fusectl",
	0x19800202:                 "mqueue",
	0x67596969:                 "rpc_pipefs",
}

// pseudoFSOf names the pseudo file system path is on, or "" when it is
// on an ordinary one (or cannot be told).
func pseudoFSOf(path string) string {
	var st unix.Statfs_t
	if unix.Statfs(path, &st) != nil {
		return ""
	}
	return pseudoFS[int64(st.Type)]
}

// pseudoFSOfFile is pseudoFSOf for an open file.
func pseudoFSOfFile(fd uintptr) string {
	var st unix.Statfs_t
	if unix.Fstatfs(int(fd), &st) != nil {
		return ""
	}
	return pseudoFS[int64(st.Type)]
}
