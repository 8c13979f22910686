package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/marsad/marsad/internal/fetch"
	"github.com/marsad/marsad/internal/read"
)

// inputPlan is what the progress bar of an ingest measures: the bytes of
// every input file and, for a file of several records (JSON Lines lines,
// TREC records), how many records it has, so that the bar stands at the
// right place after each record and at 100% after the last one.
type inputPlan struct {
	size    map[string]int64 // bytes by path
	records map[string]int   // records by path, for files of several records
	total   int64            // bytes of all inputs; -1 when standard input is read
}

// planInputs sizes the inputs: regular files, the files under
// directories, and standard input ("-" or none), whose size is unknown.
// Records are counted for JSON Lines and TREC files (by --input, else by
// extension or first bytes), one quick pass over each.
func planInputs(args []string, format string) inputPlan {
	pl := inputPlan{size: map[string]int64{}, records: map[string]int{}}
	if len(args) == 0 {
		pl.total = -1
		return pl
	}
	add := func(path string, size int64) {
		if _, dup := pl.size[path]; dup {
			return
		}
		pl.size[path] = size
		pl.total += size
		if n := countRecords(path, format); n > 0 {
			pl.records[path] = n
		}
	}
	for _, a := range args {
		if a == "-" || fetch.IsURL(a) {
			pl.total = -1 // a stream, a page: size unknown
			return pl
		}
		fi, err := os.Stat(a)
		switch {
		case err != nil: // reported by the reader
		case fi.Mode().IsRegular():
			add(a, fi.Size())
		case fi.IsDir():
			filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
				if err == nil && d.Type().IsRegular() {
					if info, err := d.Info(); err == nil {
						add(path, info.Size())
					}
				}
				return nil // unreadable parts are the reader's to report
			})
		}
	}
	return pl
}

// countRecords returns the records of a JSON Lines file (its lines, as the
// reader numbers them) or of a TREC file (its <DOC> tags); 0 for a file of
// one document.
func countRecords(path, format string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	head, _ := r.Peek(512)
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	ext := strings.ToLower(filepath.Ext(path))
	var sep []byte
	switch {
	case read.Format(format) == read.FormatJSONL,
		read.Format(format) == read.FormatAuto && (ext == ".jsonl" || ext == ".ndjson" || bytes.HasPrefix(head, []byte("{"))):
		sep = []byte("\n")
	case read.Format(format) == read.FormatTREC,
		read.Format(format) == read.FormatAuto && bytes.HasPrefix(head, []byte("<DOC")):
		sep = []byte("<DOC>")
	default:
		return 0
	}
	n, last := 0, byte('\n')
	buf := make([]byte, 1<<16)
	carry := 0 // bytes kept from the last read, for a separator cut in two
	for {
		k, err := io.ReadFull(r, buf[carry:])
		k += carry
		if k > 0 {
			chunk := buf[:k]
			n += bytes.Count(chunk, sep)
			last = chunk[k-1]
			carry = 0
			if len(sep) > 1 {
				// keep a tail shorter than sep (it holds no whole separator)
				carry = copy(buf, chunk[k-len(sep)+1:])
			}
		}
		if err != nil {
			break
		}
	}
	if len(sep) == 1 && last != '\n' {
		n++ // a last line with no newline
	}
	return n
}

// progress draws the bar of an ingest, when there is one. It is safe for
// concurrent use (failed inputs are reported from the reading goroutine).
type progress struct {
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	plan  inputPlan
	at    map[string]int64 // bytes of each input done so far
	pos   int64            // sum of at (or text bytes, when the total is unknown)
	start time.Time
	n     int
}

// newProgress draws a bar on stderr when it is a terminal and not quiet.
func newProgress(stderr io.Writer, plan inputPlan, quiet bool) *progress {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !isTerminal(f.Fd()) {
		return &progress{}
	}
	return newProgressBar(stderr, plan)
}

// newProgressBar draws the bar on w.
func newProgressBar(w io.Writer, plan inputPlan) *progress {
	p := &progress{plan: plan, at: map[string]int64{}, start: time.Now()}
	p.bar = progressbar.NewOptions64(plan.total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetDescription("coding"))
	return p
}

// done moves the bar past the article (or failed input) read from uri
// ("path", or "path#N" for the Nth record of a file), of textBytes bytes of
// text.
func (p *progress) done(uri string, textBytes int) {
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	if p.plan.total < 0 {
		p.pos += int64(textBytes)
	} else {
		path, rec := uri, 0
		if i := strings.LastIndexByte(uri, '#'); i >= 0 {
			if n, err := strconv.Atoi(uri[i+1:]); err == nil {
				path, rec = uri[:i], n
			}
		}
		if size, ok := p.plan.size[path]; ok {
			at := size
			if r := p.plan.records[path]; r > 0 && rec > 0 {
				at = size * int64(min(rec, r)) / int64(r)
			}
			if at > p.at[path] {
				p.pos += at - p.at[path]
				p.at[path] = at
			}
		}
	}
	el := max(time.Since(p.start).Seconds(), 1e-3)
	p.bar.Describe(fmt.Sprintf("%d articles, %.0f/s", p.n, float64(p.n)/el))
	p.bar.Set64(p.pos)
}

// percent is how far the bar stands, 0 to 1 (0 with no bar).
func (p *progress) percent() float64 {
	if p.bar == nil {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.bar.State().CurrentPercent
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
