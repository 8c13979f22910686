package arabic

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters (Arabic or Latin), with any diacritics and tatweel inside
	Number             // digits, ASCII or Arabic-Indic, with inner separators (2,5 / 3.5)
	Punct              // one punctuation or symbol rune
)

// Token is one word, number or punctuation mark of a text.
type Token struct {
	Start, End int    // byte offsets of the token in the original text
	Text       string // the token as written: text[Start:End]
	Norm       string // the normalised form (NormalizeString(Text)); shares Text's memory when unchanged
	Kind       Kind   // word, number or punctuation
}

// isWordRune reports whether r belongs inside a word token.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	switch {
	case r >= 0x0621 && r <= 0x064A, r >= 0x0671 && r <= 0x06D3, r == 0x06D5:
		return true // Arabic letters
	case r == Tatweel, r == SuperscriptAlef, r >= FathatanFirst && r <= SukunLast:
		return true // marks that live inside words
	case r == 0x200c || r == 0x200d:
		return true // joiners
	case r >= 0x0660 && r <= 0x0669, r >= 0x06F0 && r <= 0x06F9:
		return false
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// isDigit reports whether r is an ASCII, Arabic-Indic or Persian digit.
func isDigit(r rune) bool {
	return '0' <= r && r <= '9' || r >= 0x0660 && r <= 0x0669 || r >= 0x06F0 && r <= 0x06F9
}

// Rune classes of the Arabic block U+0600-U+06FF and of ASCII, looked up
// by the tokenizer instead of calling isWordRune and normRune per rune.
const (
	classWord  = 1 << iota // isWordRune
	classDirty             // normRune changes it
)

var arabicClass, asciiClass [256]uint8

// arabicNorm is normRune over the Arabic block U+0600-U+06FF.
var arabicNorm [256]rune

func init() {
	for i := range 256 {
		arabicClass[i] = runeClass(rune(0x0600 + i))
		arabicNorm[i] = normRune(rune(0x0600 + i))
		if i < 0x80 {
			asciiClass[i] = runeClass(rune(i))
		}
	}
}

// runeClass returns the class bits of r.
func runeClass(r rune) uint8 {
	var c uint8
	if isWordRune(r) {
		c |= classWord
	}
	if normRune(r) != r {
		c |= classDirty
	}
	return c
}

// classOf returns the class of the rune at text[i] and its length in
// bytes. Invalid UTF-8 decodes as utf8.RuneError of length 1.
func classOf(text string, i int) (r rune, n int, class uint8) {
	c := text[i]
	if c < 0x80 {
		return rune(c), 1, asciiClass[c]
	}
	if c >= 0xD8 && c <= 0xDB && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
		// the Arabic block U+0600-U+06FF: two bytes, decoded inline
		r = rune(c&0x1F)<<6 | rune(text[i+1]&0x3F)
		return r, 2, arabicClass[r-0x0600]
	}
	r, n = utf8.DecodeRuneInString(text[i:])
	return r, n, runeClass(r)
}

// Tokenize splits text into tokens. Whitespace separates tokens and is not
// returned; every punctuation or symbol rune is a token of its own. Invalid
// UTF-8 bytes are skipped. Tokenize appends to dst and returns it, so a
// caller can reuse one slice across documents. The normalised forms that
// differ from the text share one allocation per call.
func Tokenize(dst []Token, text string) []Token {
	var nz normArena
	i := 0
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		start := i
		if end, all := wordEnd(text, i); end > i {
			i = end
			dst = nz.appendToken(dst, text, start, i, Word, all&classDirty != 0)
			continue
		}
		r, n, class := classOf(text, i)
		i += n
		switch {
		case isDigit(r):
			i = numberEnd(text, i)
			dst = nz.appendToken(dst, text, start, i, Number, needsNorm(text[start:i]))
		case r == utf8.RuneError && n == 1:
			// invalid byte: skip
		case unicode.IsSpace(r) || r == 0x200e || r == 0x200f || r == 0xfeff:
		default:
			dst = nz.appendToken(dst, text, start, i, Punct, class&classDirty != 0)
		}
	}
	return dst
}

// wordEnd returns the end of the word that goes on at i (i itself when
// text[i] starts no word), and the union of the classes of its runes from i
// on. Letters of the Arabic block and ASCII are decided inline.
func wordEnd(text string, i int) (int, uint8) {
	var all uint8
	for i < len(text) {
		c := text[i]
		var class uint8
		n := 1
		switch {
		case c < 0x80:
			class = asciiClass[c]
		case c >= 0xD8 && c <= 0xDB && i+1 < len(text) && text[i+1]&0xC0 == 0x80:
			class, n = arabicClass[(c-0xD8)<<6|text[i+1]&0x3F], 2
		default:
			_, n, class = classOf(text, i)
		}
		if class&classWord == 0 {
			break
		}
		all |= class
		i += n
	}
	return i, all
}

// appendNorm appends the normalised form of s to dst, runes of the Arabic
// block decoded and mapped inline.
func appendNorm(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		var m rune
		if c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			m = arabicNorm[(c-0xD8)<<6|s[i+1]&0x3F]
			i += 2
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			m = normRune(r)
			i += n
		}
		switch {
		case m < 0:
		case m < 0x80:
			dst = append(dst, byte(m))
		case m < 0x800:
			dst = append(dst, byte(0xC0|m>>6), byte(0x80|m&0x3F))
		default:
			dst = utf8.AppendRune(dst, m)
		}
	}
	return dst
}

// numberEnd returns the end of the number whose first digit ends at i:
// more digits, with an inner separator between two digits.
func numberEnd(text string, i int) int {
	for i < len(text) {
		r2, n2 := utf8.DecodeRuneInString(text[i:])
		if isDigit(r2) {
			i += n2
			continue
		}
		if (r2 == '.' || r2 == ',' || r2 == '٫' || r2 == '٬') && i+n2 < len(text) {
			if r3, _ := utf8.DecodeRuneInString(text[i+n2:]); isDigit(r3) {
				i += n2
				continue
			}
		}
		break
	}
	return i
}

// normArena holds the normalised forms of a text's tokens that differ from
// the text, back to back in one strings.Builder, sized once for the text
// (the forms are never longer). A Builder never changes the bytes it has
// written, so each form is a part of its String.
type normArena struct {
	b   strings.Builder
	buf [64]byte // one token's form, before it goes into b
}

// appendToken appends the token text[start:end] to dst; dirty says whether
// a rune of it changes under normalisation.
func (nz *normArena) appendToken(dst []Token, text string, start, end int, k Kind, dirty bool) []Token {
	s := text[start:end]
	norm := s
	if dirty {
		if nz.b.Cap() == 0 {
			nz.b.Grow(len(text))
		}
		a := nz.b.Len()
		nz.b.Write(appendNorm(nz.buf[:0], s))
		norm = nz.b.String()[a:]
	}
	// fill the new token in place: cheaper than copying a whole Token in
	// while the garbage collector is marking
	if len(dst) == cap(dst) {
		dst = slices.Grow(dst, 1)
	}
	dst = dst[:len(dst)+1]
	t := &dst[len(dst)-1]
	t.Start, t.End, t.Text, t.Norm, t.Kind = start, end, s, norm, k
	return dst
}
