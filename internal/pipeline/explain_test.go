package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func explainPipeline(t *testing.T) *Pipeline {
	t.Helper()
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatalf("DefaultLexicon: %v", err)
	}
	return New(lex)
}

// explainSummary renders the parts of an explanation that depend on the
// pipeline's logic more than on the knowledge base's wording: no file:line
// positions, no surface lists, no English glosses.
func explainSummary(ex *Explanation) string {
	var b strings.Builder
	for i, t := range ex.Tokens {
		fmt.Fprintf(&b, "token %d %s %s %s %s\n", i, t.Text, t.Norm, t.Kind, orDash(strings.Join(t.Segments, " ")))
	}
	for _, s := range ex.Sentences {
		fmt.Fprintf(&b, "sentence %d-%d\n", s.Start, s.End)
		for _, a := range s.Actors {
			fmt.Fprintf(&b, "  actor %d-%d «%s» %s %s\n", a.Start, a.End, a.Text, a.Code, a.Kind)
		}
	}
	for _, m := range ex.Mentions {
		var kinds []string
		for _, e := range m.Entries {
			kinds = append(kinds, e.Kind+":"+e.Code)
		}
		fmt.Fprintf(&b, "mention %d-%d «%s» %s\n", m.Start, m.End, m.Text, strings.Join(kinds, " "))
	}
	for _, t := range ex.Triggers {
		for _, o := range t.Options {
			if o.Status == "chosen" {
				fmt.Fprintf(&b, "trigger %d-%d «%s» %s %s\n", t.Start, t.End, t.Text, o.Code, o.PLOVER)
			}
		}
	}
	for _, e := range ex.Events {
		tgt := "---"
		if e.Target != nil {
			tgt = e.Target.Code
		}
		date := "-"
		if e.Date != nil {
			date = *e.Date
		}
		fmt.Fprintf(&b, "event %s %s %s %s %s\n", e.Source.Code, e.CAMEO, tgt, orDash(strings.Join(e.Modality, ",")), date)
	}
	return b.String()
}

func TestExplainGolden(t *testing.T) {
	p := explainPipeline(t)
	tests := []struct {
		name, text, published string
	}{
		{"visit", "زار الرئيس المصري عبد الفتاح السيسي دمشق أمس.", "2024-03-05"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			art := &extract.Article{Text: tc.text, Published: tc.published, PublishedAt: extract.ParseDate(tc.published)}
			got := explainSummary(p.Explanation(art))
			path := filepath.Join("testdata", "explain_"+tc.name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update to create it): %v", err)
			}
			if got != string(want) {
				t.Errorf("explain summary differs from %s (run go test -run TestExplainGolden -update after checking):\n--- got\n%s--- want\n%s", path, got, want)
			}
		})
	}
}

func TestExplainWrite(t *testing.T) {
	p := explainPipeline(t)
	art := &extract.Article{Text: "زار الرئيس المصري عبد الفتاح السيسي دمشق أمس.", Published: "2024-03-05",
		PublishedAt: extract.ParseDate("2024-03-05")}
	tests := []struct {
		name  string
		write func(*extract.Article, *bytes.Buffer) error
		want  []string
	}{
		{"text", func(a *extract.Article, b *bytes.Buffer) error { return p.Explain(a, b) },
			[]string{"TOKENS (9)", "SENTENCES (1)", "MENTIONS", "ACTORS", "TRIGGERS", "EVENTS", "الرييس", "triggers.tsv:"}},
		{"json", func(a *extract.Article, b *bytes.Buffer) error { return p.ExplainJSON(a, b) },
			[]string{`"tokens"`, `"norm": "الرييس"`, `"events"`, `"at": "triggers.tsv:`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(art, &b); err != nil {
				t.Fatalf("write: %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, b.String())
				}
			}
			if tc.name == "json" {
				var ex Explanation
				if err := json.Unmarshal(b.Bytes(), &ex); err != nil {
					t.Fatalf("output is not JSON: %v", err)
				}
				if len(ex.Tokens) != 9 || len(ex.Sentences) != 1 {
					t.Errorf("decoded %d tokens, %d sentences; want 9, 1", len(ex.Tokens), len(ex.Sentences))
				}
			}
		})
	}
	if err := p.Explain(art, failWriter{}); !errors.Is(err, errFail) {
		t.Errorf("Explain to a failing writer: got %v, want %v", err, errFail)
	}
}

// TestExplainUncoded checks that explain tells why a trigger that was
// taken codes no event.
func TestExplainUncoded(t *testing.T) {
	p := explainPipeline(t)
	tests := []struct{ text, trigger, why string }{
		{"ودان الرئيس اللبناني ميشال عون خطف المواطنين في البقاع.", "خطف", "the object of another event"},
		{"قتل جندي في حادث سير في السعودية.", "قتل", "an accident"},
		{"وتواصل الحكومة الإيرانية الهجوم على الحريات الاجتماعية.", "الهجوم", "figurative"},
	}
	for _, tc := range tests {
		ex := p.Explanation(&extract.Article{Text: tc.text})
		found := false
		for _, tr := range ex.Triggers {
			if tr.Text == tc.trigger {
				found = true
				if !strings.Contains(tr.Uncoded, tc.why) {
					t.Errorf("%q: «%s» uncoded because %q, want %q", tc.text, tc.trigger, tr.Uncoded, tc.why)
				}
			}
		}
		if !found {
			t.Errorf("%q: no trigger «%s»", tc.text, tc.trigger)
		}
	}
	var b bytes.Buffer
	if err := p.Explain(&extract.Article{Text: tests[0].text}, &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "no event: the object of another event") {
		t.Errorf("text output lacks the reason:\n%s", b.String())
	}
}

var errFail = errors.New("disk full")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errFail }

func TestLookup(t *testing.T) {
	p := explainPipeline(t)
	tests := []struct {
		phrase string
		date   string
		want   string // code of the single actor
	}{
		{"عبد الفتاح السيسي", "2013-01-01", "EGYMIL"},
		{"عبد الفتاح السيسي", "2020-01-01", "EGYGOV"},
		{"دمشق", "", "SYRGOV"},
		{"والجيش المصري", "", "EGYMIL"},
	}
	for _, tc := range tests {
		t.Run(tc.phrase+" "+tc.date, func(t *testing.T) {
			var d time.Time
			if tc.date != "" {
				var err error
				if d, err = time.Parse("2006-01-02", tc.date); err != nil {
					t.Fatal(err)
				}
			}
			ex := p.Lookup(tc.phrase, d)
			if len(ex.Sentences) != 1 || len(ex.Sentences[0].Actors) != 1 {
				t.Fatalf("want one sentence with one actor, got %+v", ex.Sentences)
			}
			if got := ex.Sentences[0].Actors[0]; got.Code != tc.want || got.Why == "" {
				t.Errorf("actor %s (why %q), want %s", got.Code, got.Why, tc.want)
			}
			var b bytes.Buffer
			if err := ex.Write(&b); err != nil {
				t.Fatalf("write: %v", err)
			}
			if !strings.Contains(b.String(), tc.want) {
				t.Errorf("printed lookup lacks %s:\n%s", tc.want, b.String())
			}
		})
	}
}
