// Package arabic analyses Arabic text without ever losing byte offsets into
// the original: normalisation, tokens, sentences, clitic segmentation and
// light stems.
//
// Normalisation follows the usual rules for Arabic search and matching
// (after bleve's lang/ar and Larkey's light stemmer): hamza carriers and
// madda become bare alef, alef maqsura becomes ya, ta marbuta becomes ha,
// tatweel and diacritics (tashkeel) disappear, Arabic-Indic and Persian
// digits become ASCII digits, Persian keheh and farsi yeh become their
// Arabic letters, and Latin letters are lower-cased.
package arabic

import (
	"strings"
	"unicode/utf8"
)

// Letters and marks named by the normalisation rules.
const (
	Alef            = '\u0627' // ا
	AlefMadda       = '\u0622' // آ
	AlefHamzaAbove  = '\u0623' // أ
	AlefHamzaBelow  = '\u0625' // إ
	AlefWasla       = '\u0671' // ٱ
	WawHamza        = '\u0624' // ؤ
	Waw             = '\u0648' // و
	YehHamza        = '\u0626' // ئ
	Yeh             = '\u064A' // ي
	AlefMaksura     = '\u0649' // ى
	FarsiYeh        = '\u06CC' // ی
	TehMarbuta      = '\u0629' // ة
	Heh             = '\u0647' // ه
	Keheh           = '\u06A9' // ک
	Kaf             = '\u0643' // ك
	Tatweel         = '\u0640' // ـ
	SuperscriptAlef = '\u0670' // ٰ (dagger alef)
	FathatanFirst   = '\u064B' // first tashkeel mark (fathatan)
	SukunLast       = '\u0652' // last tashkeel mark (sukun)
	ArabicIndicZero = '\u0660' // ٠
	PersianZero     = '\u06F0' // ۰
)

// normRune maps one rune to its normalised form: the rune itself, another
// rune, or -1 when the rune is dropped.
func normRune(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	case r == AlefMadda, r == AlefHamzaAbove, r == AlefHamzaBelow, r == AlefWasla:
		return Alef
	case r == WawHamza:
		return Waw
	case r == YehHamza, r == AlefMaksura, r == FarsiYeh:
		return Yeh
	case r == TehMarbuta:
		return Heh
	case r == Keheh:
		return Kaf
	case r == Tatweel, r == SuperscriptAlef, FathatanFirst <= r && r <= SukunLast:
		return -1
	case r == '\u200c' || r == '\u200d' || r == '\u200e' || r == '\u200f' || r == '\ufeff':
		return -1 // joiners, direction marks and BOM carry no letters
	case ArabicIndicZero <= r && r <= ArabicIndicZero+9:
		return '0' + (r - ArabicIndicZero)
	case PersianZero <= r && r <= PersianZero+9:
		return '0' + (r - PersianZero)
	}
	return r
}

// needsNorm reports whether s would change under NormalizeString. It lets the
// common case (a token already in normal form) return without allocating.
func needsNorm(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if 'A' <= c && c <= 'Z' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if normRune(r) != r {
			return true
		}
		i += n
	}
	return false
}

// NormalizeString returns the normalised form of s. It is idempotent:
// NormalizeString(NormalizeString(s)) == NormalizeString(s).
func NormalizeString(s string) string {
	if !needsNorm(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if m := normRune(r); m >= 0 {
			b.WriteRune(m)
		}
	}
	return b.String()
}

// Normalize returns the normalised form of s together with, for every byte
// of the result, the byte offset in s of the rune it came from, plus one
// final entry equal to len(s). A span [i, j) of the result therefore maps
// back to [offsets[i], offsets[j]) of s.
func Normalize(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	offsets := make([]int, 0, len(s)+1)
	for i, r := range s {
		m := normRune(r)
		if m < 0 {
			continue
		}
		n := b.Len()
		b.WriteRune(m)
		for k := n; k < b.Len(); k++ {
			offsets = append(offsets, i)
		}
	}
	offsets = append(offsets, len(s))
	return b.String(), offsets
}
