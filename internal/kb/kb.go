// Package kb loads Marsad's knowledge base — countries, named actors, role
// words, event triggers and places — from tab-separated text files (see
// kb/FORMAT.md), checks it, and compiles it into a Lexicon for matching.
package kb

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Date is a calendar day as YYYYMMDD, comparable with < and >.
type Date int32

// Open-ended validity bounds.
const (
	MinDate Date = 0
	MaxDate Date = 99991231
)

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD. For a "to" bound (end true)
// a partial date means its last day, otherwise its first. "" is open.
func ParseDate(s string, end bool) (Date, error) {
	if s == "" {
		if end {
			return MaxDate, nil
		}
		return MinDate, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return 0, fmt.Errorf("bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	n := [3]int{0, 1, 1}
	if end {
		n = [3]int{0, 12, 31}
	}
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return 0, fmt.Errorf("bad date %q: %w", s, err)
		}
		n[i] = v
	}
	if n[1] < 1 || n[1] > 12 || n[2] < 1 || n[2] > 31 {
		return 0, fmt.Errorf("bad date %q: month or day out of range", s)
	}
	return Date(n[0]*10000 + n[1]*100 + n[2]), nil
}

// Pos says where an entry was read from, for messages.
type Pos struct {
	File string // file name within the knowledge base
	Line int    // 1-based line number
}

func (p Pos) String() string { return p.File + ":" + strconv.Itoa(p.Line) }

// Country is one line of countries.tsv.
type Country struct {
	ISO3     string   // ISO 3166-1 alpha-3
	Names    []string // Arabic names
	Capitals []string // capitals standing for the government
	Demonyms []string // masculine singular nisba adjectives, without the article
	Plurals  []string // irregular plurals and people nouns
	English  string
	Pos      Pos
}

// Actor is one line of actors*.tsv: a named actor with a code valid for a period.
type Actor struct {
	Surfaces []string
	Country  string // ISO3, IGO, IMG, NGO or UNK
	Role     string // GOV, MIL, … or ""
	Kind     string // PERSON, ORG, GROUP, IGO, …
	From, To Date   // validity, inclusive
	Source   string // provenance
	English  string
	Pos      Pos
}

// Role is one line of roles.tsv: a role word or title.
type Role struct {
	Surfaces []string
	Role     string // GOV, MIL, …, or "" for honorifics
	Kind     string // ORG, TITLE or GROUP
	English  string
	Pos      Pos
}

// Trigger is one line of triggers.tsv: words that report an event.
type Trigger struct {
	POS      string   // V (verb, inflected by the loader), N (noun) or P (fixed phrase)
	Surfaces []string // for V: 3rd person masculine past and/or present forms; for N/P: as written
	Cues     []string // when given, one of these must follow within a few words
	CAMEO    string   // CAMEO event code
	PLOVER   string   // PLOVER category
	Mode     string   // PLOVER mode, may be ""
	Target   []string // prepositions introducing the target; "-" is the direct object
	English  string
	Pos      Pos
}

// Root returns the two-digit CAMEO root of the trigger's code.
func (t *Trigger) Root() string { return t.CAMEO[:2] }

// Place is one line of places*.tsv.
type Place struct {
	Names    []string
	Country  string
	Lat, Lon float64
	Kind     string
	Source   string
	Pos      Pos
}

// Word is one line of grammar.tsv: function words of one class.
type Word struct {
	Surfaces []string
	Class    string // prep:<name>, glue, passive, light, relative, neg, reported, secret, intended, hypothetical, speech
	Pos      Pos
}

// TimeWord is one line of time.tsv.
type TimeWord struct {
	Surfaces []string
	Kind     string // day, week, midweek, monthrel, weekday, month
	Value    int
	Pos      Pos
}

// KB is a whole knowledge base.
type KB struct {
	Countries []Country
	Actors    []Actor
	Roles     []Role
	Triggers  []Trigger
	Places    []Place
	Words     []Word
	Times     []TimeWord
	Given     []string           // given names (given_names.tsv)
	Goldstein map[string]float64 // CAMEO code → Goldstein score
	Events    map[string]string  // CAMEO code → description
}

