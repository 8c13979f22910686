package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/server"
	"github.com/marsad/marsad/internal/store"
	"github.com/marsad/marsad/internal/store/sqlstore"
	"github.com/marsad/marsad/internal/web"
)

// serveOptions are the flags of `marsad serve`.
type serveOptions struct {
	store storeOptions
	addr  string // listen address
}

func (o *serveOptions) addAddrFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen address (host:port); a non-loopback host exposes the API to the network")
}

func newServeCommand() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve [--db FILE|--postgres DSN] [--addr 127.0.0.1:8080]",
		Short: "Serve the web UI and the JSON API over a store",
		Long: `Serve answers the HTTP JSON API (documented at /api/openapi.json) and serves
the web UI over the store (SQLite by default, PostgreSQL with --postgres).
It binds 127.0.0.1 unless --addr says otherwise, and then answers only
requests for localhost, 127.0.0.1 or [::1] (421 for another Host header,
against DNS rebinding). At most 4 expensive queries per core run at once
(503 with Retry-After past that), each for at most 30 s (504). It stops on
Ctrl-C.`,
		Example: `  marsad ingest --db events.db corpus.jsonl && marsad serve --db events.db`,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := o.store.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			return serve(cmd.Context(), st, o.addr, cmd.OutOrStdout(), time.Time{})
		},
	}
	o.store.addFlags(cmd)
	o.addAddrFlag(cmd)
	return cmd
}

// serve listens on addr, prints the URL and serves st until ctx ends.
// When started is set, the time since then is printed with the URL.
func serve(ctx context.Context, st store.Store, addr string, w io.Writer, started time.Time) error {
	ui, err := web.FS()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	loopback := server.Loopback(ln.Addr().String())
	// on loopback, only loopback Host headers: no DNS rebinding
	h := server.New(st, nil, server.Options{UI: ui, NotFound: sqlstore.ErrNotFound, Exporters: exporters(), LoopbackHosts: loopback})
	srv := server.HTTPServer(addr, h)
	msg := "Marsad is serving on http://" + ln.Addr().String() + "/"
	if !started.IsZero() {
		msg += fmt.Sprintf(" (ready in %.1f s)", time.Since(started).Seconds())
	}
	if !loopback {
		msg += " — not a loopback address: reachable from the network"
	}
	fmt.Fprintln(w, msg+"; Ctrl-C stops")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

// exporters are the writers of `marsad export`, for /api/export.
func exporters() map[string]server.Exporter {
	return map[string]server.Exporter{
		"csv": {ContentType: "text/csv; charset=utf-8", Ext: "csv", Write: func(ctx context.Context, st store.Store, f query.Filter, w io.Writer) error {
			cw := newEventCSV(w)
			if err := st.EachEvent(ctx, f, cw.write); err != nil {
				return err
			}
			return cw.flush()
		}},
		"jsonl": {ContentType: "application/x-ndjson", Ext: "jsonl", Write: func(ctx context.Context, st store.Store, f query.Filter, w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			return st.EachEvent(ctx, f, func(e *query.Event) error { return enc.Encode(e) })
		}},
		"parquet": {ContentType: "application/vnd.apache.parquet", Ext: "parquet", Write: exportParquet},
	}
}
