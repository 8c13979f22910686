package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/marsad/marsad/internal/demo"
)

// windows1256Page is an Arabic news page as an old CMS would serve it.
const windows1256Page = `<!DOCTYPE html>
<html dir="rtl" lang="ar">
<head>
<meta charset="windows-1256">
<title>السيسي في دمشق</title>
</head>
<body>
<article>
<h1>السيسي في دمشق</h1>
<p>` + sisiSentence + `</p>
<p>وقال مصدر رسمي إن الزيارة تناولت العلاقات الثنائية بين البلدين.</p>
</article>
</body>
</html>
`

// batchDir writes three bad inputs and two good ones into a fresh directory.
// The names sort in the order listed.
func batchDir(t *testing.T) (dir string, bad, good []string) {
	t.Helper()
	dir = t.TempDir()
	page, err := charmap.Windows1256.NewEncoder().Bytes([]byte(windows1256Page))
	if err != nil {
		t.Fatalf("encode windows-1256: %v", err)
	}
	if !strings.Contains(string(page), "charset=\"windows-1256\"") || strings.Contains(string(page), "دمشق") {
		t.Fatal("the page is not Windows-1256 encoded")
	}
	bad = []string{
		writeFile(t, dir, "a_binary.dat", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00 binary")),
		writeFile(t, dir, "b_empty.txt", nil),
		// Invalid UTF-8 that is no Arabic charset either: Latin-1 accents,
		// C1 controls and stray high bytes among Latin words.
		writeFile(t, dir, "c_latin.txt", []byte("R\xe9sum\xe9 du caf\xe9: \x80\x81\x82\x83\x84 \xff\xfe garbage \xc3\x28 end \xf8\xf9\xfa\n")),
	}
	good = []string{
		writeFile(t, dir, "d_page.html", page),
		writeFile(t, dir, "e_article.txt", []byte(sisiArticle)),
	}
	return dir, bad, good
}

func TestCodeBatchRobustness(t *testing.T) {
	dir, bad, good := batchDir(t)
	all := append(append([]string{}, bad...), good...)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"directory", []string{"code", dir}},
		{"every file", append([]string{"code"}, all...)},
		{"every file, good ones first", append(append([]string{"code"}, good...), bad...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, "", tc.args...)
			wantExitError(t, r.err, 1)
			if !errors.Is(r.err, errPartial) {
				t.Errorf("error %v is not errPartial", r.err)
			}

			// Exactly one error line per bad input, naming it; none for the good ones.
			lines := nonEmptyLines(r.stderr)
			for _, p := range bad {
				n := 0
				for _, l := range lines {
					if strings.Contains(l, p) {
						n++
					}
				}
				if n != 1 {
					t.Errorf("%d stderr lines name %s, want 1; stderr:\n%s", n, p, r.stderr)
				}
			}
			for _, p := range good {
				if strings.Contains(r.stderr, p) {
					t.Errorf("stderr names the good input %s:\n%s", p, r.stderr)
				}
			}
			if len(lines) > len(bad)+1 {
				t.Errorf("%d stderr lines for %d bad inputs (one each and at most a summary):\n%s", len(lines), len(bad), r.stderr)
			}

			docs := decodeDocs(t, r.stdout)
			if len(docs) != len(good) {
				t.Fatalf("%d output lines, want %d (one per good input):\n%s", len(docs), len(good), r.stdout)
			}
			byID := map[string]outDoc{}
			for _, d := range docs {
				if d.Text == nil || strings.TrimSpace(*d.Text) == "" {
					t.Errorf("%s: empty or missing text", d.ID)
				}
				if len(d.Events) == 0 {
					t.Errorf("%s: no event coded; text %q", d.ID, deref(d.Text))
				}
				checkContract(t, d)
				byID[d.ID] = d
			}
			art, ok := byID["e_article"]
			if !ok {
				t.Fatalf("no output for e_article.txt; ids %v", keys(byID))
			}
			if !hasEvent(art, "EGY", "SYR") {
				t.Errorf("e_article: no EGY→SYR event: %+v", art.Events)
			}
			page, ok := byID["d_page"]
			if !ok {
				t.Fatalf("no output for d_page.html; ids %v", keys(byID))
			}
			if !strings.Contains(deref(page.Text), sisiSentence) {
				t.Errorf("d_page: Windows-1256 page not decoded to the Arabic sentence; text %q", deref(page.Text))
			}
			if !hasEvent(page, "EGY", "") {
				t.Errorf("d_page: no event with source EGY: %+v", page.Events)
			}
		})
	}

	t.Run("only good inputs", func(t *testing.T) {
		r := runCLI(t, "", append([]string{"code"}, good...)...)
		if r.err != nil {
			t.Fatalf("code on good inputs: %v (exit %d); stderr:\n%s", r.err, exitCode(r.err), r.stderr)
		}
		if r.stderr != "" {
			t.Errorf("stderr not empty:\n%s", r.stderr)
		}
		if docs := decodeDocs(t, r.stdout); len(docs) != len(good) {
			t.Errorf("%d output lines, want %d", len(docs), len(good))
		}
	})

	t.Run("missing file", func(t *testing.T) {
		missing := filepath.Join(dir, "no_such_file.txt")
		r := runCLI(t, "", "code", missing, good[1])
		wantExitError(t, r.err, 1)
		if n := strings.Count(r.stderr, missing); n != 1 {
			t.Errorf("stderr names %s %d times, want 1:\n%s", missing, n, r.stderr)
		}
		if docs := decodeDocs(t, r.stdout); len(docs) != 1 || !hasEvent(docs[0], "EGY", "SYR") {
			t.Errorf("the good file was not coded: %s", r.stdout)
		}
	})
}

