package extract

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

//go:embed boilerplate.txt
var boilerplateTxt []byte

// Kind says how a boilerplate phrase matches a paragraph.
type Kind uint8

// Kinds of boilerplate phrases; boilerplate.txt documents them.
const (
	KindLine     Kind = iota + 1 // the whole paragraph is the phrase
	KindPrefix                   // the paragraph starts with the phrase (≤ maxPrefixWords words)
	KindContains                 // the paragraph contains the phrase (≤ phrase words + maxExtraWords)
	KindTail                     // like KindLine; drops the rest of the article too
)

const (
	maxPrefixWords = 25 // longest paragraph a KindPrefix phrase can drop
	maxExtraWords  = 10 // words a KindContains paragraph may have beyond the phrase
	maxTailWords   = 6  // longest paragraph a KindTail phrase matches as a prefix
	keyLen         = 240
)

// phrase is one normalised boilerplate phrase.
type phrase struct {
	kind  Kind
	key   string // normalised
	words int
}

// Boilerplate is a compiled list of boilerplate phrases. It is safe for
// concurrent use.
type Boilerplate struct {
	phrases  []phrase
	maxWords int // longest paragraph (in words) that can match
}

var defaultBoilerplate = sync.OnceValue(func() *Boilerplate {
	b, err := ParseBoilerplate(bytes.NewReader(boilerplateTxt))
	if err != nil {
		panic("extract: embedded boilerplate.txt: " + err.Error())
	}
	return b
})

// DefaultBoilerplate returns the phrase list compiled into the binary from
// boilerplate.txt.
func DefaultBoilerplate() *Boilerplate { return defaultBoilerplate() }

// ParseBoilerplate reads a phrase list in the format of boilerplate.txt:
// "kind<TAB>phrase" lines, kind one of line, prefix, contains, tail; blank
// lines and lines starting with "#" are ignored.
func ParseBoilerplate(r io.Reader) (*Boilerplate, error) {
	b := &Boilerplate{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, p, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("line %d: want kind<TAB>phrase", n)
		}
		var kind Kind
		switch k {
		case "line":
			kind = KindLine
		case "prefix":
			kind = KindPrefix
		case "contains":
			kind = KindContains
		case "tail":
			kind = KindTail
		default:
			return nil, fmt.Errorf("line %d: unknown kind %q", n, k)
		}
		key, words := normKey(p)
		if key == "" {
			return nil, fmt.Errorf("line %d: empty phrase", n)
		}
		b.phrases = append(b.phrases, phrase{kind: kind, key: key, words: words})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	b.setMaxWords()
	return b, nil
}

// Match reports whether paragraph p (one line, already trimmed) is
// boilerplate, and of which kind (0 if it is not).
func (b *Boilerplate) Match(p string) Kind {
	if b == nil || len(p) == 0 {
		return 0
	}
	if manyWords(p, b.maxWords) || countWords(p, b.maxWords) > b.maxWords {
		return 0 // most paragraphs: too long to be boilerplate
	}
	var buf [keyLen + 8]byte
	key, words, _ := appendKey(buf[:0], p, b.maxWords, keyLen+8)
	if len(key) == 0 || words > b.maxWords {
		return 0
	}
	return b.match(unsafe.String(unsafe.SliceData(key), len(key)), words)
}

// nextKeyRune returns the key rune of the character at s[i] (negative when
// the key drops it) and the character's length in bytes: ASCII and Arabic
// letters from tables, anything else through keyRuneAt.
func nextKeyRune(s string, i int) (rune, int) {
	switch c := s[i]; {
	case c < utf8.RuneSelf:
		return asciiKey[c], 1
	case c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return arabicKey[(c-0xD8)<<6|s[i+1]&0x3F], 2
	}
	return keyRuneAt(s, i)
}

// manyWords reports whether s has more than max places where a space is
// followed by an Arabic letter (U+0621-U+063F, U+0641-U+064A, which keyRune
// keeps). Each starts a word of s's key, so the key then has more than max
// words: a cheap first test for the paragraphs too long to be boilerplate,
// with the spaces found by strings.IndexByte.
func manyWords(s string, max int) bool {
	n := 0
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 || i+2 >= len(s) {
			return false
		}
		c1, c2 := s[i+1], s[i+2]
		if c1 == 0xD8 && c2 >= 0xA1 && c2 <= 0xBF || c1 == 0xD9 && c2 >= 0x81 && c2 <= 0x8A {
			if n++; n > max {
				return true
			}
		}
		s = s[i+1:]
	}
}

