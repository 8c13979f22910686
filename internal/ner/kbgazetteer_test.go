package ner

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// gazBits returns the gazetteer bits the resources give each token of text.
func gazBits(t *testing.T, res *Resources, text string) []uint64 {
	t.Helper()
	r := res.tables()
	s := &scratch{}
	var toks []string
	for _, tk := range Tokenize(text) {
		toks = append(toks, tk.Text)
	}
	r.prepare(s, toks)
	out := make([]uint64, len(s.info))
	for i := range s.info {
		out[i] = s.info[i].gaz
	}
	return out
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestKBGazetteers(t *testing.T) {
	actors := writeFile(t, "actors.tsv", "# comment\n#surfaces\tcountry\trole\tkind\n"+
		"الأمم المتحدة|منظمة الأمم المتحدة\tIGO\t\tIGO\n"+
		"عبد الفتاح السيسي\tEGY\tGOV\tPERSON\n"+
		"حزب الله\tLBN\tREB\tGROUP\n")
	countries := writeFile(t, "countries.tsv", "#iso3\tnames\tcapitals\tdemonyms\tplurals\tenglish\n"+
		"AFG\tأفغانستان\tكابل\tأفغاني\tالأفغان\tAfghanistan\n")
	triggers := writeFile(t, "triggers.tsv", "#word\ttype\nوزارة\tORG\nكأس\tMISC\n")
	res, err := BuildResources(context.Background(), ResourceOptions{Gazetteers: []GazetteerSource{
		{Kind: kindKBActors, Path: actors},
		{Kind: kindKBCountries, Path: countries},
		{Kind: kindTriggers, Path: triggers},
	}})
	if err != nil {
		t.Fatal(err)
	}
	single := func(typ int) uint64 { return 1 << (typ*4 + 3) }
	tests := []struct {
		text string
		tok  int
		want uint64 // bits that must be set
	}{
		{"قالت الأمم المتحدة", 1, 1 << (gazKBOrg * 4)},         // begins an org phrase
		{"قالت الأمم المتحدة", 2, 1 << (gazKBOrg*4 + 2)},       // ends it
		{"التقى عبد الفتاح السيسي", 2, 1 << (gazKBPers*4 + 1)}, // inside a person
		{"مقاتلو حزب الله", 1, 1 << (gazKBGroup * 4)},
		{"الحكومة الأفغانية", 1, single(gazDemonym)}, // feminine with the article
		{"الجنود الأفغانيين", 1, single(gazDemonym)},
		{"وصل الأفغان", 1, single(gazDemonym)},
		{"في أفغانستان", 1, single(gazCountry)},
		{"من كابل", 1, single(gazCity)},
		{"الوزارة الجديدة", 0, single(gazOrgTrigger)}, // read with the article too
		{"وكأس العالم", 0, single(gazMiscTrigger)},    // and with a proclitic
	}
	for _, tt := range tests {
		got := gazBits(t, res, tt.text)
		if got[tt.tok]&tt.want != tt.want {
			t.Errorf("%q token %d: gazetteer bits %b, want %b set", tt.text, tt.tok, got[tt.tok], tt.want)
		}
	}
	if got := gazBits(t, res, "أفغانستان"); got[0]&single(gazDemonym) != 0 {
		t.Errorf("a country name is marked as a demonym")
	}
}

func TestKBGazetteerErrors(t *testing.T) {
	_, err := BuildResources(context.Background(), ResourceOptions{Gazetteers: []GazetteerSource{
		{Kind: kindKBActors, Path: filepath.Join(t.TempDir(), "missing.tsv")},
	}})
	if err == nil {
		t.Error("a missing kb file gave no error")
	}
}

func TestNisba(t *testing.T) {
	tests := []struct {
		word string
		want uint64
	}{
		{"المصري", 5}, {"المصريه", 4}, {"المصريون", 1}, {"المصريين", 2}, {"مصريات", 3},
		{"علي", 0}, // too short before the ending
		{"دمشق", 0},
	}
	for _, tt := range tests {
		if got := nisba([]byte(tt.word)); got != tt.want {
			t.Errorf("nisba(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

// TestTriggerFeature checks that a word a few tokens after an organisation
// trigger gets features that the same word elsewhere does not.
func TestTriggerFeature(t *testing.T) {
	res := &Resources{}
	for _, w := range withArticle("وزارة") {
		res.addPhrase(w, gazOrgTrigger)
	}
	r := res.tables()
	const mask = 1<<20 - 1
	feats := func(toks []string, i int) map[uint32]bool {
		s := &scratch{}
		r.extract(s, toks, mask)
		m := map[uint32]bool{}
		for _, f := range s.feats[s.off[i]:s.off[i+1]] {
			m[f] = true
		}
		return m
	}
	after := feats([]string{"وزارة", "الشؤون", "الخارجية", "والتعاون"}, 3)
	plain := feats([]string{"كتاب", "الشؤون", "الخارجية", "والتعاون"}, 3)
	extra := 0
	for f := range after {
		if !plain[f] {
			extra++
		}
	}
	// the previous words are the same, so only the trigger features differ
	if extra != 2 {
		t.Errorf("%d features differ after a trigger, want 2 (distance, distance × cluster)", extra)
	}
	far := feats([]string{"وزارة", "a", "b", "c", "d", "e", "f"}, 6)
	farPlain := feats([]string{"كتاب", "a", "b", "c", "d", "e", "f"}, 6)
	for f := range far {
		if !farPlain[f] {
			t.Errorf("a trigger %d words back still gives features", 6)
			break
		}
	}
}
