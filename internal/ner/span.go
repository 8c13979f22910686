package ner

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Entity types the tagger recognises.
const (
	TypePERS = "PERS" // people
	TypeLOC  = "LOC"  // places, countries, cities, geographic features
	TypeORG  = "ORG"  // organisations, governments, parties, companies
	TypeMISC = "MISC" // other names: events, products, nationalities, ...
)

// Span is a run of tokens that names one entity.
type Span struct {
	Start int    // index of the first token
	End   int    // index just past the last token (exclusive)
	Type  string // PERS, LOC, ORG or MISC
}

// splitTag splits a BIO tag into its prefix ('B', 'I' or 'O') and type.
// Anything that is not "B-X" or "I-X" counts as O.
func splitTag(tag string) (byte, string) {
	if len(tag) > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' {
		return tag[0], tag[2:]
	}
	return 'O', ""
}

// Spans turns BIO tags into entity spans the way conlleval does: an entity
// starts at B-X, or at I-X that does not continue an entity of type X, and
// extends over the following I-X tags.
func Spans(tags []string) []Span {
	var out []Span
	cur := Span{Start: -1}
	for i, tag := range tags {
		p, typ := splitTag(tag)
		if cur.Start >= 0 && (p != 'I' || typ != cur.Type) {
			cur.End = i
			out = append(out, cur)
			cur = Span{Start: -1}
		}
		if p == 'B' || (p == 'I' && cur.Start < 0) {
			cur = Span{Start: i, Type: typ}
		}
	}
	if cur.Start >= 0 {
		cur.End = len(tags)
		out = append(out, cur)
	}
	return out
}

// PRF holds entity counts and the scores derived from them.
type PRF struct {
	TP, FP, FN int // true positives, false positives, false negatives
}

// Precision returns TP/(TP+FP), 0 when nothing was predicted.
func (c PRF) Precision() float64 {
	if c.TP+c.FP == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall returns TP/(TP+FN), 0 when there is no gold entity.
func (c PRF) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 returns the harmonic mean of precision and recall.
func (c PRF) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Scores accumulates entity-level (exact span and type) counts, overall and
// per type, like conlleval.
type Scores struct {
	Overall PRF
	ByType  map[string]*PRF
}

// NewScores returns empty scores.
func NewScores() *Scores { return &Scores{ByType: map[string]*PRF{}} }

func (s *Scores) typ(t string) *PRF {
	c := s.ByType[t]
	if c == nil {
		c = &PRF{}
		s.ByType[t] = c
	}
	return c
}

// Add compares the predicted tags of one sentence with its gold tags.
func (s *Scores) Add(gold, pred []string) {
	g, p := Spans(gold), Spans(pred)
	gs := make(map[Span]bool, len(g))
	for _, sp := range g {
		gs[sp] = true
	}
	for _, sp := range p {
		if gs[sp] {
			s.Overall.TP++
			s.typ(sp.Type).TP++
			delete(gs, sp)
		} else {
			s.Overall.FP++
			s.typ(sp.Type).FP++
		}
	}
	for _, sp := range g {
		if gs[sp] {
			s.Overall.FN++
			s.typ(sp.Type).FN++
		}
	}
}

// Write prints one line per type and a last line
// "ner F1=0.xxxx P=0.xxxx R=0.xxxx".
func (s *Scores) Write(w io.Writer) error {
	types := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	var b strings.Builder
	for _, t := range types {
		c := s.ByType[t]
		fmt.Fprintf(&b, "%-5s F1=%.4f P=%.4f R=%.4f gold=%d pred=%d correct=%d\n",
			t, c.F1(), c.Precision(), c.Recall(), c.TP+c.FN, c.TP+c.FP, c.TP)
	}
	o := s.Overall
	fmt.Fprintf(&b, "ner F1=%.4f P=%.4f R=%.4f\n", o.F1(), o.Precision(), o.Recall())
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write scores: %w", err)
	}
	return nil
}
