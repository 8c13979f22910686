package kb

import (
	"hash/maphash"
	"strings"

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
	Index int32 // into the KB table named by Kind
}

// node is one state of the token trie.
type node struct {
	next    map[string]*node
	entries []Entry
}

// Lexicon matches knowledge-base phrases in token streams. Keys are
// normalised tokens; the first token of a phrase is looked up after
// stripping proclitics, the following ones as they are. Build it once with
// Compile; it is safe for concurrent use.
type Lexicon struct {
	KB     *KB
	root   *trie // actors, countries, roles, triggers
	places *trie // places, matched only where a location is expected
	times  *trie // time words
	words  map[string][]string
	plural map[string]bool // irregular plurals and people nouns of countries, without the article
	given  map[string]bool // given names, normalised
	first  map[string]bool // first words of the grammar table's phrases («حادث» of «حادث سير»)
}

// StartsPhrase reports whether a normalised word begins a phrase of the
// grammar table, so that a caller looks the phrase up only then.
func (lx *Lexicon) StartsPhrase(norm string) bool { return lx.first[norm] }

// IsGivenName reports whether a normalised word is a given name («محمد»,
// «عبد»), where a person's name the knowledge base lacks may begin.
func (lx *Lexicon) IsGivenName(norm string) bool { return lx.given[norm] }

// bloom is a Bloom filter over strings: two bits per key in a table small
// enough to stay in cache, so that most words of a text (which start no
// phrase) cost a hash instead of a lookup in the large trie root.
type bloom []uint64

const bloomBits = 1 << 21

func newBloom() bloom { return make(bloom, bloomBits/64) }

// bloomSeed seeds the filter's hash; the filter lives only in this process.
var bloomSeed = maphash.MakeSeed()

func bloomHash(s string) (uint32, uint32) {
	h := maphash.String(bloomSeed, s)
	return uint32(h) & (bloomBits - 1), uint32(h>>32) & (bloomBits - 1)
}

func (b bloom) add(s string) {
	x, y := bloomHash(s)
	b[x/64] |= 1 << (x % 64)
	b[y/64] |= 1 << (y % 64)
}

// mayHave reports false only when s was never added.
func (b bloom) mayHave(s string) bool {
	x, y := bloomHash(s)
	return b[x/64]&(1<<(x%64)) != 0 && b[y/64]&(1<<(y%64)) != 0
}

// trie is a token trie with a Bloom filter over its first tokens.
type trie struct {
	m      map[string]*node
	filter bloom
}

func newTrie() *trie { return &trie{m: map[string]*node{}, filter: newBloom()} }

// get returns the node of a first token, or nil.
func (t *trie) get(w string) *node {
	if !t.filter.mayHave(w) {
		return nil
	}
	return t.m[w]
}

// IsPlural reports whether a normalised word is a listed irregular plural
// or people noun of a country («الاتراك»).
func (lx *Lexicon) IsPlural(norm string) bool {
	return lx.plural[strings.TrimPrefix(norm, "ال")]
}

// Classes returns the grammar classes of a normalised word (see grammar.tsv).
func (lx *Lexicon) Classes(norm string) []string { return lx.words[norm] }

// HasClass reports whether the normalised word has the grammar class c.
func (lx *Lexicon) HasClass(norm, c string) bool {
	for _, x := range lx.words[norm] {
		if x == c {
			return true
		}
	}
	return false
}

// TimeAt returns the longest time expression starting at token i.
func (lx *Lexicon) TimeAt(toks []arabic.Token, i int, scratch []arabic.Analysis) (m Match, ok bool) {
	return lx.matchIn(lx.times, toks, i, scratch, false)
}

