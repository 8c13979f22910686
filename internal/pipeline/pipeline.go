// Package pipeline wires Marsad's stages together for one article:
// analyse (tokens, sentences) → recognise (mentions) → resolve (actors) →
// code (events), and shapes the result as the output contract of
// `marsad code` (see DESIGN.md).
package pipeline

import (
	"fmt"
	"io/fs"
	"sort"
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
// file system), for users who override the shipped one.
func LoadLexicon(fsys fs.FS) (*kb.Lexicon, error) {
	k, err := kb.Load(fsys)
	if err != nil {
		return nil, err
	}
	return kb.Compile(k), nil
}

// New returns a pipeline over a compiled lexicon.
func New(lex *kb.Lexicon) *Pipeline {
	return &Pipeline{Lex: lex, Rec: &recognise.Recogniser{Lex: lex}, Coder: code.New(lex)}
}

// Analysis is everything the pipeline found in one article, for explain
// and for callers that want more than the output contract.
type Analysis struct {
	Input    code.Input
	Actors   [][]resolve.Actor // per sentence
	Resolver *resolve.Resolver
}

// Analyse runs analysis, recognition and resolution on text.
func (p *Pipeline) Analyse(art *extract.Article) Analysis {
	in := code.Input{Text: art.Text, Published: art.PublishedAt}
	in.Tokens = arabic.Tokenize(make([]arabic.Token, 0, len(art.Text)/6), art.Text)
	in.Sentences = arabic.Sentences(art.Text, in.Tokens)
	in.Mentions = p.Rec.Find(nil, in.Tokens, 0, len(in.Tokens))
	if p.Tagger != nil {
		in.Mentions = p.addNames(in)
	}
	res := resolve.New(p.Lex, dateOf(art))
	res.MainCountry(in.Mentions)
	return Analysis{Input: in, Resolver: res}
}

// Code codes one article.
func (p *Pipeline) Code(art *extract.Article) Doc {
	a := p.Analyse(art)
	events := p.Coder.Events(a.Input, a.Resolver)
	if events == nil {
		events = []code.Event{}
	}
	return Doc{
		ID: art.ID, Title: art.Title, Published: art.Published, Outlet: art.Outlet,
		Attribution: art.Attribution, Text: art.Text,
		Entities: p.entities(a.Input), Events: events,
	}
}

// addNames runs the tagger on the sentences where a title or role word is
// followed by a word the knowledge base does not know, and merges the
// names it finds. Tagging only there keeps the whole pipeline fast.
func (p *Pipeline) addNames(in code.Input) []recognise.Mention {
	var spans []recognise.Mention
	mi := 0
	for _, s := range in.Sentences {
		for mi < len(in.Mentions) && in.Mentions[mi].Start < s.Start {
			mi++
		}
		if !p.wantsNames(in, s, mi) {
			continue
		}
		words := make([]string, s.End-s.Start)
		for i := range words {
			words[i] = in.Tokens[s.Start+i].Text
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
			spans = append(spans, recognise.Mention{Start: s.Start + i, End: s.Start + j, NER: typ})
			i = j - 1
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	return recognise.AddNames(in.Mentions, spans)
}

// wantsNames reports whether sentence s has a role word followed by an
// unknown word, where a name the knowledge base lacks may stand.
func (p *Pipeline) wantsNames(in code.Input, s arabic.Span, mi int) bool {
	for k := mi; k < len(in.Mentions) && in.Mentions[k].Start < s.End; k++ {
		m := &in.Mentions[k]
		if !m.Has(kb.EntRole) && !m.Has(kb.EntDemonym) {
			continue
		}
		if m.End < s.End && in.Tokens[m.End].Kind == arabic.Word && (k+1 >= len(in.Mentions) || in.Mentions[k+1].Start != m.End) {
			return true
		}
	}
	return false
}

// entities lists the named entities among the mentions.
func (p *Pipeline) entities(in code.Input) []Entity {
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
			en, _ := m.First(kb.EntActor)
			a := &k.Actors[en.Index]
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
