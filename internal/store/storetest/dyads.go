package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

// DyadPaths is implemented by stores that answer Dyads from a summary
// table when the filter allows it, and from the event table otherwise
// (sqlstore.DB). The suite checks that both give the same answers.
type DyadPaths interface {
	// DyadsFromEvents is Dyads read from the event table, whatever the filter.
	DyadsFromEvents(ctx context.Context, f query.Filter) ([]query.Dyad, error)
	// DyadsFromSums is Dyads read from the summary; ok is false when the
	// filter does not allow it.
	DyadsFromSums(ctx context.Context, f query.Filter) (ds []query.Dyad, ok bool, err error)
}

// DyadCorpus writes, in several batches, articles whose events exercise
// the dyad summary: groups that gain mentions, articles and sources in
// later batches, articles written twice, events with no target, with no
// day, with a day that is not a calendar date, and days on both sides of
// month, quarter and year boundaries; with odd, days that are not
// calendar dates too. Another seed gives other articles whose events fall
// in the same groups.
func DyadCorpus(t *testing.T, s store.Store, seed uint64, odd bool) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	actors := []code.ActorRef{actor("EGYGOV", "EGY", "GOV"), actor("SYRGOV", "SYR", "GOV"), actor("TURMIL", "TUR", "MIL"),
		actor("RUSGOV", "RUS", "GOV"), actor("SYRREB", "SYR", "REB")}
	kinds := []struct {
		cameo, plover string
		quad          int
		goldstein     float64
	}{{"042", "CONSULT", 1, 1.9}, {"043", "CONSULT", 1, 2.8}, {"070", "AID", 2, 7}, {"130", "THREATEN", 3, -4.4},
		{"190", "ASSAULT", 4, -10}, {"010", "STATEMENT", 0, 0}, {"112", "ACCUSE", 3, -2.1}}
	// days around boundaries, a few odd ones, and none
	days := []string{"2019-11-30", "2019-12-01", "2019-12-31", "2020-01-01", "2020-01-15", "2020-01-31", "2020-02-01",
		"2020-02-10", "2020-02-29", "2020-03-01", "2020-03-31", "2020-04-01", "2020-06-30", "2020-07-01", "2020-09-30",
		"2020-10-01", "2020-12-31", "2021-01-01", "2021-02-28", "2021-03-01", ""}
	if odd {
		days = append(days, "2020-02-30", "2020-13-01", "2020-02-1x")
	}
	words := strings.Fields("زار الرئيس وزير الخارجية دمشق القاهرة أنقرة موسكو الجيش القصف المساعدات الاتفاق المفاوضات الحدود اللاجئين العقوبات")
	var all []store.Article
	for b := 0; b < 6; b++ {
		var arts []store.Article
		for i := 0; i < 25; i++ {
			n := len(all) + len(arts)
			var text strings.Builder
			for k := 0; k < 30; k++ {
				text.WriteString(words[r.IntN(len(words))] + " ")
			}
			fmt.Fprintf(&text, "%d %d", seed, n)
			published := "2020-05-05"
			if r.IntN(6) == 0 {
				published = "" // no day: events take their own date or none
			}
			var evs []code.Event
			for k := r.IntN(4); k > 0; k-- {
				kd := kinds[r.IntN(len(kinds))]
				var tgt code.ActorRef
				if r.IntN(5) > 0 {
					tgt = actors[r.IntN(len(actors))]
				}
				e := ev(actors[r.IntN(len(actors))], tgt, kd.cameo, kd.quad, kd.goldstein, kd.plover)
				if d := days[r.IntN(len(days))]; d != "" {
					e.Date = &d
				}
				evs = append(evs, e)
			}
			arts = append(arts, doc(fmt.Sprintf("d%d-%d", seed, n), "O", published, text.String(), evs...))
		}
		if b > 0 { // articles already stored come again
			arts = append(arts, all[r.IntN(len(all))], all[r.IntN(len(all))])
		}
		write(t, s, arts...)
		all = append(all, arts...)
	}
}

