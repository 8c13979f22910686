package kb

import (
	"strings"
	"sync"
	"unicode"
	"unsafe"

	"github.com/marsad/marsad/internal/arabic"
)

// EntryKind says which table a lexicon entry points into.
type EntryKind uint8

// Entry kinds.
const (
	EntCountry EntryKind = iota // a country's name: Countries[Index]
	EntCapital                  // a capital standing for its government: Countries[Index]
	EntDemonym                  // a nisba adjective or people noun: Countries[Index]
	EntActor                    // a named actor: Actors[Index]
	EntRole                     // a role word or title: Roles[Index]
	EntTrigger                  // an event trigger: Triggers[Index]
	EntPlace                    // a place: Places[Index]
	EntTime                     // a time word: Times[Index]
)

var kindNames = [...]string{"country", "capital", "demonym", "actor", "role", "trigger", "place", "time"}

func (k EntryKind) String() string { return kindNames[k] }

// Entry is what a matched phrase means.
type Entry struct {
	Kind  EntryKind
	Verb  VerbForm // for a verb trigger: what its matched form says of tense, person, number and gender
	Index int32    // into the KB table named by Kind
}

// Lexicon matches knowledge-base phrases in token streams. Keys are
// normalised tokens; the first token of a phrase is looked up after
// stripping proclitics, the following ones as they are. Build it once with
// Compile; it is safe for concurrent use.
type Lexicon struct {
	KB      *KB
	root    *trie             // actors, countries, roles, triggers
	places  func() *trie      // places, matched only where a location is expected: built on first use
	times   *trie             // time words
	sites   *trie             // the places that are bases, crossings or camps: a few hundred, looked for in every sentence with an event
	gram    wordTable         // grammar words and phrases, plurals, first words of grammar phrases
	gramOf  []gramInfo        // by id in gram
	given   wordTable         // given names, normalised
	outlets map[string]string // outlet name key (see outletKey) → country
}

// gramInfo is what the lexicon knows of a word of its grammar table.
type gramInfo struct {
	classes []string // grammar classes, in the order of grammar.tsv
	plural  bool     // an irregular plural or people noun of a country, without the article
	starts  bool     // the first word of a grammar phrase («حادث» of «حادث سير»)
}

// StartsPhrase reports whether a normalised word begins a phrase of the
// grammar table, so that a caller looks the phrase up only then.
func (lx *Lexicon) StartsPhrase(norm string) bool {
	g := lx.gramInfoOf(norm)
	return g != nil && g.starts
}

// OutletCountry returns the country of a news outlet named as in a byline
// or a feed («Jawhara FM», «جوهرة أف أم»), or "".
func (lx *Lexicon) OutletCountry(name string) string {
	if name == "" {
		return ""
	}
	return lx.outlets[outletKey(name)]
}

// outletKey normalises an outlet name: Arabic normalisation, Latin letters
// in lower case, spaces removed («JawharaFM» = «Jawhara FM»).
func outletKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, arabic.NormalizeString(name))
}

// IsGivenName reports whether a normalised word is a given name («محمد»,
// «عبد»), where a person's name the knowledge base lacks may begin.
func (lx *Lexicon) IsGivenName(norm string) bool { return lx.given.find(norm) >= 0 }

// IsPlural reports whether a normalised word is a listed irregular plural
// or people noun of a country («الاتراك»).
func (lx *Lexicon) IsPlural(norm string) bool {
	g := lx.gramInfoOf(strings.TrimPrefix(norm, "ال"))
	return g != nil && g.plural
}

// Classes returns the grammar classes of a normalised word (see grammar.tsv).
func (lx *Lexicon) Classes(norm string) []string {
	if g := lx.gramInfoOf(norm); g != nil {
		return g.classes
	}
	return nil
}

// HasClass reports whether the normalised word has the grammar class c.
func (lx *Lexicon) HasClass(norm, c string) bool {
	for _, x := range lx.Classes(norm) {
		if x == c {
			return true
		}
	}
	return false
}

func (lx *Lexicon) gramInfoOf(norm string) *gramInfo {
	if id := lx.gram.find(norm); id >= 0 {
		return &lx.gramOf[id]
	}
	return nil
}