// A page whose block elements are not separated by white space (minified
// HTML, common on news sites) must still give separate sentences.
func TestCodeMinifiedHTML(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>خبر</title></head><body><article><h1>عنوان الخبر</h1><p>` +
		sisiSentence + `</p><p>وقال مصدر رسمي إن الزيارة تناولت العلاقات الثنائية.</p></article></body></html>`
	p := writeFile(t, t.TempDir(), "min.html", []byte(page))
	r := runCLI(t, "", "code", p)
	if r.err != nil {
		t.Fatalf("code: %v\n%s", r.err, r.stderr)
	}
	docs := decodeDocs(t, r.stdout)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	text := deref(docs[0].Text)
	if strings.Contains(text, "الخبرزار") || strings.Contains(text, "أمس.وقال") {
		t.Errorf("block elements glued together in text %q", text)
	}
	if !hasEvent(docs[0], "EGY", "SYR") {
		t.Errorf("no EGY→SYR event; text %q, events %+v", text, docs[0].Events)
	}
}

func TestCodeStdin(t *testing.T) {
	noArg := runCLI(t, sisiArticle, "code")
	dash := runCLI(t, sisiArticle, "code", "-")
	for name, r := range map[string]cliResult{"no FILE": noArg, "-": dash} {
		if r.err != nil {
			t.Fatalf("code %s: %v\n%s", name, r.err, r.stderr)
		}
	}
	if noArg.stdout != dash.stdout {
		t.Errorf("`code` and `code -` differ:\n%s\n%s", noArg.stdout, dash.stdout)
	}
	docs := decodeDocs(t, noArg.stdout)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	if docs[0].Title != sisiTitle {
		t.Errorf("title %q, want %q", docs[0].Title, sisiTitle)
	}
	if !hasEvent(docs[0], "EGY", "SYR") {
		t.Errorf("no EGY→SYR event: %+v", docs[0].Events)
	}
	checkContract(t, docs[0])

	t.Run("- among files", func(t *testing.T) {
		// "-" among files reads standard input in its place.
		p := writeFile(t, t.TempDir(), "x.txt", []byte(sisiArticle))
		r := runCLI(t, sisiArticle, "code", p, "-")
		if r.err != nil {
			t.Fatalf("code: %v\n%s", r.err, r.stderr)
		}
		docs := decodeDocs(t, r.stdout)
		if len(docs) != 2 || docs[0].ID != "x" {
			t.Fatalf("got %d documents (first id %q), want x then stdin", len(docs), firstID(docs))
		}
	})
}

func TestCodeJSONLInput(t *testing.T) {
	in := `{"id":"zz-9","title":"زيارة","published":"2019-01-02","text":"` + sisiSentence + `"}
{"id":"aa-1","title":"لقاء","text":"التقى وزير الخارجية الروسي سيرغي لافروف نظيره السوري في موسكو.","extra":{"ignored":true}}
`
	for _, args := range [][]string{
		{"code", "--input", "jsonl"},
		{"code", "--input", "jsonl", "-"},
		{"code", "--input", "auto"}, // a leading "{" means JSON Lines
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCLI(t, in, args...)
			if r.err != nil {
				t.Fatalf("%v\n%s", r.err, r.stderr)
			}
			docs := decodeDocs(t, r.stdout)
			var ids []string
			for _, d := range docs {
				ids = append(ids, d.ID)
				checkContract(t, d)
			}
			if want := []string{"zz-9", "aa-1"}; !reflect.DeepEqual(ids, want) {
				t.Fatalf("ids %v, want %v (same ids, input order)", ids, want)
			}
			if docs[0].Published == "" || docs[0].Title != "زيارة" {
				t.Errorf("first document lost its title or date: %+v", docs[0])
			}
			if !hasEvent(docs[0], "EGY", "SYR") {
				t.Errorf("zz-9: no EGY→SYR event: %+v", docs[0].Events)
			}
		})
	}
}

// TestCodeOutputContract checks the documented invariants of every event on
// the demo article and a slice of a real corpus.
func TestCodeOutputContract(t *testing.T) {
	seed := writeFile(t, t.TempDir(), demo.SeedName, demo.Seed)
	corpus := filepath.Join("..", "..", "testdata", "ant_slice.jsonl")
	if _, err := os.Stat(corpus); err != nil {
		t.Fatalf("corpus slice shipped with the repository: %v", err)
	}
	r := runCLI(t, "", "code", seed, corpus)
	if r.err != nil {
		t.Fatalf("code: %v\n%s", r.err, r.stderr)
	}
	docs := decodeDocs(t, r.stdout)
	if len(docs) < 100 {
		t.Fatalf("only %d documents", len(docs))
	}
	events := 0
	for _, d := range docs {
		checkContract(t, d)
		events += len(d.Events)
	}
	if events < 100 {
		t.Errorf("only %d events in %d documents", events, len(docs))
	}

	t.Run("--no-text", func(t *testing.T) {
		nt := runCLI(t, "", "code", "--no-text", seed, corpus)
		if nt.err != nil {
			t.Fatalf("code --no-text: %v", nt.err)
		}
		ndocs := decodeDocs(t, nt.stdout)
		if len(ndocs) != len(docs) {
			t.Fatalf("%d documents with --no-text, %d without", len(ndocs), len(docs))
		}
		for i, d := range ndocs {
			if _, ok := d.raw["text"]; ok {
				t.Fatalf("%s: \"text\" present with --no-text", d.ID)
			}
			if !reflect.DeepEqual(d.Events, docs[i].Events) || !reflect.DeepEqual(d.Entities, docs[i].Entities) {
				t.Fatalf("%s: events or entities change with --no-text", d.ID)
			}
		}
	})

	t.Run("every field present", func(t *testing.T) {
		for _, k := range []string{"id", "title", "published", "outlet", "attribution", "text", "entities", "events"} {
			if _, ok := docs[0].raw[k]; !ok {
				t.Errorf("field %q missing from %s", k, docs[0].ID)
			}
		}
	})

	t.Run("--format pretty", func(t *testing.T) {
		p := runCLI(t, "", "code", "--format", "pretty", seed)
		if p.err != nil {
			t.Fatalf("code --format pretty: %v", p.err)
		}
		if !strings.Contains(p.stdout, "LBYMIL") || !strings.Contains(p.stdout, "SOURCE") {
			t.Errorf("pretty output lacks the table:\n%s", p.stdout)
		}
	})
}

var (
	countryRE = regexp.MustCompile(`^[A-Z]{3}$`)
	cameoRE   = regexp.MustCompile(`^(0[1-9]|1[0-9]|20)[0-9]{0,2}$`)
	entTypes  = map[string]bool{"PERS": true, "LOC": true, "ORG": true, "MISC": true}
)

// checkContract checks the invariants DESIGN.md promises for one document.
func checkContract(t *testing.T, d outDoc) {
	t.Helper()
	text, haveText := "", d.Text != nil
	if haveText {
		text = *d.Text
	}
	span := func(what string, s outSpan) {
		t.Helper()
		if !haveText {
			return
		}
		if s.Start < 0 || s.Start > s.End || s.End > len(text) {
			t.Errorf("%s: %s [%d,%d) out of range (len %d)", d.ID, what, s.Start, s.End, len(text))
			return
		}
		if got := text[s.Start:s.End]; got != s.Text {
			t.Errorf("%s: %s [%d,%d) slices %q, want %q", d.ID, what, s.Start, s.End, got, s.Text)
		}
	}
	actor := func(what string, a outActor, where *outPlace) {
		t.Helper()
		if a.Code != a.Country+a.Role {
			t.Errorf("%s: %s code %q != country %q + role %q", d.ID, what, a.Code, a.Country, a.Role)
		}
		if !countryRE.MatchString(a.Country) {
			t.Errorf("%s: %s country %q is not a 3-letter code", d.ID, what, a.Country)
		}
		if a.Text == "" {
			// An unnamed actor (an attack by unknown gunmen) has no span and
			// is UNK, or the country of the place where the event happened;
			// an unnamed arrest is the police's of the place or the article.
			placed := where != nil && a.Code == where.Country
			police := a.Role == "COP" && (where == nil || where.Country == "" || a.Country == where.Country)
			if a.Country != "UNK" && !placed && !police || a.Start != 0 || a.End != 0 {
				t.Errorf("%s: %s has no text but is %s [%d,%d)", d.ID, what, a.Code, a.Start, a.End)
			}
			return
		}
		span(what, outSpan{a.Text, a.Start, a.End})
	}
	for i, e := range d.Events {
		what := fmt.Sprintf("event %d (%s %s)", i, e.CAMEO, e.Trigger.Text)
		actor(what+" source", e.Source, e.Location)
		if e.Target != nil {
			actor(what+" target", *e.Target, nil)
		}
		if !cameoRE.MatchString(e.CAMEO) || e.Root != e.CAMEO[:2] {
			t.Errorf("%s: %s: root %q, cameo %q", d.ID, what, e.Root, e.CAMEO)
		} else if want := quadOf(e.Root); e.Quad != want {
			t.Errorf("%s: %s: quad %d, want %d for root %s", d.ID, what, e.Quad, want, e.Root)
		}
		if e.Quad < 1 || e.Quad > 4 {
			t.Errorf("%s: %s: quad %d not in 1..4", d.ID, what, e.Quad)
		}
		if e.Plover.Category == "" {
			t.Errorf("%s: %s: empty plover.category", d.ID, what)
		}
		if e.Trigger.Text == "" || e.Evidence.Text == "" {
			t.Errorf("%s: %s: empty trigger or evidence", d.ID, what)
		}
		span(what+" trigger", e.Trigger)
		span(what+" evidence", e.Evidence)
		if e.Evidence.Start > e.Trigger.Start || e.Trigger.End > e.Evidence.End {
			t.Errorf("%s: %s: trigger [%d,%d) outside evidence [%d,%d)", d.ID, what, e.Trigger.Start, e.Trigger.End, e.Evidence.Start, e.Evidence.End)
		}
		if e.Location != nil {
			span(what+" location", e.Location.outSpan)
		}
		if e.Confidence < 0 || e.Confidence > 1 {
			t.Errorf("%s: %s: confidence %v not in [0,1]", d.ID, what, e.Confidence)
		}
	}
	for i, en := range d.Entities {
		if !entTypes[en.Type] {
			t.Errorf("%s: entity %d type %q", d.ID, i, en.Type)
		}
		span(fmt.Sprintf("entity %d", i), outSpan{en.Text, en.Start, en.End})
	}
}

// quadOf is the CAMEO QuadClass of a root, from the CAMEO codebook.
func quadOf(root string) int {
	switch {
	case root >= "01" && root <= "05":
		return 1
	case root >= "06" && root <= "08":
		return 2
	case root >= "09" && root <= "13":
		return 3
	case root >= "14" && root <= "20":
		return 4
	}
	return 0
}

func TestUsageErrors(t *testing.T) {
	gold := writeFile(t, t.TempDir(), "gold.jsonl", []byte(goldLine(true)+"\n"))
	for _, tc := range []struct {
		name string
		args []string
		want []string // substrings of the error message
	}{
		{"code --input", []string{"code", "--input", "xml"}, []string{"--input", `"xml"`, "jsonl"}},
		{"code --format", []string{"code", "--format", "csv"}, []string{"--format", `"csv"`, "pretty"}},
		{"bench --input", []string{"bench", "--input", "xml", "--workers", "1"}, []string{"--input", `"xml"`}},
		{"ner --format", []string{"ner", "--format", "iob"}, []string{"--format", `"iob"`, "conll"}},
		{"kb lookup --format", []string{"kb", "lookup", "--format", "yaml", "دمشق"}, []string{"--format", `"yaml"`}},
		{"eval events --input", []string{"eval", "events", "--gold", gold, "--input", "xml"}, []string{"unknown flag", "--input"}},
		{"demo --input", []string{"demo", "--input", "xml"}, []string{"unknown flag", "--input"}},
		{"unknown flag", []string{"code", "--bogus"}, []string{"--bogus"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, sisiArticle, tc.args...)
			if got := exitCode(r.err); got != 2 {
				t.Fatalf("exit code %d (error %v), want 2", got, r.err)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.err.Error(), w) {
					t.Errorf("error %q does not mention %s", r.err, w)
				}
			}
			if strings.TrimSpace(r.stdout) != "" && tc.args[0] != "bench" {
				t.Errorf("output written despite the usage error:\n%s", r.stdout)
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func keys(m map[string]outDoc) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func firstID(docs []outDoc) string {
	if len(docs) == 0 {
		return ""
	}
	return docs[0].ID
}

// TestCodeMinConfidence: --min-confidence drops the partial events (nobody
// named) and keeps the complete ones.
func TestCodeMinConfidence(t *testing.T) {
	in := "قتل 20 شخصا في هجوم انتحاري أمس.\nزار الرئيس المصري عبد الفتاح السيسي دمشق أمس."
	all := runCLI(t, in, "code", "--input", "text")
	kept := runCLI(t, in, "code", "--input", "text", "--min-confidence", "0.5")
	if all.err != nil || kept.err != nil {
		t.Fatalf("errors: %v, %v", all.err, kept.err)
	}
	count := func(out string) (n, low int) {
		var d struct {
			Events []struct{ Confidence float64 } `json:"events"`
		}
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		for _, e := range d.Events {
			n++
			if e.Confidence < 0.5 {
				low++
			}
		}
		return n, low
	}
	n, low := count(all.stdout)
	m, lowKept := count(kept.stdout)
	if low == 0 || lowKept != 0 || m != n-low {
		t.Errorf("all: %d events (%d below 0.5); kept: %d events (%d below 0.5)", n, low, m, lowKept)
	}
}
