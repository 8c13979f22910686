package main

import (
	"os"
	"syscall"
)

// stdinClosed reports whether f is the /dev/null that the Go runtime opens,
// read-write, in place of a standard input that was closed when the process
// started. A shell redirection from /dev/null opens it read-only.
func stdinClosed(f *os.File) bool {
	rc, err := f.SyscallConn()
	if err != nil {
		return false
	}
	var null syscall.Stat_t
	if syscall.Stat(os.DevNull, &null) != nil {
		return false
	}
	closed := false
	rc.Control(func(fd uintptr) {
		var st syscall.Stat_t
		if syscall.Fstat(int(fd), &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFCHR || st.Rdev != null.Rdev {
			return
		}
		flags, _, errno := syscall.Syscall(syscall.SYS_FCNTL, fd, syscall.F_GETFL, 0)
		closed = errno == 0 && flags&syscall.O_ACCMODE == syscall.O_RDWR
	})
	return closed
}
