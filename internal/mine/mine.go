// Package mine finds the predicates of a corpus's sentences that name two
// actors, groups them by a lemma-ish key and ranks them by frequency, so
// that the trigger lexicon can be grown from the language rather than from
// the misses of an evaluation set (see kb/FORMAT.md, "Mined predicates").
//
// A predicate occurrence is defined in FORMAT.md; in short: in a sentence
// where resolution finds at least two actor phrases with a country, the
// first content word before each actor phrase (at most maxBack tokens back,
// not crossing punctuation, skipping function words and time words), a
// support verb («وجه», «أدى», «أجرى», «عقد», «شن», «قام», «أبدى», «أعلن»,
// «أقدم») being replaced by the support verb + the first content noun after
// it and its subject.
package mine

import (
	"sort"
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// maxBack is how many tokens before an actor phrase its predicate may stand.
const maxBack = 4

// maxAfter is how many tokens after a support verb (and its subject) its noun may stand.
const maxAfter = 4

// Status says what the knowledge base already makes of a predicate occurrence.
type Status uint8

// Statuses of an occurrence.
const (
	Unknown  Status = iota // neither a trigger nor reviewed
	Lexicon                // the trigger lexicon matches it (with or without cue)
	Reviewed               // its key is in the reviewed non-acts
)

var statusNames = [...]string{"new", "lexicon", "reviewed"}

func (s Status) String() string { return statusNames[s] }

// Occurrence is one predicate occurrence.
type Occurrence struct {
	Key     string // lemma-ish key (see Key); a support pair is «وجه+اتهام»
	Surface string // the normalised word(s) as written, proclitics included
	Support bool   // a support verb + noun pair
	Status  Status
	Trigger int32 // the trigger line that matched (Status Lexicon), else -1
}

// Miner extracts predicate occurrences. Make one with New.
type Miner struct {
	p        *pipeline.Pipeline
	reviewed map[string]bool   // keys of reviewed non-acts
	support  map[string]string // forms of the support verbs → their past
}

// simpleForms returns the common 3rd person forms of a verb given in its
// masculine singular past or present: «وجه» → وجهت، وجهوا، وجها; «يوجه» →
// توجه، يوجهون، توجهان; «ادي» → ادت، ادوا.
func simpleForms(v string) []string {
	if st, ok := strings.CutPrefix(v, "ي"); ok {
		out := []string{v, "ت" + st, v + "ون", v + "ان", "ت" + st + "ان", "س" + v, "ست" + st}
		if b, ok := strings.CutSuffix(st, "ي"); ok {
			out = append(out, "ي"+b+"ون", "ي"+b+"ان")
		}
		return out
	}
	out := []string{v, v + "ت", v + "وا", v + "ا"}
	if b, ok := strings.CutSuffix(v, "ي"); ok {
		out = append(out, b+"ت", b+"وا", b+"يا")
	}
	return out
}

// supportVerbs are the light verbs whose noun carries the event («وجهت
// مصر اتهامات», «أدى زيارة», «شن هجوما», «قام بزيارة», «أبدى استعداده»).
var supportVerbs = []string{"وجه", "يوجه", "ادي", "يؤدي", "اجري", "يجري", "عقد", "يعقد", "شن", "يشن",
	"قام", "يقوم", "ابدي", "يبدي", "اعلن", "يعلن", "اقدم", "اقدم"}

// New returns a miner over a pipeline; reviewed holds the surfaces of the
// reviewed non-acts (their keys are computed as for the text).
func New(p *pipeline.Pipeline, reviewed []string) *Miner {
	m := &Miner{p: p, reviewed: map[string]bool{}, support: map[string]string{}}
	for _, s := range reviewed {
		m.reviewed[Key(arabic.NormalizeString(s))] = true
	}
	for i, v := range supportVerbs {
		lemma := supportVerbs[i-i%2] // the past form of the pair
		for _, f := range simpleForms(v) {
			m.support[f], m.support["و"+f], m.support["ف"+f] = lemma, lemma, lemma
		}
	}
	return m
}

// skipClasses are the grammar classes of words that are never predicates
// (see kb/grammar.tsv); words of other classes (speech, light, control,
// casualty, …) are predicates and are counted.
var skipClasses = map[string]bool{
	"glue": true, "neg": true, "pronoun": true, "pronsubj": true, "relative": true, "that": true,
	"whether": true, "if": true, "since": true, "subjunctive": true, "particle": true,
	"alternative": true, "any": true, "asking": true, "both": true, "cardinal": true, "count": true,
	"clause": true, "concession": true, "continue": true, "counterpart": true, "either": true,
	"hypothetical": true, "placeword": true, "states": true, "territory": true, "timeref": true,
	"year": true, "parties": true, "agent": true, "reported": true, "secret": true, "habitual": true,
	"earlier": true, "passive": true,
}

// Article returns the predicate occurrences of one article.
func (m *Miner) Article(art *extract.Article) []Occurrence {
	d := &resolve.Doc{Text: art.Text, Published: art.PublishedAt}
	lex := m.p.Lex
	d.Tokens = arabic.Tokenize(nil, art.Text)
	d.Sentences = arabic.Sentences(art.Text, d.Tokens)
	d.Mentions = m.p.Rec.Find(nil, d.Tokens, 0, len(d.Tokens))
	d.Gram = recognise.NewGrammar(lex, d.Tokens, nil)
	res := resolve.New(lex, dateOf(art))
	res.Explain = true // actors in every sentence, not only those with a trigger
	res.Resolve(d, lex.OutletCountry(art.Outlet))
	var out []Occurrence
	mi := 0
	for i, s := range d.Sentences {
		var ms []recognise.Mention
		ms, mi = recognise.Within(d.Mentions, mi, s)
		out = m.sentence(d, s, ms, d.Actors[i], out)
	}
	return out
}

// dateOf is the article's publication day (0 if unknown).
func dateOf(art *extract.Article) kb.Date {
	t := art.PublishedAt
	if t.IsZero() {
		return 0
	}
	return kb.Date(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

func (m *Miner) sentence(d *resolve.Doc, s arabic.Span, ms []recognise.Mention, actors []resolve.Actor, out []Occurrence) []Occurrence {
	var named []resolve.Actor
	for _, a := range actors {
		if a.Country != "" {
			named = append(named, a)
		}
	}
	if len(named) < 2 {
		return out
	}
	// tokens taken by a mention that is no trigger, or by an actor
	taken := make([]bool, s.End-s.Start)
	for _, mm := range ms {
		if mm.Has(kb.EntTrigger) && len(mm.Entries) == countKind(mm.Entries, kb.EntTrigger) {
			continue
		}
		for k := max(mm.Start, s.Start); k < mm.End && k < s.End; k++ {
			taken[k-s.Start] = true
		}
	}
	for _, a := range named {
		for k := max(a.Start, s.Start); k < a.End && k < s.End; k++ {
			taken[k-s.Start] = true
		}
	}
	seen := map[int]bool{}
	for _, a := range named {
		k := m.contentBefore(d, s, taken, a.Start)
		if k < 0 || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, m.occurrence(d, s, taken, k, a))
	}
	return out
}

func countKind(es []kb.Entry, kind kb.EntryKind) int {
	n := 0
	for _, e := range es {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

// contentBefore returns the first content word before token at, within
// maxBack tokens and the sentence, not across punctuation; -1 if none.
func (m *Miner) contentBefore(d *resolve.Doc, s arabic.Span, taken []bool, at int) int {
	for k := at - 1; k >= s.Start && k >= at-maxBack; k-- {
		t := &d.Tokens[k]
		if t.Kind == arabic.Punct && arabic.IsQuote(t.Text) {
			continue
		}
		if t.Kind != arabic.Word {
			return -1
		}
		if taken[k-s.Start] {
			return -1 // another actor or a name: the predicate is not ours
		}
		if m.content(d, k) {
			return k
		}
	}
	return -1
}

// content reports whether token k is a content word: long enough, no
// function word, no time word.
func (m *Miner) content(d *resolve.Doc, k int) bool {
	t := &d.Tokens[k]
	if t.Kind != arabic.Word || len([]rune(t.Norm)) < 3 {
		return false
	}
	for _, c := range d.Gram.Classes(k) {
		if skipClasses[c] || strings.HasPrefix(c, "prep:") || strings.HasPrefix(c, "proprep:") {
			return false
		}
	}
	if arabic.MayHaveProclitic(t.Norm) {
		for _, c := range d.Gram.Bare(k) {
			if skipClasses[c] || strings.HasPrefix(c, "prep:") || strings.HasPrefix(c, "proprep:") {
				return false
			}
		}
	}
	var scratch [4]arabic.Analysis
	if _, ok := m.p.Lex.TimeAt(d.Tokens, k, scratch[:0]); ok {
		return false
	}
	return true
}

// occurrence makes the occurrence of the predicate at token k, whose actor is a.
func (m *Miner) occurrence(d *resolve.Doc, s arabic.Span, taken []bool, k int, a resolve.Actor) Occurrence {
	t := &d.Tokens[k]
	o := Occurrence{Key: Key(t.Norm), Surface: t.Norm, Trigger: -1}
	if lemma := m.support[t.Norm]; lemma != "" {
		// the noun after the verb, past its subject when the actor is it
		from := k + 1
		if a.Start == k+1 || a.Start <= from {
			from = a.End
		}
		for j := from; j < s.End && j < from+maxAfter; j++ {
			if d.Tokens[j].Kind != arabic.Word {
				break
			}
			if taken[j-s.Start] || !m.content(d, j) {
				continue
			}
			o.Key = lemma + "+" + Key(d.Tokens[j].Norm)
			o.Surface += " " + d.Tokens[j].Norm
			o.Support = true
			o.Status, o.Trigger = m.status(d, j, o.Key)
			if o.Status == Unknown { // the verb's own line («شن … هجوما»)
				if st, tr := m.status(d, k, o.Key); st == Lexicon {
					o.Status, o.Trigger = st, tr
				}
			}
			return o
		}
	}
	o.Status, o.Trigger = m.status(d, k, o.Key)
	return o
}

// status says whether the lexicon has a trigger at token k, or the key is reviewed.
func (m *Miner) status(d *resolve.Doc, k int, key string) (Status, int32) {
	var scratch [4]arabic.Analysis
	if mm, ok := m.p.Lex.MatchAt(d.Tokens, k, scratch[:0]); ok {
		if e, ok := (&recognise.Mention{Entries: mm.Entries}).First(kb.EntTrigger); ok {
			return Lexicon, e.Index
		}
	}
	if m.reviewed[key] {
		return Reviewed, -1
	}
	return Unknown, -1
}

// Key returns the lemma-ish key of a normalised word: proclitics «و» «ف»,
// the article (also after «ب» «ل» «ك»), an attached pronoun, the future
// «س» and the present prefix «ي», the endings of person, number and
// gender, and a final «ه» (ة) removed, each only while three letters are
// left. It groups «اتهمت», «يتهم», «اتهامه» poorly apart and «الاتهامات»,
// «اتهامات», «باتهام» together: a key is for ranking, not a lemma.
func Key(w string) string {
	r := []rune(w)
	cut := func(p string) bool {
		pr := []rune(p)
		if len(r)-len(pr) >= 3 && string(r[:len(pr)]) == p {
			r = r[len(pr):]
			return true
		}
		return false
	}
	cutEnd := func(p string) bool {
		pr := []rune(p)
		if len(r)-len(pr) >= 3 && string(r[len(r)-len(pr):]) == p {
			r = r[:len(r)-len(pr)]
			return true
		}
		return false
	}
	if !cut("وال") && !cut("فال") && !cut("بال") && !cut("كال") && !cut("لل") {
		if cut("و") || cut("ف") {
			_ = cut("ال") || cut("بال") || cut("لل")
		} else {
			cut("ال")
		}
	}
	for _, p := range []string{"هما", "هم", "هن", "ها"} {
		if cutEnd(p) {
			break
		}
	}
	_ = cut("سي") || cut("ست") || cut("سن") || cut("ي")
	for _, e := range []string{"اته", "ات", "ون", "ين", "وا", "ان", "تا", "ته", "ت", "ه", "ا"} {
		if cutEnd(e) {
			break
		}
	}
	return string(r)
}

// Row is one line of the ranked list.
type Row struct {
	Key      string
	Count    int
	Support  bool
	Status   Status         // the status of most of its occurrences
	ByStatus [3]int         // occurrences by status
	Surfaces map[string]int // surface → count
	Triggers map[int32]int  // trigger line → occurrences it matched
}

// Rank groups occurrences by key, most frequent first (ties by key).
func Rank(occs []Occurrence) []*Row {
	by := map[string]*Row{}
	for _, o := range occs {
		r := by[o.Key]
		if r == nil {
			r = &Row{Key: o.Key, Support: o.Support, Surfaces: map[string]int{}, Triggers: map[int32]int{}}
			by[o.Key] = r
		}
		r.Count++
		r.ByStatus[o.Status]++
		r.Surfaces[o.Surface]++
		if o.Trigger >= 0 {
			r.Triggers[o.Trigger]++
		}
	}
	rows := make([]*Row, 0, len(by))
	for _, r := range by {
		best := 0
		for s := range r.ByStatus {
			if r.ByStatus[s] > r.ByStatus[best] {
				best = s
			}
		}
		r.Status = Status(best)
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Count != rows[j].Count {
			return rows[i].Count > rows[j].Count
		}
		return rows[i].Key < rows[j].Key
	})
	return rows
}

// TopSurfaces returns a row's n most frequent surfaces with their counts.
func (r *Row) TopSurfaces(n int) []string {
	type sc struct {
		s string
		c int
	}
	var l []sc
	for s, c := range r.Surfaces {
		l = append(l, sc{s, c})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].c > l[j].c || l[i].c == l[j].c && l[i].s < l[j].s })
	var out []string
	for i := 0; i < len(l) && i < n; i++ {
		out = append(out, l[i].s)
	}
	return out
}

// Point is one point of a coverage curve.
type Point struct {
	N     int     // entries (trigger lines) or keys taken, most productive first
	Share float64 // the share of all occurrences they cover
}

// Coverage summarises how much of the occurrences the knowledge base covers.
type Coverage struct {
	Total, Lexicon, Reviewed int
	// ByTrigger: trigger lines sorted by the occurrences each matched, and
	// the share of all occurrences the first N of them cover.
	ByTrigger []Point
	// ByKey: keys in rank order, and the share of all occurrences the first
	// N keys hold (how many keys one must review to reach a share).
	ByKey []Point
}

// Cover computes the coverage of the ranked rows.
func Cover(rows []*Row) Coverage {
	var c Coverage
	per := map[int32]int{}
	for _, r := range rows {
		c.Total += r.Count
		c.Lexicon += r.ByStatus[Lexicon]
		c.Reviewed += r.ByStatus[Reviewed]
		for t, n := range r.Triggers {
			per[t] += n
		}
	}
	if c.Total == 0 {
		return c
	}
	counts := make([]int, 0, len(per))
	for _, n := range per {
		counts = append(counts, n)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	c.ByTrigger = curve(counts, c.Total)
	keys := make([]int, len(rows))
	for i, r := range rows {
		keys[i] = r.Count
	}
	c.ByKey = curve(keys, c.Total)
	return c
}

// curve samples the cumulative share of sorted counts at 10, 20, 50, 100, … and at the end.
func curve(counts []int, total int) []Point {
	var pts []Point
	cum, next := 0, 10
	steps := []int{10, 20, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 20000, 50000}
	si := 0
	for i, n := range counts {
		cum += n
		if i+1 == next {
			pts = append(pts, Point{i + 1, float64(cum) / float64(total)})
			si++
			if si < len(steps) {
				next = steps[si]
			} else {
				next = -1
			}
		}
	}
	if len(counts) > 0 && (len(pts) == 0 || pts[len(pts)-1].N != len(counts)) {
		pts = append(pts, Point{len(counts), float64(cum) / float64(total)})
	}
	return pts
}
