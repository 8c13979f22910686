package store

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"
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
	var b strings.Builder
	b.Grow(len(toks) * 5)
	words := make([]string, 0, len(toks))
	seen := make(map[string]struct{}, len(toks)/2)
	for _, t := range toks {
		if t.Kind == arabic.Punct {
			continue
		}
		words = append(words, t.Norm)
		if s := Stem(t); s != "" {
			if _, dup := seen[s]; dup {
				continue
			}
			seen[s] = struct{}{}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
		}
	}
	var v [64]int32 // per bit, how many shingle hashes have it set
	n := int32(0)
	var buf []byte
	add := func(ws []string) {
		buf = buf[:0]
		for _, w := range ws {
			buf = append(buf, w...)
			buf = append(buf, 0)
		}
		x := fnv1a(buf)
		for i := range v {
			v[i] += int32(x >> uint(i) & 1)
		}
		n++
	}
	if len(words) < shingle {
		add(words)
	}
	for i := 0; i+shingle <= len(words); i++ {
		add(words[i : i+shingle])
	}
	for i, c := range v {
		if 2*c > n {
			simhash |= 1 << uint(i)
		}
	}
	return b.String(), simhash, sents
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
