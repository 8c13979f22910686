package arabic

import (
	"unicode"
	"unicode/utf8"
	"unsafe"
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

// Tokenize splits text into tokens. Whitespace separates tokens and is not
// returned; every punctuation or symbol rune is a token of its own. Invalid
// UTF-8 bytes are skipped. Tokenize appends to dst and returns it, so a
// caller can reuse one slice across documents. The normalised forms that
// differ from the text share one allocation per call.
func Tokenize(dst []Token, text string) []Token {
	// normalised forms that differ from the text, back to back: never longer
	// than the text, so the arena never grows and its bytes become the one
	// string all those forms share
	var arena []byte
	var spans []int // per such token: index, start and end in arena
	// appendToken adds text[start:end]; dirty says whether a rune of it
	// changes under normalisation (the scan found out already).
	appendToken := func(start, end int, k Kind, dirty bool) {
		s := text[start:end]
		if dirty {
			if arena == nil {
				arena = make([]byte, 0, len(text))
			}
			a := len(arena)
			for _, r := range s {
				if m := normRune(r); m >= 0 {
					arena = utf8.AppendRune(arena, m)
				}
			}
			spans = append(spans, len(dst), a, len(arena))
		}
		dst = append(dst, Token{Start: start, End: end, Text: s, Norm: s, Kind: k})
	}
	i := 0
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= 0x80 {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		start := i
		switch {
		case isWordRune(r):
			dirty := normRune(r) != r
			i += n
			for i < len(text) {
				r2, n2 := rune(text[i]), 1
				switch {
				case r2 >= 0xD8 && r2 <= 0xDB && i+1 < len(text) && text[i+1]&0xC0 == 0x80:
					// the Arabic block U+0600-U+06FF: two bytes, decoded inline
					r2, n2 = (r2&0x1F)<<6|rune(text[i+1]&0x3F), 2
				case r2 >= 0x80:
					r2, n2 = utf8.DecodeRuneInString(text[i:])
				}
				if !isWordRune(r2) {
					break
				}
				dirty = dirty || normRune(r2) != r2
				i += n2
			}
			appendToken(start, i, Word, dirty)
		case isDigit(r):
			i += n
			for i < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[i:])
				if isDigit(r2) {
					i += n2
					continue
				}
				// an inner separator followed by a digit stays in the number
				if (r2 == '.' || r2 == ',' || r2 == '٫' || r2 == '٬') && i+n2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[i+n2:])
					if isDigit(r3) {
						i += n2
						continue
					}
				}
				break
			}
			appendToken(start, i, Number, needsNorm(text[start:i]))
		case r == utf8.RuneError && n == 1:
			i++ // invalid byte: skip
		case unicode.IsSpace(r) || r == 0x200e || r == 0x200f || r == 0xfeff:
			i += n
		default:
			i += n
			appendToken(start, i, Punct, needsNorm(text[start:i]))
		}
	}
	if len(spans) > 0 {
		norm := unsafe.String(unsafe.SliceData(arena), len(arena)) // arena is never written again
		for k := 0; k+2 < len(spans); k += 3 {
			dst[spans[k]].Norm = norm[spans[k+1]:spans[k+2]]
		}
	}
	return dst
}
