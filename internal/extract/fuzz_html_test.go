package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marsad/marsad/internal/read"
)

// FuzzExtractHTML extracts any page, also nested deeper than the HTML
// parser allows (depth wraps it in that many <div>s): no panic, the
// invariants of every Article, and the text of a page that is all text
// and tags (no "&", no "<" but tags') carries none of its markup.
func FuzzExtractHTML(f *testing.F) {
	f.Add("<html><head><title>زيارة</title></head><body><p>زار الرئيس دمشق.</p></body></html>", uint16(0))
	f.Add("<p>نص<br>سطر<script>x<y</script><style>p{}</style></p><title>a</title>", uint16(600))
	f.Add("<meta name=date content=2019-05-03><div><p>اترك رد</p><p>نص", uint16(513))
	f.Add("<title><p>", uint16(1000))
	bp := DefaultBoilerplate()
	f.Fuzz(func(t *testing.T, page string, depth uint16) {
		if len(page) > 4096 {
			return
		}
		d := int(depth % 1200)
		data := strings.Repeat("<div>", d) + page + strings.Repeat("</div>", d)
		a, err := Extract(read.RawDoc{URI: "f.html", Format: read.FormatHTML, Data: []byte(data)}, Options{})
		if err != nil && a.Text != "" {
			t.Fatalf("error %v with text %q", err, a.Text)
		}
		checkInvariants(t, a, bp)
		if !utf8.ValidString(a.Published) {
			t.Fatalf("published %q", a.Published)
		}
		if !strings.ContainsAny(page, "&") && wellFormedTags(page) && strings.Contains(a.Text+a.Title, "<") {
			t.Fatalf("markup in the article: %.200q / %.200q", a.Title, a.Text)
		}
	})
}

// wellFormedTags reports whether every "<" of s opens a tag «<name…>» or
// «</name…>» of ASCII letters, closed by a ">" before the next "<", with
// no quotes inside, and none of the elements whose content is raw text
// (title, script, textarea, …): a page whose every "<" is markup.
func wellFormedTags(s string) bool {
	low := strings.ToLower(s)
	for _, raw := range []string{"<title", "<textarea", "<xmp", "<plaintext", "<script", "<style", "<iframe", "<noembed", "<noframes", "<noscript"} {
		if strings.Contains(low, raw) {
			return false
		}
	}
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			return true
		}
		s = s[i+1:]
		s = strings.TrimPrefix(s, "/")
		if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
			return false
		}
		j := strings.IndexByte(s, '>')
		if j < 0 || strings.ContainsAny(s[:j], "<\"'") {
			return false
		}
		s = s[j+1:]
	}
}
