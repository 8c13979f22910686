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
	"unsafe"
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

// Outlet is a news outlet and the country it reports from: an article that
// names no country is about that country.
type Outlet struct {
	Names   []string // as written in bylines and feeds («جوهرة أف أم», «Jawhara FM»)
	Country string
	Pos     Pos
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
	Outlets   []Outlet           // news outlets and their countries (outlets.tsv)
	Goldstein map[string]float64 // CAMEO code → Goldstein score
	Events    map[string]string  // CAMEO code → description
	Roots     [NumRoots + 1]Root // CAMEO roots by number (roots.tsv); index 0 is unused
	Windows   map[string]Window  // modality and background windows by name (windows.tsv)
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

// ErrNoFiles is returned by Load for a file system without any *.tsv file:
// a directory that is not a knowledge base.
var ErrNoFiles = errors.New("no knowledge-base files (*.tsv) in it")

// Load reads the knowledge base from fsys: countries.tsv, actors*.tsv,
// roles.tsv, triggers.tsv and places*.tsv. Missing files are empty (see
// Missing for the tables a knowledge base cannot do without). Every
// malformed line is reported (file:line: reason) in the joined error; the
// well-formed lines are still returned.
//
// A file system that cannot be listed (a directory that does not exist),
// or that holds no *.tsv file at all (ErrNoFiles), gives a nil KB and the
// error.
func Load(fsys fs.FS) (*KB, error) {
	k := &KB{Goldstein: map[string]float64{}, Events: map[string]string{}}
	ld := &loader{KB: k}
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("list knowledge base: %w", err)
	}
	if len(names) == 0 {
		// fs.Glob says nothing of a directory it cannot read: ask
		if _, err := fs.ReadDir(fsys, "."); err != nil {
			return nil, fmt.Errorf("list knowledge base: %w", err)
		}
		return nil, ErrNoFiles
	}
	sort.Strings(names)
	var errs []error
	files := make([]tsvFile, 0, len(names))
	for _, name := range names {
		parse, lines := ld.parserOf(name)
		if parse == nil {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("open %s: %w", name, err))
			continue
		}
		files = append(files, tsvFile{name: name, data: data, parse: parse})
		if lines != nil {
			*lines += bytes.Count(data, []byte{'\n'}) + 1
		}
	}
	k.Actors = make([]Actor, 0, ld.lines.actors)
	k.Places = make([]Place, 0, ld.lines.places)
	k.Given = make([]string, 0, ld.lines.given)
	for _, f := range files {
		if err := ld.eachLine(f); err != nil {
			errs = append(errs, err)
		}
	}
	return k, errors.Join(errs...)
}

// tsvFile is a knowledge-base file read whole, with the parser of its lines.
type tsvFile struct {
	name  string
	data  []byte
	parse func(f []string, p Pos) error
}

// loader fills a KB from its files, carving the many small string lists
// of a knowledge base out of shared blocks instead of one allocation each.
type loader struct {
	*KB
	slab   []string // free room for lists
	fields []string // the current line's columns, reused
	lines  struct{ actors, places, given int }
}

// parserOf returns the line parser of a knowledge-base file, or nil for a
// file Load ignores, and the count of lines of its table for the large
// tables (nil for the others), so that they are allocated once.
func (ld *loader) parserOf(name string) (parse func(f []string, p Pos) error, lines *int) {
	switch {
	case name == "countries.tsv":
		return ld.parseCountry, nil
	case strings.HasPrefix(name, "actors"):
		return ld.parseActor, &ld.lines.actors
	case name == "roles.tsv":
		return ld.parseRole, nil
	case name == "triggers.tsv":
		return ld.parseTrigger, nil
	case strings.HasPrefix(name, "places"):
		return ld.parsePlace, &ld.lines.places
	case name == "grammar.tsv":
		return ld.parseWord, nil
	case name == "time.tsv":
		return ld.parseTime, nil
	case name == "cameo_goldstein.tsv":
		return ld.parseGoldstein, nil
	case name == "cameo_eventcodes.tsv":
		return ld.parseEventCode, nil
	case name == "given_names.tsv":
		return ld.parseGiven, &ld.lines.given
	case name == "outlets.tsv":
		return ld.parseOutlet, nil
	case name == "roots.tsv":
		return ld.parseRoot, nil
	case name == "windows.tsv":
		return ld.parseWindow, nil
	}
	return nil, nil
}

// maxLine is the longest line a knowledge-base file may have.
const maxLine = 1 << 20

