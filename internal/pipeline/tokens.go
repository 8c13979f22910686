package pipeline

import (
	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/extract"
)

// CodeWith codes one article like Code and, before the article's tokens
// are recycled, calls fn with them and the sentences (token index spans),
// so that a caller that needs them too (the store's stems and fingerprint)
// does not tokenise the text again. fn must not keep the slices.
func (p *Pipeline) CodeWith(art *extract.Article, fn func(tokens []arabic.Token, sentences []arabic.Span)) Doc {
	buf := bufPool.Get().(*buffers)
	a := p.analyse(art, buf.tokens[:0], buf.mentions[:0])
	events := p.Coder.Events(a.Input, a.Resolver)
	if events == nil {
		events = []code.Event{}
	}
	doc := Doc{
		ID: art.ID, Title: art.Title, Published: art.Published, Outlet: art.Outlet,
		Attribution: art.Attribution, Text: art.Text,
		Entities: p.entities(a.Input, a.Resolver), Events: events,
	}
	fn(a.Input.Tokens, a.Input.Sentences)
	buf.tokens, buf.mentions = a.Input.Tokens[:0], a.Input.Mentions[:0]
	bufPool.Put(buf)
	return doc
}
