package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/read"
	"github.com/marsad/marsad/internal/store"
)

// ingestOptions are the flags of `marsad ingest`.
type ingestOptions struct {
	code    codeOptions
	store   storeOptions
	workers int    // articles coded in parallel
	batch   int    // articles per transaction
	quiet   bool   // no progress bar
	nats    string // publish to this NATS server instead of coding locally
	subject string // JetStream subject (and stream) of the work queue
}

func newIngestCommand() *cobra.Command {
	var o ingestOptions
	cmd := &cobra.Command{
		Use:   "ingest [--db FILE|--postgres DSN] [FILE|DIR|-]...",
		Short: "Code articles and keep them, deduplicated, in the store",
		Long: `Ingest reads articles as "marsad code" does, codes them on all cores and
writes them to the store (SQLite by default, PostgreSQL with --postgres or
$MARSAD_POSTGRES), in transactions of --batch articles: an interrupted ingest
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
  marsad ingest --nats nats://127.0.0.1:4222 corpus/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIngest(cmd.Context(), o, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.code.addFlags(cmd)
	o.code.addInputFlag(cmd)
	o.store.addFlags(cmd)
	f := cmd.Flags()
	f.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "articles coded in parallel")
	f.IntVar(&o.batch, "batch", 1000, "articles per transaction")
	f.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	f.StringVar(&o.nats, "nats", "", "publish the articles to this NATS JetStream server instead of coding them here")
	f.StringVar(&o.subject, "subject", defaultSubject, "JetStream subject of the work queue (with --nats)")
	return cmd
}

// ingestStats are the totals of an ingest.
type ingestStats struct {
	read, new, duplicate, failed, events int
	bytes                                int64
}

// progress draws the bar, when there is one.
type progress struct {
	bar   *progressbar.ProgressBar
	start time.Time
	n     int
}

func newProgress(stderr io.Writer, total int64, quiet bool) *progress {
	p := &progress{start: time.Now()}
	f, ok := stderr.(*os.File)
	if quiet || !ok || !isTerminal(f.Fd()) {
		return p
	}
	p.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetDescription("coding"))
	return p
}

func (p *progress) add(articles int, bytes int64) {
	if p.bar == nil {
		return
	}
	p.n += articles
	rate := float64(p.n) / max(time.Since(p.start).Seconds(), 1e-3)
	p.bar.Describe(fmt.Sprintf("%d articles, %.0f/s", p.n, rate))
	p.bar.Add64(bytes)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

func runIngest(ctx context.Context, o ingestOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := checkInput(o.code.input); err != nil {
		return err
	}
	if err := checkWorkers(o.workers); err != nil {
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
	prog := newProgress(stderr, inputSize(args), o.quiet)
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

// ingest reads, codes on o.workers goroutines and writes batches with one
// writer.
// ingestIO is where an ingest reads standard input and reports failed inputs.
type ingestIO struct {
	stdin  io.Reader
	stderr io.Writer
}

func ingest(ctx context.Context, p *pipeline.Pipeline, st store.Store, run int64, o ingestOptions, args []string, rw ingestIO, prog *progress) (ingestStats, error) {
	stdin, stderr := rw.stdin, rw.stderr
	var tot ingestStats
	workers, batch := max(o.workers, 1), max(o.batch, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *extract.Article, 4*workers)
	coded := make(chan store.Article, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for art := range jobs {
				var f store.Features
				doc := p.CodeWith(art, func(toks []arabic.Token, sents []arabic.Span) { f = store.FeaturesOf(toks, sents) })
				coded <- store.NewArticleFeatures(doc, art.PublishedAt, f)
			}
		}()
	}
	var readErr error
	go func() {
		report := func(e *pipeline.ArticleError) error {
			_, err := fmt.Fprintln(stderr, "marsad:", e)
			return err
		}
		tot.failed, readErr = pipeline.ReadArticles(ctx, args, read.Options{Format: read.Format(o.code.input), Stdin: stdin}, report, func(a *extract.Article) error {
			select {
			case jobs <- a:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		close(jobs)
		wg.Wait()
		close(coded)
	}()
	// one writer goroutine, so that coding goes on while a batch is written
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
	pending := make([]store.Article, 0, batch)
	for a := range coded {
		tot.read++
		tot.bytes += int64(a.Bytes)
		prog.add(1, int64(a.Bytes)+int64(len(a.Doc.Title))+64)
		pending = append(pending, a)
		if len(pending) >= batch {
			batches <- pending
			pending = make([]store.Article, 0, batch)
		}
	}
	if ctx.Err() == nil && len(pending) > 0 {
		batches <- pending
	}
	close(batches)
	<-wdone
	switch {
	case writeErr != nil:
		return tot, writeErr
	case readErr != nil && !errors.Is(readErr, context.Canceled):
		return tot, readErr
	}
	return tot, ctx.Err()
}

// isTerminal reports whether the file descriptor is a terminal.
func isTerminal(fd uintptr) bool { return term.IsTerminal(int(fd)) }
