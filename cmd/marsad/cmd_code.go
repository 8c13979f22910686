package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/ner"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/read"
)

// codeOptions are the flags of `marsad code`.
type codeOptions struct {
	input   string  // auto, text, html, jsonl, trec
	format  string  // jsonl or pretty
	noText  bool    // omit the text field
	kbDir   string  // knowledge base directory overriding the embedded one
	noNER   bool    // do not run the learned tagger
	minConf float64 // drop events below this confidence
	workers int     // articles coded in parallel (code, ingest)
	fetch   fetchOptions
}

// addFlags adds the flags of every command that codes: --kb and --no-ner.
func (o *codeOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.kbDir, "kb", "", "read the knowledge base from this directory instead of the embedded one")
	f.BoolVar(&o.noNER, "no-ner", false, "do not use the learned name tagger")
}

// addInputFlag adds --input, and the flags of URL and feed inputs, for
// the commands that read articles.
func (o *codeOptions) addInputFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.input, "input", "auto", "input format: auto, text, html, jsonl, trec or warc")
	o.fetch.addFlags(cmd)
}

// addWorkersFlag adds --workers, for the commands that code on all cores.
func (o *codeOptions) addWorkersFlag(cmd *cobra.Command) {
	cmd.Flags().IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "articles coded in parallel (default: all cores)")
}

// checkInput rejects an unknown --input before anything is loaded.
func checkInput(format string) error {
	switch read.Format(format) {
	case read.FormatAuto, read.FormatText, read.FormatHTML, read.FormatJSONL, read.FormatTREC, read.FormatWARC:
		return nil
	}
	return &exitError{2, fmt.Errorf("unknown --input %q: want auto, text, html, jsonl, trec or warc", format)}
}

// checkInputs is checkInput and the fetch flags' check.
func (o codeOptions) checkInputs() error {
	if err := checkInput(o.input); err != nil {
		return err
	}
	return o.fetch.check()
}