// ValidCountry reports whether c is a country code Marsad accepts: three
// upper-case letters (ISO 3166-1 alpha-3 or IGO, IMG, NGO, UNK).
func ValidCountry(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

// Roles Marsad accepts.
var validRoles = map[string]bool{"": true, "GOV": true, "MIL": true, "SPY": true, "COP": true,
	"JUD": true, "LEG": true, "OPP": true, "REB": true, "CVL": true, "MED": true, "BUS": true,
	"REF": true, "IGO": true, "NGO": true, "PTY": true, "EDU": true, "HLH": true, "LAB": true, "ELI": true, "REL": true}

// ValidRole reports whether r is a role code Marsad accepts ("" included).
func ValidRole(r string) bool { return validRoles[r] }

// Load reads the knowledge base from fsys: countries.tsv, actors*.tsv,
// roles.tsv, triggers.tsv and places*.tsv. Missing files are empty. Every
// malformed line is reported (file:line: reason) in the joined error; the
// well-formed lines are still returned.
func Load(fsys fs.FS) (*KB, error) {
	k := &KB{Goldstein: map[string]float64{}, Events: map[string]string{}}
	var errs []error
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("list knowledge base: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		var parse func(f []string, p Pos) error
		switch {
		case name == "countries.tsv":
			parse = k.parseCountry
		case strings.HasPrefix(name, "actors"):
			parse = k.parseActor
		case name == "roles.tsv":
			parse = k.parseRole
		case name == "triggers.tsv":
			parse = k.parseTrigger
		case strings.HasPrefix(name, "places"):
			if data, err := fs.ReadFile(fsys, name); err == nil && k.Places == nil {
				k.Places = make([]Place, 0, bytes.Count(data, []byte{'\n'})+1024) // tens of thousands: size once
			}
			parse = k.parsePlace
		case name == "grammar.tsv":
			parse = k.parseWord
		case name == "time.tsv":
			parse = k.parseTime
		case name == "cameo_goldstein.tsv":
			parse = k.parseGoldstein
		case name == "cameo_eventcodes.tsv":
			parse = k.parseEventCode
		case name == "given_names.tsv":
			parse = k.parseGiven
		default:
			continue
		}
		if err := eachLine(fsys, name, parse); err != nil {
			errs = append(errs, err)
		}
	}
	return k, errors.Join(errs...)
}

// eachLine calls parse for every non-comment line of a TSV file, collecting
// per-line errors.
func eachLine(fsys fs.FS, name string, parse func([]string, Pos) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	var errs []error
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if s == "" || strings.HasPrefix(s, "#") || strings.TrimSpace(s) == "" {
			continue
		}
		p := Pos{File: path.Base(name), Line: line}
		if err := parse(strings.Split(s, "\t"), p); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("read %s: %w", name, err))
	}
	return errors.Join(errs...)
}

// field returns column i, trimmed, or "" when the line is shorter.
func field(f []string, i int) string {
	if i < len(f) {
		return strings.TrimSpace(f[i])
	}
	return ""
}

