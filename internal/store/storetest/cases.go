package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/demo"
	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

func stats(t *testing.T, s store.Store) query.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func events(t *testing.T, s store.Store, f query.Filter) []query.Event {
	t.Helper()
	if err := f.Normalize(); err != nil {
		t.Fatal(err)
	}
	evs, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func testIdempotent(t *testing.T, s store.Store) {
	arts := []store.Article{
		doc("a1", "Outlet A", "2020-01-02", "زار الرئيس المصري دمشق", ev(actor("EGYGOV", "EGY", "GOV"), actor("SYRGOV", "SYR", "GOV"), "042", 1, 1.9, "CONSULT")),
		doc("a2", "Outlet B", "2020-01-03", "نص آخر تماما عن موضوع مختلف في بلد آخر"),
	}
	first := write(t, s, arts...)
	if first.New != 2 || first.Duplicate != 0 || first.Events != 1 {
		t.Fatalf("first write: %+v, want 2 new, 1 event", first)
	}
	again := write(t, s, arts...)
	if again.New != 0 || again.Duplicate != 2 || again.Events != 0 {
		t.Fatalf("second write: %+v, want 0 new, 2 duplicates", again)
	}
	has, err := s.Has(context.Background(), []string{arts[0].Hash, "nope"})
	if err != nil {
		t.Fatal(err)
	}
	if !has[arts[0].Hash] || has["nope"] {
		t.Fatalf("Has: %v", has)
	}
	if st := stats(t, s); st.Articles != 2 || st.Events != 1 || st.Mentions != 1 {
		t.Fatalf("stats after two writes: %+v", st)
	}
}

func testCopyIsOneStory(t *testing.T, s store.Store) {
	arts := CodeTexts(t, string(demo.Seed), CopyOfSeed())
	if arts[0].Hash == arts[1].Hash {
		t.Fatal("the copy has the same content hash: the test proves nothing")
	}
	if len(arts[0].Doc.Events) == 0 {
		t.Fatal("the canonical article has no events")
	}
	write(t, s, arts[0])
	write(t, s, arts[1])
	st := stats(t, s)
	if st.Articles != 2 || st.Stories != 1 {
		t.Fatalf("articles %d stories %d, want 2 articles in 1 story", st.Articles, st.Stories)
	}
	seedOnly := map[string]bool{}
	for _, e := range arts[0].Doc.Events {
		key, _, _ := groupKeyOf(&e, arts[0].Day)
		seedOnly[key] = true
	}
	if st.Events != len(seedOnly) {
		t.Fatalf("%d events, want the canonical article's %d (copies not counted twice)", st.Events, len(seedOnly))
	}
	for _, e := range events(t, s, query.Filter{Limit: -1}) {
		if e.Sources != 1 || e.Articles != 2 {
			t.Errorf("%s→%v %s: sources %d articles %d, want 1 and 2", e.Source.Code, e.Target, e.CAMEO, e.Sources, e.Articles)
		}
	}
}

func groupKeyOf(e *code.Event, articleDay string) (string, string, string) {
	tc := ""
	if e.Target != nil {
		tc = e.Target.Code
	}
	return e.Source.Code + "|" + tc + "|" + e.CAMEO + "|" + store.EventDay(e.Date, articleDay), tc, ""
}

func testIndependentSources(t *testing.T, s store.Store) {
	e := ev(actor("EGYGOV", "EGY", "GOV"), actor("SYRGOV", "SYR", "GOV"), "042", 1, 1.9, "CONSULT")
	write(t, s,
		doc("x1", "A", "2020-05-01", "زار الرئيس المصري دمشق اليوم في زيارة رسمية أولى منذ سنوات طويلة من القطيعة", e),
		doc("x2", "B", "2020-05-01", "وصل رئيس مصر إلى العاصمة السورية في جولة تشمل عدة بلدان عربية ويلتقي خلالها مسؤولين", e, e))
	got := events(t, s, query.Filter{})
	if len(got) != 1 {
		t.Fatalf("%d events, want 1", len(got))
	}
	if g := got[0]; g.Mentions != 3 || g.Articles != 2 || g.Sources != 2 {
		t.Fatalf("mentions %d articles %d sources %d, want 3 2 2", g.Mentions, g.Articles, g.Sources)
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	arts := CodeTexts(t, string(demo.Seed))
	write(t, s, arts...)
	want := map[string]code.Event{}
	for _, e := range arts[0].Doc.Events {
		key, _, _ := groupKeyOf(&e, arts[0].Day)
		if _, ok := want[key]; !ok {
			want[key] = e
		}
	}
	got := events(t, s, query.Filter{Limit: -1})
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d", len(got), len(want))
	}
	for _, g := range got {
		key, _, _ := groupKeyOf(&g.Event, arts[0].Day)
		if w := want[key]; !reflect.DeepEqual(g.Event, w) {
			t.Errorf("event %s:\n got %+v\nwant %+v", key, g.Event, w)
		}
		if g.ArticleID != arts[0].Doc.ID {
			t.Errorf("article id %q, want %q", g.ArticleID, arts[0].Doc.ID)
		}
	}
}
