package kb

import (
	"bufio"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/marsad/marsad/internal/arabic"
)

// Severities of lint problems.
const (
	SevError   = "error"
	SevWarning = "warning"
)

// Problem is one finding of Lint.
type Problem struct {
	Pos      Pos
	Severity string // "error" or "warning"
	Msg      string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s: %s", p.Pos, p.Severity, p.Msg) }

// PloverCategories are the 16 PLOVER event categories.
var PloverCategories = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

// pseudoCountries are the country codes that are not ISO 3166-1 countries.
var pseudoCountries = map[string]bool{"IGO": true, "IMG": true, "NGO": true, "UNK": true}

// LoadProblems turns the error returned by Load into problems, one per
// malformed line («file:line: reason»); other messages get an empty Pos.
func LoadProblems(err error) []Problem {
	if err == nil {
		return nil
	}
	var out []Problem
	sc := bufio.NewScanner(strings.NewReader(err.Error()))
	sc.Buffer(make([]byte, 64*1024), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		p := Problem{Severity: SevError, Msg: line}
		if m := posRE.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[2])
			p.Pos, p.Msg = Pos{File: m[1], Line: n}, m[3]
		}
		out = append(out, p)
	}
	return out
}

var posRE = regexp.MustCompile(`^([^\s:]+\.tsv):(\d+): (.*)$`)

// name is one surface of a naming entry (country, capital, demonym, actor
// or role), for the collision checks.
type name struct {
	surface  string // as written
	country  string // "" when the entry does not fix the country (role words)
	role     string
	hasRole  bool // the entry fixes the role ("" included): actors and capitals
	from, to Date
	what     string // "country name", "capital", "demonym", "actor", "role word"
	derived  bool   // an inflected form the loader derives, not written in the file
	pos      Pos
}

