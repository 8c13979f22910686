package pipeline

import (
	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/extract"
)

// CodeWith codes one article like Code and, before the article's tokens
// are recycled, calls fn (when not nil) with them and the sentences (token
// index spans), so that a caller that needs them too (the store's stems and
// fingerprint) does not tokenise the text again. fn must not keep the
// slices.
func (p *Pipeline) CodeWith(art *extract.Article, fn func(tokens []arabic.Token, sentences []arabic.Span)) Doc {
	buf := bufPool.Get().(*buffers)
	a := p.analyse(art, buf, false)
	events := p.Coder.Events(code.Input{Doc: a.Doc})
	if events == nil {
		events = []code.Event{}
	}
	doc := Doc{
		ID: art.ID, URI: art.URI, Title: art.Title, Published: art.Published, Outlet: art.Outlet,
		Attribution: art.Attribution, Text: art.Text,
		Entities: p.entities(a.Doc, a.Resolver), Events: events,
	}
	if fn != nil {
		fn(a.Doc.Tokens, a.Doc.Sentences)
	}
	// nothing in doc points into the tokens, mentions or annotations: recycle them
	buf.tokens, buf.mentions, buf.gram = a.Doc.Tokens[:0], a.Doc.Mentions[:0], a.Doc.Gram.Buffer()
	bufPool.Put(buf)
	return doc
}
