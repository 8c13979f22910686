// Package kbbuild builds the generated knowledge-base files (kb/places.tsv,
// kb/actors_petrarch.tsv) from the third-party data under shared/data.
// Builders are deterministic: the same input gives byte-identical output.
package kbbuild

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Place is one row of kb/places.tsv.
type Place struct {
	Name    string
	Country string // ISO3
	Lat     float64
	Lon     float64
	Kind    string // country, capital, state, city
	Source  string
}

// PlacesStats summarises a build.
type PlacesStats struct {
	Countries, Capitals, States, Cities int
	Homonyms                            int // rows dropped because a more important place has the same normalised name
	Skipped                             int // rows without an Arabic name, stop words, or unusable
	Curated                             int // rows left out because places_extra.tsv lists the name
}

// kindRank orders place kinds by importance (lower wins a name clash).
var kindRank = map[string]int{"country": 0, "capital": 1, "state": 2, "city": 3}

// arabWorld lists the countries whose places Arabic news names most; on a
// name clash between two places of the same kind, the one here wins.
var arabWorld = map[string]bool{
	"DZA": true, "BHR": true, "COM": true, "DJI": true, "EGY": true, "IRQ": true, "JOR": true,
	"KWT": true, "LBN": true, "LBY": true, "MRT": true, "MAR": true, "OMN": true, "PSE": true,
	"QAT": true, "SAU": true, "SOM": true, "SDN": true, "SYR": true, "TUN": true, "ARE": true,
	"YEM": true, "ESH": true, "ISR": true, "TUR": true, "IRN": true,
}

// PlacesInput names the input files (all under one data directory).
type PlacesInput struct {
	Countries      string // countries_ar.tsv (dr5hn)
	WorldCountries string // world_countries_ar.tsv (iso2 → iso3)
	Cities         string // cities_ar.tsv
	States         string // states.csv
	StopWords      string // optional: Arabic stop words, one a line
	KBCountries    string // optional: kb/countries.tsv, whose capitals column marks capitals
	Extra          string // optional: kb/places_extra.tsv; its names are left out (the curated line wins)
}

// DefaultPlacesInput returns the standard file layout under dataDir
// (the shared/data directory).
func DefaultPlacesInput(dataDir string) PlacesInput {
	p := filepath.Join(dataDir, "kb", "places")
	return PlacesInput{
		Countries:      filepath.Join(p, "countries_ar.tsv"),
		WorldCountries: filepath.Join(p, "world_countries_ar.tsv"),
		Cities:         filepath.Join(p, "cities_ar.tsv"),
		States:         filepath.Join(p, "states.csv"),
		StopWords:      filepath.Join(dataDir, "kb", "names", "stopwords-iso_ar.txt"),
	}
}

// curatedCapitals reads the capitals column of kb/countries.tsv:
// normalised capital name → iso3. A missing file gives an empty map.
func curatedCapitals(path string) map[string]string {
	m := map[string]string{}
	if path == "" {
		return m
	}
	rows, err := readKBFile(path)
	if err != nil {
		return m
	}
	for _, f := range rows {
		if len(f) < 3 {
			continue
		}
		for _, c := range strings.Split(f[2], "|") {
			if n := Normalize(c); n != "" {
				m[n] = f[0]
			}
		}
	}
	return m
}

// BuildPlaces reads the inputs and returns the deduplicated places, sorted.
func BuildPlaces(in PlacesInput) ([]Place, PlacesStats, error) {
	var st PlacesStats
	iso3, err := readISO3(in.WorldCountries)
	if err != nil {
		return nil, st, err
	}
	stop := map[string]bool{}
	if in.StopWords != "" {
		if f, err := os.Open(in.StopWords); err == nil {
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if w := strings.TrimSpace(sc.Text()); w != "" {
					stop[Normalize(w)] = true
				}
			}
			f.Close()
		}
	}
	var cands []Place
	add := func(p Place) {
		p.Name = cleanName(p.Name)
		n := Normalize(p.Name)
		if n == "" || len([]rune(n)) < 2 || stop[n] || !isArabic(p.Name) || p.Country == "" {
			st.Skipped++
			return
		}
		if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || p.Lat == 0 && p.Lon == 0 {
			st.Skipped++
			return
		}
		p.Lat = round4(p.Lat)
		p.Lon = round4(p.Lon)
		cands = append(cands, p)
	}

	// countries and their capitals
	crows, err := readTSV(in.Countries)
	if err != nil {
		return nil, st, err
	}
	capitalOf := map[string]string{} // iso2 → capital_en
	for _, r := range crows {
		c3 := iso3[r["iso2"]]
		capitalOf[r["iso2"]] = r["capital_en"]
		add(Place{Name: r["name_ar"], Country: c3, Lat: atof(r["lat"]), Lon: atof(r["lon"]), Kind: "country", Source: "dr5hn"})
	}
	// cities (capitals recognised by their English name)
	cities, err := readTSV(in.Cities)
	if err != nil {
		return nil, st, err
	}
	curCaps := curatedCapitals(in.KBCountries)
	for _, r := range cities {
		c3 := iso3[r["country_code"]]
		kind := "city"
		switch {
		case r["name_en"] != "" && r["name_en"] == capitalOf[r["country_code"]],
			r["type"] == "capital" && curCaps[Normalize(cleanName(r["name_ar"]))] == c3:
			kind = "capital"
		case r["type"] == "adm1":
			kind = "state"
		}
		add(Place{Name: r["name_ar"], Country: c3, Lat: atof(r["lat"]), Lon: atof(r["lon"]), Kind: kind, Source: "dr5hn"})
	}
	// states: the native name is Arabic only in Arabic-speaking countries
	srows, err := readCSV(in.States)
	if err != nil {
		return nil, st, err
	}
	for _, r := range srows {
		c3 := iso3[r["country_code"]]
		if !arabWorld[c3] || c3 == "ISR" || c3 == "TUR" || c3 == "IRN" {
			st.Skipped++
			continue
		}
		add(Place{Name: r["native"], Country: c3, Lat: atof(r["latitude"]), Lon: atof(r["longitude"]), Kind: "state", Source: "dr5hn"})
	}

	// dedupe by normalised name: most important kind wins, then Arab-world
	// country, then input order (stable sort)
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if kindRank[a.Kind] != kindRank[b.Kind] {
			return kindRank[a.Kind] < kindRank[b.Kind]
		}
		return arabWorld[a.Country] && !arabWorld[b.Country]
	})
	seen := map[string]bool{}
	extra := map[string]bool{}
	if in.Extra != "" {
		if rows, err := readKBFile(in.Extra); err == nil {
			for _, f := range rows {
				extra[Normalize(f[0])] = true
			}
		}
	}
	var out []Place
	for _, p := range cands {
		n := Normalize(p.Name)
		if extra[n] {
			st.Curated++
			continue
		}
		if seen[n] {
			st.Homonyms++
			continue
		}
		seen[n] = true
		out = append(out, p)
		switch p.Kind {
		case "country":
			st.Countries++
		case "capital":
			st.Capitals++
		case "state":
			st.States++
		default:
			st.Cities++
		}
	}
	// a name that is another place's name with a proclitic glued on («واكرا»
	// beside «اكرا») can never be matched: the matcher strips the proclitic
	kept := out[:0]
	for _, p := range out {
		n := Normalize(p.Name)
		r := []rune(n)
		if p.Kind != "country" && strings.ContainsRune("وفبكل", r[0]) && seen[string(r[1:])] {
			st.Skipped++
			st.Cities -= b2i(p.Kind == "city")
			st.States -= b2i(p.Kind == "state")
			st.Capitals -= b2i(p.Kind == "capital")
			continue
		}
		kept = append(kept, p)
	}
	out = kept
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if kindRank[a.Kind] != kindRank[b.Kind] {
			return kindRank[a.Kind] < kindRank[b.Kind]
		}
		if a.Country != b.Country {
			return a.Country < b.Country
		}
		return a.Name < b.Name
	})
	return out, st, nil
}