// gramAdd returns the grammar information of a word, adding the word.
func (lx *Lexicon) gramAdd(norm string) *gramInfo {
	id, added := lx.gram.add(norm)
	if added {
		lx.gramOf = append(lx.gramOf, gramInfo{})
	}
	return &lx.gramOf[id]
}

// TimeAt returns the longest time expression starting at token i.
func (lx *Lexicon) TimeAt(toks []arabic.Token, i int, scratch []arabic.Analysis) (m Match, ok bool) {
	return lx.matchIn(lx.times, toks, i, scratch, false)
}

// Compile builds the lexicon of k, with every inflected form the matcher
// should recognise. The names of places are compiled on first use.
func Compile(k *KB) *Lexicon {
	lx := &Lexicon{KB: k, gram: newWordTable(len(k.Words) * 4), given: newWordTable(len(k.Given))}
	lx.compileGrammar(k)
	lx.times = compileTimes(k)
	lx.compileRoot(k)
	lx.outlets = map[string]string{}
	for _, o := range k.Outlets {
		for _, n := range o.Names {
			lx.outlets[outletKey(n)] = o.Country
		}
	}
	// tens of thousands of places, which only some runs look up
	lx.places = sync.OnceValue(func() *trie { return compilePlaces(k, nil) })
	lx.sites = compilePlaces(k, isSite)
	return lx
}

// compileRoot builds the main trie: countries, actors, roles and triggers.
func (lx *Lexicon) compileRoot(k *KB) {
	lx.root = newTrie(len(k.Actors) + 8*len(k.Countries) + 3*len(k.Roles) + 40*len(k.Triggers))
	var b builder
	lx.compileCountries(&b, k)
	for i := range k.Actors {
		for _, s := range k.Actors[i].Surfaces {
			b.add(lx.root, s, Entry{Kind: EntActor, Index: int32(i)}, nil)
		}
	}
	for i := range k.Roles {
		for _, s := range k.Roles[i].Surfaces {
			b.add(lx.root, s, Entry{Kind: EntRole, Index: int32(i)}, lx.roleForms)
		}
	}
	lx.compileTriggers(&b, k)
	lx.root.finish()
}

// roleForms are the forms of a role word (nounForms) less a derived
// accusative that is a word of the grammar table, which means what the
// table says: «مشيرا» (indicating) is not «مشيراً», the accusative of
// «المشير» (field marshal). The grammar must be compiled first.
func (lx *Lexicon) roleForms(n string) []string {
	forms := nounForms(n)
	out := forms[:0]
	for _, f := range forms {
		accusative := f != n && strings.HasSuffix(f, "ا") && !strings.HasSuffix(n, "ا")
		if !accusative || lx.gram.find(f) < 0 {
			out = append(out, f)
		}
	}
	return out
}

// compileTimes builds the trie of time words.
func compileTimes(k *KB) *trie {
	t := newTrie(len(k.Times))
	var b builder
	for i := range k.Times {
		for _, s := range k.Times[i].Surfaces {
			b.add(t, s, Entry{Kind: EntTime, Index: int32(i)}, nil)
		}
	}
	t.finish()
	return t
}

// isSite reports the kinds of place that locate an event wherever they
// stand in its sentence: military bases, border crossings, camps.
func isSite(p *Place) bool {
	switch p.Kind {
	case "base", "crossing", "camp":
		return true
	}
	return false
}

// compilePlaces builds the trie of the names of the places that keep
// accepts (all when keep is nil).
func compilePlaces(k *KB, keep func(*Place) bool) *trie {
	n := len(k.Places)
	if keep != nil {
		n = 0
		for i := range k.Places {
			if keep(&k.Places[i]) {
				n++
			}
		}
	}
	t := newTrie(n + n/8)
	var b builder
	for i := range k.Places {
		if keep != nil && !keep(&k.Places[i]) {
			continue
		}
		for _, s := range k.Places[i].Names {
			b.add(t, s, Entry{Kind: EntPlace, Index: int32(i)}, nil)
		}
	}
	t.finish()
	return t
}

// compileGrammar fills the grammar table and the given names.
func (lx *Lexicon) compileGrammar(k *KB) {
	for _, g := range k.Given {
		lx.given.add(arabic.NormalizeString(g))
	}
	var toks []arabic.Token
	var parts []string
	for i := range k.Words {
		w := &k.Words[i]
		for _, s := range w.Surfaces {
			// a phrase is keyed by its normalised words joined by one space
			toks = arabic.Tokenize(toks[:0], s)
			parts = parts[:0]
			for _, t := range toks {
				parts = append(parts, t.Norm)
			}
			g := lx.gramAdd(strings.Join(parts, " "))
			g.classes = append(g.classes, w.Class)
			if len(parts) > 1 {
				lx.gramAdd(parts[0]).starts = true
			}
		}
	}
}

