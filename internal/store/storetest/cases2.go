package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

// corpus is a small store for the query tests: four articles, five events.
func corpus(t *testing.T, s store.Store) {
	egy, syr, tur, rus := actor("EGYGOV", "EGY", "GOV"), actor("SYRGOV", "SYR", "GOV"), actor("TURMIL", "TUR", "MIL"), actor("RUSGOV", "RUS", "GOV")
	visit := ev(egy, syr, "042", 1, 1.9, "CONSULT", "reported", "secret")
	attack := ev(tur, syr, "190", 4, -10, "ASSAULT")
	lat, lon := 36.2, 37.1
	attack.Location = &code.Location{Text: "حلب", Country: "SYR", Lat: &lat, Lon: &lon, Start: 0, End: 6}
	threat := ev(rus, tur, "130", 3, -4.4, "THREATEN", "negated")
	aid := ev(rus, syr, "070", 2, 7, "AID")
	write(t, s,
		doc("q1", "الشرق الأوسط", "2020-01-06", "زار رئيس مصر دمشق سرا والتقى بالسفارة مسؤولين", visit),
		doc("q2", "الأيام السورية", "2020-01-20", "قصفت القوات التركية مواقع في حلب وأصابت مبنى السفارات", attack),
		doc("q3", "الأيام السورية", "2020-02-03", "نفت روسيا أنها هددت تركيا بعقوبات اقتصادية جديدة", threat),
		doc("q4", "الشرق الأوسط", "2020-03-15", "أرسلت روسيا مساعدات إنسانية إلى سوريا عبر مطار حميميم", aid),
	)
}

func testFilters(t *testing.T, s store.Store) {
	corpus(t, s)
	tests := []struct {
		name string
		f    query.Filter
		want []string // source→target codes, in the order returned
	}{
		{"all", query.Filter{}, nil},
		{"country any side", query.Filter{Actor: "SYR"}, []string{"EGYGOV>SYRGOV", "RUSGOV>SYRGOV", "TURMIL>SYRGOV"}},
		{"country as source", query.Filter{Actor: "RUS", Side: query.SideSource}, []string{"RUSGOV>SYRGOV", "RUSGOV>TURMIL"}},
		{"code as target", query.Filter{Actor: "TURMIL", Side: query.SideTarget}, []string{"RUSGOV>TURMIL"}},
		{"pair", query.Filter{Actor: "SYR", Other: "TUR"}, []string{"TURMIL>SYRGOV"}},
		{"cameo root", query.Filter{CAMEO: "04"}, []string{"EGYGOV>SYRGOV"}},
		{"cameo code", query.Filter{CAMEO: "190"}, []string{"TURMIL>SYRGOV"}},
		{"plover", query.Filter{Plover: "aid"}, []string{"RUSGOV>SYRGOV"}},
		{"quad", query.Filter{Quad: 3}, []string{"RUSGOV>TURMIL"}},
		{"period", query.Filter{From: "2020-01-10", To: "2020-02-28"}, []string{"RUSGOV>TURMIL", "TURMIL>SYRGOV"}},
		{"country and period", query.Filter{Actor: "SYR", From: "2020-01-01", To: "2020-01-31"}, []string{"EGYGOV>SYRGOV", "TURMIL>SYRGOV"}},
		{"modality", query.Filter{Modality: "secret"}, []string{"EGYGOV>SYRGOV"}},
		{"asserted", query.Filter{Modality: "asserted"}, []string{"EGYGOV>SYRGOV", "RUSGOV>SYRGOV", "TURMIL>SYRGOV"}},
		{"place name", query.Filter{Place: "حلب"}, []string{"TURMIL>SYRGOV"}},
		{"place country", query.Filter{Place: "syr"}, []string{"TURMIL>SYRGOV"}},
		{"outlet", query.Filter{Outlet: "الشرق الأوسط"}, []string{"EGYGOV>SYRGOV", "RUSGOV>SYRGOV"}},
		{"text on stems", query.Filter{Text: "السفارة"}, []string{"EGYGOV>SYRGOV", "TURMIL>SYRGOV"}},
		{"limit offset", query.Filter{Actor: "SYR", Limit: 1, Offset: 1}, nil},
	}
	all := 4
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := events(t, s, tt.f)
			var pairs []string
			for _, e := range got {
				tc := ""
				if e.Target != nil {
					tc = e.Target.Code
				}
				pairs = append(pairs, e.Source.Code+">"+tc)
			}
			switch tt.name {
			case "all":
				if len(got) != all {
					t.Fatalf("%d events, want %d", len(got), all)
				}
				return
			case "limit offset":
				if len(got) != 1 {
					t.Fatalf("%d events, want 1", len(got))
				}
				return
			}
			sortStrings(pairs)
			if strings.Join(pairs, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("got %v, want %v", pairs, tt.want)
			}
		})
	}
}