// WritePlaces writes places.tsv (header comments, then one place a line).
func WritePlaces(w io.Writer, places []Place, st PlacesStats) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# places.tsv — GENERATED by `marsad kb build places`; do not edit (curated additions go in places_extra.tsv).")
	fmt.Fprintln(bw, "# Source: dr5hn/countries-states-cities-database (countries_ar.tsv, cities_ar.tsv, states.csv) and npm world-countries 5.1.0, ODbL 1.0 — see kb/NOTICE.md.")
	fmt.Fprintf(bw, "# %d countries, %d capitals, %d states/provinces, %d cities; %d homonyms dropped (a more important place has the same normalised name: country > capital > state > city, Arab world first); %d names left to places_extra.tsv; coordinates rounded to 4 decimals.\n",
		st.Countries, st.Capitals, st.States, st.Cities, st.Homonyms, st.Curated)
	fmt.Fprintln(bw, "#name\tcountry\tlat\tlon\tkind\tsource")
	for _, p := range places {
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, p.Country, ftoa(p.Lat), ftoa(p.Lon), p.Kind, p.Source)
	}
	return bw.Flush()
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }

func atof(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

// cleanName trims a name and drops bracketed glosses: «كوت ديفوار (ساحل العاج)» → «كوت ديفوار».
func cleanName(s string) string {
	if i := strings.IndexAny(s, "(（"); i >= 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, "\u200e", "")
	s = strings.ReplaceAll(s, "\u200f", "")
	return strings.Join(strings.Fields(s), " ")
}

// isArabic reports whether s is written in Arabic script (letters only from
// the Arabic blocks, plus spaces and hyphens).
func isArabic(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '\'':
		case unicode.Is(unicode.Arabic, r):
			n++
		default:
			return false
		}
	}
	return n > 0
}

// Normalize folds the spelling variants the loader folds (hamza forms → ا,
// ى → ي, ة → ه, ؤ → و, ئ → ي, no tatweel or diacritics, single spaces).
func Normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640:
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى' || r == 'ئ' || r == 'ی':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r == 'ؤ':
			r = 'و'
		case r == 'ک':
			r = 'ك'
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func readISO3(path string) (map[string]string, error) {
	rows, err := readTSV(path)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, r := range rows {
		c3 := r["cca3"]
		if r["cca2"] == "XK" || c3 == "UNK" {
			c3 = "XKX" // Kosovo: user-assigned code, not UNK (unknown)
		}
		m[r["cca2"]] = c3
	}
	return m, nil
}

// readTSV reads a tab-separated file with a header line into maps.
func readTSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var head []string
	var out []map[string]string
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if head == nil {
			head = strings.Split(strings.TrimPrefix(line, "\ufeff"), "\t")
			continue
		}
		if line == "" {
			continue
		}
		fs := strings.Split(line, "\t")
		m := make(map[string]string, len(head))
		for i, h := range head {
			if i < len(fs) {
				m[h] = strings.TrimSpace(fs[i])
			}
		}
		out = append(out, m)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if head == nil {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	return out, nil
}

// readCSV reads a comma-separated file with a header line into maps.
func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	head := recs[0]
	out := make([]map[string]string, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		m := make(map[string]string, len(head))
		for i, h := range head {
			if i < len(rec) {
				m[h] = strings.TrimSpace(rec[i])
			}
		}
		out = append(out, m)
	}
	return out, nil
}