// compileCountries adds the names, capitals, demonyms and plurals of the
// countries.
func (lx *Lexicon) compileCountries(b *builder, k *KB) {
	countryNames := make(map[string]bool, 2*len(k.Countries))
	for _, c := range k.Countries {
		for _, s := range c.Names {
			countryNames[arabic.NormalizeString(s)] = true
		}
	}
	for i := range k.Countries {
		c := &k.Countries[i]
		for _, s := range c.Names {
			b.add(lx.root, s, Entry{Kind: EntCountry, Index: int32(i)}, nil)
		}
		for _, s := range c.Capitals {
			b.add(lx.root, s, Entry{Kind: EntCapital, Index: int32(i)}, nil)
		}
		for _, s := range c.Demonyms {
			b.add(lx.root, s, Entry{Kind: EntDemonym, Index: int32(i)}, demonymForms)
			// «فلسطينياً», unless it is spelled as a country's name («سوريا»)
			if acc := demonymAccusative(arabic.NormalizeString(s)); !countryNames[acc] {
				b.add(lx.root, acc, Entry{Kind: EntDemonym, Index: int32(i)}, nil)
			}
		}
		for _, s := range c.Plurals {
			b.add(lx.root, s, Entry{Kind: EntDemonym, Index: int32(i)}, nounForms)
			lx.gramAdd(strings.TrimPrefix(arabic.NormalizeString(s), "ال")).plural = true
		}
	}
}

// compileTriggers adds the event triggers, verbs and nouns with their
// inflected forms.
func (lx *Lexicon) compileTriggers(b *builder, k *KB) {
	for i := range k.Triggers {
		t := &k.Triggers[i]
		e := Entry{Kind: EntTrigger, Index: int32(i)}
		for _, s := range t.Surfaces {
			switch t.POS {
			case "V":
				b.addVerb(lx.root, s, e)
			case "N":
				b.add(lx.root, s, e, nounForms)
			default:
				e.Verb = phraseReading(t, s)
				b.add(lx.root, s, e, nil)
			}
		}
	}
}

// phraseReading returns what the first word of surface s of a phrase
// trigger (POS P, listed as written: «دخل|يدخلون|سيدخلون اضراب») says,
// read as a form of the trigger's other surfaces: «سيدخلون» is a future of
// «يدخل». Zero when it is no form of them (a surface that is the base of
// its forms, as «دخل», reads as nothing, as any word would).
func phraseReading(t *Trigger, s string) VerbForm {
	first := func(s string) string {
		w, _, _ := strings.Cut(arabic.NormalizeString(s), " ")
		return w
	}
	w := first(s)
	var f VerbForm
	for _, base := range t.Surfaces {
		for _, x := range verbForms(first(base)) {
			// a word is its own past 3 sg: not a reading of a verb («في»)
			if x.text == w && (x.tense != Past || x.text != first(base)) {
				f[x.tense] |= x.agr
			}
		}
	}
	return f
}

// trie is a token trie stored flat: nodes in an array (node 0 is none),
// the first tokens of phrases in a word table, the later ones as edges
// from node to node, and the entries of all nodes back to back.
type trie struct {
	// every token of the trie's phrases, whose value is the node of the
	// phrases starting with it (0 for none)
	words  wordTable
	filter []uint64 // one bit per hash value of the first tokens, small enough to stay in cache
	fmask  uint64   // bits in filter - 1
	nodes  []tnode
	edges  edgeTable
	ents   []Entry
	pend   []pending // entries added while building, before finish
}

// tnode is one state of a trie.
type tnode struct {
	from, to int32 // its entries: ents[from:to]
	kids     bool  // whether a phrase goes on from here
}

// pending is an entry waiting to be put in place by finish.
type pending struct {
	node int32
	e    Entry
}

// newTrie returns a trie with room for about n phrases.
func newTrie(n int) *trie {
	return &trie{words: newWordTable(n), nodes: make([]tnode, 1, n+n/4+1),
		edges: newEdgeTable(n / 3), pend: make([]pending, 0, n)}
}

