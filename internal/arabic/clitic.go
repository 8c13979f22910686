package arabic

import "strings"

// Clitics and affixes, all in normalised spelling. The lists follow Larkey,
// Ballesteros & Connell, "Light Stemming for Arabic Information Retrieval"
// (2007, light10) and the standard Arabic grammars' inventory of clitics.
const (
	conjWa  = "و" // and
	conjFa  = "ف" // so, then
	prepBi  = "ب" // with, by
	prepLi  = "ل" // for, to
	prepKa  = "ك" // like
	article = "ال"
)

// pronounSuffixes are the attached object/possessive pronouns, longest first.
// First and second person pronouns («ي», «ك», «كم») are left out: news
// rarely uses them, and stripping them from every word ending in ي or ك
// would cost more than it finds.
var pronounSuffixes = [...]string{"هما", "هم", "هن", "ها", "نا", "ه"}

// minStem is the shortest stem, in bytes, left after stripping a clitic (two Arabic letters).
const minStem = 4

// Analysis is one way to split a normalised word into proclitics, a base and
// an enclitic pronoun.
type Analysis struct {
	Prefix string // stripped proclitics, e.g. "وب"
	Base   string // what remains, e.g. "الزياره"; may carry the article
	Suffix string // stripped pronoun, e.g. "ها"
}

// MayHaveProclitic reports whether Segment may find more than one reading
// of the normalised word w: whether it is long enough and starts with a
// letter that can be a proclitic (و ف ب ل ك).
func MayHaveProclitic(w string) bool {
	if len(w) <= 2+minStem || w[0] != 0xD9 && w[0] != 0xD8 {
		return false
	}
	switch w[:2] {
	case conjWa, conjFa, prepBi, prepLi, prepKa:
		return true
	}
	return false
}

// Segment returns the ways to read the normalised word w as proclitics + base
// (+ pronoun), from the least to the most stripped, starting with w itself.
// The conjunctions و and ف, then one of the prepositions ب ل ك, may be
// stripped; «لل» is read as ل + ال. A base is never shorter than two letters.
// Segment appends to dst and returns it.
func Segment(dst []Analysis, w string) []Analysis {
	dst = append(dst, Analysis{Base: w})
	rest, pre := w, ""
	if len(rest) > 2+minStem && (strings.HasPrefix(rest, conjWa) || strings.HasPrefix(rest, conjFa)) {
		pre, rest = rest[:2], rest[2:]
		dst = append(dst, Analysis{Prefix: pre, Base: rest})
	}
	if len(rest) > 2+minStem {
		switch {
		case strings.HasPrefix(rest, "لل") && len(rest) > 4+minStem:
			// li + al-: «للجيش» = ل + الجيش
			dst = append(dst, Analysis{Prefix: pre + prepLi, Base: article + rest[4:]})
		case strings.HasPrefix(rest, prepBi) || strings.HasPrefix(rest, prepLi) || strings.HasPrefix(rest, prepKa):
			dst = append(dst, Analysis{Prefix: pre + rest[:2], Base: rest[2:]})
		}
	}
	return dst
}

// StripArticle returns w without a leading definite article, and whether
// there was one.
func StripArticle(w string) (string, bool) {
	if len(w) >= len(article)+minStem && strings.HasPrefix(w, article) {
		return w[len(article):], true
	}
	return w, false
}

// StripPronoun returns w without an attached pronoun suffix, the suffix, and
// whether one was found. A stem ending in alef before the suffix
// («التقاه») gets back its final ya («التقي»), the normalised alef maqsura.
func StripPronoun(w string) (stem, suffix string, ok bool) {
	if len(w) < 2 {
		return w, "", false
	}
	switch w[len(w)-2:] { // every pronoun ends with one of these letters
	case "ا", "م", "ن", "ه":
	default:
		return w, "", false
	}
	for _, s := range pronounSuffixes {
		if len(w) >= len(s)+minStem+2 && strings.HasSuffix(w, s) {
			stem = w[:len(w)-len(s)]
			if strings.HasSuffix(stem, "ا") && len(stem) > minStem+2 {
				stem = stem[:len(stem)-2] + "ي"
			}
			return stem, s, true
		}
	}
	return w, "", false
}

// lightPrefixes and lightSuffixes are light10's affix lists in normalised
// spelling (ة is ه after normalisation).
var (
	lightPrefixes = [...]string{"وال", "بال", "كال", "فال", "لل", "ال", "و"}
	lightSuffixes = [...]string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}
)

// LightStem returns the light10 stem of a normalised word: at most one prefix
// from وال بال كال فال لل ال و and then any of the suffixes ها ان ات ون ين يه ه ي,
// each removed only while at least two letters remain.
func LightStem(w string) string {
	for _, p := range lightPrefixes {
		if strings.HasPrefix(w, p) && len(w)-len(p) >= minStem {
			w = w[len(p):]
			break
		}
	}
	for _, s := range lightSuffixes {
		if strings.HasSuffix(w, s) && len(w)-len(s) >= minStem {
			w = w[:len(w)-len(s)]
		}
	}
	return w
}
