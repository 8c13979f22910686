package kb_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/marsad/marsad/internal/kb"
	kbfiles "github.com/marsad/marsad/kb"
)

// miniKB is a small clean knowledge base; each test case appends one line
// to one of its files.
var miniKB = map[string]string{
	"countries.tsv": "#iso3\tnames\tcapitals\tdemonyms\tplurals\tenglish\n" +
		"SYR\tسوريا|سورية\tدمشق\tسوري\t\tSyria\n" +
		"USA\tالولايات المتحدة|أميركا\tواشنطن\tأميركي\tالأميركان\tUnited States\n" +
		"LBY\tليبيا\tطرابلس\tليبي\t\tLibya\n",
	"actors.tsv": "#surfaces\tcountry\trole\tkind\tfrom\tto\tsource\tenglish\n" +
		"خليفة حفتر|حفتر\tLBY\tMIL\tPERSON\t2014\t2020\tcurated\tKhalifa Haftar\n" +
		"خليفة حفتر|حفتر\tLBY\tGOV\tPERSON\t2021\t\tcurated\tKhalifa Haftar\n" +
		"الأمم المتحدة\tIGO\t\tIGO\t\t\tcurated\tUnited Nations\n",
	"roles.tsv": "الجيش|جيش\tMIL\tORG\tarmy\n" +
		"الرئيس\tGOV\tTITLE\tpresident\n",
	"triggers.tsv": "V\tزار|يزور\t\t042\tCONSULT\tvisit\t-\tvisit\n" +
		"N\tزيارة\t\t042\tCONSULT\tvisit\tل|الي\tvisit\n",
	"cameo_eventcodes.tsv": "cameo\tdescription\n04\tCONSULT\n040\tConsult\n042\tMake a visit\n",
	"places.tsv":           "حلب\tSYR\t36.2\t37.15\tcity\ttest\n",
	"grammar.tsv":          "الي\tprep:الي\nلم\tneg\n",
	"roots.tsv":            shippedRoots,
	"windows.tsv": "name\tclass\tbefore\tafter\tenglish\n" +
		"negation\tneg\t3\t0\tx\nsecret\tneg\t2\t0\tx\nintended\tneg\t4\t4\tx\n" +
		"habitual\tneg\t4\t0\tx\nconcession\tneg\t8\t0\tx\npurpose-casualty\tneg\t8\t0\tx\nplanned\tneg\t4\t4\tx\n",
}

// withLine returns miniKB with line appended to file, and the line's number.
func withLine(file, line string) (fstest.MapFS, int) {
	fsys := fstest.MapFS{}
	for name, data := range miniKB {
		fsys[name] = &fstest.MapFile{Data: []byte(data), ModTime: time.Time{}}
	}
	old := miniKB[file]
	fsys[file] = &fstest.MapFile{Data: []byte(old + line + "\n")}
	return fsys, strings.Count(old, "\n") + 1
}

func TestLintCleanMiniKB(t *testing.T) {
	fsys, _ := withLine("grammar.tsv", "# nothing")
	k, err := kb.Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if ps := kb.Lint(k); len(ps) != 0 {
		t.Errorf("clean mini-KB has problems:\n%s", joinProblems(ps))
	}
}

