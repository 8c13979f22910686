package kb

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/marsad/marsad/internal/arabic"
	kbfiles "github.com/marsad/marsad/kb"
)

// refLexicon is the plain map-of-maps lexicon the compiled Lexicon must
// agree with, entry for entry.
type refLexicon struct {
	root, places, times map[string]*refNode
	words               map[string][]string
	plural, given, firs map[string]bool
}

type refNode struct {
	next    map[string]*refNode
	entries []Entry
}

func newRefLexicon(k *KB) *refLexicon {
	r := &refLexicon{root: map[string]*refNode{}, places: map[string]*refNode{}, times: map[string]*refNode{},
		words: map[string][]string{}, plural: map[string]bool{}, given: map[string]bool{}, firs: map[string]bool{}}
	for _, g := range k.Given {
		r.given[arabic.NormalizeString(g)] = true
	}
	for _, w := range k.Words {
		for _, s := range w.Surfaces {
			var parts []string
			for _, t := range arabic.Tokenize(nil, s) {
				parts = append(parts, t.Norm)
			}
			n := strings.Join(parts, " ")
			r.words[n] = append(r.words[n], w.Class)
			if len(parts) > 1 {
				r.firs[parts[0]] = true
			}
		}
	}
	for i, t := range k.Times {
		for _, s := range t.Surfaces {
			r.add(r.times, s, Entry{Kind: EntTime, Index: int32(i)}, nil)
		}
	}
	names := map[string]bool{}
	for _, c := range k.Countries {
		for _, s := range c.Names {
			names[arabic.NormalizeString(s)] = true
		}
	}
	for i, c := range k.Countries {
		for _, s := range c.Names {
			r.add(r.root, s, Entry{Kind: EntCountry, Index: int32(i)}, nil)
		}
		for _, s := range c.Capitals {
			r.add(r.root, s, Entry{Kind: EntCapital, Index: int32(i)}, nil)
		}
		for _, s := range c.Demonyms {
			r.add(r.root, s, Entry{Kind: EntDemonym, Index: int32(i)}, demonymForms)
			if acc := demonymAccusative(arabic.NormalizeString(s)); !names[acc] {
				r.add(r.root, acc, Entry{Kind: EntDemonym, Index: int32(i)}, nil)
			}
		}
		for _, s := range c.Plurals {
			r.add(r.root, s, Entry{Kind: EntDemonym, Index: int32(i)}, nounForms)
			r.plural[strings.TrimPrefix(arabic.NormalizeString(s), "ال")] = true
		}
	}
	for i, a := range k.Actors {
		for _, s := range a.Surfaces {
			r.add(r.root, s, Entry{Kind: EntActor, Index: int32(i)}, nil)
		}
	}
	roleForms := func(n string) []string { // a derived accusative that is a grammar word is not the role's
		var out []string
		for _, f := range nounForms(n) {
			if f == n || !strings.HasSuffix(f, "ا") || strings.HasSuffix(n, "ا") || r.words[f] == nil {
				out = append(out, f)
			}
		}
		return out
	}
	for i, ro := range k.Roles {
		for _, s := range ro.Surfaces {
			r.add(r.root, s, Entry{Kind: EntRole, Index: int32(i)}, roleForms)
		}
	}
	for i, t := range k.Triggers {
		for _, s := range t.Surfaces {
			switch t.POS {
			case "V":
				// every form on its own, with its readings
				toks := arabic.Tokenize(nil, s)
				for _, f := range verbForms(toks[0].Norm) {
					one := func(string) []string { return []string{f.text} }
					e := Entry{Kind: EntTrigger, Index: int32(i)}
					e.Verb[f.tense] = f.agr
					r.add(r.root, s, e, one)
				}
			case "N":
				r.add(r.root, s, Entry{Kind: EntTrigger, Index: int32(i)}, nounForms)
			default:
				r.add(r.root, s, Entry{Kind: EntTrigger, Index: int32(i), Verb: phraseReading(&t, s)}, nil)
			}
		}
	}
	for i, p := range k.Places {
		for _, s := range p.Names {
			r.add(r.places, s, Entry{Kind: EntPlace, Index: int32(i)}, nil)
		}
	}
	return r
}

func (r *refLexicon) add(root map[string]*refNode, s string, e Entry, forms func(string) []string) {
	toks := arabic.Tokenize(nil, s)
	if len(toks) == 0 {
		return
	}
	firsts := []string{toks[0].Norm}
	if forms != nil {
		firsts = forms(toks[0].Norm)
	}
	var rest []string
	for _, t := range toks[1:] {
		if !arabic.IsQuote(t.Norm) {
			rest = append(rest, t.Norm)
		}
	}
	type phrase struct {
		first string
		rest  []string
	}
	var phrases []phrase
	for _, f := range firsts {
		phrases = append(phrases, phrase{f, rest})
	}
	// a noun phrase agrees in definiteness: its adjectives take the article too
	definite := func(w string) bool { return strings.HasPrefix(w, "ال") }
	if forms != nil && len(rest) > 0 && !definite(toks[0].Norm) && !slices.ContainsFunc(rest, definite) {
		withArticle := make([]string, len(rest))
		for i, w := range rest {
			withArticle[i] = "ال" + w
		}
		for _, f := range firsts {
			if definite(f) {
				phrases = append(phrases, phrase{f, withArticle})
			}
		}
	}
	for _, p := range phrases {
		n := refChild(root, p.first)
		for _, w := range p.rest {
			if n.next == nil {
				n.next = map[string]*refNode{}
			}
			n = refChild(n.next, w)
		}
		i := slices.IndexFunc(n.entries, func(x Entry) bool { return x.Kind == e.Kind && x.Index == e.Index })
		if i < 0 {
			n.entries = append(n.entries, e)
		} else {
			n.entries[i].Verb.add(e.Verb)
		}
	}
}

