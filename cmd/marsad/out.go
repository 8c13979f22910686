package main

import (
	"errors"
	"io"
	"os"

	"context"
	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
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
	return f, f.Close, nil
}

func exportParquet(ctx context.Context, st store.Store, f query.Filter, w io.Writer) error {
	return &exitError{2, errors.New("parquet export is not built yet")}
}
