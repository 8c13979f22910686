package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/read"
	"github.com/marsad/marsad/internal/store"
)

// codedCorpus codes the JSON Lines corpus of MARSAD_BENCH_CORPUS (the ANT
// corpus, say), else the ANT slice in testdata, as ingest does.
func codedCorpus(b *testing.B) []store.Article {
	b.Helper()
	path := os.Getenv("MARSAD_BENCH_CORPUS")
	if path == "" {
		path = filepath.Join("..", "..", "..", "testdata", "ant_slice.jsonl")
	}
	lex, err := pipeline.DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	p := pipeline.New(lex)
	var out []store.Article
	onErr := func(e *pipeline.ArticleError) error { return e }
	_, err = pipeline.ReadArticles(context.Background(), []string{path}, read.Options{Format: read.FormatJSONL}, onErr, func(a *extract.Article) error {
		var f store.Features
		doc := p.CodeWith(a, func(toks []arabic.Token, sents []arabic.Span) { f = store.FeaturesOf(toks, sents) })
		out = append(out, store.NewArticleFeatures(doc, a.PublishedAt, f))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// BenchmarkWrite measures the store's side of an ingest: writing coded
// articles in batches of 1000 into a new SQLite file.
func BenchmarkWrite(b *testing.B) {
	arts := codedCorpus(b)
	ctx := context.Background()
	dir := b.TempDir()
	i := 0
	cpu0 := cpuTime(b)
	for b.Loop() {
		i++
		s, err := Open(ctx, filepath.Join(dir, strconv.Itoa(i)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		run, err := s.BeginRun(ctx, "bench")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for k := 0; k < len(arts); k += 1000 {
			res, err := s.Write(ctx, run, arts[k:min(k+1000, len(arts))])
			if err != nil {
				b.Fatal(err)
			}
			n += res.New + res.Duplicate
		}
		if n != len(arts) {
			b.Fatalf("%d articles written, want %d", n, len(arts))
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(arts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric((cpuTime(b)-cpu0).Seconds()*1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
