// Package pipeline wires Marsad's stages together for one article:
// analyse (tokens, sentences) → recognise (mentions) → resolve (actors) →
// code (events), and shapes the result as the output contract of
// `marsad code` (see DESIGN.md).
package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
	kbfiles "github.com/marsad/marsad/kb"
)

// Entity is a named entity of the output.
type Entity struct {
	Text  string `json:"text"`
	Type  string `json:"type"` // PERS, LOC, ORG or MISC
	Start int    `json:"start"`
	End   int    `json:"end"`
	Code  string `json:"code,omitempty"` // CAMEO actor code when known
}

// Doc is one coded article: one line of `marsad code` output.
type Doc struct {
	ID          string       `json:"id"`
	URI         string       `json:"uri,omitempty"` // where the article was read from: its path, "-" for standard input, with "#N" for line or record N
	Title       string       `json:"title"`
	Published   string       `json:"published"`
	Outlet      string       `json:"outlet"`
	Attribution string       `json:"attribution"`
	Text        string       `json:"text,omitempty"`
	Entities    []Entity     `json:"entities"`
	Events      []code.Event `json:"events"`
}

// NameTagger is a learned named-entity tagger: BIO tags (B-PERS, I-LOC, O,
// …) for a sentence's tokens.
type NameTagger interface {
	Tag(tokens []string) []string
}

// Pipeline codes articles. Build it once with New; it is safe for
// concurrent use.
type Pipeline struct {
	Lex    *kb.Lexicon
	Rec    *recognise.Recogniser
	Coder  *code.Coder
	Tagger NameTagger // optional; when set, names it finds near role words become actors

	overrunOnce  sync.Once     // sets overrunSlots
	overrunSlots *overrunSlots // articles given up by CodeWithin, still being coded
}

var (
	defaultOnce sync.Once
	defaultLex  *kb.Lexicon
	defaultErr  error
)

// DefaultLexicon loads and compiles the embedded knowledge base once.
func DefaultLexicon() (*kb.Lexicon, error) {
	defaultOnce.Do(func() {
		k, err := kb.Load(kbfiles.FS)
		if err != nil {
			defaultErr = fmt.Errorf("embedded knowledge base: %w", err)
			return
		}
		defaultLex = kb.Compile(k)
	})
	return defaultLex, defaultErr
}

// LoadLexicon loads and compiles a knowledge base from a directory (or any
// file system), for users who override the shipped one. A knowledge base
// that cannot be read, has a malformed line or misses a required table
// (kb.KB.Missing) is an error: coding with it would code nothing, silently.
func LoadLexicon(fsys fs.FS) (*kb.Lexicon, error) {
	k, err := kb.Load(fsys)
	if err != nil {
		return nil, err
	}
	if miss := k.Missing(); len(miss) > 0 {
		return nil, fmt.Errorf("%w: nothing read from %s", ErrIncompleteKB, strings.Join(miss, ", "))
	}
	return kb.Compile(k), nil
}

// ErrIncompleteKB is returned by LoadLexicon for a knowledge base that
// misses a required table.
var ErrIncompleteKB = errors.New("incomplete knowledge base")

// New returns a pipeline over a compiled lexicon.
func New(lex *kb.Lexicon) *Pipeline {
	return &Pipeline{Lex: lex, Rec: &recognise.Recogniser{Lex: lex}, Coder: code.New(lex)}
}

// Analysis is everything the pipeline found in one article before coding,
// for explain and for callers that want more than the output contract.
type Analysis struct {
	Doc      *resolve.Doc      // tokens, sentences, mentions and actors
	Resolver *resolve.Resolver // the resolver that resolved it, with what it remembers of the article
}

// Analyse runs analysis, recognition and resolution on an article.
func (p *Pipeline) Analyse(art *extract.Article) Analysis {
	return p.analyse(art, nil, false)
}

// analyse is Analyse with memory to reuse (nil: none); explain asks
// the resolver to say why it resolved each actor as it did.
func (p *Pipeline) analyse(art *extract.Article, buf *buffers, explain bool) Analysis {
	if buf == nil {
		buf = &buffers{}
	}
	d := &resolve.Doc{Text: art.Text, Published: art.PublishedAt}
	d.Tokens = arabic.Tokenize(buf.tokens[:0], art.Text)
	d.Sentences = arabic.Sentences(art.Text, d.Tokens)
	d.Mentions = p.Rec.Find(buf.mentions[:0], d.Tokens, 0, len(d.Tokens))
	d.Gram = recognise.NewGrammar(p.Lex, d.Tokens, buf.gram)
	if p.Tagger != nil {
		d.Mentions = p.addNames(d)
	}
	res := resolve.New(p.Lex, dateOf(art))
	res.Explain = explain
	res.Resolve(d, p.Lex.OutletCountry(art.Outlet))
	return Analysis{Doc: d, Resolver: res}
}

// buffers are the per-article slices recycled between articles.
type buffers struct {
	tokens   []arabic.Token
	mentions []recognise.Mention
	gram     []int32
}

var bufPool = sync.Pool{New: func() any {
	return &buffers{tokens: make([]arabic.Token, 0, 4096), mentions: make([]recognise.Mention, 0, 256)}
}}

// Code codes one article.
func (p *Pipeline) Code(art *extract.Article) Doc { return p.CodeWith(art, nil) }

// nameWindow is how many tokens around a title the tagger reads.
const nameWindow = 8

