package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/demo"
	"github.com/marsad/marsad/internal/demodb"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/read"
	"github.com/marsad/marsad/internal/store/sqlite"
)

// demoOptions are the flags of `marsad demo`.
type demoOptions struct {
	code    codeOptions
	noServe bool   // print the canonical article's table instead of serving
	db      string // where the demo database goes; "" a fresh temporary directory
	addr    string // listen address
}

func newDemoCommand() *cobra.Command {
	var o demoOptions
	cmd := &cobra.Command{
		Use:   "demo [--no-serve] [--addr 127.0.0.1:8080]",
		Short: "Serve the web UI over a demo corpus shipped with Marsad (--no-serve: print the canonical article's events)",
		Long: `Demo codes the corpus shipped inside the binary — the canonical article
(Haftar's secret visit to Damascus) and 340 articles of the ANT corpus
(Apache-2.0) — into a fresh embedded database and serves the web UI and the
JSON API over it, printing the URL. Nothing to install, nothing downloaded.

With --no-serve it codes only the canonical article and prints its structure
and its events as a readable table.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.noServe {
				return runDemo(cmd.Context(), o.code, cmd.OutOrStdout())
			}
			return runDemoServe(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	o.code.addFlags(cmd)
	f := cmd.Flags()
	f.BoolVar(&o.noServe, "no-serve", false, "print the canonical article's events as a table and exit")
	f.StringVar(&o.db, "db", "", "demo database file (default: a fresh one in a temporary directory, removed on exit)")
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen address (host:port)")
	return cmd
}

// runDemoServe builds the demo database and serves it until ctx ends.
func runDemoServe(ctx context.Context, o demoOptions, w io.Writer) error {
	start := time.Now()
	p, err := newPipeline(o.code)
	if err != nil {
		return err
	}
	path := o.db
	if path == "" {
		dir, err := os.MkdirTemp("", "marsad-demo-")
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := demodb.Load(ctx, p, st)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(w, "coded %d articles (%d events) into %s in %.1f s\n", res.New, res.Events, path, time.Since(start).Seconds())
	return serve(ctx, st, o.addr, w, start, "")
}

func runDemo(_ context.Context, o codeOptions, w io.Writer) error {
	p, err := newPipeline(o)
	if err != nil {
		return err
	}
	doc := read.RawDoc{URI: demo.SeedName, Format: read.FormatText, Data: demo.Seed, FetchedAt: time.Now()}
	art, err := extract.Extract(doc, extract.Options{})
	if err != nil {
		return err
	}
	coded := p.Code(&art)
	if err := writePretty(w, &coded); err != nil {
		return err
	}
	_, err = io.WriteString(w, "dropped as boilerplate: «"+strings.Join(art.Dropped, "», «")+"»\n")
	return err
}
