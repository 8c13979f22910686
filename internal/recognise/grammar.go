package recognise

import (
	"slices"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
)

// Grammar annotates the tokens of a document with their grammar classes
// (kb/grammar.tsv): as written, and without the one-letter proclitic they
// may begin with («والذي» → «الذي»). Each token is looked up once, on first
// use, so the stages after recognition read a word's classes as often as
// they like for the price of one lookup. The zero value annotates nothing;
// build one with NewGrammar. It is not safe for concurrent use.
type Grammar struct {
	lex  *kb.Lexicon
	toks []arabic.Token
	ids  []int32 // per token: 2k the id as written, 2k+1 without its proclitic; unread until looked up
}

// unread marks a token not looked up yet.
const unread = -2

// NewGrammar returns the grammar annotations of toks, reusing buf's memory.
func NewGrammar(lex *kb.Lexicon, toks []arabic.Token, buf []int32) *Grammar {
	n := 2 * len(toks)
	if cap(buf) < n {
		buf = make([]int32, n)
	}
	buf = buf[:n]
	for i := range buf {
		buf[i] = unread
	}
	return &Grammar{lex: lex, toks: toks, ids: buf}
}

// Classes returns the grammar classes of token k as it is written.
func (g *Grammar) Classes(k int) []string {
	if g.ids[2*k] == unread {
		g.ids[2*k] = g.lex.GramID(g.toks[k].Norm)
	}
	return g.lex.ClassesOf(g.ids[2*k])
}

// Bare returns the grammar classes of token k without its first letter,
// for a word that may begin with a one-letter proclitic; callers check
// that the letter is one («و», «ف», «ب», «ل», «ك»). A word of one or two
// letters has none.
func (g *Grammar) Bare(k int) []string {
	if g.ids[2*k+1] == unread {
		n := g.toks[k].Norm
		g.ids[2*k+1] = kb.NoGram
		if len(n) > 2 {
			g.ids[2*k+1] = g.lex.GramID(n[2:]) // every proclitic is one two-byte letter
		}
	}
	return g.lex.ClassesOf(g.ids[2*k+1])
}

// Has reports whether token k, as written, has grammar class cls.
func (g *Grammar) Has(k int, cls string) bool { return slices.Contains(g.Classes(k), cls) }

// Buffer returns the annotation memory, for the next document to reuse.
func (g *Grammar) Buffer() []int32 { return g.ids[:0] }