// addNames runs the tagger where a name the knowledge base lacks may stand —
// after a title or role word («وزير الدفاع السوداني فلان») in a sentence
// that reports an event — and merges the names it finds. Tagging only
// there keeps the whole pipeline fast.
func (p *Pipeline) addNames(in *resolve.Doc) []recognise.Mention {
	var spans []recognise.Mention
	mi := 0
	var words []string
	for _, s := range in.Sentences {
		var ms []recognise.Mention
		ms, mi = recognise.Within(in.Mentions, mi, s)
		if !recognise.AnyTrigger(ms) {
			continue
		}
		done := s.Start // tokens before this were tagged already
		for k := range ms {
			m := &ms[k]
			if !p.titleBeforeUnknown(in, ms, k, s.End) {
				continue
			}
			from, to := max(m.Start-2, done, s.Start), min(m.End+nameWindow, s.End)
			if from >= to {
				continue
			}
			words = words[:0]
			for i := from; i < to; i++ {
				words = append(words, in.Tokens[i].Text)
			}
			tags := p.Tagger.Tag(words)
			for i := 0; i < len(tags); i++ {
				if len(tags[i]) < 3 || tags[i][0] != 'B' {
					continue
				}
				typ := tags[i][2:]
				j := i + 1
				for j < len(tags) && tags[j] == "I-"+typ {
					j++
				}
				start := from + i
				if typ == "PERS" {
					j = p.completeName(in, from+j, min(from+j+2, to)) - from
					// one unknown word between a title and the tagged name is its first part
					if start-2 >= s.Start && p.unknownWord(in, start-1) && p.coveredByTitle(ms, start-2) {
						start--
					}
				}
				spans = append(spans, recognise.Mention{Start: start, End: from + j, NER: typ})
				i = j - 1
			}
			done = to
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	return recognise.AddNames(in.Mentions, spans)
}

// completeName extends a person's name found by the tagger over the unknown
// words that follow it, up to end: the tagger often stops after a given
// name it knows («إبراهيم [غندور]»). A function word, a known phrase or
// punctuation ends the name. It returns the new end.
func (p *Pipeline) completeName(in *resolve.Doc, i, end int) int {
	for ; i < end && p.unknownWord(in, i); i++ {
	}
	return i
}

// unknownWord reports whether token i is a word that neither the grammar
// table nor the knowledge base knows, and that starts with no conjunction.
func (p *Pipeline) unknownWord(in *resolve.Doc, i int) bool {
	t := in.Tokens[i]
	if t.Kind != arabic.Word || len(p.Lex.Classes(t.Norm)) > 0 || strings.HasPrefix(t.Norm, "و") {
		return false
	}
	var scratch [4]arabic.Analysis
	_, known := p.Lex.MatchAt(in.Tokens, i, scratch[:0])
	return !known
}

// coveredByTitle reports whether token i ends a title, role or demonym mention.
func (p *Pipeline) coveredByTitle(ms []recognise.Mention, i int) bool {
	for k := range ms {
		if ms[k].End-1 == i {
			return ms[k].Has(kb.EntRole) || ms[k].Has(kb.EntDemonym)
		}
	}
	return false
}

// titleBeforeUnknown reports whether mention k is a title («وزير الدفاع»,
// «اللواء»), perhaps followed by demonyms and glue words, and then by a
// given name that begins no phrase the knowledge base knows.
func (p *Pipeline) titleBeforeUnknown(in *resolve.Doc, ms []recognise.Mention, k, end int) bool {
	e, ok := ms[k].First(kb.EntRole)
	if !ok || p.Lex.KB.Roles[e.Index].Kind != "TITLE" {
		return false
	}
	i := ms[k].End
	for next := k + 1; i < end; {
		if next < len(ms) && ms[next].Start == i {
			if !ms[next].Has(kb.EntDemonym) && !ms[next].Has(kb.EntRole) {
				return false // a known actor follows: nothing to learn
			}
			i = ms[next].End
			next++
			continue
		}
		t := in.Tokens[i]
		if t.Kind != arabic.Word {
			return false
		}
		if p.Lex.HasClass(t.Norm, "glue") {
			i++
			continue
		}
		// a name the knowledge base lacks starts with a given name («ياسين»)
		return len(p.Lex.Classes(t.Norm)) == 0 && p.Lex.IsGivenName(t.Norm)
	}
	return false
}

// entities lists the named entities among the mentions.
func (p *Pipeline) entities(in *resolve.Doc, res *resolve.Resolver) []Entity {
	out := []Entity{}
	k := p.Lex.KB
	for i := range in.Mentions {
		m := &in.Mentions[i]
		e := Entity{Start: in.Tokens[m.Start].Start, End: in.Tokens[m.End-1].End}
		e.Text = in.Text[e.Start:e.End]
		switch {
		case m.NER != "":
			e.Type = m.NER
		case m.Has(kb.EntActor):
			a := res.ActorRow(m) // the row valid at the article's date, as for events
			e.Code = a.Country + a.Role
			e.Type = "ORG"
			if a.Kind == "PERSON" {
				e.Type = "PERS"
			}
		case m.Has(kb.EntCountry), m.Has(kb.EntCapital):
			en, ok := m.First(kb.EntCountry)
			if !ok {
				en, _ = m.First(kb.EntCapital)
			}
			e.Type, e.Code = "LOC", k.Countries[en.Index].ISO3
		default:
			continue
		}
		out = append(out, e)
	}
	return out
}

func dateOf(art *extract.Article) kb.Date {
	t := art.PublishedAt
	if t.IsZero() {
		return 0
	}
	return kb.Date(t.Year()*10000 + int(t.Month())*100 + t.Day())
}