// word returns the id of a token, adding it.
func (t *trie) word(w string) int32 {
	id, _ := t.words.add(w)
	return id
}

func (t *trie) newNode() int32 {
	t.nodes = append(t.nodes, tnode{})
	return int32(len(t.nodes) - 1)
}

// start returns the node of phrases starting with w, creating it.
func (t *trie) start(w string) int32 {
	id := t.word(w)
	if t.words.val(id) == 0 {
		t.words.set(id, t.newNode())
	}
	return t.words.val(id)
}

// child returns the node after n by token w, creating it.
func (t *trie) child(n int32, w string) int32 {
	h := hashString(w)
	if c := t.edges.get(n, w, h, &t.words); c != 0 {
		return c
	}
	c := t.newNode()
	t.edges.set(n, t.word(w), h, c)
	t.nodes[n].kids = true
	return c
}

// finish puts the pending entries in place, each node's in the order they
// were added, without repeats.
func (t *trie) finish() {
	pos := make([]int32, len(t.nodes)+1)
	for _, p := range t.pend {
		pos[p.node+1]++
	}
	for i := 1; i < len(pos); i++ {
		pos[i] += pos[i-1]
	}
	t.ents = make([]Entry, len(t.pend))
	for i := range t.nodes {
		t.nodes[i].from, t.nodes[i].to = pos[i], pos[i]
	}
	for _, p := range t.pend {
		n := &t.nodes[p.node]
		if i := entryIndex(t.ents[n.from:n.to], p.e); i >= 0 {
			// one meaning; a verb's form read several ways keeps them all
			t.ents[n.from+int32(i)].Verb.add(p.e.Verb)
		} else {
			t.ents[n.to] = p.e
			n.to++
		}
	}
	t.pend = nil
	t.buildFilter()
}

// filterShift selects the bits of a word's hash that index the filter, apart
// from the low ones that index the word table.
const filterShift = 24

// buildFilter sets the filter's bit for every first token, with about 16
// bits per token: most words of a text, which start no phrase, then cost a
// hash and a look at the filter.
func (t *trie) buildFilter() {
	n := 0
	for id := range int32(t.words.len()) {
		if t.words.val(id) != 0 {
			n++
		}
	}
	size := 64
	for size < 16*n {
		size *= 2
	}
	t.filter, t.fmask = make([]uint64, size/64), uint64(size-1)
	for id := range int32(t.words.len()) {
		if t.words.val(id) != 0 {
			b := hashBytes(t.words.key(id)) >> filterShift & t.fmask
			t.filter[b/64] |= 1 << (b % 64)
		}
	}
}

// entries returns the entries of node n, nil when it has none. The slice
// has no spare capacity: appending to it never writes into the trie.
func (t *trie) entries(n int32) []Entry {
	nd := &t.nodes[n]
	if nd.from == nd.to {
		return nil
	}
	return t.ents[nd.from:nd.to:nd.to]
}

// firstNode returns the node of phrases starting with the word of hash h, or 0.
func (t *trie) firstNode(w string, h uint64) int32 {
	if b := h >> filterShift & t.fmask; t.filter[b/64]&(1<<(b%64)) == 0 {
		return 0
	}
	if id := t.words.findHash(w, h); id >= 0 {
		return t.words.val(id)
	}
	return 0
}

// next returns the node after n by token w, or 0.
func (t *trie) next(n int32, w string) int32 {
	return t.edges.get(n, w, hashString(w), &t.words)
}

// builder adds surfaces to tries, reusing its buffers.
type builder struct {
	toks []arabic.Token
	rest []string
	one  [1]string
}

// add inserts surface s into t, with its first token expanded by forms
// when given.
func (b *builder) add(t *trie, s string, e Entry, forms func(string) []string) {
	if !b.tokens(s) {
		return
	}
	firsts := b.one[:]
	if forms != nil {
		firsts = forms(b.toks[0].Norm)
	}
	for _, f := range firsts {
		b.put(t, f, e)
	}
	if forms != nil && b.indefinite() {
		// a noun with its adjectives agrees in definiteness: «تحركات
		// احتجاجية» is also «التحركات الاحتجاجية»
		bare := b.rest
		b.rest = make([]string, len(bare))
		for i, w := range bare {
			b.rest[i] = "ال" + w
		}
		for _, f := range firsts {
			if strings.HasPrefix(f, "ال") {
				b.put(t, f, e)
			}
		}
		b.rest = bare
	}
}

