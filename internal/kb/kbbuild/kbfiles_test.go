package kbbuild

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// Self-check of the knowledge-base files this package owns or generates:
// column counts, codes, roles, kinds, dates, and no surface with two codes in
// overlapping periods.

var (
	countryRE = regexp.MustCompile(`^([A-Z]{3})$`)
	dateRE    = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	validRole = map[string]bool{"": true, "GOV": true, "MIL": true, "SPY": true, "COP": true, "JUD": true, "LEG": true,
		"OPP": true, "REB": true, "CVL": true, "MED": true, "BUS": true, "REF": true, "IGO": true, "NGO": true, "PTY": true}
	proclitic = regexp.MustCompile(`^[وفبكل]`)
)

// hasProclitic reports whether s is another known surface with a proclitic
// glued on («والجيش» when «الجيش» is known); foreign names such as «فالح» or
// «والاس» are not flagged.
func hasProclitic(s string, known map[string]bool) bool {
	n := Normalize(s)
	if !proclitic.MatchString(n) {
		return false
	}
	_, size := utf8.DecodeRuneInString(n)
	rest := n[size:]
	if strings.HasPrefix(n, "لل") {
		rest = "ال" + n[len("لل"):]
	}
	return known[rest]
}

// knownSurfaces collects the normalised surfaces of the curated files.
func knownSurfaces(t *testing.T) map[string]bool {
	t.Helper()
	known := map[string]bool{}
	for _, name := range []string{"countries.tsv", "roles.tsv", "actors.tsv"} {
		data, err := os.ReadFile(kbPath(name))
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			cols := f[:1]
			if name == "countries.tsv" && len(f) >= 5 {
				cols = f[1:5]
			}
			for _, c := range cols {
				for _, s := range strings.Split(c, "|") {
					if s != "" {
						known[Normalize(s)] = true
					}
				}
			}
		}
	}
	return known
}

func kbPath(name string) string { return filepath.Join("..", "..", "..", "kb", name) }

