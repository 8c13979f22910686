package extract

import (
	"strings"
	"testing"

	"github.com/marsad/marsad/internal/read"
)

// TestDeepHTML: a page nested deeper than the HTML parser's 512 elements
// still gives its title and text, never its markup.
func TestDeepHTML(t *testing.T) {
	for _, depth := range []int{10, 600, 5000} {
		page := `<html><head><title>زيارة إلى دمشق</title><meta property="article:published_time" content="2019-05-03"><script>var x = "<p>لا</p>";</script></head><body>` +
			strings.Repeat("<div>", depth) + "<p>زار الرئيس المصري دمشق أمس.</p><p>وقال إن الزيارة ناجحة.<br>سطر آخر</p>" + strings.Repeat("</div>", depth) + "</body></html>"
		a, err := Extract(read.RawDoc{URI: "deep.html", Format: read.FormatHTML, Data: []byte(page)}, Options{})
		if err != nil {
			t.Fatalf("depth %d: %v", depth, err)
		}
		if strings.ContainsAny(a.Title+a.Text, "<>") || strings.Contains(a.Text, "var x") {
			t.Errorf("depth %d: markup or script in the article: %q / %q", depth, a.Title, a.Text)
		}
		if a.Title != "زيارة إلى دمشق" {
			t.Errorf("depth %d: title %q", depth, a.Title)
		}
		for _, want := range []string{"زار الرئيس المصري دمشق أمس.", "وقال إن الزيارة ناجحة.", "سطر آخر"} {
			if !strings.Contains(a.Text, want) {
				t.Errorf("depth %d: text lacks %q: %q", depth, want, a.Text)
			}
		}
		if a.Published != "2019-05-03" {
			t.Errorf("depth %d: published %q", depth, a.Published)
		}
	}
}
