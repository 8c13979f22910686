package main

import (
	"io/fs"
	"strings"
	"testing"

	kbfiles "github.com/marsad/marsad/kb"
)

func TestDemo(t *testing.T) {
	r := runCLI(t, "", "demo", "--no-serve")
	if r.err != nil {
		t.Fatalf("demo: %v", r.err)
	}
	for _, want := range []string{"دمشق", "LBYMIL", "SYRGOV", "SOURCE"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo output lacks %q:\n%s", want, r.stdout)
		}
	}
	// The secret visit of Haftar (LBYMIL) to Damascus (SYRGOV) is one row.
	found := false
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.Contains(l, "LBYMIL") && strings.Contains(l, "SYRGOV") && strings.Contains(l, "دمشق") {
			found = true
		}
	}
	if !found {
		t.Errorf("no LBYMIL → SYRGOV row mentioning دمشق:\n%s", r.stdout)
	}
}

// tinyCountries is two lines of kb/countries.tsv.
const tinyCountries = "#iso3\tnames\tcapitals\tdemonyms\tplurals\tenglish\n" +
	"EGY\tمصر|جمهورية مصر العربية\tالقاهرة\tمصري\t\tEgypt\n" +
	"SYR\tسوريا|سورية\tدمشق\tسوري\t\tSyria\n"

func TestKBLint(t *testing.T) {
	actorsHead := "#surfaces\tcountry\trole\tkind\tfrom\tto\tsource\tenglish\n" +
		"عبد الفتاح السيسي|السيسي\tEGY\tGOV\tPERSON\t2014-06-08\t\tcurated\tAbdel Fattah el-Sisi\n"
	for _, tc := range []struct {
		name     string
		actors   string
		wantCode int
		want     []string
	}{
		{"clean", actorsHead, 0, []string{"0 error(s)"}},
		{"unknown country", actorsHead + "فلان الفلاني\tXXQ\tGOV\tPERSON\t\t\tcurated\tNobody\n", 1,
			[]string{"actors.tsv:3", "XXQ", "1 error(s)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTinyKB(t, dir)
			writeFile(t, dir, "actors.tsv", []byte(tc.actors))
			r := runCLI(t, "", "kb", "lint", "--kb", dir)
			if tc.wantCode == 0 {
				if r.err != nil {
					t.Fatalf("kb lint: %v\n%s", r.err, r.stdout)
				}
			} else {
				wantExitError(t, r.err, tc.wantCode)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}

	t.Run("shipped knowledge base", func(t *testing.T) {
		r := runCLI(t, "", "kb", "lint", "--no-warnings")
		if r.err != nil {
			t.Fatalf("kb lint on the embedded KB: %v\n%s", r.err, r.stdout)
		}
		if !strings.Contains(lastLine(r.stdout), "0 error(s)") {
			t.Errorf("last line %q", lastLine(r.stdout))
		}
	})
}

// shipped returns a file of the shipped knowledge base (roots.tsv and
// windows.tsv, which every knowledge base needs whole).
func shipped(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(kbfiles.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeTinyKB writes a small complete knowledge base into dir: every
// required table (kb.KB.Missing) with a line or two.
func writeTinyKB(t *testing.T, dir string) {
	t.Helper()
	writeFile(t, dir, "countries.tsv", []byte(tinyCountries))
	writeFile(t, dir, "actors.tsv", []byte("عبد الفتاح السيسي|السيسي\tEGY\tGOV\tPERSON\t2014-06-08\t\tcurated\tAbdel Fattah el-Sisi\n"))
	writeFile(t, dir, "roles.tsv", []byte("الرئيس\tGOV\tTITLE\tpresident\n"))
	writeFile(t, dir, "triggers.tsv", []byte("V\tزار|يزور\t\t042\tCONSULT\tvisit\t-\tvisit\n"))
	writeFile(t, dir, "cameo_eventcodes.tsv", []byte("cameo\tdescription\n04\tCONSULT\n042\tMake a visit\n"))
	writeFile(t, dir, "grammar.tsv", []byte("الي\tprep:الي\n"))
	writeFile(t, dir, "roots.tsv", shipped(t, "roots.tsv"))
	writeFile(t, dir, "windows.tsv", shipped(t, "windows.tsv"))
}
