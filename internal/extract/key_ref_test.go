package extract

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// refNormKeyN is the plain rune-by-rune normKeyN the table-driven one must
// agree with.
func refNormKeyN(s string, maxWords int) (string, int) {
	var out []byte
	words := 0
	space := true
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, r >= 0x200B && r <= 0x200F, r == 0xFEFF:
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r >= 0x0621 && r <= 0x064A, r >= 0x0660 && r <= 0x0669:
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

// refSameText is sameText computed with whole keys.
func refSameText(a, b string) bool {
	if a == b {
		return true
	}
	ka, _ := refNormKeyN(a, 64)
	kb, _ := refNormKeyN(b, 64)
	return ka != "" && ka == kb && len(ka) < keyLen
}

func TestManyWords(t *testing.T) {
	for _, tc := range []struct {
		s    string
		max  int
		want bool
	}{
		{"زار الرئيس المصري دمشق", 2, true},  // three spaces before letters
		{"زار الرئيس المصري دمشق", 3, false}, // the first word follows no space
		{"a b c d e f", 2, false},            // Latin words are left to countWords
		{"زار  ، ١٢ ـ ـ دمشق", 1, false},     // spaces before punctuation, digits, tatweel
		{"", 0, false},
	} {
		if got := manyWords(tc.s, tc.max); got != tc.want {
			t.Errorf("manyWords(%q, %d) = %v, want %v", tc.s, tc.max, got, tc.want)
		}
		if manyWords(tc.s, tc.max) && countWords(tc.s, tc.max) <= tc.max {
			t.Errorf("manyWords(%q, %d), but countWords is %d", tc.s, tc.max, countWords(tc.s, tc.max))
		}
	}
}

func FuzzNormKey(f *testing.F) {
	for _, s := range []string{"اقرأ أيضاً: x", "Leave a REPLY!", "ـــً\u200fة ى", "a\xffb\xd8", "١٢ ۱۲ Ⅻ ǅ"} {
		f.Add(s, s+" ", 3)
	}
	bp := DefaultBoilerplate()
	f.Fuzz(func(t *testing.T, s, s2 string, maxWords int) {
		maxWords = maxWords%80 + 1
		if maxWords < 1 {
			maxWords = -maxWords + 1
		}
		gk, gw := normKeyN(s, maxWords)
		wk, ww := refNormKeyN(s, maxWords)
		if gk != wk || gw != ww {
			t.Fatalf("normKeyN(%q, %d) = %q, %d; want %q, %d", s, maxWords, gk, gw, wk, ww)
		}
		if g, w := sameText(s, s2), refSameText(s, s2); g != w {
			t.Fatalf("sameText(%q, %q) = %v, want %v", s, s2, g, w)
		}
		if manyWords(s, maxWords) && countWords(s, maxWords) <= maxWords {
			t.Fatalf("manyWords(%q, %d) but the key has %d words", s, maxWords, countWords(s, maxWords))
		}
		if g, w := bp.Match(s), bp.refMatch(s); g != w {
			t.Fatalf("Match(%q) = %v, want %v", s, g, w)
		}
	})
}

// refMatch is Match over whole keys.
func (b *Boilerplate) refMatch(p string) Kind {
	if b == nil || len(p) == 0 {
		return 0
	}
	key, words := refNormKeyN(p, b.maxWords)
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

// refParseDate is ParseDate trying every layout.
func refParseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	s = asciiDigits(s)
	for _, l := range dateLayouts {
		if len(s) < len(l)-8 || len(s) > len(l)+12 {
			continue
		}
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2017-01-20T21:43:00+01:00", "20/01/2017", "2017/01/20", "+201-01-01", "02-01-2006", "2/1/2006", "20170120", "Mon, 2 Jan 2006 15:04:05 -0700", "١٢/٠١/٢٠١٧"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if g, w := ParseDate(s), refParseDate(s); !g.Equal(w) || g.Location().String() != w.Location().String() {
			t.Fatalf("ParseDate(%q) = %v, want %v", s, g, w)
		}
	})
}
