package read

import (
	"context"
	"errors"
	"io"
	"os"
	"testing"
)

const antJSONL = "../../../shared/data/corpus/ant.jsonl" // ../shared beside the checkout

func BenchmarkReadJSONL(b *testing.B) {
	fi, err := os.Stat(antJSONL)
	if err != nil {
		b.Skipf("corpus not present: %v", err)
	}
	b.SetBytes(fi.Size())
	for b.Loop() {
		r := Open(context.Background(), []string{antJSONL}, Options{})
		n := 0
		for {
			doc, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if doc.ID == "" || len(doc.Data) == 0 && doc.Meta["title"] == "" {
				b.Fatalf("empty document %s", doc.URI)
			}
			n++
		}
		if n != 10161 {
			b.Fatalf("read %d documents, want 10161", n)
		}
	}
}

func BenchmarkReadTREC(b *testing.B) {
	dir := "../../../shared/data/corpus/ant_trec_sample"
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpus not present: %v", err)
	}
	for b.Loop() {
		r := Open(context.Background(), []string{dir}, Options{})
		n, size := 0, 0
		for {
			doc, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
			size += len(doc.Data)
		}
		if n != 200 {
			b.Fatalf("read %d documents, want 200", n)
		}
		b.SetBytes(int64(size))
	}
}