// countWords returns the number of words of s as appendKey counts them,
// counting no further than maxWords+1.
func countWords(s string, maxWords int) int {
	words := 0
	space := true
	for i := 0; i < len(s); {
		r, n := nextKeyRune(s, i)
		i += n
		switch {
		case r < 0:
		case r == ' ':
			space = true
		case space:
			if words++; words > maxWords {
				return words
			}
			space = false
		}
	}
	return words
}

// match is Match for the key of a paragraph and its number of words.
func (b *Boilerplate) match(key string, words int) Kind {
	for _, ph := range b.phrases {
		switch ph.kind {
		case KindLine:
			if key == ph.key {
				return KindLine
			}
		case KindTail:
			if key == ph.key || words <= maxTailWords && hasWordPrefix(key, ph.key) {
				return KindTail
			}
		case KindPrefix:
			if words <= maxPrefixWords && hasWordPrefix(key, ph.key) {
				return KindPrefix
			}
		case KindContains:
			if words <= ph.words+maxExtraWords && strings.Contains(key, ph.key) {
				return KindContains
			}
		}
	}
	return 0
}

// setMaxWords computes b.maxWords, the longest paragraph any phrase can match.
func (b *Boilerplate) setMaxWords() {
	b.maxWords = max(maxPrefixWords, maxTailWords)
	for _, ph := range b.phrases {
		if ph.kind == KindContains && ph.words+maxExtraWords > b.maxWords {
			b.maxWords = ph.words + maxExtraWords
		}
	}
}

// hasWordPrefix reports whether key starts with the words of p.
func hasWordPrefix(key, p string) bool {
	return strings.HasPrefix(key, p) && (len(key) == len(p) || key[len(p)] == ' ')
}

// normKey normalises text for matching and counts its words. The key is
// cut after about keyLen bytes, and normalisation stops once more than
// maxWords words are seen (the count is then maxWords+1): phrases are short,
// and a long paragraph is never boilerplate.
func normKey(s string) (string, int) { return normKeyN(s, 64) }

func normKeyN(s string, maxWords int) (string, int) {
	var buf [keyLen + 8]byte
	out, words, _ := appendKey(buf[:0], s, maxWords, keyLen+8)
	return string(out), words
}

// appendKey appends the key of s (see normKeyN) to out, which must be
// empty, and counts the words. It stops early, reporting stopped, once the
// key is longer than stop bytes.
func appendKey(out []byte, s string, maxWords, stop int) (_ []byte, words int, stopped bool) {
	space := true // the last byte written is (virtually) a space
	for i := 0; i < len(s); {
		r, n := nextKeyRune(s, i)
		i += n
		if r < 0 {
			continue
		}
		if r == ' ' {
			space = true
			continue
		}
		if space {
			words++
			if words > maxWords {
				break
			}
			if len(out) > 0 && len(out) < keyLen {
				out = append(out, ' ')
			}
			space = false
		}
		if len(out) < keyLen {
			out = appendRune(out, r)
		}
		if len(out) > stop {
			return out, words, true
		}
	}
	return out, words, false
}

// appendRune is utf8.AppendRune with the one- and two-byte runes inline.
func appendRune(out []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		return append(out, byte(r))
	case r < 0x800:
		return append(out, byte(0xC0|r>>6), byte(0x80|r&0x3F))
	}
	return utf8.AppendRune(out, r)
}

// Key forms of the runes of ASCII and of the Arabic block U+0600-U+06FF.
var asciiKey [utf8.RuneSelf]rune
var arabicKey [256]rune

func init() {
	for r := range rune(utf8.RuneSelf) {
		asciiKey[r] = keyRune(r)
	}
	for i := range 256 {
		arabicKey[i] = keyRune(rune(0x0600 + i))
	}
}

// keyRuneAt returns the key form of the rune at s[i] and its length in bytes.
func keyRuneAt(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return asciiKey[c], 1
	}
	if c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return arabicKey[(c-0xD8)<<6|s[i+1]&0x3F], 2
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return keyRune(r), n
}

// keyRune returns the form of r in a key: r itself, its normal form, ' '
// for a separator, or -1 for a rune that is dropped.
func keyRune(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, r >= 0x200B && r <= 0x200F, r == 0xFEFF:
		return -1 // harakat, tatweel, zero-width marks
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا'
	case r == 'ى':
		return 'ي'
	case r == 'ة':
		return 'ه'
	case r >= 0x0621 && r <= 0x064A, r >= 0x0660 && r <= 0x0669:
		return r // Arabic letters and digits as they are
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		} else if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			return ' '
		}
		return r
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return unicode.ToLower(r)
	}
	return ' '
}
