package ner

import (
	"encoding/binary"
	"math"
	"sync"
)

// Tagger is a trained named-entity tagger: an averaged structured
// perceptron over hashed features with first-order Viterbi decoding. A
// Tagger is safe for concurrent use.
type Tagger struct {
	bits  uint                          // log2 of the number of feature rows
	w     []float32                     // (1<<bits) rows of numTags weights, while training; nil once loaded
	p     packedWeights                 // the same, quantised and packed, once loaded from a model file
	trans [numTags + 1][numTags]float32 // transition weights; row numTags is the start
	res   resources
	pool  sync.Pool // *scratch
}

func newTagger(bits uint, res resources) *Tagger {
	return &Tagger{bits: bits, w: make([]float32, (1<<bits)*numTags), res: res}
}

func (t *Tagger) mask() uint64 { return 1<<t.bits - 1 }

func (t *Tagger) getScratch() *scratch {
	if s, ok := t.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{}
}

// Tag returns one BIO tag per token ("O", "B-PERS", "I-LOC", ...). Tokens
// are surface tokens as they appear in text, punctuation separate. The
// result always has len(tokens) elements and never contains an I-X that
// does not continue an X entity.
func (t *Tagger) Tag(tokens []string) []string {
	out := make([]string, len(tokens))
	if len(tokens) == 0 {
		return out
	}
	s := t.getScratch()
	t.decode(s, tokens)
	for i, p := range s.path {
		out[i] = tagNames[p]
	}
	t.pool.Put(s)
	return out
}

// TagSpans tags tokens and returns the entity spans (see Spans).
func (t *Tagger) TagSpans(tokens []string) []Span { return Spans(t.Tag(tokens)) }

// decode extracts features and leaves the best tag sequence in s.path.
func (t *Tagger) decode(s *scratch, tokens []string) {
	t.res.extract(s, tokens, t.mask())
	if t.w == nil {
		t.scorePacked(s)
		viterbi(s, len(s.off)-1, &t.trans)
		return
	}
	t.scoreAndViterbi(s, t.w, &t.trans)
}

// sizeScores makes room in s for the emission scores and back pointers of
// its tokens and returns their number.
func (s *scratch) sizeScores() int {
	n := len(s.off) - 1
	if cap(s.emit) < n*numTags {
		s.emit = make([]float32, n*numTags)
		s.back = make([]uint8, n*numTags)
	}
	s.emit = s.emit[:n*numTags]
	s.back = s.back[:n*numTags]
	return n
}

// scorePacked computes emission scores from the packed int16 weights of a
// loaded model: integer sums over the non-zero rows, scaled once per token.
func (t *Tagger) scorePacked(s *scratch) {
	n := s.sizeScores()
	le := binary.LittleEndian
	for i := 0; i < n; i++ {
		var e [numTags]int32
		for _, f := range s.feats[s.off[i]:s.off[i+1]] {
			row := t.p.row(f)
			if row == nil {
				continue
			}
			for c := range e {
				e[c] += int32(int16(le.Uint16(row[2*c:])))
			}
		}
		for c := range e {
			s.emit[i*numTags+c] = float32(e[c]) * t.p.scale
		}
	}
}

// scoreAndViterbi computes emission scores from w for the features in s and
// runs Viterbi with trans, leaving the path in s.path.
func (t *Tagger) scoreAndViterbi(s *scratch, w []float32, trans *[numTags + 1][numTags]float32) {
	n := s.sizeScores()
	for i := 0; i < n; i++ {
		var e [numTags]float32
		for _, f := range s.feats[s.off[i]:s.off[i+1]] {
			row := w[int(f)*numTags : int(f)*numTags+numTags : int(f)*numTags+numTags]
			e[0] += row[0]
			e[1] += row[1]
			e[2] += row[2]
			e[3] += row[3]
			e[4] += row[4]
			e[5] += row[5]
			e[6] += row[6]
			e[7] += row[7]
			e[8] += row[8]
		}
		copy(s.emit[i*numTags:], e[:])
	}
	viterbi(s, n, trans)
}

var negInf = float32(math.Inf(-1))

// viterbi finds the best allowed tag path given s.emit and trans.
func viterbi(s *scratch, n int, trans *[numTags + 1][numTags]float32) {
	if cap(s.path) < n {
		s.path = make([]uint8, n)
	}
	s.path = s.path[:n]
	if n == 0 {
		return
	}
	var prev, cur [numTags]float32
	for c := 0; c < numTags; c++ {
		if allowed[numTags][c] {
			prev[c] = trans[numTags][c] + s.emit[c]
		} else {
			prev[c] = negInf
		}
	}
	for i := 1; i < n; i++ {
		em := s.emit[i*numTags : i*numTags+numTags]
		bk := s.back[i*numTags : i*numTags+numTags]
		for c := 0; c < numTags; c++ {
			best, arg := negInf, 0
			for p := 0; p < numTags; p++ {
				if !allowed[p][c] {
					continue
				}
				if v := prev[p] + trans[p][c]; v > best {
					best, arg = v, p
				}
			}
			cur[c] = best + em[c]
			bk[c] = uint8(arg)
		}
		prev = cur
	}
	best, arg := negInf, 0
	for c := 0; c < numTags; c++ {
		if prev[c] > best {
			best, arg = prev[c], c
		}
	}
	for i := n - 1; i >= 0; i-- {
		s.path[i] = uint8(arg)
		arg = int(s.back[i*numTags+arg])
	}
}
