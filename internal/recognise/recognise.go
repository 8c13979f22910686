// Package recognise finds mentions in analysed Arabic text: phrases of the
// knowledge base (countries, capitals, demonyms, named actors, role words,
// event triggers) matched over normalised tokens, and names found by the
// learned tagger that the knowledge base does not know.
package recognise

import (
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
)

// Mention is a phrase of the text that means something to Marsad.
type Mention struct {
	Start, End int        // token indices, End exclusive
	Prefix     string     // proclitics stripped from the first token («و», «ب», «ول», …)
	Suffix     string     // pronoun stripped from a one-word match («ها» in «زارها»)
	Entries    []kb.Entry // knowledge-base meanings, nil for a tagger-only name
	NER        string     // PERS, LOC, ORG or MISC when the learned tagger found it, else ""
}

// Has reports whether the mention has an entry of kind k.
func (m *Mention) Has(k kb.EntryKind) bool {
	for _, e := range m.Entries {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// First returns the first entry of kind k.
func (m *Mention) First(k kb.EntryKind) (kb.Entry, bool) {
	for _, e := range m.Entries {
		if e.Kind == k {
			return e, true
		}
	}
	return kb.Entry{}, false
}

// Recogniser finds mentions. It is safe for concurrent use; each goroutine
// should use its own scratch via Find's dst.
type Recogniser struct {
	Lex *kb.Lexicon
}

// Find appends to dst the mentions of toks[from:to], left to right, each the
// longest match at its position, and returns dst.
func (r *Recogniser) Find(dst []Mention, toks []arabic.Token, from, to int) []Mention {
	var scratch [4]arabic.Analysis
	for i := from; i < to; {
		m, ok := r.Lex.MatchAt(toks[:to], i, scratch[:0])
		if !ok || m.End-m.Start == 1 && r.functionWord(toks[i].Norm[len(m.Prefix):]) {
			i++ // «امام» is «أمام» (in front of) far more often than «إمام» (imam)
			continue
		}
		dst = append(dst, Mention{Start: m.Start, End: m.End, Prefix: m.Prefix, Suffix: m.Suffix, Entries: m.Entries})
		i = m.End
	}
	return dst
}

// functionWord reports whether a normalised word is a preposition or
// another function word of the grammar table, which a one-word phrase of
// the knowledge base never overrides.
func (r *Recogniser) functionWord(w string) bool {
	for _, c := range r.Lex.Classes(w) {
		if strings.HasPrefix(c, "prep:") || strings.HasPrefix(c, "proprep:") || c == "relative" || c == "neg" {
			return true
		}
	}
	return false
}

// AnyTrigger reports whether any of ms is an event trigger.
func AnyTrigger(ms []Mention) bool {
	for i := range ms {
		if ms[i].Has(kb.EntTrigger) {
			return true
		}
	}
	return false
}

// Within returns the mentions of ms that lie inside span s, searching from
// index from, and the index to search the next span from. Spans must be
// visited in text order.
func Within(ms []Mention, from int, s arabic.Span) (in []Mention, next int) {
	for from < len(ms) && ms[from].Start < s.Start {
		from++
	}
	to := from
	for to < len(ms) && ms[to].End <= s.End {
		to++
	}
	return ms[from:to], to
}

// AddNames merges names found by a tagger (token spans with types PERS,
// LOC, ORG, MISC) into mentions sorted by position: a name overlapping a
// knowledge-base mention is dropped, the others are inserted in order.
func AddNames(ms []Mention, spans []Mention) []Mention {
	if len(spans) == 0 {
		return ms
	}
	out := make([]Mention, 0, len(ms)+len(spans))
	i := 0
	for _, s := range spans {
		for i < len(ms) && ms[i].End <= s.Start {
			out = append(out, ms[i])
			i++
		}
		if i < len(ms) && ms[i].Start < s.End {
			continue // overlaps a knowledge-base mention, which knows more
		}
		out = append(out, s)
	}
	return append(out, ms[i:]...)
}
