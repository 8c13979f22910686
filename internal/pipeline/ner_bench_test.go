package pipeline

import (
	"testing"

	"github.com/marsad/marsad/internal/ner"
)

// BenchmarkCodeWithNames is BenchmarkCode with the learned name tagger on.
func BenchmarkCodeWithNames(b *testing.B) {
	arts := loadSlice(b)
	lex, err := DefaultLexicon()
	if err != nil {
		b.Fatal(err)
	}
	p := New(lex)
	if p.Tagger, err = ner.Default(); err != nil {
		b.Fatal(err)
	}
	size := 0
	for i := range arts {
		size += len(arts[i].Text)
	}
	b.SetBytes(int64(size))
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
