package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/ner"
	"github.com/marsad/marsad/internal/read"
)

// loadSlice reads the ANT slice shipped in testdata (Apache-2.0, see testdata/NOTICE.md).
func loadSlice(tb testing.TB) []extract.Article {
	tb.Helper()
	f, err := os.Open("../../testdata/ant_slice.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var arts []extract.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a struct{ ID, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		arts = append(arts, extract.Article{ID: a.ID, Title: a.Title, Text: a.Title + "\n\n" + a.Text})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return arts
}

// BenchmarkCode measures analysis, recognition, resolution and coding on
// real news text (without the name tagger), in MB/s of article text.
func BenchmarkCode(b *testing.B) { benchmarkCode(b, false) }

// BenchmarkCodeWithNames is BenchmarkCode with the learned name tagger on.
func BenchmarkCodeWithNames(b *testing.B) { benchmarkCode(b, true) }

func benchmarkCode(b *testing.B, names bool) {
	arts := loadSlice(b)
	lex, err := DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	p := New(lex)
	if names {
		if p.Tagger, err = ner.Default(); err != nil {
			b.Fatal(err)
		}
	}
	size := 0
	for i := range arts {
		size += len(arts[i].Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	events := 0
	for i := 0; i < b.N; i++ {
		for j := range arts {
			events += len(p.Code(&arts[j]).Events)
		}
	}
	if events == 0 {
		b.Fatal("no events coded from a slice of real news: the coder is broken")
	}
	b.ReportMetric(float64(len(arts)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkPipeline measures the whole processing chain on real news, as
// `marsad code --input jsonl` runs it: read JSON Lines, extract, analyse,
// tag names, recognise, resolve, code. MB/s counts the input bytes; the
// one-time loading of the knowledge base and the model is left out (see
// `marsad bench` for the whole process, start-up included).
func BenchmarkPipeline(b *testing.B) {
	data, err := os.ReadFile("../../testdata/ant_slice.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	lex, err := DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	p := New(lex)
	if p.Tagger, err = ner.Default(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	events, articles := 0, 0
	for i := 0; i < b.N; i++ {
		r := read.Open(context.Background(), []string{"-"}, read.Options{Format: read.FormatJSONL, Stdin: bytes.NewReader(data)})
		for {
			doc, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			art, err := extract.Extract(doc, extract.Options{})
			if err != nil {
				b.Fatal(err)
			}
			events += len(p.Code(&art).Events)
			articles++
		}
		if err := r.Close(); err != nil {
			b.Fatal(err)
		}
	}
	if events == 0 {
		b.Fatal("no events coded from a slice of real news: the pipeline is broken")
	}
	b.ReportMetric(float64(articles)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkLongDocument codes one document of 1, 4 and 16 MB: news text
// with its full stops taken out, the worst case of a sentence that never
// ends. Time and memory per byte (ns/op and B/op over SetBytes) stay flat
// from one size to the next when the cost is linear.
func BenchmarkLongDocument(b *testing.B) {
	arts := loadSlice(b)
	var unit []byte
	for i := range arts {
		unit = append(unit, bytes.ReplaceAll([]byte(arts[i].Text), []byte("."), []byte("،"))...)
		unit = append(unit, ' ')
	}
	lex, err := DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	p := New(lex)
	for _, mb := range []int{1, 4, 16} {
		text := bytes.Repeat(unit, mb<<20/len(unit)+1)[:mb<<20]
		text = bytes.ToValidUTF8(text, nil) // the cut may split a letter
		art := extract.Article{ID: "long", Text: string(text)}
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(art.Text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if d := p.Code(&art); len(d.Events) == 0 {
					b.Fatal("no events in a long document of news text")
				}
			}
		})
	}
}