// list splits a |-separated field, dropping empty items.
func list(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, x := range strings.Split(s, "|") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func (k *KB) parseCountry(f []string, p Pos) error {
	c := Country{ISO3: field(f, 0), Names: list(field(f, 1)), Capitals: list(field(f, 2)),
		Demonyms: list(field(f, 3)), Plurals: list(field(f, 4)), English: field(f, 5), Pos: p}
	if !ValidCountry(c.ISO3) {
		return fmt.Errorf("bad country code %q", c.ISO3)
	}
	if len(c.Names) == 0 {
		return fmt.Errorf("country %s has no Arabic name", c.ISO3)
	}
	k.Countries = append(k.Countries, c)
	return nil
}

func (k *KB) parseActor(f []string, p Pos) error {
	a := Actor{Surfaces: list(field(f, 0)), Country: field(f, 1), Role: field(f, 2), Kind: field(f, 3),
		Source: field(f, 6), English: field(f, 7), Pos: p}
	if len(a.Surfaces) == 0 {
		return errors.New("actor has no surface")
	}
	if !ValidCountry(a.Country) {
		return fmt.Errorf("bad country code %q", a.Country)
	}
	if !ValidRole(a.Role) {
		return fmt.Errorf("bad role %q", a.Role)
	}
	var err error
	if a.From, err = ParseDate(field(f, 4), false); err != nil {
		return err
	}
	if a.To, err = ParseDate(field(f, 5), true); err != nil {
		return err
	}
	if a.From > a.To {
		return fmt.Errorf("validity starts (%d) after it ends (%d)", a.From, a.To)
	}
	k.Actors = append(k.Actors, a)
	return nil
}

func (k *KB) parseRole(f []string, p Pos) error {
	r := Role{Surfaces: list(field(f, 0)), Role: field(f, 1), Kind: field(f, 2), English: field(f, 3), Pos: p}
	if len(r.Surfaces) == 0 {
		return errors.New("role has no surface")
	}
	if !ValidRole(r.Role) {
		return fmt.Errorf("bad role %q", r.Role)
	}
	switch r.Kind {
	case "ORG", "TITLE", "GROUP":
	default:
		return fmt.Errorf("bad role kind %q: want ORG, TITLE or GROUP", r.Kind)
	}
	k.Roles = append(k.Roles, r)
	return nil
}

func (k *KB) parseTrigger(f []string, p Pos) error {
	t := Trigger{POS: field(f, 0), Surfaces: list(field(f, 1)), Cues: list(field(f, 2)),
		CAMEO: field(f, 3), PLOVER: field(f, 4), Mode: field(f, 5), Target: list(field(f, 6)),
		English: field(f, 7), Pos: p}
	switch t.POS {
	case "V", "N", "P":
	default:
		return fmt.Errorf("bad part of speech %q: want V, N or P", t.POS)
	}
	if len(t.Surfaces) == 0 {
		return errors.New("trigger has no surface")
	}
	if len(t.CAMEO) < 2 || len(t.CAMEO) > 4 {
		return fmt.Errorf("bad CAMEO code %q", t.CAMEO)
	}
	for _, c := range t.CAMEO {
		if c < '0' || c > '9' {
			return fmt.Errorf("bad CAMEO code %q", t.CAMEO)
		}
	}
	if r, _ := strconv.Atoi(t.CAMEO[:2]); r < 1 || r > 20 {
		return fmt.Errorf("CAMEO code %q has no root 01-20", t.CAMEO)
	}
	if t.PLOVER == "" {
		return errors.New("trigger has no PLOVER category")
	}
	k.Triggers = append(k.Triggers, t)
	return nil
}

func (k *KB) parsePlace(f []string, p Pos) error {
	pl := Place{Names: list(field(f, 0)), Country: field(f, 1), Kind: field(f, 4), Source: field(f, 5), Pos: p}
	if len(pl.Names) == 0 {
		return errors.New("place has no name")
	}
	if !ValidCountry(pl.Country) {
		return fmt.Errorf("bad country code %q", pl.Country)
	}
	var err error
	if pl.Lat, err = strconv.ParseFloat(field(f, 2), 64); err != nil || pl.Lat < -90 || pl.Lat > 90 {
		return fmt.Errorf("bad latitude %q", field(f, 2))
	}
	if pl.Lon, err = strconv.ParseFloat(field(f, 3), 64); err != nil || pl.Lon < -180 || pl.Lon > 180 {
		return fmt.Errorf("bad longitude %q", field(f, 3))
	}
	k.Places = append(k.Places, pl)
	return nil
}

func (k *KB) parseWord(f []string, p Pos) error {
	w := Word{Surfaces: list(field(f, 0)), Class: field(f, 1), Pos: p}
	if len(w.Surfaces) == 0 || w.Class == "" {
		return errors.New("grammar line needs surfaces and a class")
	}
	k.Words = append(k.Words, w)
	return nil
}

func (k *KB) parseTime(f []string, p Pos) error {
	v, err := strconv.Atoi(field(f, 2))
	if err != nil {
		return fmt.Errorf("bad time value %q: %w", field(f, 2), err)
	}
	t := TimeWord{Surfaces: list(field(f, 0)), Kind: field(f, 1), Value: v, Pos: p}
	switch t.Kind {
	case "day", "week", "midweek", "monthrel", "weekday", "month":
	default:
		return fmt.Errorf("bad time kind %q", t.Kind)
	}
	k.Times = append(k.Times, t)
	return nil
}

func (k *KB) parseGiven(f []string, p Pos) error {
	if n := field(f, 0); n != "" {
		k.Given = append(k.Given, n)
	}
	return nil
}

func (k *KB) parseGoldstein(f []string, p Pos) error {
	if field(f, 0) == "cameo" {
		return nil // header
	}
	v, err := strconv.ParseFloat(field(f, 1), 64)
	if err != nil {
		return fmt.Errorf("bad Goldstein score %q: %w", field(f, 1), err)
	}
	k.Goldstein[field(f, 0)] = v
	return nil
}

func (k *KB) parseEventCode(f []string, p Pos) error {
	if field(f, 0) == "cameo" {
		return nil // header
	}
	k.Events[field(f, 0)] = field(f, 1)
	return nil
}

// GoldsteinOf returns the Goldstein score of a CAMEO code, falling back to
// its parent codes (0312 → 031 → 03).
func (k *KB) GoldsteinOf(code string) float64 {
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if v, ok := k.Goldstein[c]; ok {
			return v
		}
	}
	return 0
}
