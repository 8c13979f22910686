package kbbuild

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// ActorRow is one row of an actors*.tsv file.
type ActorRow struct {
	Surfaces []string
	Country  string
	Role     string
	Kind     string
	From, To string
	Source   string
	English  string
}

// ActorsStats summarises an actors build.
type ActorsStats struct {
	Read, Dropped int
	Reasons       map[string]int
}

// ActorsInput names the inputs of the actors builder.
type ActorsInput struct {
	Petrarch   string // actor_dict_ar_v4.txt (MIT)
	GivenNames string // arabic_given_names_ar_en.tsv (decides PERSON vs ORG)
	Countries  string // kb/countries.tsv (names and demonyms, for the country-conflict check)
	Roles      string // kb/roles.tsv (generic role words: compositional entries are dropped)
	Curated    []string
	Places     []string // places.tsv, places_extra.tsv: names of places are not actors
}

// DefaultActorsInput returns the standard layout: data under dataDir
// (shared/data), curated files under kbDir.
func DefaultActorsInput(dataDir, kbDir string) ActorsInput {
	return ActorsInput{
		Petrarch:   filepath.Join(dataDir, "kb", "petrarch_arabic", "actor_dict_ar_v4.txt"),
		GivenNames: filepath.Join(dataDir, "kb", "names", "arabic_given_names_ar_en.tsv"),
		Countries:  filepath.Join(kbDir, "countries.tsv"),
		Roles:      filepath.Join(kbDir, "roles.tsv"),
		Curated:    []string{filepath.Join(kbDir, "actors.tsv")},
		Places:     []string{filepath.Join(kbDir, "places.tsv"), filepath.Join(kbDir, "places_extra.tsv")},
	}
}

var (
	codeRE = regexp.MustCompile(`\[([A-Z]{3,})\s*(?:(\d{8})?\s*-\s*(\d{8})?|[<>]\s*(\d{8}))?\s*\]`)
	roleOK = map[string]bool{"GOV": true, "MIL": true, "SPY": true, "COP": true, "JUD": true, "LEG": true, "OPP": true,
		"REB": true, "CVL": true, "MED": true, "BUS": true, "REF": true, "IGO": true, "NGO": true, "PTY": true}
	arabicWord = regexp.MustCompile(`^[\p{Arabic}]{2,}$`)
)

type petEntry struct {
	name  string
	codes []petCode
}

type petCode struct{ code, from, to string }

// parsePetrarch reads the PETRARCH actor dictionary: a name line (words joined
// by `_`, optionally followed by `[CODE ...]`), then indented `[CODE from-to]` lines.
func parsePetrarch(r io.Reader) []petEntry {
	var out []petEntry
	var cur *petEntry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		indented := line[0] == '\t' || strings.HasPrefix(strings.TrimLeft(line, " "), "[")
		if !indented {
			name := line
			if i := strings.Index(line, "["); i >= 0 {
				name = line[:i]
			}
			name = strings.TrimSpace(strings.ReplaceAll(name, "_", " "))
			out = append(out, petEntry{name: strings.Join(strings.Fields(name), " ")})
			cur = &out[len(out)-1]
		}
		if cur == nil {
			continue
		}
		for _, m := range codeRE.FindAllStringSubmatch(line, -1) {
			c := petCode{code: m[1], from: m[2], to: m[3]}
			if m[4] != "" {
				if strings.Contains(line, ">") {
					c.from = m[4]
				} else {
					c.to = m[4]
				}
			}
			cur.codes = append(cur.codes, c)
		}
	}
	return out
}

func petDate(s string) string {
	if len(s) != 8 {
		return ""
	}
	return s[:4] + "-" + s[4:6] + "-" + s[6:]
}