func TestLint(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		line     string
		severity string
		want     string // substring of the message
	}{
		{"duplicate actor line", "actors.tsv", "حفتر|خليفة حفتر\tLBY\tMIL\tPERSON\t2014\t2020\tother\tHaftar",
			kb.SevError, "duplicate of line 2"},
		{"unknown country", "actors.tsv", "فلان الفلاني\tXYZ\tGOV\tPERSON\t\t\tcurated\tSomeone",
			kb.SevError, `unknown country code "XYZ"`},
		{"overlapping dates, other code", "actors.tsv", "حفتر\tLBY\tREB\tPERSON\t2019\t2022\tcurated\tHaftar",
			kb.SevError, "means LBYMIL there and LBYREB here"},
		{"normalised collision across tables", "actors.tsv", "اميركا\tLBY\tGOV\tORG\t\t\tcurated\tnot America",
			kb.SevError, `normalised like "أميركا"`},
		{"collision with a demonym form", "actors.tsv", "السورية\tLBY\tMED\tMEDIA\t\t\tcurated\tnewspaper",
			kb.SevError, "demonym"},
		{"bad CAMEO code", "triggers.tsv", "V\tالتقى|يلتقي\t\t0499\tCONSULT\tmeet\tب|مع\tmeet",
			kb.SevError, `CAMEO code "0499" is not in cameo_eventcodes.tsv`},
		{"bad PLOVER category", "triggers.tsv", "V\tالتقى|يلتقي\t\t040\tMEET\t\tب\tmeet",
			kb.SevError, `PLOVER category "MEET"`},
		{"same trigger, other code", "triggers.tsv", "V\tزار\t\t040\tCONSULT\t\t-\tvisit",
			kb.SevWarning, `already 042 at triggers.tsv:1`},
		{"one-letter surface", "roles.tsv", "ج|جند\tMIL\tGROUP\tsoldiers",
			kb.SevError, "single letter"},
		{"same surface, same code", "roles.tsv", "جيش|الجيوش\tMIL\tGROUP\tarmies",
			kb.SevWarning, "listed again"},
		{"proclitic in a surface", "roles.tsv", "والجيش\tMIL\tORG\tand the army",
			kb.SevWarning, "proclitic «و»"},
		{"place at 0,0", "places.tsv", "مكان ما\tSYR\t0\t0\tcity\ttest",
			kb.SevWarning, "0,0"},
		{"unknown place country", "places.tsv", "حمص\tSYX\t34.7\t36.7\tcity\ttest",
			kb.SevError, `unknown country code "SYX"`},
		{"unknown outlet country", "outlets.tsv", "إذاعة ما\tXYZ\tcurated\tsome radio",
			kb.SevError, `unknown country "XYZ"`},
		{"duplicate country", "countries.tsv", "SYR\tالشام\t\t\t\tSyria again",
			kb.SevError, "country SYR already listed at line 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys, line := withLine(tc.file, tc.line)
			k, err := kb.Load(fsys)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			ps := kb.Lint(k)
			want := kb.Pos{File: tc.file, Line: line}
			found := false
			for _, p := range ps {
				if p.Pos == want && p.Severity == tc.severity && strings.Contains(p.Msg, tc.want) {
					found = true
				} else if p.Pos != want {
					t.Errorf("unexpected problem elsewhere: %s", p)
				}
			}
			if !found {
				t.Errorf("want %s: %s: …%s…; got:\n%s", want, tc.severity, tc.want, joinProblems(ps))
			}
		})
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name string
		file string
		line string
		want string
	}{
		{"bad role", "actors.tsv", "فلان\tSYR\tXXX\tPERSON\t\t\tcurated\tx", `bad role "XXX"`},
		{"bad date", "actors.tsv", "فلان\tSYR\tGOV\tPERSON\t2020-13\t\tcurated\tx", "bad date"},
		{"bad part of speech", "triggers.tsv", "X\tزار\t\t042\tCONSULT\t\t-\tvisit", "bad part of speech"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys, line := withLine(tc.file, tc.line)
			_, err := kb.Load(fsys)
			ps := kb.LoadProblems(err)
			if len(ps) != 1 {
				t.Fatalf("want one problem, got %d: %v", len(ps), err)
			}
			p := ps[0]
			if p.Pos != (kb.Pos{File: tc.file, Line: line}) || p.Severity != kb.SevError || !strings.Contains(p.Msg, tc.want) {
				t.Errorf("got %s, want %s:%d: error: …%s…", p, tc.file, line, tc.want)
			}
		})
	}
	if ps := kb.LoadProblems(nil); ps != nil {
		t.Errorf("LoadProblems(nil) = %v", ps)
	}
	if ps := kb.LoadProblems(errors.New("open x: denied")); len(ps) != 1 || ps[0].Pos != (kb.Pos{}) {
		t.Errorf("LoadProblems(other) = %v", ps)
	}
}

// TestShippedKBLints is the gate for the knowledge base as shipped: no
// lint errors (warnings are logged).
func TestShippedKBLints(t *testing.T) {
	k, err := kb.Load(kbfiles.FS)
	for _, p := range kb.LoadProblems(err) {
		t.Errorf("%s", p)
	}
	start := time.Now()
	ps := kb.Lint(k)
	t.Logf("linted %d actors, %d countries, %d roles, %d triggers, %d places in %v",
		len(k.Actors), len(k.Countries), len(k.Roles), len(k.Triggers), len(k.Places), time.Since(start))
	for _, p := range ps {
		if p.Severity == kb.SevError {
			t.Errorf("%s", p)
		} else {
			t.Logf("%s", p)
		}
	}
}