func readOwned(t *testing.T, name string, cols int) [][]string {
	t.Helper()
	path := kbPath(name)
	if _, err := os.Stat(path); os.IsNotExist(err) {
		t.Skipf("%s not present", name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if !strings.HasPrefix(text, "#") {
		t.Errorf("%s: first line must be a provenance comment", name)
	}
	var rows [][]string
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != cols {
			t.Errorf("%s:%d: %d columns, want %d: %q", name, i+1, len(f), cols, line)
			continue
		}
		rows = append(rows, f)
	}
	if len(rows) == 0 {
		t.Errorf("%s: no entries", name)
	}
	return rows
}

func checkSurfaces(t *testing.T, where, field string) []string {
	t.Helper()
	var out []string
	for _, s := range strings.Split(field, "|") {
		if strings.TrimSpace(s) != s || s == "" {
			t.Errorf("%s: empty or padded surface in %q", where, field)
			continue
		}
		out = append(out, s)
	}
	return out
}

func validCountry(c string) bool { return countryRE.MatchString(c) }

func dateBound(d string, end bool) string {
	switch len(d) {
	case 0:
		if end {
			return "9999-99-99"
		}
		return "0000-00-00"
	case 4:
		if end {
			return d + "-12-31"
		}
		return d + "-01-01"
	case 7:
		if end {
			return d + "-31"
		}
		return d + "-01"
	}
	return d
}

func TestCountriesFile(t *testing.T) {
	rows := readOwned(t, "countries.tsv", 6)
	seen := map[string]string{}
	for _, f := range rows {
		if !validCountry(f[0]) {
			t.Errorf("countries.tsv: bad iso3 %q", f[0])
		}
		if f[1] == "" {
			t.Errorf("countries.tsv: %s has no name", f[0])
		}
		for _, col := range f[1:5] {
			if col == "" {
				continue
			}
			for _, s := range checkSurfaces(t, "countries.tsv "+f[0], col) {
				n := Normalize(s)
				if o, ok := seen[n]; ok && o != f[0] {
					t.Errorf("countries.tsv: %q listed for %s and %s", s, o, f[0])
				}
				seen[n] = f[0]
			}
		}
	}
	if len(rows) < 240 {
		t.Errorf("countries.tsv: %d countries, want about 250", len(rows))
	}
}

func TestRolesFile(t *testing.T) {
	rows := readOwned(t, "roles.tsv", 4)
	known := knownSurfaces(t)
	seen := map[string]string{}
	for _, f := range rows {
		if !validRole[f[1]] || f[1] == "" && f[2] != "TITLE" {
			t.Errorf("roles.tsv: bad role %q for %q", f[1], f[0])
		}
		if f[2] != "ORG" && f[2] != "TITLE" && f[2] != "GROUP" {
			t.Errorf("roles.tsv: bad kind %q for %q", f[2], f[0])
		}
		for _, s := range checkSurfaces(t, "roles.tsv", f[0]) {
			if hasProclitic(s, known) {
				t.Errorf("roles.tsv: surface with a proclitic %q", s)
			}
			n := Normalize(s)
			if o, ok := seen[n]; ok && o != f[1] {
				t.Errorf("roles.tsv: %q has roles %s and %s", s, o, f[1])
			}
			seen[n] = f[1]
		}
	}
	if len(rows) < 400 {
		t.Errorf("roles.tsv: %d lines, want ≥ 400", len(rows))
	}
}

type span struct{ code, from, to, where string }

func TestActorsFiles(t *testing.T) {
	bySurface := map[string][]span{}
	known := knownSurfaces(t)
	total := 0
	for _, name := range []string{"actors.tsv", "actors_petrarch.tsv"} {
		if _, err := os.Stat(kbPath(name)); err != nil {
			continue
		}
		rows := readOwned(t, name, 8)
		total += len(rows)
		for i, f := range rows {
			where := name + " row " + f[7]
			if !validCountry(f[1]) {
				t.Errorf("%s: bad country %q", where, f[1])
			}
			if !validRole[f[2]] {
				t.Errorf("%s: bad role %q", where, f[2])
			}
			for _, d := range f[4:6] {
				if d != "" && !dateRE.MatchString(d) {
					t.Errorf("%s: bad date %q", where, d)
				}
			}
			if f[4] != "" && f[5] != "" && dateBound(f[4], false) > dateBound(f[5], true) {
				t.Errorf("%s: from %s after to %s", where, f[4], f[5])
			}
			if f[6] == "" {
				t.Errorf("%s: no source", where)
			}
			for _, s := range checkSurfaces(t, where, f[0]) {
				if hasProclitic(s, known) {
					t.Errorf("%s: surface with a proclitic %q", where, s)
				}
				n := Normalize(s)
				bySurface[n] = append(bySurface[n], span{f[1] + f[2], dateBound(f[4], false), dateBound(f[5], true), name + ":" + itoa(i)})
			}
		}
	}
	for s, spans := range bySurface {
		for i := range spans {
			for j := i + 1; j < len(spans); j++ {
				a, b := spans[i], spans[j]
				if a.code != b.code && a.from <= b.to && b.from <= a.to {
					t.Errorf("surface %q: %s (%s) and %s (%s) overlap", s, a.code, a.where, b.code, b.where)
				}
			}
		}
	}
	if total < 1500 {
		t.Errorf("actors: %d entries, want ≥ 1500", total)
	}
}

func TestPlacesFiles(t *testing.T) {
	for _, name := range []string{"places.tsv", "places_extra.tsv"} {
		if _, err := os.Stat(kbPath(name)); err != nil {
			continue
		}
		for _, f := range readOwned(t, name, 6) {
			if !validCountry(f[1]) {
				t.Errorf("%s: bad country %q for %q", name, f[1], f[0])
			}
			for _, c := range f[2:4] {
				if !regexp.MustCompile(`^-?\d+(\.\d+)?$`).MatchString(c) {
					t.Errorf("%s: bad coordinate %q for %q", name, c, f[0])
				}
			}
			if f[4] == "" || f[5] == "" {
				t.Errorf("%s: missing kind or source for %q", name, f[0])
			}
		}
	}
}

func itoa(i int) string {
	const d = "0123456789"
	if i < 10 {
		return d[i : i+1]
	}
	return itoa(i/10) + d[i%10:i%10+1]
}
