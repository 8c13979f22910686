package extract

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/marsad/marsad/internal/read"
)

const antJSONL = "../../../shared/data/corpus/ant.jsonl" // ../shared beside the checkout

// BenchmarkReadExtractJSONL reads and extracts the ANT corpus (JSON Lines),
// reporting MB/s of input.
func BenchmarkReadExtractJSONL(b *testing.B) {
	fi, err := os.Stat(antJSONL)
	if err != nil {
		b.Skipf("corpus not present: %v", err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		r := read.Open(context.Background(), []string{antJSONL}, read.Options{})
		n, size := 0, 0
		for {
			doc, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			a, err := Extract(doc, Options{})
			if err != nil {
				continue // a record with neither title nor text
			}
			n++
			size += len(a.Text)
		}
		if n < 10000 || size < int(fi.Size())/2 {
			b.Fatalf("extracted %d articles, %d bytes", n, size)
		}
	}
}

func FuzzExtractText(f *testing.F) {
	f.Add([]byte("عنوان\nالأيام السورية؛ قسم الأخبار\nنص.\nمصدر الشرق الأوسط\nاترك رد\nلن يتم نشر عنوان بريدك الإلكتروني."), "text")
	f.Add([]byte("شارك\n\nاقرأ أيضاً: x\nLeave a reply\n"), "text")
	f.Add([]byte("<html><title>t</title><p>اترك رد</p><p>نص"), "html")
	f.Add([]byte("title\r\nSource: AP\r\n"), "jsonl")
	bp := DefaultBoilerplate()
	f.Fuzz(func(t *testing.T, data []byte, format string) {
		doc := read.RawDoc{URI: "f.txt", Format: read.FormatText, Data: data}
		switch format {
		case "html":
			if len(data) > 4096 {
				return // keep the HTML extractor's share of the fuzzing time small
			}
			doc.Format = read.FormatHTML
		case "jsonl":
			doc.Format = read.FormatJSONL
			doc.Meta = map[string]string{"title": strings.SplitN(string(data), "\n", 2)[0]}
		}
		a, err := Extract(doc, Options{})
		if err != nil && a.Text != "" {
			t.Fatalf("error %v with text %q", err, a.Text)
		}
		if doc.Format == read.FormatJSONL {
			// Meta titles are taken as given: check the body only.
			a.Title = ""
			a.Text = strings.Join(strings.Split(a.Text, "\n\n")[1:], "\n\n")
		}
		checkInvariants(t, a, bp)
	})
}