// Compile builds the lexicon of k, with every inflected form the matcher
// should recognise.
func Compile(k *KB) *Lexicon {
	lx := &Lexicon{KB: k, root: newTrie(), places: newTrie(), times: newTrie(),
		words: map[string][]string{}, plural: map[string]bool{}, given: map[string]bool{}, first: map[string]bool{}}
	for _, g := range k.Given {
		lx.given[arabic.NormalizeString(g)] = true
	}
	for i := range k.Words {
		w := &k.Words[i]
		for _, s := range w.Surfaces {
			// a phrase is keyed by its normalised words joined by one space
			var parts []string
			for _, t := range arabic.Tokenize(nil, s) {
				parts = append(parts, t.Norm)
			}
			n := strings.Join(parts, " ")
			lx.words[n] = append(lx.words[n], w.Class)
			if len(parts) > 1 {
				lx.first[parts[0]] = true
			}
		}
	}
	for i := range k.Times {
		for _, s := range k.Times[i].Surfaces {
			lx.addTo(lx.times, s, Entry{EntTime, int32(i)}, nil)
		}
	}
	countryNames := map[string]bool{}
	for _, c := range k.Countries {
		for _, s := range c.Names {
			countryNames[arabic.NormalizeString(s)] = true
		}
	}
	for i := range k.Countries {
		c := &k.Countries[i]
		for _, s := range c.Names {
			lx.add(s, Entry{EntCountry, int32(i)}, nil)
		}
		for _, s := range c.Capitals {
			lx.add(s, Entry{EntCapital, int32(i)}, nil)
		}
		for _, s := range c.Demonyms {
			lx.add(s, Entry{EntDemonym, int32(i)}, demonymForms)
			// «فلسطينياً», unless it is spelled as a country's name («سوريا»)
			if acc := demonymAccusative(arabic.NormalizeString(s)); !countryNames[acc] {
				lx.add(acc, Entry{EntDemonym, int32(i)}, nil)
			}
		}
		for _, s := range c.Plurals {
			lx.add(s, Entry{EntDemonym, int32(i)}, nounForms)
			lx.plural[strings.TrimPrefix(arabic.NormalizeString(s), "ال")] = true
		}
	}
	for i := range k.Actors {
		for _, s := range k.Actors[i].Surfaces {
			lx.add(s, Entry{EntActor, int32(i)}, nil)
		}
	}
	for i := range k.Roles {
		for _, s := range k.Roles[i].Surfaces {
			lx.add(s, Entry{EntRole, int32(i)}, nounForms)
		}
	}
	for i := range k.Triggers {
		t := &k.Triggers[i]
		var forms func(string) []string
		switch t.POS {
		case "V":
			forms = verbForms
		case "N":
			forms = nounForms
		}
		for _, s := range t.Surfaces {
			lx.add(s, Entry{EntTrigger, int32(i)}, forms)
		}
	}
	for i := range k.Places {
		for _, s := range k.Places[i].Names {
			lx.addTo(lx.places, s, Entry{EntPlace, int32(i)}, nil)
		}
	}
	return lx
}

// add inserts surface s, with its first token expanded by forms when given.
func (lx *Lexicon) add(s string, e Entry, forms func(string) []string) {
	lx.addTo(lx.root, s, e, forms)
}

func (lx *Lexicon) addTo(root *trie, s string, e Entry, forms func(string) []string) {
	toks := arabic.Tokenize(nil, s)
	if len(toks) == 0 {
		return
	}
	rest := make([]string, 0, len(toks)-1)
	for _, t := range toks[1:] {
		if arabic.IsQuote(t.Norm) {
			continue
		}
		rest = append(rest, t.Norm)
	}
	firsts := []string{toks[0].Norm}
	if forms != nil {
		firsts = forms(toks[0].Norm)
	}
	for _, f := range firsts {
		n := child(root.m, f)
		root.filter.add(f)
		for _, w := range rest {
			if n.next == nil {
				n.next = make(map[string]*node, 2)
			}
			n = child(n.next, w)
		}
		if !hasEntry(n.entries, e) {
			n.entries = append(n.entries, e)
		}
	}
}

func child(m map[string]*node, key string) *node {
	n := m[key]
	if n == nil {
		n = &node{}
		m[key] = n
	}
	return n
}

func hasEntry(es []Entry, e Entry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
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
	n := lx.root.get(norm[0])
	for _, w := range norm[1:] {
		if n == nil || n.next == nil {
			return nil
		}
		n = n.next[w]
	}
	if n == nil {
		return nil
	}
	return n.entries
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
	return lx.matchIn(lx.places, toks, i, scratch, false)
}

func (lx *Lexicon) matchIn(root *trie, toks []arabic.Token, i int, scratch []arabic.Analysis, pronouns bool) (m Match, ok bool) {
	t := toks[i]
	if t.Kind != arabic.Word {
		return m, false
	}
	for _, a := range arabic.Segment(scratch[:0], t.Norm) {
		n := root.get(a.Base)
		if n == nil {
			continue
		}
		best, end := n.entries, i+1
		j := i + 1
		for n.next != nil && j < len(toks) {
			if arabic.IsQuote(toks[j].Norm) {
				j++
				continue
			}
			nx := n.next[toks[j].Norm]
			if nx == nil {
				break
			}
			n = nx
			j++
			if len(n.entries) > 0 {
				best, end = n.entries, j
			}
		}
		if len(best) > 0 {
			return Match{Start: i, End: end, Prefix: a.Prefix, Entries: best}, true
		}
	}
	if !pronouns {
		return m, false
	}
	// an attached pronoun: «زارها», «زيارته», «معه»; a final ة is never one
	if strings.HasSuffix(t.Text, "ة") {
		return m, false
	}
	for _, a := range arabic.Segment(scratch[:0], t.Norm) {
		stem, suf, found := arabic.StripPronoun(a.Base)
		if !found {
			continue
		}
		if n := lx.root.get(stem); n != nil && len(n.entries) > 0 {
			return Match{Start: i, End: i + 1, Prefix: a.Prefix, Suffix: suf, Entries: n.entries}, true
		}
		if l := len(stem); l > 2 && stem[l-2:] == "ت" { // construct state: زيارت+ه → زياره
			if n := lx.root.get(stem[:l-2] + "ه"); n != nil && len(n.entries) > 0 {
				return Match{Start: i, End: i + 1, Prefix: a.Prefix, Suffix: suf, Entries: n.entries}, true
			}
		}
	}
	return m, false
}