func refChild(m map[string]*refNode, k string) *refNode {
	if m[k] == nil {
		m[k] = &refNode{}
	}
	return m[k]
}

func (r *refLexicon) match(root map[string]*refNode, toks []arabic.Token, i int, pronouns bool) (Match, bool) {
	t := toks[i]
	if t.Kind != arabic.Word {
		return Match{}, false
	}
	for _, a := range arabic.Segment(nil, t.Norm) {
		n := root[a.Base]
		if n == nil {
			continue
		}
		best, end := n.entries, i+1
		for j := i + 1; n.next != nil && j < len(toks); {
			if arabic.IsQuote(toks[j].Norm) {
				j++
				continue
			}
			if n = n.next[toks[j].Norm]; n == nil {
				break
			}
			j++
			if len(n.entries) > 0 {
				best, end = n.entries, j
			}
		}
		if len(best) > 0 {
			return Match{Start: i, End: end, Prefix: a.Prefix, Entries: best}, true
		}
	}
	if !pronouns || strings.HasSuffix(t.Text, "ة") {
		return Match{}, false
	}
	for _, a := range arabic.Segment(nil, t.Norm) {
		stem, suf, found := arabic.StripPronoun(a.Base)
		if !found {
			continue
		}
		if n := r.root[stem]; n != nil && len(n.entries) > 0 {
			return Match{Start: i, End: i + 1, Prefix: a.Prefix, Suffix: suf, Entries: n.entries}, true
		}
		if l := len(stem); l > 2 && stem[l-2:] == "ت" {
			if n := r.root[stem[:l-2]+"ه"]; n != nil && len(n.entries) > 0 {
				return Match{Start: i, End: i + 1, Prefix: a.Prefix, Suffix: suf, Entries: n.entries}, true
			}
		}
	}
	return Match{}, false
}

func (r *refLexicon) lookup(norm []string) []Entry {
	n := r.root[norm[0]]
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

// shipped loads and compiles the shipped knowledge base once for the tests.
var shipped = func() func(t testing.TB) (*Lexicon, *refLexicon) {
	var lx *Lexicon
	var ref *refLexicon
	return func(t testing.TB) (*Lexicon, *refLexicon) {
		if lx == nil {
			k, err := Load(kbfiles.FS)
			if err != nil {
				t.Fatal(err)
			}
			lx, ref = Compile(k), newRefLexicon(k)
		}
		return lx, ref
	}
}()

// compareAt checks every lookup of the lexicon at token i against the reference.
func compareAt(t *testing.T, lx *Lexicon, ref *refLexicon, toks []arabic.Token, i int) {
	t.Helper()
	var scratch [4]arabic.Analysis
	check := func(what string, got Match, gok bool, want Match, wok bool) {
		t.Helper()
		if gok != wok || gok && (got.Start != want.Start || got.End != want.End || got.Prefix != want.Prefix ||
			got.Suffix != want.Suffix || !slices.Equal(got.Entries, want.Entries)) {
			t.Fatalf("%s at %d of %q: got %+v %v, want %+v %v", what, i, toks[i].Text, got, gok, want, wok)
		}
	}
	g, gok := lx.MatchAt(toks, i, scratch[:0])
	w, wok := ref.match(ref.root, toks, i, true)
	check("MatchAt", g, gok, w, wok)
	g, gok = lx.PlaceAt(toks, i, scratch[:0])
	w, wok = ref.match(ref.places, toks, i, false)
	check("PlaceAt", g, gok, w, wok)
	g, gok = lx.TimeAt(toks, i, scratch[:0])
	w, wok = ref.match(ref.times, toks, i, false)
	check("TimeAt", g, gok, w, wok)
	n := toks[i].Norm
	norms := []string{n}
	if i+1 < len(toks) {
		norms = append(norms, toks[i+1].Norm)
		if gw, ww := lx.Classes(n+" "+toks[i+1].Norm), ref.words[n+" "+toks[i+1].Norm]; !slices.Equal(gw, ww) {
			t.Fatalf("Classes of the phrase at %d: %q, want %q", i, gw, ww)
		}
	}
	if g, w := lx.Lookup(norms), ref.lookup(norms); !slices.Equal(g, w) {
		t.Fatalf("Lookup(%q) = %v, want %v", norms, g, w)
	}
	if g, w := lx.Classes(n), ref.words[n]; !slices.Equal(g, w) {
		t.Fatalf("Classes(%q) = %q, want %q", n, g, w)
	}
	if lx.IsPlural(n) != ref.plural[strings.TrimPrefix(n, "ال")] || lx.IsGivenName(n) != ref.given[n] || lx.StartsPhrase(n) != ref.firs[n] {
		t.Fatalf("word flags of %q differ", n)
	}
}

// TestLexiconAgreesWithReference matches every token of real news with the
// compiled lexicon and with the reference one.
func TestLexiconAgreesWithReference(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the shipped knowledge base twice")
	}
	lx, ref := shipped(t)
	f, err := os.Open("../../testdata/ant_slice.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() && n < 150 {
		var a struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		toks := arabic.Tokenize(nil, a.Title+"\n\n"+a.Text)
		for i := range toks {
			compareAt(t, lx, ref, toks, i)
		}
		n++
	}
	// every surface of the knowledge base, as written
	for _, p := range lx.KB.Places[:2000] {
		toks := arabic.Tokenize(nil, strings.Join(p.Names, " و"))
		for i := range toks {
			compareAt(t, lx, ref, toks, i)
		}
	}
	for _, a := range lx.KB.Actors {
		toks := arabic.Tokenize(nil, "وب"+strings.Join(a.Surfaces, " «لل"))
		for i := range toks {
			compareAt(t, lx, ref, toks, i)
		}
	}
}

