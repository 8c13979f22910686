package kb_test

import (
	"testing"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	kbfiles "github.com/marsad/marsad/kb"
)

// BenchmarkLoadCompile measures the start-up cost of the shipped knowledge
// base: reading and checking its files, then compiling the lexicon.
func BenchmarkLoadCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		k, err := kb.Load(kbfiles.FS)
		if err != nil {
			b.Fatal(err)
		}
		kb.Compile(k)
	}
}

// BenchmarkLoad measures reading and checking the shipped knowledge base.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := kb.Load(kbfiles.FS); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompile measures compiling the shipped knowledge base.
func BenchmarkCompile(b *testing.B) {
	k, err := kb.Load(kbfiles.FS)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		kb.Compile(k)
	}
}

// BenchmarkLoadCompilePlaces is BenchmarkLoadCompile with the names of
// places compiled too, as the first place lookup does.
func BenchmarkLoadCompilePlaces(b *testing.B) {
	toks := arabic.Tokenize(nil, "حلب")
	var scratch [4]arabic.Analysis
	b.ReportAllocs()
	for b.Loop() {
		k, err := kb.Load(kbfiles.FS)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok := kb.Compile(k).PlaceAt(toks, 0, scratch[:0]); !ok {
			b.Fatal("no Aleppo")
		}
	}
}