func (n *name) code() string {
	switch {
	case n.country == "":
		return "role " + orDash(n.role)
	case n.hasRole:
		return n.country + n.role
	}
	return n.country + " (any role)"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// conflicts reports whether two names give one phrase different codes.
func (n *name) conflicts(o *name) bool {
	if n.country != "" && o.country != "" && n.country != o.country {
		return true
	}
	return n.hasRole && o.hasRole && n.role != o.role
}

func overlap(aFrom, aTo, bFrom, bTo Date) bool { return aFrom <= bTo && bFrom <= aTo }

// normKey is the matcher's key of a surface: its normalised tokens joined
// by spaces, quotation marks dropped.
func normKey(s string) string {
	toks := arabic.Tokenize(nil, s)
	parts := make([]string, 0, len(toks))
	for _, t := range toks {
		if arabic.IsQuote(t.Norm) {
			continue
		}
		parts = append(parts, t.Norm)
	}
	return strings.Join(parts, " ")
}

// Lint checks a loaded knowledge base for mistakes Load cannot see on one
// line: duplicate lines, unknown country codes, invalid roles, a phrase
// meaning two codes at once (also after normalisation: «أميركا» and
// «اميركا» are the same key), trigger codes missing from the CAMEO table or
// PLOVER, a required table with no entries (see KB.Missing), one-letter
// surfaces, surfaces that carry a proclitic, and places at 0,0. Problems come sorted by file and line. It runs in time linear in
// the size of the knowledge base (maps, no pairwise loops over entries).
func Lint(k *KB) []Problem {
	l := linter{k: k, iso: map[string]bool{}}
	for _, f := range k.Missing() {
		l.add(Pos{File: f}, SevError, "no entries: the knowledge base is incomplete without this table")
	}
	l.countries()
	l.actors()
	l.roles()
	l.names()
	l.triggers()
	l.places()
	l.others()
	l.roots()
	l.windows()
	l.proclitics()
	sort.SliceStable(l.out, func(i, j int) bool {
		a, b := l.out[i].Pos, l.out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return l.out
}

type linter struct {
	k        *KB
	iso      map[string]bool
	out      []Problem
	nameList []name
	// surfaces of the main matcher (names and triggers) and of places, for the proclitic check
	mainSurf  []keyed
	placeSurf []keyed
}

type keyed struct {
	key, surface string
	pos          Pos
}

func (l *linter) add(p Pos, sev, format string, args ...any) {
	l.out = append(l.out, Problem{Pos: p, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

// dupLines reports lines whose signature was seen before.
type dupSet map[string]Pos

func (d dupSet) check(l *linter, sig string, p Pos) bool {
	if first, ok := d[sig]; ok {
		l.add(p, SevError, "duplicate of line %d", first.Line)
		return true
	}
	d[sig] = p
	return false
}

// sig is the order-independent normalised signature of a surface list.
func sig(ss []string) string {
	keys := make([]string, len(ss))
	for i, s := range ss {
		keys[i] = normKey(s)
	}
	sort.Strings(keys)
	return strings.Join(keys, "|")
}

func (l *linter) surfaces(ss []string, p Pos, main bool) {
	seen := make(map[string]bool, len(ss)) // spelling variants on one line are harmless; exact repeats are not
	for _, s := range ss {
		key := normKey(s)
		if key == "" {
			l.add(p, SevError, "surface %q has no letters", s)
			continue
		}
		if utf8.RuneCountInString(key) == 1 {
			l.add(p, SevError, "surface %q is a single letter", s)
		}
		if seen[s] {
			l.add(p, SevWarning, "surface %q listed twice on the line", s)
		}
		seen[s] = true
		if main {
			l.mainSurf = append(l.mainSurf, keyed{key, s, p})
		} else {
			l.placeSurf = append(l.placeSurf, keyed{key, s, p})
		}
	}
}

func (l *linter) knownCountry(c string) bool { return l.iso[c] || pseudoCountries[c] }

func (l *linter) countries() {
	first := map[string]Pos{}
	for i := range l.k.Countries {
		c := &l.k.Countries[i]
		if !ValidCountry(c.ISO3) || pseudoCountries[c.ISO3] {
			l.add(c.Pos, SevError, "bad country code %q", c.ISO3)
		}
		if p, ok := first[c.ISO3]; ok {
			l.add(c.Pos, SevError, "country %s already listed at line %d", c.ISO3, p.Line)
		} else {
			first[c.ISO3] = c.Pos
		}
		l.iso[c.ISO3] = true
		for _, f := range [][]string{c.Names, c.Capitals, c.Demonyms, c.Plurals} {
			l.surfaces(f, c.Pos, true)
		}
		for _, s := range c.Names {
			l.nameList = append(l.nameList, name{surface: s, country: c.ISO3, to: MaxDate, what: "country name", pos: c.Pos})
		}
		for _, s := range c.Capitals {
			l.nameList = append(l.nameList, name{surface: s, country: c.ISO3, role: "GOV", hasRole: true, to: MaxDate, what: "capital", pos: c.Pos})
		}
		for _, s := range c.Plurals {
			l.nameList = append(l.nameList, name{surface: s, country: c.ISO3, to: MaxDate, what: "people noun", pos: c.Pos})
		}
		for _, s := range c.Demonyms {
			norm := arabic.NormalizeString(s)
			for j, f := range demonymForms(norm) {
				l.nameList = append(l.nameList, name{surface: f, country: c.ISO3, to: MaxDate, what: "demonym", derived: j > 0, pos: c.Pos})
			}
		}
	}
}

func (l *linter) actors() {
	dups := dupSet{}
	for i := range l.k.Actors {
		a := &l.k.Actors[i]
		if !l.knownCountry(a.Country) {
			l.add(a.Pos, SevError, "unknown country code %q (not in countries.tsv, nor IGO, IMG, NGO, UNK)", a.Country)
		}
		if !ValidRole(a.Role) {
			l.add(a.Pos, SevError, "bad role %q", a.Role)
		}
		if a.From > a.To {
			l.add(a.Pos, SevError, "validity starts (%d) after it ends (%d)", a.From, a.To)
		}
		if dups.check(l, fmt.Sprint(sig(a.Surfaces), "\t", a.Country, a.Role, "\t", a.From, "\t", a.To), a.Pos) {
			continue
		}
		l.surfaces(a.Surfaces, a.Pos, true)
		for _, s := range a.Surfaces {
			l.nameList = append(l.nameList, name{surface: s, country: a.Country, role: a.Role, hasRole: true,
				from: a.From, to: a.To, what: "actor", pos: a.Pos})
		}
	}
}

func (l *linter) roles() {
	dups := dupSet{}
	for i := range l.k.Roles {
		r := &l.k.Roles[i]
		if !ValidRole(r.Role) {
			l.add(r.Pos, SevError, "bad role %q", r.Role)
		}
		if dups.check(l, sig(r.Surfaces)+"\t"+r.Role+"\t"+r.Kind, r.Pos) {
			continue
		}
		l.surfaces(r.Surfaces, r.Pos, true)
		for _, s := range r.Surfaces {
			l.nameList = append(l.nameList, name{surface: s, role: r.Role, hasRole: r.Role != "", to: MaxDate, what: "role word", pos: r.Pos})
		}
	}
}

// names reports phrases that mean two codes at once, and phrases listed
// twice with the same code.
func (l *linter) names() {
	byKey := make(map[string][]int, len(l.nameList))
	var order []string
	for i := range l.nameList {
		key := normKey(l.nameList[i].surface)
		if key == "" {
			continue
		}
		if _, ok := byKey[key]; !ok {
			order = append(order, key)
		}
		byKey[key] = append(byKey[key], i)
	}
	for _, key := range order {
		idx := byKey[key]
		if len(idx) < 2 {
			continue
		}
		// Each later entry is compared with the earlier entries of the same
		// key; a key has few entries, so this stays linear overall.
		for b := 1; b < len(idx); b++ {
			nb := &l.nameList[idx[b]]
			for a := 0; a < b; a++ {
				na := &l.nameList[idx[a]]
				if na.pos == nb.pos || !overlap(na.from, na.to, nb.from, nb.to) {
					continue
				}
				how := "the same surface"
				if na.surface != nb.surface {
					how = fmt.Sprintf("normalised like %q (%s)", na.surface, key)
				}
				if nb.conflicts(na) {
					l.add(nb.pos, SevError, "%s %q is %s as the %s at %s but means %s there and %s here, in overlapping periods",
						nb.what, nb.surface, how, na.what, na.pos, na.code(), nb.code())
					break
				}
				if !na.derived && !nb.derived && na.what == nb.what {
					l.add(nb.pos, SevWarning, "%s %q with code %s is listed again: %s at %s",
						nb.what, nb.surface, nb.code(), how, na.pos)
					break
				}
			}
		}
	}
}

func (l *linter) triggers() {
	dups := dupSet{}
	type use struct {
		pos   Pos
		cameo string
	}
	plain := map[string]use{} // surface key → the first trigger line without a cue
	same := map[string]use{}  // POS + surface key → the first trigger line without a cue
	for i := range l.k.Triggers {
		t := &l.k.Triggers[i]
		if len(l.k.Events) == 0 {
			if i == 0 {
				l.add(t.Pos, SevWarning, "no cameo_eventcodes.tsv: trigger CAMEO codes not checked")
			}
		} else if _, ok := l.k.Events[t.CAMEO]; !ok {
			l.add(t.Pos, SevError, "CAMEO code %q is not in cameo_eventcodes.tsv", t.CAMEO)
		}
		if !PloverCategories[t.PLOVER] {
			l.add(t.Pos, SevError, "PLOVER category %q is not one of the 16 (AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT)", t.PLOVER)
		}
		if dups.check(l, strings.Join([]string{t.POS, sig(t.Surfaces), sig(t.Cues), t.CAMEO, t.PLOVER, t.Mode}, "\t"), t.Pos) {
			continue
		}
		l.surfaces(t.Surfaces, t.Pos, true)
		if len(t.Cues) > 0 {
			continue
		}
		for _, s := range t.Surfaces {
			key := normKey(s)
			if u, ok := plain[key]; !ok {
				plain[key] = use{t.Pos, t.CAMEO}
			} else if u.cameo != t.CAMEO && u.pos != t.Pos {
				l.add(t.Pos, SevWarning, "trigger %q (%s) without a cue is already %s at %s without a cue: the coder takes the first line",
					s, t.CAMEO, u.cameo, u.pos)
			}
			key = t.POS + " " + key
			if u, ok := same[key]; !ok {
				same[key] = use{t.Pos, t.CAMEO}
			} else if u.cameo == t.CAMEO && u.pos != t.Pos {
				l.add(t.Pos, SevWarning, "trigger %q (%s, %s) is listed again: %s", s, t.POS, t.CAMEO, u.pos)
			}
		}
	}
}

func (l *linter) places() {
	dups := dupSet{}
	for i := range l.k.Places {
		p := &l.k.Places[i]
		if !l.knownCountry(p.Country) {
			l.add(p.Pos, SevError, "unknown country code %q (not in countries.tsv, nor IGO, IMG, NGO, UNK)", p.Country)
		}
		if p.Lat == 0 && p.Lon == 0 {
			l.add(p.Pos, SevWarning, "place %q is at 0,0: coordinates missing?", p.Names[0])
		}
		if dups.check(l, fmt.Sprint(sig(p.Names), "\t", p.Country, "\t", p.Lat, "\t", p.Lon), p.Pos) {
			continue
		}
		l.surfaces(p.Names, p.Pos, false)
	}
}

func (l *linter) others() {
	for i := range l.k.Outlets {
		if o := &l.k.Outlets[i]; !l.knownCountry(o.Country) {
			l.add(o.Pos, SevError, "outlet %q: unknown country %q", o.Names[0], o.Country)
		}
	}
	dups := dupSet{}
	for i := range l.k.Words {
		w := &l.k.Words[i]
		dups.check(l, sig(w.Surfaces)+"\t"+w.Class, w.Pos)
	}
	dups = dupSet{}
	for i := range l.k.Times {
		t := &l.k.Times[i]
		dups.check(l, fmt.Sprint(sig(t.Surfaces), "\t", t.Kind, "\t", t.Value), t.Pos)
	}
}

// proclitics warns about surfaces written with a leading «و» or «ف» when
// the rest is itself a surface: the matcher strips proclitics from text, so
// «والجيش» needs no line of its own and may hide a mistake.
func (l *linter) proclitics() {
	check := func(surfs []keyed) {
		keys := make(map[string]bool, len(surfs))
		for _, s := range surfs {
			keys[s.key] = true
		}
		for _, s := range surfs {
			for _, pre := range []string{"و", "ف"} {
				rest, ok := strings.CutPrefix(s.key, pre)
				if ok && rest != "" && rest[0] != ' ' && keys[rest] {
					l.add(s.pos, SevWarning, "surface %q starts with the proclitic «%s» and %q is a surface too: the matcher strips proclitics", s.surface, pre, rest)
				}
			}
		}
	}
	check(l.mainSurf)
	check(l.placeSurf)
}
