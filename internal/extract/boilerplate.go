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
	key, words := normKeyN(p, b.maxWords)
	if key == "" || words > b.maxWords {
		return 0
	}
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
	out := buf[:0]
	words := 0
	space := true // the last byte written is (virtually) a space
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, r >= 0x200B && r <= 0x200F, r == 0xFEFF:
			continue // harakat, tatweel, zero-width marks
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r >= 0x0621 && r <= 0x064A, r >= 0x0660 && r <= 0x0669:
			// Arabic letters and digits as they are.
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			} else if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
				r = ' '
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			r = ' '
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
			out = utf8.AppendRune(out, r)
		}
	}
	return string(out), words
}
