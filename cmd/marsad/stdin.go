package main

import (
	"errors"
	"io"
	"os"
)

// errStdinClosed is the error of every read from a standard input that was
// closed when marsad started («marsad code <&-»): not the same as an
// empty one («marsad code </dev/null»).
var errStdinClosed = errors.New("standard input is closed")

// stdinReader returns what the commands read as standard input: f, or a
// reader whose every read fails with errStdinClosed when f is the /dev/null
// the Go runtime opens in place of a closed standard input.
func stdinReader(f *os.File) io.Reader {
	if stdinClosed(f) {
		return closedReader{}
	}
	return f
}

// closedReader is a closed standard input.
type closedReader struct{}

func (closedReader) Read([]byte) (int, error) { return 0, errStdinClosed }