// eachLine calls the parser of a file for every non-comment line,
// collecting per-line errors. The strings the parser receives share the
// file's memory.
func (ld *loader) eachLine(f tsvFile) error {
	// data is never written again: its lines become the knowledge base's strings
	text := unsafe.String(unsafe.SliceData(f.data), len(f.data))
	file := path.Base(f.name)
	var errs []error
	for line := 1; text != ""; line++ {
		s, rest, _ := strings.Cut(text, "\n")
		text = rest
		if len(s) > maxLine {
			errs = append(errs, fmt.Errorf("read %s: %w", f.name, bufio.ErrTooLong))
			break
		}
		s = strings.TrimRight(s, "\r")
		if s == "" || s[0] == '#' || trimSpace(s) == "" {
			continue
		}
		p := Pos{File: file, Line: line}
		if err := f.parse(ld.split(s), p); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
		}
	}
	return errors.Join(errs...)
}

// trimSpace is strings.TrimSpace, without decoding the ends of the string
// when they are plainly not white space (ASCII non-spaces, Arabic
// letters), as in almost every field of a knowledge base.
func trimSpace(s string) string {
	if len(s) > 0 && plainStart(s) && plainEnd(s) {
		return s
	}
	return strings.TrimSpace(s)
}

// plainStart reports whether s starts with an ASCII non-space or a rune of
// U+0600-U+07FF (lead byte 0xD8-0xDF), which is never white space.
func plainStart(s string) bool {
	c := s[0]
	return c > ' ' && c < 0x80 || c >= 0xD8 && c <= 0xDF
}

// plainEnd reports whether s ends with an ASCII non-space or a two-byte
// rune of U+0600-U+07FF.
func plainEnd(s string) bool {
	n := len(s)
	c := s[n-1]
	if c < 0x80 {
		return c > ' '
	}
	return n >= 2 && c&0xC0 == 0x80 && s[n-2] >= 0xD8 && s[n-2] <= 0xDF
}

// split returns the tab-separated columns of a line, in a slice reused for
// the next line.
func (ld *loader) split(s string) []string {
	f := ld.fields[:0]
	for {
		col, rest, found := strings.Cut(s, "\t")
		f = append(f, col)
		if !found {
			break
		}
		s = rest
	}
	ld.fields = f
	return f
}

// field returns column i, trimmed, or "" when the line is shorter.
func field(f []string, i int) string {
	if i < len(f) {
		return trimSpace(f[i])
	}
	return ""
}

// slabSize is how many list items a shared block holds.
const slabSize = 4096

// list splits a |-separated field, dropping empty items. The result has no
// spare capacity, so appending to it never touches its neighbours.
func (ld *loader) list(s string) []string {
	if s == "" {
		return nil
	}
	n := strings.Count(s, "|") + 1
	if cap(ld.slab)-len(ld.slab) < n {
		ld.slab = make([]string, 0, max(slabSize, n))
	}
	start := len(ld.slab)
	for s != "" {
		x, rest, _ := strings.Cut(s, "|")
		s = rest
		if x = trimSpace(x); x != "" {
			ld.slab = append(ld.slab, x)
		}
	}
	if len(ld.slab) == start {
		return nil
	}
	return ld.slab[start:len(ld.slab):len(ld.slab)]
}

func (k *loader) parseCountry(f []string, p Pos) error {
	c := Country{ISO3: field(f, 0), Names: k.list(field(f, 1)), Capitals: k.list(field(f, 2)),
		Demonyms: k.list(field(f, 3)), Plurals: k.list(field(f, 4)), English: field(f, 5), Pos: p}
	if !ValidCountry(c.ISO3) {
		return fmt.Errorf("bad country code %q", c.ISO3)
	}
	if len(c.Names) == 0 {
		return fmt.Errorf("country %s has no Arabic name", c.ISO3)
	}
	k.Countries = append(k.Countries, c)
	return nil
}