func FuzzLexicon(f *testing.F) {
	for _, s := range []string{"زارت «الجيش الوطني الليبي» دمشق", "وبالسفارة زيارته", "للجيش السوري يوم الأحد", "في مدينة حلب"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lx, ref := shipped(t)
		toks := arabic.Tokenize(nil, s)
		for i := range toks {
			compareAt(t, lx, ref, toks, i)
		}
	})
}

// BenchmarkMatchAt matches every token of real news, as the recogniser
// does, in MB/s of text.
func BenchmarkMatchAt(b *testing.B) {
	k, err := Load(kbfiles.FS)
	if err != nil {
		b.Fatal(err)
	}
	lx := Compile(k)
	data, err := os.ReadFile("../../testdata/ant_slice.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var docs [][]arabic.Token
	size := 0
	for _, line := range strings.Split(string(data), "\n") {
		var a struct{ Title, Text string }
		if json.Unmarshal([]byte(line), &a) == nil {
			docs = append(docs, arabic.Tokenize(nil, a.Title+"\n\n"+a.Text))
			size += len(a.Title) + len(a.Text) + 2
		}
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	var scratch [4]arabic.Analysis
	n := 0
	for b.Loop() {
		for _, toks := range docs {
			for i := 0; i < len(toks); {
				m, ok := lx.MatchAt(toks, i, scratch[:0])
				if ok {
					n++
					i = m.End
				} else {
					i++
				}
			}
		}
	}
	if n == 0 {
		b.Fatal("nothing matched")
	}
}

// TestPlacesBuiltOnce looks places up from several goroutines at once on a
// fresh lexicon, whose place names are compiled on first use.
func TestPlacesBuiltOnce(t *testing.T) {
	k, err := Load(fstest.MapFS{"places.tsv": {Data: []byte("حلب\tSYR\t36.2\t37.15\tcity\tx\nدير الزور\tSYR\t35.3\t40.1\tcity\tx\n")}})
	if err != nil {
		t.Fatal(err)
	}
	lx := Compile(k)
	toks := arabic.Tokenize(nil, "في دير الزور وحلب")
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scratch [4]arabic.Analysis
			if m, ok := lx.PlaceAt(toks, 1, scratch[:0]); !ok || m.End != 3 {
				t.Errorf("PlaceAt(دير الزور) = %+v, %v", m, ok)
			}
			if m, ok := lx.PlaceAt(toks, 3, scratch[:0]); !ok || m.Prefix != "و" {
				t.Errorf("PlaceAt(وحلب) = %+v, %v", m, ok)
			}
		}()
	}
	wg.Wait()
}

// TestSiteAt checks that only bases, crossings and camps are sites.
func TestSiteAt(t *testing.T) {
	k, err := Load(fstest.MapFS{"places.tsv": {Data: []byte("حلب\tSYR\t36.2\t37.15\tcity\tx\nقاعدة حميميم|حميميم\tSYR\t35.4\t35.95\tbase\tx\n")}})
	if err != nil {
		t.Fatal(err)
	}
	lx := Compile(k)
	toks := arabic.Tokenize(nil, "من حلب إلى قاعدة حميميم")
	var scratch [4]arabic.Analysis
	if _, ok := lx.SiteAt(toks, 1, scratch[:0]); ok {
		t.Error("SiteAt(حلب): a city is no site")
	}
	if m, ok := lx.SiteAt(toks, 3, scratch[:0]); !ok || m.End != 5 {
		t.Errorf("SiteAt(قاعدة حميميم) = %+v, %v", m, ok)
	}
}
