package ner

import "unicode/utf8"

// Arabic letters and marks that normalisation rewrites, named as in
// bleve's lang/ar so the rules read as a table.
const (
	alefMadda       = '\u0622' // آ
	alefHamzaAbove  = '\u0623' // أ
	alefHamzaBelow  = '\u0625' // إ
	alef            = '\u0627' // ا
	alefWasla       = '\u0671' // ٱ
	alefMaksura     = '\u0649' // ى
	yeh             = '\u064A' // ي
	farsiYeh        = '\u06CC' // ی
	tehMarbuta      = '\u0629' // ة
	heh             = '\u0647' // ه
	tatweel         = '\u0640' // ـ
	keheh           = '\u06A9' // ک
	kaf             = '\u0643' // ك
	arabicIndicZero = '\u0660' // ٠
	easternZero     = '\u06F0' // ۰ (Persian/Urdu digits)
)

// isDiacritic reports whether r is an Arabic combining mark (tashkeel,
// Quranic annotation marks, superscript alef) that normalisation removes.
func isDiacritic(r rune) bool {
	return (r >= '\u064B' && r <= '\u065F') || r == '\u0670' ||
		(r >= '\u0610' && r <= '\u061A') || (r >= '\u06D6' && r <= '\u06ED')
}

// isInvisible reports whether r is a format character that carries no
// letter (bidi marks, zero-width joiners, BOM) and is dropped.
func isInvisible(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\uFEFF',
		'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u061C':
		return true
	}
	return false
}

// normRune maps one rune to its normalised form; it returns -1 when the
// rune is removed.
func normRune(r rune) rune {
	switch {
	case r == alefMadda, r == alefHamzaAbove, r == alefHamzaBelow, r == alefWasla:
		return alef
	case r == alefMaksura, r == farsiYeh:
		return yeh
	case r == tehMarbuta:
		return heh
	case r == keheh:
		return kaf
	case r == tatweel, isDiacritic(r), isInvisible(r):
		return -1
	case r >= arabicIndicZero && r <= arabicIndicZero+9:
		return '0' + (r - arabicIndicZero)
	case r >= easternZero && r <= easternZero+9:
		return '0' + (r - easternZero)
	case r >= 'A' && r <= 'Z':
		return r + ('a' - 'A')
	}
	return r
}

// AppendNormalized appends the normalised form of s to dst and returns the
// extended buffer. Normalisation folds hamza-carrying alefs (أ إ آ ٱ) to ا,
// ى to ي, ة to ه, removes tatweel, diacritics and invisible format marks,
// turns Arabic-Indic digits into ASCII digits and lower-cases Latin letters.
// It is idempotent.
func AppendNormalized(dst []byte, s string) []byte {
	for _, r := range s {
		if m := normRune(r); m >= 0 {
			dst = utf8.AppendRune(dst, m)
		}
	}
	return dst
}

// Normalize returns the normalised form of s (see AppendNormalized).
func Normalize(s string) string {
	return string(AppendNormalized(make([]byte, 0, len(s)), s))
}

// Proclitic and pronoun-suffix lists (normalised spelling), longest first.
// Single-letter suffixes (ه ي ك) are left out: after normalisation ه is also
// the folded teh marbuta, and ي ك end too many stems.
// They follow the light-stemming affixes of Larkey et al. (Light10) as used
// by bleve's Arabic stemmer, restricted to clitics: conjunctions و ف,
// prepositions ب ل ك, and the article ال.
var (
	prefixes = [...]string{"وبال", "وكال", "فبال", "والل", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب", "ل", "ك"}
	suffixes = [...]string{"هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا"}
)

// stripClitics returns the sub-slice of the normalised word w left after
// removing one proclitic sequence and one pronoun suffix, keeping at least
// three letters (two for the prefix-only case). It never allocates.
func stripClitics(w []byte) []byte {
	n := utf8.RuneCount(w)
	for _, p := range prefixes {
		pl := utf8.RuneCountInString(p)
		if n-pl >= 2 && hasPrefix(w, p) {
			w = w[len(p):]
			n -= pl
			break
		}
	}
	for _, s := range suffixes {
		sl := utf8.RuneCountInString(s)
		if n-sl >= 3 && hasSuffix(w, s) {
			w = w[:len(w)-len(s)]
			break
		}
	}
	return w
}

func hasPrefix(b []byte, p string) bool { return len(b) >= len(p) && string(b[:len(p)]) == p }
func hasSuffix(b []byte, s string) bool { return len(b) >= len(s) && string(b[len(b)-len(s):]) == s }

// Shape classes of a token.
const (
	shapeArabic     = iota // only Arabic letters
	shapeDigit             // only digits
	shapeLatin             // only Latin letters
	shapePunct             // only punctuation or symbols
	shapeMixedDigit        // letters and digits
	shapeMixed             // anything else
)

// tokenShape classifies a normalised token.
func tokenShape(w []byte) int {
	var ar, dg, la, pu, ot int
	for _, r := range string(w) {
		switch {
		case r >= '0' && r <= '9':
			dg++
		case isPunct(r):
			pu++
		case r >= '\u0600' && r <= '\u06FF':
			ar++
		case (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'):
			la++
		case r < 128:
			pu++
		default:
			ot++
		}
	}
	switch {
	case dg > 0 && ar+la+pu+ot == 0:
		return shapeDigit
	case ar > 0 && dg+la+pu+ot == 0:
		return shapeArabic
	case la > 0 && dg+ar+pu+ot == 0:
		return shapeLatin
	case pu > 0 && dg+ar+la+ot == 0:
		return shapePunct
	case dg > 0:
		return shapeMixedDigit
	}
	return shapeMixed
}
