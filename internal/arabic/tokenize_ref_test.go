package arabic

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// refTokenize is the plain rune-by-rune tokenizer that Tokenize must agree
// with: it decides every rune with isWordRune, isDigit and normRune.
func refTokenize(text string) []Token {
	var dst []Token
	add := func(start, end int, k Kind) {
		s := text[start:end]
		dst = append(dst, Token{Start: start, End: end, Text: s, Norm: NormalizeString(s), Kind: k})
	}
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		start := i
		i += n
		switch {
		case r == ' ' || r == '\n' || r == '\t' || r == '\r':
		case isWordRune(r):
			for i < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[i:])
				if !isWordRune(r2) {
					break
				}
				i += n2
			}
			add(start, i, Word)
		case isDigit(r):
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
			add(start, i, Number)
		case r == utf8.RuneError && n == 1:
		case unicode.IsSpace(r) || r == 0x200e || r == 0x200f || r == 0xfeff:
		default:
			add(start, i, Punct)
		}
	}
	return dst
}

func sameTokens(t *testing.T, text string) {
	t.Helper()
	got, want := Tokenize(nil, text), refTokenize(text)
	if len(got) != len(want) {
		t.Fatalf("%q: %d tokens, want %d", text, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%q: token %d = %+v, want %+v", text, i, got[i], want[i])
		}
	}
}

func TestTokenizeAgreesWithReference(t *testing.T) {
	for _, s := range []string{
		"قام «الجيش» بـ3.5 زيارة، في 2012.", "أحمد إلى مؤتمرٍ", "ABC def ١٢٫٥ ۱۲", "\u200eدمشق\u200f",
		"a\xffb\xd8", "\xd8\xd8\xa7", "ـــ", "ﻻ ﷲ", "x\ufffdy", "", "   ", "ک ی ٱ",
	} {
		sameTokens(t, s)
	}
}

func FuzzTokenizeReference(f *testing.F) {
	for _, s := range []string{"قام «الجيش» بـ3.5 زيارة، في 2012.", "a\xffb", "١٫٥", "\xd9\x80\xd8"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameTokens(t, s) })
}
