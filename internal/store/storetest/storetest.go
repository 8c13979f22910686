// Package storetest is the conformance suite every Store implementation
// must pass: Run it from the implementation's tests with a factory that
// returns a fresh, empty store.
package storetest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/demo"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/read"
	"github.com/marsad/marsad/internal/store"
)

// Factory returns a new empty store; the suite closes it.
type Factory func(t *testing.T) store.Store

// Run runs the conformance suite against stores made by newStore.
func Run(t *testing.T, newStore Factory) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"idempotent writes", testIdempotent},
		{"republished copy is one story", testCopyIsOneStory},
		{"independent sources", testIndependentSources},
		{"event round trip", testRoundTrip},
		{"event filters", testFilters},
		{"full text on stems", testSearch},
		{"dyads timeline actors places network", testAggregates},
		{"runs and stats", testRuns},
		{"dyad summary equals event table", testDyadSummary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			defer func() {
				if err := s.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			}()
			tt.fn(t, s)
		})
	}
}

// CopyOfSeed is the canonical article republished by another outlet: the
// same body with another source line, a dateline before the first
// paragraph, an editor's closing paragraph and another footer.
func CopyOfSeed() string {
	s := strings.Replace(string(demo.Seed), "الأيام السورية؛ قسم الأخبار", "وكالة الأنباء العربية – خاص", 1)
	s = strings.Replace(s, "\nترافقت زيارة سرية", "\nبيروت – النهار: ترافقت زيارة سرية", 1)
	s = strings.Replace(s, "مصدر الشرق الأوسط\nاترك رد", "وكانت الصحيفة قد نشرت تقارير مماثلة في الأسابيع الماضية عن العلاقات بين البلدين.\n\nمصدر الشرق الأوسط\nشارك هذا الخبر على فيسبوك وتويتر", 1)
	return s
}

// CodeTexts codes texts as plain-text articles with Marsad's pipeline.
func CodeTexts(t testing.TB, texts ...string) []store.Article {
	t.Helper()
	lex, err := pipeline.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline.New(lex)
	dir := t.TempDir()
	var files []string
	for i, s := range texts {
		f := filepath.Join(dir, string(rune('a'+i))+".txt")
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	var out []store.Article
	onErr := func(e *pipeline.ArticleError) error { return e }
	_, err = pipeline.ReadArticles(context.Background(), files, read.Options{Format: read.FormatText}, onErr, func(a *extract.Article) error {
		out = append(out, store.NewArticle(p.Code(a), a.PublishedAt))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, s store.Store, arts ...store.Article) store.WriteResult {
	t.Helper()
	ctx := context.Background()
	run, err := s.BeginRun(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Write(ctx, run, arts)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, store.Run{ID: run, New: res.New, Duplicate: res.Duplicate, Events: res.Events}); err != nil {
		t.Fatal(err)
	}
	return res
}

// doc builds a synthetic article with events.
func doc(id, outlet, published, text string, events ...code.Event) store.Article {
	d := pipeline.Doc{ID: id, Title: id, Published: published, Outlet: outlet, Text: text, Entities: []pipeline.Entity{}, Events: events}
	if d.Events == nil {
		d.Events = []code.Event{}
	}
	a := store.NewArticle(d, parseDay(published))
	return a
}

func actor(c, country, role string) code.ActorRef {
	return code.ActorRef{Text: c, Code: c, Country: country, Role: role, Start: 0, End: 6}
}

func parseDay(published string) time.Time {
	t, err := time.Parse(query.DateLayout, published)
	if err != nil {
		return time.Time{}
	}
	return t
}

func ev(src, tgt code.ActorRef, cameo string, quad int, g float64, plover string, modality ...string) code.Event {
	e := code.Event{Source: src, CAMEO: cameo, Root: cameo[:2], Quad: quad, Goldstein: g, Plover: code.Plover{Category: plover},
		Modality: modality, Trigger: code.Span{Text: "زار", Start: 0, End: 6}, Evidence: code.Span{Text: "زار", Start: 0, End: 6}, Confidence: 0.8}
	if e.Modality == nil {
		e.Modality = []string{}
	}
	if tgt.Code != "" {
		t := tgt
		e.Target = &t
	}
	return e
}
