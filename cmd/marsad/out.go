package main

import (
	"fmt"
	"io"
	"os"
)

// openOut opens path for writing, or returns stdout for "".
func openOut(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return &outputWriter{w: f, name: path}, f.Close, nil
}

// outputWriter is where a command writes its results. A failed write (a
// full disk, a closed pipe) is an *exitError with status 1, not a usage
// error: the command stops and says what could not be written.
type outputWriter struct {
	w    io.Writer
	name string // "standard output", or the file's path
}

func (o *outputWriter) Write(b []byte) (int, error) {
	n, err := o.w.Write(b)
	if err != nil {
		return n, &exitError{1, fmt.Errorf("writing %s: %w", o.name, err)}
	}
	return n, nil
}