func (k *loader) parseActor(f []string, p Pos) error {
	a := Actor{Surfaces: k.list(field(f, 0)), Country: field(f, 1), Role: field(f, 2), Kind: field(f, 3),
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

func (k *loader) parseRole(f []string, p Pos) error {
	r := Role{Surfaces: k.list(field(f, 0)), Role: field(f, 1), Kind: field(f, 2), English: field(f, 3), Pos: p}
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

func (k *loader) parseTrigger(f []string, p Pos) error {
	t := Trigger{POS: field(f, 0), Surfaces: k.list(field(f, 1)), Cues: k.list(field(f, 2)),
		CAMEO: field(f, 3), PLOVER: field(f, 4), Mode: field(f, 5), Target: k.list(field(f, 6)),
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

func (k *loader) parsePlace(f []string, p Pos) error {
	pl := Place{Names: k.list(field(f, 0)), Country: field(f, 1), Kind: field(f, 4), Source: field(f, 5), Pos: p}
	if len(pl.Names) == 0 {
		return errors.New("place has no name")
	}
	if !ValidCountry(pl.Country) {
		return fmt.Errorf("bad country code %q", pl.Country)
	}
	var err error
	if pl.Lat, err = parseFloat(field(f, 2)); err != nil || pl.Lat < -90 || pl.Lat > 90 {
		return fmt.Errorf("bad latitude %q", field(f, 2))
	}
	if pl.Lon, err = parseFloat(field(f, 3)); err != nil || pl.Lon < -180 || pl.Lon > 180 {
		return fmt.Errorf("bad longitude %q", field(f, 3))
	}
	k.Places = append(k.Places, pl)
	return nil
}

func (k *loader) parseWord(f []string, p Pos) error {
	w := Word{Surfaces: k.list(field(f, 0)), Class: field(f, 1), Pos: p}
	if len(w.Surfaces) == 0 || w.Class == "" {
		return errors.New("grammar line needs surfaces and a class")
	}
	k.Words = append(k.Words, w)
	return nil
}

func (k *loader) parseTime(f []string, p Pos) error {
	v, err := strconv.Atoi(field(f, 2))
	if err != nil {
		return fmt.Errorf("bad time value %q: %w", field(f, 2), err)
	}
	t := TimeWord{Surfaces: k.list(field(f, 0)), Kind: field(f, 1), Value: v, Pos: p}
	switch t.Kind {
	case "day", "week", "midweek", "monthrel", "weekday", "month":
	default:
		return fmt.Errorf("bad time kind %q", t.Kind)
	}
	k.Times = append(k.Times, t)
	return nil
}

func (k *loader) parseGiven(f []string, p Pos) error {
	if n := field(f, 0); n != "" {
		k.Given = append(k.Given, n)
	}
	return nil
}

func (k *loader) parseOutlet(f []string, p Pos) error {
	o := Outlet{Names: k.list(field(f, 0)), Country: field(f, 1), Pos: p}
	if len(o.Names) == 0 {
		return fmt.Errorf("outlet without a name")
	}
	if !ValidCountry(o.Country) {
		return fmt.Errorf("bad country %q", o.Country)
	}
	k.Outlets = append(k.Outlets, o)
	return nil
}

func (k *loader) parseGoldstein(f []string, p Pos) error {
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

func (k *loader) parseEventCode(f []string, p Pos) error {
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

// parseFloat is strconv.ParseFloat(s, 64), done directly for a plain
// decimal of at most 15 digits («-12.3456», as coordinates are written):
// its digits then make an exact integer and a power of ten divides it
// exactly as ParseFloat rounds.
func parseFloat(s string) (float64, error) {
	if v, ok := plainDecimal(s); ok {
		return v, nil
	}
	return strconv.ParseFloat(s, 64)
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// plainDecimal reads an optional sign, digits and at most one point; ok is
// false for anything else, or for more than 15 digits.
func plainDecimal(s string) (v float64, ok bool) {
	i, neg := 0, false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg, i = s[i] == '-', i+1
	}
	var m uint64
	digits, point := 0, -1
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && point < 0:
			point = digits
		case c >= '0' && c <= '9' && digits < 15:
			m = m*10 + uint64(c-'0')
			digits++
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	scale := 0
	if point >= 0 {
		scale = digits - point
	}
	v = float64(m) / pow10[scale]
	if neg {
		v = -v
	}
	return v, true
}

// required are the tables without which a knowledge base codes nothing,
// with the files they are read from.
var required = [...]struct {
	file  string
	count func(k *KB) int
}{
	{"countries.tsv", func(k *KB) int { return len(k.Countries) }},
	{"actors*.tsv", func(k *KB) int { return len(k.Actors) }},
	{"roles.tsv", func(k *KB) int { return len(k.Roles) }},
	{"triggers.tsv", func(k *KB) int { return len(k.Triggers) }},
	{"grammar.tsv", func(k *KB) int { return len(k.Words) }},
	{"windows.tsv", func(k *KB) int { return len(k.Windows) }},
	{"roots.tsv", func(k *KB) int {
		n := 0
		for _, r := range k.Roots {
			if r.Code != "" {
				n++
			}
		}
		return n
	}},
}

// Missing returns the files of the required tables (countries, actors,
// roles, triggers, grammar words, modality windows, CAMEO roots) that gave no entry, in that
// order: a knowledge base missing any of them is incomplete and codes no
// events, or wrong ones. The shipped knowledge base misses none.
func (k *KB) Missing() []string {
	var out []string
	for _, r := range required {
		if r.count(k) == 0 {
			out = append(out, r.file)
		}
	}
	return out
}