func sortStrings(ss []string) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && ss[j] < ss[j-1]; j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

func testSearch(t *testing.T, s store.Store) {
	corpus(t, s)
	tests := []struct {
		query string
		want  []string // article ids, sorted
	}{
		{"السفارة", []string{"q1", "q2"}},
		{"سفارات", []string{"q1", "q2"}},
		{"روسيا", []string{"q3", "q4"}},
		{"روسيا تركيا", []string{"q3"}},
		{"غير موجود", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := s.Search(context.Background(), query.Filter{Text: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range hits {
				ids = append(ids, h.ArticleID)
				if h.Snippet == "" {
					t.Errorf("%s: empty snippet", h.ArticleID)
				}
			}
			sortStrings(ids)
			if strings.Join(ids, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("got %v, want %v", ids, tt.want)
			}
		})
	}
}

func testAggregates(t *testing.T, s store.Store) {
	corpus(t, s)
	ctx := context.Background()
	dy, err := s.Dyads(ctx, query.Filter{Actor: "RUS", Side: query.SideSource})
	if err != nil {
		t.Fatal(err)
	}
	if len(dy) != 2 {
		t.Fatalf("dyads %+v, want 2", dy)
	}
	for _, d := range dy {
		switch d.Target {
		case "SYRGOV":
			if d.Cooperation != 1 || d.Conflict != 0 || d.Balance != 1 || d.MeanGoldstein != 7 {
				t.Errorf("RUS→SYR %+v", d)
			}
		case "TURMIL":
			if d.Conflict != 1 || d.Balance != -1 {
				t.Errorf("RUS→TUR %+v", d)
			}
		default:
			t.Errorf("unexpected dyad %+v", d)
		}
	}
	f := query.Filter{Actor: "SYR", Interval: query.Month}
	tl, err := s.Timeline(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	want := []query.Bucket{
		{Period: "2020-01-01", Quad: [4]int{1, 0, 0, 1}, Total: 2},
		{Period: "2020-03-01", Quad: [4]int{0, 1, 0, 0}, Total: 1},
	}
	if len(tl) != len(want) || tl[0] != want[0] || tl[1] != want[1] {
		t.Fatalf("timeline %+v, want %+v", tl, want)
	}
	tl, err = s.Timeline(ctx, query.Filter{Interval: query.Week})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl) != 4 || tl[0].Period != "2020-01-06" || tl[3].Period != "2020-03-09" {
		t.Fatalf("weekly timeline %+v", tl)
	}
	acts, err := s.Actors(ctx, query.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 4 || acts[0].Code != "SYRGOV" || acts[0].Events != 3 || acts[0].Country != "SYR" {
		t.Fatalf("actors %+v", acts)
	}
	places, err := s.Places(ctx, query.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(places) != 1 || places[0].Text != "حلب" || places[0].Lat == nil || *places[0].Lat != 36.2 {
		t.Fatalf("places %+v", places)
	}
	net, err := s.Network(ctx, query.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(net.Edges) != 4 || len(net.Nodes) != 4 {
		t.Fatalf("network %+v", net)
	}
}

func testRuns(t *testing.T, s store.Store) {
	corpus(t, s)
	ctx := context.Background()
	runs, err := s.Runs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].New != 4 || runs[0].Events != 4 || runs[0].Finished.IsZero() {
		t.Fatalf("runs %+v", runs)
	}
	st := stats(t, s)
	want := query.Stats{Articles: 4, Stories: 4, Events: 4, Mentions: 4, Actors: 4, Places: 1, Runs: 1}
	if st != want {
		t.Fatalf("stats %+v, want %+v", st, want)
	}
}
