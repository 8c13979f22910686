package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/server"
	"github.com/marsad/marsad/internal/store"
	"github.com/marsad/marsad/internal/store/sqlstore"
	"github.com/marsad/marsad/internal/web"
)

// envIngestToken is the environment variable of --ingest-token.
const envIngestToken = "MARSAD_INGEST_TOKEN"

// serveOptions are the flags of `marsad serve`.
type serveOptions struct {
	store       storeOptions
	addr        string // listen address
	ingestToken string // enables POST /api/ingest; "" reads MARSAD_INGEST_TOKEN, else ingest is off
}

// token is the ingest token: the flag, else the environment; "" is off.
func (o serveOptions) token() string {
	if o.ingestToken != "" {
		return o.ingestToken
	}
	return os.Getenv(envIngestToken)
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
Ctrl-C.

The API only reads, unless --ingest-token T (or MARSAD_INGEST_TOKEN) is set:
then POST /api/ingest with "Authorization: Bearer T" codes and stores the
articles of its body (JSON Lines, as marsad ingest --input jsonl reads them).`,
		Example: `  marsad ingest --db events.db corpus.jsonl && marsad serve --db events.db
  MARSAD_INGEST_TOKEN=$(openssl rand -hex 16) marsad serve --db events.db
  curl -H "Authorization: Bearer $MARSAD_INGEST_TOKEN" --data-binary @more.jsonl http://127.0.0.1:8080/api/ingest`,
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := o.store.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			return serve(cmd.Context(), st, o.addr, cmd.OutOrStdout(), time.Time{}, o.token())
		},
	}
	o.store.addFlags(cmd)
	o.addAddrFlag(cmd)
	cmd.Flags().StringVar(&o.ingestToken, "ingest-token", "", "enable POST /api/ingest for requests with «Authorization: Bearer TOKEN» (default $"+envIngestToken+"; unset: off)")
	return cmd
}

// serve listens on addr, prints the URL and serves st until ctx ends.
// When started is set, the time since then is printed with the URL. A
// token enables POST /api/ingest.
func serve(ctx context.Context, st store.Store, addr string, w io.Writer, started time.Time, token string) error {
	ui, err := web.FS()
	if err != nil {
		return err
	}
	var ingestFn func(context.Context, io.Reader) (server.IngestResult, error)
	if token != "" {
		if ingestFn, err = ingestOver(st); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	loopback := server.Loopback(ln.Addr().String())
	// on loopback, only loopback Host headers: no DNS rebinding
	h := server.New(st, nil, server.Options{UI: ui, NotFound: sqlstore.ErrNotFound, Exporters: exporters(), LoopbackHosts: loopback,
		Ingest: ingestFn, IngestToken: token})
	srv := server.HTTPServer(addr, h)
	msg := "Marsad is serving on http://" + ln.Addr().String() + "/"
	if !started.IsZero() {
		msg += fmt.Sprintf(" (ready in %.1f s)", time.Since(started).Seconds())
	}
	if !loopback {
		msg += " — not a loopback address: reachable from the network"
	}
	if token != "" {
		msg += "; POST /api/ingest is on (bearer token)"
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

// ingestOver returns what POST /api/ingest does over st: what `marsad
// ingest --input jsonl -` does with the body as standard input, in one run.
func ingestOver(st store.Store) (func(context.Context, io.Reader) (server.IngestResult, error), error) {
	p, err := newPipeline(codeOptions{})
	if err != nil {
		return nil, err
	}
	o := ingestOptions{batch: 1000, quiet: true, code: codeOptions{input: "jsonl", workers: runtime.GOMAXPROCS(0)}}
	return func(ctx context.Context, body io.Reader) (server.IngestResult, error) {
		run, err := st.BeginRun(ctx, "POST "+server.IngestPath)
		if err != nil {
			return server.IngestResult{}, err
		}
		var errs bytes.Buffer
		tot, err := ingest(ctx, p, st, run, o, []string{"-"}, ingestIO{stdin: body, stderr: &errs}, &progress{})
		if ferr := st.FinishRun(context.WithoutCancel(ctx), store.Run{ID: run, New: tot.new, Duplicate: tot.duplicate, Failed: tot.failed, Events: tot.events}); ferr != nil && err == nil {
			err = ferr
		}
		res := server.IngestResult{Read: tot.read, New: tot.new, Duplicate: tot.duplicate, Failed: tot.failed, Events: tot.events}
		for _, l := range strings.Split(strings.TrimSpace(errs.String()), "\n") {
			if l != "" && len(res.Errors) < 100 {
				res.Errors = append(res.Errors, strings.TrimPrefix(l, "marsad: "))
			}
		}
		return res, err
	}, nil
}
