package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

func newExportCommand() *cobra.Command {
	cmd := queryCommand("export [flags]", "Export deduplicated events: CSV (GDELT-style columns), PLOVER JSON Lines or Parquet",
		`Export streams every deduplicated event matching the filters (no limit unless
--limit), in time order, with constant memory: --format csv (GDELT-style
columns, one header line; see README.md), jsonl (one PLOVER-style event
object per line with its counts) or parquet (to --out FILE or redirected standard output).`,
		[]string{"csv", "jsonl", "parquet"}, func(ctx context.Context, st store.Store, o queryOptions, _ []string, w io.Writer) error {
			return runExport(ctx, st, o, w)
		})
	cmd.Flags().StringVar(&exportOut, "out", "", "write to this file instead of standard output")
	return cmd
}

// exportOut is --out of export (a package variable because queryCommand
// owns the options).
var exportOut string

func runExport(ctx context.Context, st store.Store, o queryOptions, stdout io.Writer) error {
	f := o.filter
	if f.Limit == 0 {
		f.Limit = -1
	}
	w, closeOut, err := openOut(exportOut, stdout)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	switch o.format {
	case "parquet":
		if exportOut == "" {
			if f, ok := stdout.(interface{ Fd() uintptr }); ok && isTerminal(f.Fd()) {
				return &exitError{2, errors.New("parquet export: give --out FILE (or redirect standard output)")}
			}
		}
		err = exportParquet(ctx, st, f, bw)
	case "jsonl":
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		err = st.EachEvent(ctx, f, func(e *query.Event) error { return enc.Encode(e) })
	default:
		cw := newEventCSV(bw)
		err = st.EachEvent(ctx, f, cw.write)
		if err == nil {
			err = cw.flush()
		}
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	return err
}
