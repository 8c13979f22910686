package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/store"
)

// ingestOptions are the flags of `marsad ingest`.
type ingestOptions struct {
	code    codeOptions
	store   storeOptions
	batch   int    // articles per transaction
	quiet   bool   // no progress bar
	nats    string // publish to this NATS server instead of coding locally
	subject string // JetStream subject (and stream) of the work queue

	cpuprofile string // write a CPU profile here
}

func newIngestCommand() *cobra.Command {
	var o ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest [--db FILE|--postgres DSN] [--feed URL]... [FILE|DIR|URL|-]...",
		Short: "Code articles and keep them, deduplicated, in the store",
		Long: `Ingest reads articles as "marsad code" does (files, directories, URLs,
feeds with --feed, WARC files; see "marsad code --help"), codes them on
all cores and writes them to the store (SQLite by default, PostgreSQL with
--postgres or $MARSAD_POSTGRES), in transactions of --batch articles: an interrupted ingest
(Ctrl-C, kill -9) leaves only whole batches, and running it again adds the
rest. Articles already stored (same content hash) are counted as duplicates
and skipped; near-duplicate republications join the story of the first copy.

A progress bar (articles/s, MB/s, ETA) is drawn when standard error is a
terminal, unless --quiet. A summary line ends the run. An input that cannot
be read gets one error line and is skipped; exit status is then 1.

With --nats, articles are published to a JetStream work queue for
"marsad worker" to code and store.`,
		Example: `  marsad ingest --db events.db ../shared/data/corpus/ant.jsonl
  marsad ingest --postgres postgres://127.0.0.1/test --input jsonl < articles.jsonl
  marsad ingest --nats nats://127.0.0.1:4222 corpus/
  marsad ingest --db events.db --feed https://example.com/rss.xml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			stop, err := startCPUProfile(o.cpuprofile)
			if err != nil {
				return err
			}
			defer stop()
			return runIngest(cmd.Context(), o, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.code.addFlags(cmd)
	o.code.addInputFlag(cmd)
	o.code.addWorkersFlag(cmd)
	o.store.addFlags(cmd)
	f := cmd.Flags()
	f.IntVar(&o.batch, "batch", 1000, "articles per transaction")
	f.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	f.StringVar(&o.nats, "nats", "", "publish the articles to this NATS JetStream server instead of coding them here")
	f.StringVar(&o.subject, "subject", defaultSubject, "JetStream subject of the work queue (with --nats)")
	f.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	return cmd
}

// ingestStats are the totals of an ingest.
type ingestStats struct {
	read, new, duplicate, failed, events int
	bytes                                int64
}

func runIngest(ctx context.Context, o ingestOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := o.code.checkInputs(); err != nil {
		return err
	}
	if err := checkWorkers(o.code.workers); err != nil {
		return err
	}
	if o.nats != "" {
		return runPublish(ctx, o, args, stdin, stdout, stderr)
	}
	start := time.Now()
	p, err := newPipeline(o.code)
	if err != nil {
		return err
	}
	st, err := o.store.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	run, err := st.BeginRun(ctx, "marsad ingest "+strings.Join(args, " "))
	if err != nil {
		return err
	}
	plan := planInputs(args, o.code.input)
	if len(o.code.fetch.feeds) > 0 {
		plan.total = -1 // how much a feed brings is not known beforehand
	}
	prog := newProgress(stderr, plan, o.quiet)
	tot, err := ingest(ctx, p, st, run, o, args, ingestIO{stdin, stderr}, prog)
	prog.finish()
	el := time.Since(start)
	// the run's totals are recorded even when it was interrupted
	if ferr := st.FinishRun(context.WithoutCancel(ctx), store.Run{ID: run, New: tot.new, Duplicate: tot.duplicate, Failed: tot.failed, Events: tot.events}); ferr != nil && err == nil {
		err = ferr
	}
	fmt.Fprintf(stdout, "ingested %d articles: %d new, %d duplicate, %d failed; %d events; %.2fs (%.0f articles/s, %.1f MB/s)\n",
		tot.read+tot.failed, tot.new, tot.duplicate, tot.failed, tot.events, el.Seconds(),
		float64(tot.read)/el.Seconds(), float64(tot.bytes)/1e6/el.Seconds())
	if err != nil {
		return err
	}
	if tot.failed > 0 {
		return &exitError{1, errPartial}
	}
	return nil
}

// ingestIO is where an ingest reads standard input and reports failed inputs.
type ingestIO struct {
	stdin  io.Reader
	stderr io.Writer
}

// ingest reads, codes on o.code.workers goroutines and writes batches, in
// input order (the same corpus gives the same store), with one writer
// goroutine so that coding goes on while a batch is written.
func ingest(ctx context.Context, p *pipeline.Pipeline, st store.Store, run int64, o ingestOptions, args []string, rw ingestIO, prog *progress) (ingestStats, error) {
	var tot ingestStats
	batch := max(o.batch, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []store.Article, 1)
	var writeErr error
	wdone := make(chan struct{})
	go func() {
		defer close(wdone)
		for b := range batches {
			if writeErr != nil {
				continue
			}
			res, err := st.Write(ctx, run, b)
			if err != nil {
				writeErr = err
				cancel()
				continue
			}
			tot.new += res.New
			tot.duplicate += res.Duplicate
			tot.events += res.Events
		}
	}()
	report := func(e *pipeline.ArticleError) error {
		prog.done(e.URI, 0)
		_, err := fmt.Fprintln(rw.stderr, "marsad:", e)
		return err
	}
	produce := func(send func(*extract.Article) error) error {
		var err error
		tot.failed, err = pipeline.ReadArticles(ctx, args, o.code.readOptions(rw.stdin), report, send)
		return err
	}
	type coded struct {
		art store.Article
		uri string // where it was read, for the progress bar
	}
	work := func(art *extract.Article) coded {
		var f store.Features
		doc := p.CodeWith(art, func(toks []arabic.Token, sents []arabic.Span) { f = store.FeaturesOf(toks, sents) })
		return coded{store.NewArticleFeatures(doc, art.PublishedAt, f), art.URI}
	}
	pending := make([]store.Article, 0, batch)
	emit := func(c coded) error {
		a := c.art
		tot.read++
		tot.bytes += int64(a.Bytes)
		prog.done(c.uri, a.Bytes)
		pending = append(pending, a)
		if len(pending) >= batch {
			select {
			case batches <- pending:
			case <-ctx.Done():
				return ctx.Err()
			}
			pending = make([]store.Article, 0, batch)
		}
		return nil
	}
	err := pipeline.Ordered(ctx, o.code.workers, produce, work, emit)
	if err == nil && len(pending) > 0 {
		batches <- pending
	}
	close(batches)
	<-wdone
	switch {
	case writeErr != nil:
		return tot, writeErr
	case err != nil && !errors.Is(err, context.Canceled):
		return tot, err
	}
	return tot, ctx.Err()
}

// startCPUProfile starts a CPU profile into path ("" : none) and returns
// the function that stops it.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, &exitError{2, fmt.Errorf("--cpuprofile: %w", err)}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// isTerminal reports whether the file descriptor is a terminal.
func isTerminal(fd uintptr) bool { return term.IsTerminal(int(fd)) }
