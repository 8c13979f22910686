package store

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/pipeline"
)

// ContentHash is the identity of an article: the SHA-256 of its text with
// white space collapsed (an article with no text hashes its id and title).
// Ingesting the same corpus twice finds every hash already stored.
func ContentHash(doc pipeline.Doc) string {
	text := doc.Text
	if strings.TrimSpace(text) == "" {
		text = doc.ID + "\x00" + doc.Title
	}
	h := sha256.New()
	buf := make([]byte, 0, 8192) // the collapsed text, hashed a buffer at a time
	run := 0                     // start of the current run of non-space bytes
	started, pending := false, false
	flush := func(to int) {
		if run == to {
			return
		}
		if pending && started {
			buf = append(buf, ' ')
		}
		started, pending = true, false
		for part := text[run:to]; len(part) > 0; {
			k := min(len(part), cap(buf)-len(buf))
			buf = append(buf, part[:k]...)
			part = part[k:]
			if len(buf) == cap(buf) {
				h.Write(buf)
				buf = buf[:0]
			}
		}
	}
	// one pass that checks the UTF-8 too: a text that is not valid is
	// hashed by hashRunes
	for i := 0; i < len(text); {
		c := text[i]
		size := 1
		switch {
		case c < utf8.RuneSelf:
			if !asciiSpace[c] {
				i++
				continue
			}
		case c > 0xC2 && c < 0xE0 && i+1 < len(text) && text[i+1]&0xC0 == 0x80:
			i += 2 // a two-byte letter (Arabic): never a space
			continue
		default:
			// the lead bytes of every non-ASCII space (U+0085, U+00A0,
			// U+1680, U+2000–U+205F, U+3000) are C2, E1, E2 and E3
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 {
				return hashRunes(text)
			}
			if c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 || !unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		flush(i)
		pending = true
		i += size
		run = i
	}
	flush(len(text))
	h.Write(buf)
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// hashRunes is ContentHash's loop for a text that is not valid UTF-8: rune
// by rune, each invalid byte hashed as U+FFFD.
func hashRunes(text string) string {
	buf := make([]byte, 0, len(text))
	space := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, r)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// asciiSpace marks the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Stem is the full-text form of one word: the light stem of its
// normalised spelling, lower-cased (arabic.LightStem): «بالسفارة»,
// «السفارة» and «سفارات» all become «سفار».
func Stem(tok arabic.Token) string {
	s := tok.Norm
	if tok.Kind == arabic.Word {
		s = arabic.LightStem(s)
	}
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// Stems returns the distinct stems (Stem) of the words and numbers of
// text, space separated, in order of first occurrence. Full-text search
// indexes them and stems the query the same way.
func Stems(text string) string {
	s, _, _ := analyse(text)
	return s
}

// SimHash is a 64-bit SimHash over the shingles of three normalised words
// of text. Republished copies of an article (another header, footer or
// source line) differ in a few bits; unrelated articles in about 32.
func SimHash(text string) uint64 {
	_, h, _ := analyse(text)
	return h
}

// shingle is the number of words in a SimHash shingle.
const shingle = 3

// analyse tokenises text once and returns its stems, its SimHash and its
// sentences.
func analyse(text string) (stems string, simhash uint64, sents []Span) {
	toks := arabic.Tokenize(nil, text)
	return analyseTokens(toks, arabic.Sentences(text, toks))
}

// analyseTokens is analyse over tokens and sentences already made.
func analyseTokens(toks []arabic.Token, sentences []arabic.Span) (stems string, simhash uint64, sents []Span) {
	sents = make([]Span, 0, len(sentences))
	for _, s := range sentences {
		sents = append(sents, Span{toks[s.Start].Start, toks[s.End-1].End})
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	sc.gen++
	if len(sc.spellings) > 1<<17 { // bound the memory of the stem cache
		clear(sc.spellings)
		clear(sc.stems)
	}
	words := sc.words[:0]
	var b strings.Builder
	b.Grow(len(toks) * 4)
	for _, t := range toks {
		if t.Kind == arabic.Punct {
			continue
		}
		words = append(words, t.Norm)
		var st *seenStem
		if t.Kind == arabic.Word {
			w := sc.spellings[t.Norm]
			if w == nil {
				w = &seenWord{stem: sc.stem(Stem(t))}
				sc.spellings[t.Norm] = w
			}
			if w.gen == sc.gen {
				continue // a spelling seen before in this text: its stem is written
			}
			w.gen = sc.gen
			st = w.stem
		} else {
			st = sc.stem(Stem(t))
		}
		if st.s == "" || st.gen == sc.gen {
			continue
		}
		st.gen = sc.gen
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(st.s)
	}
	sc.words = words
	var c bitCounter
	if len(words) < shingle {
		c.add(shingleHash(words))
	}
	for i := 0; i+shingle <= len(words); i++ {
		c.add(shingleHash(words[i : i+shingle]))
	}
	return b.String(), c.majority(), sents
}

// scratch is what analyseTokens reuses from text to text: the word
// slice, and the stems of the words seen (a cache: stemming is the costly
// part), each stem marked with the last text (gen) it was written for.
type scratch struct {
	gen       uint32
	words     []string
	spellings map[string]*seenWord // by normalised spelling
	stems     map[string]*seenStem // by stem: one record for all its spellings
}

type seenWord struct {
	stem *seenStem
	gen  uint32 // the last text the spelling was seen in
}

type seenStem struct {
	s   string
	gen uint32 // the last text the stem was written for
}

// stem returns the one record of stem s.
func (sc *scratch) stem(s string) *seenStem {
	st := sc.stems[s]
	if st == nil {
		st = &seenStem{s: s}
		sc.stems[s] = st
	}
	return st
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{spellings: make(map[string]*seenWord, 4096), stems: make(map[string]*seenStem, 4096)}
}}

// shingleHash is the FNV-1a hash of the words, each followed by a NUL.
func shingleHash(ws []string) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range ws {
		for i := 0; i < len(w); i++ {
			h ^= uint64(w[i])
			h *= 1099511628211
		}
		h *= 1099511628211 // the NUL: h ^= 0 changes nothing
	}
	return h
}

// bitCounter counts, for each of 64 bits, how many added hashes have it
// set. Eight counters of 8 bits share a word (byte k of lanes[j] counts bit
// 8j+k), so adding a hash is eight additions instead of 64; the lanes are
// emptied into totals before a byte can overflow.
type bitCounter struct {
	lanes  [8]uint64
	totals [64]int32
	inLane int   // hashes added since the lanes were emptied
	n      int32 // hashes added
}

// spread[b] has byte k set to bit k of b.
var spread = func() (t [256]uint64) {
	for b := range t {
		for k := range 8 {
			t[b] |= uint64(b>>k&1) << (8 * k)
		}
	}
	return t
}()

func (c *bitCounter) add(x uint64) {
	for j := range c.lanes {
		c.lanes[j] += spread[byte(x>>(8*j))]
	}
	c.n++
	if c.inLane++; c.inLane == 255 {
		c.empty()
	}
}

func (c *bitCounter) empty() {
	for j, l := range c.lanes {
		for k := range 8 {
			c.totals[8*j+k] += int32(l >> (8 * k) & 0xff)
		}
	}
	c.lanes, c.inLane = [8]uint64{}, 0
}

// majority returns the SimHash: the bits set in more than half the hashes.
func (c *bitCounter) majority() uint64 {
	c.empty()
	var h uint64
	for i, t := range c.totals {
		if 2*t > c.n {
			h |= 1 << uint(i)
		}
	}
	return h
}

// fnv1a is the 64-bit FNV-1a hash of b.
func fnv1a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// QueryStems returns the distinct stems of a query's words, in order.
func QueryStems(q string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range arabic.Tokenize(nil, q) {
		if t.Kind == arabic.Punct {
			continue
		}
		if s := Stem(t); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// NearDistance is the largest Hamming distance between the SimHashes of two
// articles of one story. The canonical article with another dateline, an
// added closing paragraph and another footer is 3 bits away.
const NearDistance = 4

// Near reports whether two SimHashes are of the same story.
func Near(a, b uint64) bool { return bits.OnesCount64(a^b) <= NearDistance }

// Bands splits a SimHash into five bands of 13, 13, 13, 13 and 12 bits.
// Two hashes within NearDistance (< 5) bits share at least one band
// exactly, so a store finds candidate stories by an indexed equality on
// any band (an unrelated article shares one with odds of about 1 in 1,600).
func Bands(h uint64) [5]int64 {
	const m = 1<<13 - 1
	return [5]int64{int64(h & m), int64(h >> 13 & m), int64(h >> 26 & m), int64(h >> 39 & m), int64(h >> 52)}
}

// EventDay is the day an event is grouped by: its own date when it has one
// (the first ten characters, YYYY-MM-DD), else the article's day.
func EventDay(date *string, articleDay string) string {
	if date != nil && len(*date) >= 10 && (*date)[4] == '-' {
		return (*date)[:10]
	}
	return articleDay
}

// Snippet returns about width bytes of text around the first word whose
// stem is one of stems ("" stems: the start of the text).
func Snippet(text string, stems []string, width int) string {
	want := map[string]bool{}
	for _, s := range stems {
		want[s] = true
	}
	at := 0
	for _, t := range arabic.Tokenize(nil, text) {
		if t.Kind != arabic.Punct && want[Stem(t)] {
			at = t.Start
			break
		}
	}
	from, to := max(at-width/2, 0), min(at+width/2, len(text))
	for from > 0 && !isRuneStart(text[from]) {
		from--
	}
	for to < len(text) && !isRuneStart(text[to]) {
		to++
	}
	return strings.Join(strings.Fields(text[from:to]), " ")
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
