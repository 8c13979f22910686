package store

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"math/bits"
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/pipeline"
)

// ContentHash is the identity of an article: the SHA-256 of its text with
// white space collapsed (an article with no text hashes its id and title).
// Ingesting the same corpus twice finds every hash already stored.
func ContentHash(doc pipeline.Doc) string {
	h := sha256.New()
	text := doc.Text
	if strings.TrimSpace(text) == "" {
		text = doc.ID + "\x00" + doc.Title
	}
	for i, f := range strings.Fields(text) {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Stems returns the words of text as Marsad's light stems of their
// normalised forms (arabic.LightStem), space separated: «بالسفارة»,
// «السفارة» and «سفارات» all become «سفار». Full-text search indexes this
// column and stems the query the same way.
func Stems(text string) string {
	toks := arabic.Tokenize(nil, text)
	var b strings.Builder
	b.Grow(len(text) / 2)
	for _, t := range toks {
		if t.Kind == arabic.Punct {
			continue
		}
		s := t.Norm
		if t.Kind == arabic.Word {
			s = arabic.LightStem(s)
		}
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(s))
	}
	return b.String()
}

// shingle is the number of words in a SimHash shingle.
const shingle = 3

// SimHash is a 64-bit SimHash over the shingles of three normalised words
// of text. Republished copies of an article (another header, footer or
// source line) differ in a few bits; unrelated articles in about 32.
func SimHash(text string) uint64 {
	toks := arabic.Tokenize(nil, text)
	words := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.Kind == arabic.Word || t.Kind == arabic.Number {
			words = append(words, t.Norm)
		}
	}
	var v [64]int
	h := fnv.New64a()
	add := func(ws []string) {
		h.Reset()
		for _, w := range ws {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		x := h.Sum64()
		for i := range v {
			if x&(1<<uint(i)) != 0 {
				v[i]++
			} else {
				v[i]--
			}
		}
	}
	if len(words) < shingle {
		add(words)
	}
	for i := 0; i+shingle <= len(words); i++ {
		add(words[i : i+shingle])
	}
	var out uint64
	for i, n := range v {
		if n > 0 {
			out |= 1 << uint(i)
		}
	}
	return out
}

// NearDistance is the largest Hamming distance between the SimHashes of two
// articles of one story.
const NearDistance = 3

// Near reports whether two SimHashes are of the same story.
func Near(a, b uint64) bool { return bits.OnesCount64(a^b) <= NearDistance }

// Bands splits a SimHash into four 16-bit bands. Two hashes within
// NearDistance (< 4) bits share at least one band exactly, so a store finds
// candidate stories by an indexed equality on any band.
func Bands(h uint64) [4]int64 {
	return [4]int64{int64(h & 0xffff), int64(h >> 16 & 0xffff), int64(h >> 32 & 0xffff), int64(h >> 48 & 0xffff)}
}

// EventDay is the day an event is grouped by: its own date when it has one
// (the first ten characters, YYYY-MM-DD), else the article's publication
// day, else "".
func EventDay(date *string, published string) string {
	if date != nil && len(*date) >= 10 {
		return (*date)[:10]
	}
	if len(published) >= 10 && published[4] == '-' {
		return published[:10]
	}
	return ""
}