func newCodeCommand() *cobra.Command {
	var o codeOptions
	cmd := &cobra.Command{
		Use:   "code [FILE|DIR|URL|-]...",
		Short: "Code Arabic news articles into events (JSON Lines, one object per article)",
		Long: `Code reads articles (plain text, HTML, JSON Lines or TREC XML; files, directories,
or standard input when no FILE or "-" is given) and writes one JSON object per
article: id, title, published, outlet, attribution, text, entities and events,
each event with source, target, CAMEO and PLOVER codes, modality, location,
date, trigger and evidence spans (byte offsets into "text").

Web inputs:
  URL             an argument starting with http:// or https:// is fetched: one page
  --feed URL      an RSS or Atom feed: each item's page, with the item's title
                  and date where the page has none
  FILE.warc[.gz]  a WARC file (or any input with --input warc): each 2xx HTML or
                  text HTTP response record, named by its target URI
Fetching honours robots.txt (user agent "Marsad"), waits --per-host-delay
between two requests to a host, follows at most 5 redirects, reads at most
16 MiB of a body and gives up after --fetch-timeout. Only http and https are
fetched, and never from a loopback, private, link-local, CGNAT, multicast or
other non-public address (checked on the resolved address when connecting,
and after every redirect) unless --allow-private.

An input that cannot be read, fetched or coded gets one error line on
standard error naming it (the file, or the URL); the others are still coded.
Exit status is 1 when any input failed.

Articles are coded on --workers cores at once (all by default); the output
is in input order and the same, byte for byte, whatever the number.`,
		Example: `  marsad code article.txt
  marsad code --input jsonl < articles.jsonl > events.jsonl
  marsad code --format pretty ../shared/seeds/000_d61fa5c1789e1101.txt
  marsad code https://example.com/news/article.html
  marsad code --feed https://example.com/rss.xml > events.jsonl
  marsad code crawl.warc.gz`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCode(cmd.Context(), o, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd)
	o.addInputFlag(cmd)
	o.addWorkersFlag(cmd)
	cmd.Flags().StringVar(&o.format, "format", "jsonl", "output format: jsonl or pretty (a readable table)")
	cmd.Flags().BoolVar(&o.noText, "no-text", false, "omit the article text from the output")
	cmd.Flags().Float64Var(&o.minConf, "min-confidence", 0, "drop events below this confidence (0.5 keeps the events whose source and needed target are known)")
	return cmd
}

// newPipeline builds the pipeline the options ask for.
func newPipeline(o codeOptions) (*pipeline.Pipeline, error) {
	lex, err := pipeline.DefaultLexicon()
	if o.kbDir != "" {
		if lex, err = pipeline.LoadLexicon(os.DirFS(o.kbDir)); err != nil {
			return nil, &exitError{2, fmt.Errorf("--kb %s: %w (see marsad kb lint --kb %s)", o.kbDir, err, o.kbDir)}
		}
	}
	if err != nil {
		return nil, err
	}
	p := pipeline.New(lex)
	if !o.noNER {
		t, err := ner.Default() // used in place from the binary: microseconds
		if err != nil {
			return nil, err
		}
		p.Tagger = t
	}
	return p, nil
}

// forEachArticle reads inputs and calls fn for every article
// (pipeline.ReadArticles); it reports unreadable inputs, and the articles
// for which fn returns a *pipeline.ArticleError, on errw and returns
// errPartial (exit status 1) if any.
func forEachArticle(ctx context.Context, inputs []string, ropts read.Options, errw io.Writer, fn func(*extract.Article) error) error {
	report := func(e *pipeline.ArticleError) error {
		_, err := fmt.Fprintln(errw, "marsad:", e)
		return err
	}
	uncoded := 0 // articles fn reported as failed
	each := func(a *extract.Article) error {
		err := fn(a)
		var ae *pipeline.ArticleError
		if errors.As(err, &ae) {
			uncoded++
			return report(ae)
		}
		return err
	}
	failed, err := pipeline.ReadArticles(ctx, inputs, ropts, report, each)
	if err != nil {
		return err
	}
	if failed += uncoded; failed > 0 {
		fmt.Fprintf(errw, "marsad: %d input(s) failed\n", failed)
		return &exitError{1, errPartial}
	}
	return nil
}

func runCode(ctx context.Context, o codeOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if o.format != "jsonl" && o.format != "pretty" {
		return &exitError{2, fmt.Errorf("unknown --format %q: want jsonl or pretty", o.format)}
	}
	if err := o.checkInputs(); err != nil {
		return err
	}
	if err := checkConfidence("min-confidence", o.minConf); err != nil {
		return err
	}
	if err := checkWorkers(o.workers); err != nil {
		return err
	}
	p, err := newPipeline(o)
	if err != nil {
		return err
	}
	w := newLineWriter(stdout)
	// each worker codes an article and encodes its output; the lines are
	// written in input order
	type coded struct {
		line []byte
		err  *pipeline.ArticleError
	}
	work := func(art *extract.Article) coded {
		doc, err := p.CodeWithin(ctx, art, pipeline.Budget{}, nil)
		if err != nil {
			return coded{err: &pipeline.ArticleError{URI: art.URI, Err: err}}
		}
		if o.noText {
			doc.Text = ""
		}
		if o.minConf > 0 {
			doc.Events = selectEvents(doc.Events, o.minConf, nil)
		}
		if o.format == "pretty" {
			var b bytes.Buffer
			_ = writePretty(&b, &doc) // writing to a bytes.Buffer does not fail
			return coded{line: b.Bytes()}
		}
		return coded{line: doc.AppendJSON(nil)}
	}
	uncoded := 0
	emit := func(c coded) error {
		if c.err != nil {
			if ctx.Err() != nil {
				return c.err
			}
			uncoded++
			_, err := fmt.Fprintln(stderr, "marsad:", c.err)
			return err
		}
		_, err := w.Write(c.line)
		return err
	}
	err = pipeline.Ordered(ctx, o.workers, func(send func(*extract.Article) error) error {
		return forEachArticle(ctx, args, o.readOptions(stdin), stderr, send)
	}, work, emit)
	// what is written is whole lines, also after a signal: flush it
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err == nil && uncoded > 0 {
		fmt.Fprintf(stderr, "marsad: %d article(s) could not be coded\n", uncoded)
		return &exitError{1, errPartial}
	}
	return err
}

// lineWriter buffers whole output lines and flushes them when they have
// waited flushEvery: a reader at the other end of a pipe gets every line
// within flushEvery of it being coded, however slow the next article is.
// It is safe for the one writer and its own timer.
type lineWriter struct {
	mu    sync.Mutex
	w     *bufio.Writer
	timer *time.Timer // armed while lines wait
	err   error       // of a flush by the timer
}

// flushEvery is the longest a coded line waits in the buffer.
const flushEvery = 200 * time.Millisecond

func newLineWriter(w io.Writer) *lineWriter {
	return &lineWriter{w: bufio.NewWriterSize(w, 1<<16)}
}

// Write buffers one or more whole lines.
func (l *lineWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.w.Write(b)
	if l.w.Buffered() > 0 && l.timer == nil {
		l.timer = time.AfterFunc(flushEvery, func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			l.timer = nil
			if l.err == nil {
				l.err = l.w.Flush()
			}
		})
	}
	return n, err
}

// Flush writes what is buffered and stops the timer.
func (l *lineWriter) Flush() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	if l.err != nil {
		return l.err
	}
	return l.w.Flush()
}

// writePretty prints a coded article as a readable table.
func writePretty(w io.Writer, d *pipeline.Doc) error {
	fmt.Fprintf(w, "# %s  %s\n", d.ID, d.Title)
	if d.Outlet != "" || d.Attribution != "" || d.Published != "" {
		fmt.Fprintf(w, "  outlet: %s  attribution: %s  published: %s\n", d.Outlet, d.Attribution, d.Published)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tCODE\tEVENT\tTARGET\tCODE\tPLOVER\tMODALITY\tWHERE\tWHEN\tCONF")
	for _, e := range d.Events {
		tgt, tcode := "—", "---"
		if e.Target != nil {
			tgt, tcode = e.Target.Text, e.Target.Code
		}
		where, when := "", ""
		if e.Location != nil {
			where = e.Location.Text
		}
		if e.Date != nil {
			when = *e.Date
		}
		pl := e.Plover.Category
		if e.Plover.Mode != "" {
			pl += ":" + e.Plover.Mode
		}
		fmt.Fprintf(tw, "%s\t%s\t%s %s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\n", short(e.Source.Text, 40), e.Source.Code,
			e.CAMEO, e.Trigger.Text, short(tgt, 40), tcode, pl, strings.Join(e.Modality, ","), where, when, e.Confidence)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

func short(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return string(r)
}
