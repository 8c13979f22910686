package kbbuild

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "..", "testdata", "kbbuild"}, parts...)...)
}

func TestBuildPlacesFixture(t *testing.T) {
	in := DefaultPlacesInput(fixture("places"))
	places, st, err := BuildPlaces(in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Place{}
	for _, p := range places {
		if _, dup := got[Normalize(p.Name)]; dup {
			t.Errorf("duplicate normalised name %q", p.Name)
		}
		got[Normalize(p.Name)] = p
	}
	want := map[string]struct{ country, kind string }{
		"سوريا": {"SYR", "country"},
		"دمشق":  {"SYR", "capital"},
		"بيروت": {"LBN", "capital"},
		"حلب":   {"SYR", "city"},
		"حمص":   {"SYR", "state"},
		"ادلب":  {"SYR", "state"},
		"ليون":  {"FRA", "city"}, // bracketed gloss removed
	}
	for n, w := range want {
		p, ok := got[n]
		if !ok {
			t.Errorf("%s missing", n)
			continue
		}
		if p.Country != w.country || p.Kind != w.kind {
			t.Errorf("%s = %s %s, want %s %s", n, p.Country, p.Kind, w.country, w.kind)
		}
	}
	// Tripoli: Libya's capital is named "Tripolis" in countries_ar.tsv but "Tripolis"
	// also in cities_ar.tsv here, so it is the capital and wins over the Lebanese city.
	if p := got["طرابلس"]; p.Country != "LBY" || p.Kind != "capital" {
		t.Errorf("طرابلس = %+v, want LBY capital", p)
	}
	if _, ok := got["في"]; ok {
		t.Error("stop word kept as a place")
	}
	if _, ok := got["باريس"]; ok {
		t.Error("non-Arab state kept from states.csv")
	}
	if st.Homonyms != 2 { // طرابلس (LBN) and حمص (city row and state row)
		t.Errorf("homonyms = %d, want 2", st.Homonyms)
	}
	if p := got["دمشق"]; p.Lat != 33.5102 || p.Lon != 36.2913 {
		t.Errorf("دمشق coordinates not rounded to 4 decimals: %v %v", p.Lat, p.Lon)
	}
	var a, b bytes.Buffer
	if err := WritePlaces(&a, places, st); err != nil {
		t.Fatal(err)
	}
	places2, st2, _ := BuildPlaces(in)
	WritePlaces(&b, places2, st2)
	if a.String() != b.String() {
		t.Error("build is not deterministic")
	}
	for _, line := range strings.Split(strings.TrimSpace(a.String()), "\n") {
		if !strings.HasPrefix(line, "#") && strings.Count(line, "\t") != 5 {
			t.Errorf("bad line %q", line)
		}
	}
}

func TestBuildActorsFixture(t *testing.T) {
	in := ActorsInput{
		Petrarch:  fixture("actors", "actor_dict.txt"),
		Countries: fixture("actors", "countries.tsv"),
		Roles:     fixture("actors", "roles.tsv"),
		Curated:   []string{fixture("actors", "actors.tsv")},
	}
	rows, st, err := BuildActors(in)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ActorRow{}
	for _, r := range rows {
		got[r.Surfaces[0]] = r
	}
	if r, ok := got["خالد مشعل"]; !ok || r.Country != "PSE" || r.Role != "REB" || r.From != "1996-01-01" || r.To != "2017-05-06" {
		t.Errorf("خالد مشعل = %+v", r)
	}
	if r, ok := got["حسن الترابي"]; !ok || r.From != "" || r.To != "" {
		t.Errorf("حسن الترابي: reversed PETRARCH dates must become open-ended, got %+v", r)
	}
	if r, ok := got["ألف عمر كوناري"]; !ok || r.Country != "IGO" {
		t.Errorf("ألف عمر كوناري: most recent code must win, got %+v", r)
	}
	for _, bad := range []string{"مصري", "جيش إسرائيلي", "شرطة بريطاني", "وزير خارجية فرنسي", "أبو بكر البغدادي", "ل أمة المتحدة", "اسلام آباد"} {
		if _, ok := got[bad]; ok {
			t.Errorf("%q should have been dropped", bad)
		}
	}
	if st.Reasons["single word"] != 1 || st.Reasons["already curated"] != 1 || st.Reasons["place name"] != 1 {
		t.Errorf("reasons = %v", st.Reasons)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"أميركي": "اميركي", "سورية": "سوريه", "مصطفى": "مصطفي", "إدلـب": "ادلب", "مُؤْتَمَر": "موتمر"} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
