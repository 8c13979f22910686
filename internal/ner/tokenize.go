package ner

import (
	"unicode"
	"unicode/utf8"
)

// Token is a surface token of raw text with its byte offsets.
type Token struct {
	Text  string // the token as it appears in the text
	Start int    // byte offset of the first byte in the text
	End   int    // byte offset just past the last byte (exclusive)
}

// isPunct reports whether r is punctuation or a symbol that forms a token of
// its own, including the Arabic comma, semicolon and question mark
// (، ؛ ؟), guillemets and curly quotes.
func isPunct(r rune) bool {
	switch r {
	case '،', '؛', '؟', '«', '»', '“', '”', '‘', '’', '…', '٪', '۔':
		return true
	}
	if r < 128 {
		return r > ' ' && !(r >= '0' && r <= '9') && !(r >= 'a' && r <= 'z') && !(r >= 'A' && r <= 'Z') && r != '_'
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// isSpace reports whether r separates tokens without being one.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF' || r == '\u200E' || r == '\u200F'
}

// Tokenize splits text into surface tokens: runs of characters separated by
// white space, with each punctuation character a token of its own, except
// that '.', ',', '٫' and '٬' between two digits stay inside a number.
// Offsets are byte offsets into text; tokens never overlap and are in order.
// Invalid UTF-8 bytes are kept inside tokens.
func Tokenize(text string) []Token {
	var toks []Token
	start := -1
	flush := func(end int) {
		if start >= 0 {
			toks = append(toks, Token{Text: text[start:end], Start: start, End: end})
			start = -1
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isSpace(r):
			flush(i)
		case isPunct(r) && !numberInner(text, i, r, size):
			flush(i)
			toks = append(toks, Token{Text: text[i : i+size], Start: i, End: i + size})
		default:
			if start < 0 {
				start = i
			}
		}
		i += size
	}
	flush(len(text))
	return toks
}

// numberInner reports whether the separator r at text[i:i+size] sits between
// two digits, as in 3.5 or 1,000.
func numberInner(text string, i int, r rune, size int) bool {
	if r != '.' && r != ',' && r != '٫' && r != '٬' {
		return false
	}
	if i == 0 || i+size >= len(text) {
		return false
	}
	p, _ := utf8.DecodeLastRuneInString(text[:i])
	n, _ := utf8.DecodeRuneInString(text[i+size:])
	return unicode.IsDigit(p) && unicode.IsDigit(n)
}
