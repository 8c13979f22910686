package resolve

import (
	"maps"
	"time"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/recognise"
)

// Doc is one analysed article, annotated once by each stage and read by
// the ones after it: analysis gives its tokens and sentences, recognition
// its mentions, resolution (Resolver.Resolve) the actors of its sentences.
// The coder reads a Doc and changes nothing in it.
type Doc struct {
	Text      string              // the article text; all offsets point into it
	Tokens    []arabic.Token      // its tokens
	Sentences []arabic.Span       // its sentences, as token ranges
	Mentions  []recognise.Mention // its mentions, in text order
	Published time.Time           // publication time, zero if unknown
	Gram      *recognise.Grammar  // its tokens' grammar classes, each looked up once

	// Filled by Resolve:
	Actors      [][]Actor      // per sentence: its actors in text order; nil for a sentence with no trigger (nothing to code)
	MainCountry string         // the article's main country, or its outlet's when it names none ("" when neither is known)
	Named       map[string]int // how often the article names each country (see Resolver.Named)
}

// Resolve fills d's actors: the main country and the outlet's country
// first (outlet may be ""), then the actors of every sentence that has a
// trigger, in text order, as the resolver remembers the names it has seen.
// With r.Explain, the other sentences get their actors too, without their
// names being remembered. r must be fresh for this article.
func (r *Resolver) Resolve(d *Doc, outlet string) {
	d.MainCountry = r.MainCountry(d.Tokens, d.Mentions)
	r.UseOutlet(outlet)
	d.MainCountry = r.Default // the outlet's country when the article names none
	d.Named = r.Named
	d.Actors = make([][]Actor, len(d.Sentences))
	mi := 0
	for i, s := range d.Sentences {
		var ms []recognise.Mention
		ms, mi = recognise.Within(d.Mentions, mi, s)
		switch {
		case recognise.AnyTrigger(ms):
			d.Actors[i] = r.Sentence(d.Tokens, ms)
		case r.Explain && len(ms) > 0:
			// explain shows the actors of the other sentences too, resolved
			// without being remembered, so that coding sees what it always sees
			saved, last := maps.Clone(r.known), maps.Clone(r.last)
			d.Actors[i] = r.Sentence(d.Tokens, ms)
			r.known, r.last = saved, last
		}
	}
}
