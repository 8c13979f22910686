package extract

import (
	"strings"
	"unicode"
)

// splitText appends the trimmed non-empty lines of s to dst, which then
// shares s's memory. Lines end at "\n" (or "\r" in a file without "\n").
func splitText(s string, dst []string) []string {
	sep := byte('\n')
	if strings.IndexByte(s, '\n') < 0 {
		sep = '\r'
	}
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, sep); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if line = cleanLine(line); line != "" {
			dst = append(dst, line)
		}
	}
	return dst
}

// cleanLine trims white space, zero-width and direction marks around a line.
func cleanLine(s string) string {
	// Fast path: ASCII-only trimming when the ends are plain.
	if len(s) > 0 && s[0] > ' ' && s[0] < 0x80 && s[len(s)-1] > ' ' && s[len(s)-1] < 0x80 {
		return s
	}
	return strings.TrimFunc(s, isSpaceOrMark)
}

func isSpaceOrMark(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x200B && r <= 0x200F || r >= 0x202A && r <= 0x202E || r == 0xFEFF || r == 0x2060
}

// clean drops boilerplate from paras (the title, when a.Title is empty, is
// paras[0]), takes out the outlet/section line and the attribution line, and
// returns what is left.
func clean(paras []string, bp *Boilerplate, a *Article) []string {
	first := 0 // index of the first body paragraph in out
	if a.Title == "" {
		first = 1
	}
	out := paras[:0:0]
	if cap(out) < len(paras) {
		out = make([]string, 0, len(paras))
	}
	for i, p := range paras {
		k := bp.Match(p)
		if k == 0 {
			out = append(out, p)
			continue
		}
		if k == KindTail && len(out) > first {
			a.Dropped = append(a.Dropped, paras[i:]...)
			break
		}
		a.Dropped = append(a.Dropped, p)
	}
	// The outlet/section line, near the top.
	for i := first; i < len(out) && i < first+4; i++ {
		if o, s, ok := outletLine(out[i]); ok {
			if a.Outlet == "" {
				a.Outlet = o
			}
			if a.Section == "" {
				a.Section = s
			}
			out = append(out[:i], out[i+1:]...)
			break
		}
	}
	// The attribution line, near the end.
	for i := len(out) - 1; i >= first && i >= len(out)-3; i-- {
		if src, ok := attributionLine(out[i]); ok {
			if a.Attribution == "" {
				a.Attribution = src
			}
			out = append(out[:i], out[i+1:]...)
			break
		}
	}
	return out
}

// outletLine recognises a short «outlet؛ section» line (also "outlet - section",
// "outlet | section").
func outletLine(p string) (outlet, section string, ok bool) {
	if len(p) > 120 {
		return "", "", false
	}
	words := strings.Count(p, " ") + 1
	if words > 8 || strings.ContainsAny(p[len(p)-1:], ".?!:،") || strings.HasSuffix(p, "؟") || strings.HasSuffix(p, "،") {
		return "", "", false
	}
	var l, r string
	var found bool
	for _, sep := range []string{"؛", ";"} {
		if l, r, found = strings.Cut(p, sep); found {
			break
		}
	}
	if !found {
		if words > 6 {
			return "", "", false
		}
		for _, sep := range []string{" - ", " – ", " — ", " | ", "|"} {
			if l, r, found = strings.Cut(p, sep); found {
				break
			}
		}
	}
	l, r = cleanLine(l), cleanLine(r)
	if !found || l == "" || r == "" || strings.ContainsAny(r, "؛;|") || !hasLetter(l) || !hasLetter(r) ||
		strings.Count(l, " ") > 3 || strings.Count(r, " ") > 3 {
		return "", "", false
	}
	return l, r, true
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// attributionLine recognises a short attribution line: «المصدر: X»,
// «مصدر X», «نقلاً عن X», "Source: X", with X the source.
func attributionLine(p string) (string, bool) {
	if len(p) > 160 {
		return "", false
	}
	p = strings.Trim(p, "()[]{}«»\"' ")
	if i := strings.IndexAny(p, ":："); i >= 0 {
		p = p[:i] + " : " + p[i+1:]
	}
	words := strings.Fields(p)
	if len(words) < 2 || len(words) > 10 {
		return "", false
	}
	k0, _ := normKey(words[0])
	var rest []string
	switch k0 {
	case "المصدر", "المصادر", "source":
		rest = words[1:]
	case "مصدر", "مصادر":
		if len(words) > 6 {
			return "", false
		}
		rest = words[1:]
	case "نقلا":
		if k1, _ := normKey(words[1]); k1 != "عن" {
			return "", false
		}
		rest = words[2:]
	default:
		return "", false
	}
	src := strings.TrimLeft(strings.Join(rest, " "), ":：-–— ")
	src = strings.TrimRight(src, ".。 ")
	if src == "" || strings.Count(src, " ") > 5 || strings.ContainsAny(src, ".،?؟!") || !hasLetter(src) {
		return "", false
	}
	return src, true
}