// BuildActors absorbs the PETRARCH Arabic actor dictionary, cleaned: only
// multi-word Arabic names with a country code, no generic role words, no
// country word contradicting the code, nothing the curated files already
// list; one code per name (the most recent when several disagree).
func BuildActors(in ActorsInput) ([]ActorRow, ActorsStats, error) {
	st := ActorsStats{Reasons: map[string]int{}}
	drop := func(why string) { st.Dropped++; st.Reasons[why]++ }

	countryWords := map[string]string{} // normalised country name/demonym → iso3
	codes := map[string]bool{"IGO": true, "IMG": true, "NGO": true}
	if rows, err := readKBFile(in.Countries); err == nil {
		for _, f := range rows {
			codes[f[0]] = true
			if len(f) < 5 {
				continue
			}
			for _, col := range []string{f[1], f[2], f[3], f[4]} {
				for _, s := range strings.Split(col, "|") {
					for _, w := range strings.Fields(Normalize(s)) {
						if len([]rune(w)) > 2 {
							countryWords[strings.TrimPrefix(w, "ال")] = f[0]
						}
					}
				}
			}
		}
	} else {
		return nil, st, err
	}
	roleWords := map[string]bool{}
	if rows, err := readKBFile(in.Roles); err == nil {
		for _, f := range rows {
			for _, s := range strings.Split(f[0], "|") {
				for _, w := range strings.Fields(Normalize(s)) {
					roleWords[strings.TrimPrefix(w, "ال")] = true
				}
			}
		}
	} else {
		return nil, st, err
	}
	curated := map[string]bool{}
	for _, p := range in.Curated {
		rows, err := readKBFile(p)
		if err != nil {
			continue
		}
		for _, f := range rows {
			for _, s := range strings.Split(f[0], "|") {
				curated[Normalize(s)] = true
			}
		}
	}
	places := map[string]bool{}
	for _, p := range in.Places {
		rows, err := readKBFile(p)
		if err != nil {
			continue
		}
		for _, f := range rows {
			places[Normalize(f[0])] = true
		}
	}
	if rows, err := readKBFile(in.Countries); err == nil {
		for _, f := range rows {
			for _, col := range f[1:min(3, len(f))] {
				for _, s := range strings.Split(col, "|") {
					places[Normalize(s)] = true
				}
			}
		}
	}
	given := map[string]bool{}
	if rows, err := readTSV(in.GivenNames); err == nil {
		for _, r := range rows {
			for _, v := range r {
				if isArabic(v) {
					given[Normalize(v)] = true
				}
			}
		}
	}

	f, err := os.Open(in.Petrarch)
	if err != nil {
		return nil, st, err
	}
	entries := parsePetrarch(f)
	f.Close()

	seen := map[string]bool{}
	var out []ActorRow
	for _, e := range entries {
		st.Read++
		words := strings.Fields(e.name)
		n := Normalize(e.name)
		switch {
		case len(words) < 2:
			drop("single word")
			continue
		case seen[n]:
			drop("duplicate")
			continue
		case curated[n]:
			drop("already curated")
			continue
		case places[n]:
			drop("place name")
			continue
		case strings.ContainsAny(string([]rune(n)[:1]), "وفبكل") && (places[string([]rune(n)[1:])] || curated[string([]rune(n)[1:])]):
			drop("proclitic")
			continue
		}
		bad := ""
		for _, w := range words {
			nw := strings.TrimPrefix(Normalize(w), "ال")
			if !arabicWord.MatchString(w) {
				bad = "debris"
				break
			}
			if roleWords[nw] {
				bad = "generic role word"
				break
			}
		}
		if bad != "" {
			drop(bad)
			continue
		}
		// choose the code: the most recent valid one
		var best *petCode
		for i := range e.codes {
			c := &e.codes[i]
			if len(c.code) < 3 || !isCountryCode(c.code[:3]) || !codes[c.code[:3]] {
				continue
			}
			if best == nil || c.from > best.from {
				best = c
			}
		}
		if best == nil {
			drop("no country code")
			continue
		}
		country, role := best.code[:3], ""
		if len(best.code) >= 6 && roleOK[best.code[3:6]] {
			role = best.code[3:6]
		}
		conflict := false
		for _, w := range words {
			if c, ok := countryWords[strings.TrimPrefix(Normalize(w), "ال")]; ok && c != country {
				conflict = true
			}
		}
		if conflict {
			drop("country word contradicts code")
			continue
		}
		from, to := petDate(best.from), petDate(best.to)
		if from != "" && to != "" && from > to {
			from, to = "", "" // PETRARCH's 18000101 "end" and similar: open-ended
		}
		kind := "" // unknown: PETRARCH does not say
		if given[Normalize(words[0])] {
			kind = "PERSON"
		}
		seen[n] = true
		out = append(out, ActorRow{Surfaces: []string{e.name}, Country: country, Role: role, Kind: kind,
			From: from, To: to, Source: "petrarch"})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Country != out[j].Country {
			return out[i].Country < out[j].Country
		}
		return out[i].Surfaces[0] < out[j].Surfaces[0]
	})
	return out, st, nil
}

// isCountryCode accepts ISO3-looking codes and the special codes.
func isCountryCode(s string) bool {
	switch s {
	case "IGO", "IMG", "NGO":
		return true
	case "INT", "UNK", "REB", "GOV", "MIL", "COP", "OPP", "CVL", "BUS", "MED", "JUD", "SPY", "LEG", "PTY", "REF", "RAD", "ELI", "AGR", "EDU", "HLH", "LAB", "REL", "ENV", "MNC", "UAF", "SET", "MOD":
		return false
	}
	return regexp.MustCompile(`^[A-Z]{3}$`).MatchString(s)
}

// WriteActors writes an actors file in the FORMAT.md columns.
func WriteActors(w io.Writer, rows []ActorRow, st ActorsStats) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# actors_petrarch.tsv — GENERATED by `marsad kb build actors`; do not edit (fix entries in actors.tsv, which wins).")
	fmt.Fprintln(bw, "# Source: openeventdata/UniversalPetrarch (branch arabic) actor_dict_ar_v4.txt, MIT licence — see kb/NOTICE.md. Cleaned: single words, generic role words,")
	fmt.Fprintf(bw, "# codes contradicting a country word, names already curated and debris dropped (%d read, %d dropped); dates are PETRARCH's, unreliable.\n", st.Read, st.Dropped)
	fmt.Fprintln(bw, "#surfaces\tcountry\trole\tkind\tfrom\tto\tsource\tenglish")
	for _, r := range rows {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", strings.Join(r.Surfaces, "|"), r.Country, r.Role, r.Kind, r.From, r.To, r.Source, r.English)
	}
	return bw.Flush()
}

// readKBFile reads a kb TSV file: comment and blank lines skipped, fields split on tabs.
func readKBFile(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Split(line, "\t"))
	}
	return out, sc.Err()
}