func TestDescribe(t *testing.T) {
	fsys, _ := withLine("grammar.tsv", "# nothing")
	k, err := kb.Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	tests := []struct {
		e    kb.Entry
		want string
	}{
		{kb.Entry{Kind: kb.EntActor, Index: 0}, `actors.tsv:2 actor «خليفة حفتر|حفتر» LBYMIL [2014-01-01..2020-12-31] (PERSON) "Khalifa Haftar"`},
		{kb.Entry{Kind: kb.EntActor, Index: 1}, `actors.tsv:3 actor «خليفة حفتر|حفتر» LBYGOV [2021-01-01..…] (PERSON) "Khalifa Haftar"`},
		{kb.Entry{Kind: kb.EntCapital, Index: 0}, `countries.tsv:2 capital «دمشق» SYRGOV "Syria"`},
		{kb.Entry{Kind: kb.EntTrigger, Index: 1}, `triggers.tsv:2 trigger «زيارة» 042 CONSULT:visit (pos N; target ل|الي) "visit"`},
		{kb.Entry{Kind: kb.EntPlace, Index: 0}, `places.tsv:1 place «حلب» SYR (city 36.2,37.15)`},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := k.Describe(tc.e).String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func joinProblems(ps []kb.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// shippedRoots is the shipped kb/roots.tsv: every knowledge base needs it whole.
var shippedRoots = func() string {
	b, err := fs.ReadFile(kbfiles.FS, "roots.tsv")
	if err != nil {
		return "" // the lint test then reports the roots as missing
	}
	return string(b)
}()

// TestRoots: roots.tsv is read into KB.Roots, and a missing or malformed
// root is an error.
func TestRoots(t *testing.T) {
	k, err := kb.Load(fstest.MapFS{"roots.tsv": {Data: []byte(shippedRoots)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		root                                             string
		quad                                             int
		symmetric, needsTarget, violent, protest, police bool
	}{
		{"04", 1, true, true, false, false, false},
		{"14", 4, false, false, false, true, false},
		{"19", 4, false, false, true, false, false},
		{"16", 4, false, true, false, false, false},
		{"17", 4, false, true, false, false, true},
	} {
		r, ok := k.RootOf(tc.root)
		if !ok || r.Quad != tc.quad || r.Symmetric != tc.symmetric || r.NeedsTarget != tc.needsTarget || r.Violent != tc.violent || r.Protest != tc.protest || r.Police != tc.police {
			t.Errorf("RootOf(%q) = %+v, %v; want quad %d symmetric %v target %v violent %v protest %v police %v", tc.root, r, ok, tc.quad, tc.symmetric, tc.needsTarget, tc.violent, tc.protest, tc.police)
		}
	}
	if _, ok := k.RootOf("21"); ok {
		t.Error("RootOf(21) found a root")
	}
	for _, bad := range []string{"21\t4\tno\toptional\tno\tno\tno\tx\n", "01\t5\tno\tneeded\tno\tno\tno\tx\n", "01\t1\tmaybe\tneeded\tno\tno\tno\tx\n", "01\t1\tno\tneeded\tno\tno\tmaybe\tx\n"} {
		if _, err := kb.Load(fstest.MapFS{"roots.tsv": {Data: []byte(bad)}}); err == nil {
			t.Errorf("roots.tsv line %q: no error", bad)
		}
	}
	k, err = kb.Load(fstest.MapFS{"roots.tsv": {Data: []byte("01\t1\tno\tneeded\tno\tno\tno\tx\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if ps := kb.Lint(k); !strings.Contains(joinProblems(ps), "CAMEO root 02 is not described") {
		t.Errorf("lint of a roots.tsv with one root: %s", joinProblems(ps))
	}
}

// TestWindows: windows.tsv is read into KB.Windows; an unknown name, a
// repeated one, a bad width or a missing class is an error at load; a
// window not given is a lint error, one of a class no grammar word has a
// warning.
func TestWindows(t *testing.T) {
	k, err := kb.Load(kbfiles.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range kb.WindowNames {
		if w := k.Windows[n]; w.Class == "" || w.Before+w.After == 0 {
			t.Errorf("shipped window %s: %+v", n, w)
		}
	}
	if w := k.Windows["intended"]; w.Before != 4 || w.After != 4 || w.Class != "intended" {
		t.Errorf("intended: %+v", w)
	}
	for _, bad := range []string{
		"negative\tneg\t3\t0\tx",                         // no such window
		"negation\tneg\t3\t0\tx\nnegation\tneg\t2\t0\tx", // twice
		"negation\tneg\t-1\t0\tx",
		"negation\tneg\t3\t13\tx",
		"negation\tneg\tthree\t0\tx",
		"negation\t\t3\t0\tx",
	} {
		if _, err := kb.Load(fstest.MapFS{"windows.tsv": {Data: []byte(bad + "\n")}}); err == nil {
			t.Errorf("windows.tsv %q: no error", bad)
		}
	}
	fsys, _ := withLine("grammar.tsv", "# nothing")
	fsys["windows.tsv"] = &fstest.MapFile{Data: []byte("negation\tnosuchclass\t3\t0\tx\n")}
	k, err = kb.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	got := joinProblems(kb.Lint(k))
	for _, want := range []string{`window negation: no word of grammar.tsv has class "nosuchclass"`, "window secret is not given"} {
		if !strings.Contains(got, want) {
			t.Errorf("lint lacks %q:\n%s", want, got)
		}
	}
}