// indefinite reports a phrase of several words, none of them with the
// article.
func (b *builder) indefinite() bool {
	if len(b.rest) == 0 || strings.HasPrefix(b.one[0], "ال") {
		return false
	}
	for _, w := range b.rest {
		if strings.HasPrefix(w, "ال") {
			return false
		}
	}
	return true
}

// addVerb adds the verb phrase s with every inflected form of its first
// word, each entry recording what its form says (VerbForm).
func (b *builder) addVerb(t *trie, s string, e Entry) {
	if !b.tokens(s) {
		return
	}
	for _, f := range verbForms(b.toks[0].Norm) {
		e.Verb = VerbForm{}
		e.Verb[f.tense] = f.agr
		b.put(t, f.text, e)
	}
}

// tokens tokenizes phrase s into b.toks, its later tokens into b.rest and
// its first into b.one, and reports whether it has any.
func (b *builder) tokens(s string) bool {
	b.toks = arabic.Tokenize(b.toks[:0], s)
	if len(b.toks) == 0 {
		return false
	}
	b.rest = b.rest[:0]
	for _, tk := range b.toks[1:] {
		if arabic.IsQuote(tk.Norm) {
			continue
		}
		b.rest = append(b.rest, tk.Norm)
	}
	b.one[0] = b.toks[0].Norm
	return true
}

// put adds entry e under the phrase whose first token is first and whose
// later tokens are b.rest.
func (b *builder) put(t *trie, first string, e Entry) {
	n := t.start(first)
	for _, w := range b.rest {
		n = t.child(n, w)
	}
	t.pend = append(t.pend, pending{n, e})
}

// entryIndex returns the index in es of the entry with e's kind and index,
// or -1.
func entryIndex(es []Entry, e Entry) int {
	for i, x := range es {
		if x.Kind == e.Kind && x.Index == e.Index {
			return i
		}
	}
	return -1
}

// Match is a phrase found in a token stream.
type Match struct {
	Start, End int     // token indices, End exclusive
	Prefix     string  // proclitics stripped from the first token (e.g. "وب")
	Suffix     string  // pronoun stripped from the last token of a one-word match
	Entries    []Entry // what the phrase means (shared with the lexicon: do not modify)
}

// Lookup reports everything the normalised phrase means, as a whole.
func (lx *Lexicon) Lookup(norm []string) []Entry {
	if len(norm) == 0 {
		return nil
	}
	t := lx.root
	n := t.firstNode(norm[0], hashString(norm[0]))
	for _, w := range norm[1:] {
		if n == 0 || !t.nodes[n].kids {
			return nil
		}
		n = t.next(n, w)
	}
	if n == 0 {
		return nil
	}
	return t.entries(n)
}

// MatchAt returns the longest phrase starting at token i, trying the first
// token as written, then without its proclitics, then without an attached
// pronoun. ok is false when nothing matches.
func (lx *Lexicon) MatchAt(toks []arabic.Token, i int, scratch []arabic.Analysis) (m Match, ok bool) {
	return lx.matchIn(lx.root, toks, i, scratch, true)
}

// PlaceAt returns the longest place name starting at token i (proclitics
// stripped from the first token), for use where a location is expected.
func (lx *Lexicon) PlaceAt(toks []arabic.Token, i int, scratch []arabic.Analysis) (m Match, ok bool) {
	return lx.matchIn(lx.places(), toks, i, scratch, false)
}

// SiteAt returns the longest name of a base, a crossing or a camp starting
// at token i (proclitics stripped from the first token).
func (lx *Lexicon) SiteAt(toks []arabic.Token, i int, scratch []arabic.Analysis) (m Match, ok bool) {
	return lx.matchIn(lx.sites, toks, i, scratch, false)
}