// dyadRanges are periods (From, To) that cut whole and partial months,
// quarters and years, with one end or none.
func dyadRanges(r *rand.Rand) [][2]string {
	rs := [][2]string{
		{"", ""}, {"2020-01-01", "2020-12-31"}, {"2020-01-01", "2020-03-31"}, {"2020-02-01", "2020-02-29"},
		{"2020-02-10", "2020-02-20"}, {"2020-01-15", "2020-03-10"}, {"2019-12-15", "2021-01-20"}, {"2019-11-01", "2021-01-31"},
		{"2020-02-15", ""}, {"2020-01-01", ""}, {"2020-03-01", ""}, {"2019-12-31", ""}, {"", "2020-02-29"}, {"", "2020-12-31"},
		{"", "2020-05-17"}, {"", "2019-11-30"}, {"2020-02-28", "2020-03-01"}, {"2020-02-29", "2020-02-29"},
		{"2020-05-01", "2020-04-01"}, {"2020-04-01", "2020-09-30"}, {"2019-12-01", "2020-06-30"}, {"2021-01-01", "2021-12-31"},
		{"2020-13-01", ""}, // not a date: the event table answers
	}
	start := time.Date(2019, 10, 1, 0, 0, 0, 0, time.UTC)
	day := func() string { return start.AddDate(0, 0, r.IntN(560)).Format(query.DateLayout) }
	for range 120 {
		a, b := day(), day()
		switch r.IntN(6) {
		case 0:
			a = ""
		case 1:
			b = ""
		}
		if a > b && b != "" {
			a, b = b, a
		}
		rs = append(rs, [2]string{a, b})
	}
	return rs
}

func testDyadSummary(t *testing.T, s store.Store) {
	if _, ok := s.(DyadPaths); !ok {
		t.Skip("the store has no dyad summary")
	}
	DyadCorpus(t, s, 11, false)
	CheckDyadPaths(t, s)
	DyadCorpus(t, s, 12, true)
	CheckDyadPaths(t, s)
	// the summary holds every deduplicated event and mention once
	ds, err := s.Dyads(context.Background(), query.Filter{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	var events, mentions int
	for _, d := range ds {
		events += d.Events
		mentions += d.Mentions
	}
	if st := stats(t, s); events != st.Events || mentions != st.Mentions {
		t.Fatalf("dyads of all time: %d events, %d mentions; stats %+v", events, mentions, st)
	}
}

// CheckDyadPaths checks that s (a DyadPaths) gives the same dyads from its
// summary and from its event table for many periods, pages and filters
// (Dyads choosing either), and that the summary answers the filters it
// should.
func CheckDyadPaths(t *testing.T, s store.Store) {
	t.Helper()
	p, ok := s.(DyadPaths)
	if !ok {
		t.Fatalf("%T has no dyad summary", s)
	}
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 5))
	var filters []query.Filter
	for i, rg := range dyadRanges(r) {
		f := query.Filter{From: rg[0], To: rg[1], Limit: -1}
		switch i % 4 {
		case 1:
			f.Limit = 3
		case 2:
			f.Limit, f.Offset = 2, 1
		case 3:
			f.Limit = 0 // the default page
		}
		filters = append(filters, f)
	}
	// filters the summary cannot answer
	filters = append(filters, query.Filter{Actor: "SYR", Limit: -1}, query.Filter{Quad: 4, From: "2020-01-01", Limit: -1},
		query.Filter{Modality: "reported", Limit: -1}, query.Filter{Other: "TURMIL", Limit: -1})
	summarised := 0
	for _, f := range filters {
		name := fmt.Sprintf("%+v", f)
		events, err := p.DyadsFromEvents(ctx, f)
		if err != nil {
			t.Fatalf("%s: events: %v", name, err)
		}
		sums, ok, err := p.DyadsFromSums(ctx, f)
		if err != nil {
			t.Fatalf("%s: summary: %v", name, err)
		}
		wantOK := f.Actor == "" && f.Other == "" && f.Quad == 0 && f.Modality == "" && f.From != "2020-13-01"
		if ok != wantOK {
			t.Fatalf("%s: summary used %v, want %v", name, ok, wantOK)
		}
		got, err := s.Dyads(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, events) {
			t.Fatalf("%s: Dyads\n%+v\nevent table\n%+v", name, got, events)
		}
		if !ok {
			continue
		}
		summarised++
		if !reflect.DeepEqual(sums, events) {
			t.Fatalf("%s: summary\n%+v\nevent table\n%+v", name, sums, events)
		}
	}
	if summarised < 100 {
		t.Fatalf("only %d filters answered from the summary", summarised)
	}
}