func (lx *Lexicon) matchIn(t *trie, toks []arabic.Token, i int, scratch []arabic.Analysis, pronouns bool) (m Match, ok bool) {
	tok := &toks[i]
	if tok.Kind != arabic.Word {
		return m, false
	}
	// the word as written first: most words carry no proclitic, and need
	// no segmentation
	w := tok.Norm
	if n := t.firstNode(w, hashString(w)); n != 0 {
		if end, best := t.longest(n, toks, i+1); len(best) > 0 {
			return Match{Start: i, End: end, Entries: best}, true
		}
	}
	var as []arabic.Analysis
	if arabic.MayHaveProclitic(w) {
		as = arabic.Segment(scratch[:0], w)
		for k := 1; k < len(as); k++ { // as[0] is the word as written
			a := &as[k]
			n := t.firstNode(a.Base, hashString(a.Base))
			if n == 0 {
				continue
			}
			if end, best := t.longest(n, toks, i+1); len(best) > 0 {
				return Match{Start: i, End: end, Prefix: a.Prefix, Entries: best}, true
			}
		}
	}
	if !pronouns || endsWithTehMarbuta(tok.Text) {
		// an attached pronoun: «زارها», «زيارته», «معه»; a final ة is never one
		return m, false
	}
	if as == nil {
		if es, suf := lx.pronounStem(w); len(es) > 0 {
			return Match{Start: i, End: i + 1, Suffix: suf, Entries: es}, true
		}
		return m, false
	}
	for k := range as {
		if es, suf := lx.pronounStem(as[k].Base); len(es) > 0 {
			return Match{Start: i, End: i + 1, Prefix: as[k].Prefix, Suffix: suf, Entries: es}, true
		}
	}
	return m, false
}

// endsWithTehMarbuta reports whether a word as written ends with ة.
func endsWithTehMarbuta(s string) bool {
	const teh = "ة"
	return len(s) >= len(teh) && s[len(s)-len(teh):] == teh
}

// longest follows the phrases of t from node n over toks[j:], skipping
// quotation marks inside a phrase, and returns the end of the longest one
// with entries and those entries (the entries of n itself, ending at j,
// when no longer phrase has any).
func (t *trie) longest(n int32, toks []arabic.Token, j int) (end int, best []Entry) {
	best, end = t.entries(n), j
	for t.nodes[n].kids && j < len(toks) {
		if arabic.IsQuote(toks[j].Norm) {
			j++
			continue
		}
		nx := t.next(n, toks[j].Norm)
		if nx == 0 {
			break
		}
		n = nx
		j++
		if es := t.entries(n); len(es) > 0 {
			best, end = es, j
		}
	}
	return end, best
}

// pronounStem returns the entries of a one-word phrase of the main trie
// that base is with an attached pronoun, and the pronoun; nil when there
// is none.
func (lx *Lexicon) pronounStem(base string) ([]Entry, string) {
	stem, suf, found := arabic.StripPronoun(base)
	if !found {
		return nil, ""
	}
	t := lx.root
	if n := t.firstNode(stem, hashString(stem)); n != 0 {
		if es := t.entries(n); len(es) > 0 {
			return es, suf
		}
	}
	l := len(stem)
	switch {
	case l > 2 && stem[l-2:] == "ت": // construct state: زيارت+ه → زياره
		if es := t.rewritten(stem[:l-2], "ه"); len(es) > 0 {
			return es, suf
		}
	case l > 4 && (stem[l-4:] == "اي" || stem[l-4:] == "او"): // a final hamza on its seat: لقائ+هما → لقاء
		if es := t.rewritten(stem[:l-2], "ء"); len(es) > 0 {
			return es, suf
		}
	}
	return nil, ""
}

// rewritten returns the entries of the one-word phrase stem+end, without
// allocating.
func (t *trie) rewritten(stem, end string) []Entry {
	var buf [64]byte
	w := append(append(buf[:0], stem...), end...)
	if n := t.firstNode(unsafe.String(unsafe.SliceData(w), len(w)), hashBytes(w)); n != 0 {
		return t.entries(n)
	}
	return nil
}

// NoGram is the grammar id of a word the grammar table does not list.
const NoGram = -1

// GramID returns the grammar id of a normalised word, NoGram when the
// grammar table does not list it. Callers that read the same word's classes
// many times look its id up once and ask ClassesOf.
func (lx *Lexicon) GramID(norm string) int32 { return lx.gram.find(norm) }

// ClassesOf returns the grammar classes of a grammar id (none for NoGram).
func (lx *Lexicon) ClassesOf(id int32) []string {
	if id < 0 {
		return nil
	}
	return lx.gramOf[id].classes
}
