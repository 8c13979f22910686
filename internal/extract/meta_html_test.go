package extract

import (
	"testing"

	"github.com/marsad/marsad/internal/read"
)

// A feed item's title and date fill in what its page lacks; the page's own
// win.
func TestHTMLMetaFillsGaps(t *testing.T) {
	meta := map[string]string{"title": "عنوان من الخلاصة", "published": "2024-03-05T10:00:00Z"}
	bare := `<html><body><p>زار الرئيس المصري عبد الفتاح السيسي دمشق أمس.</p></body></html>`
	a, err := Extract(read.RawDoc{URI: "http://example.com/a", Format: read.FormatHTML, Data: []byte(bare), Meta: meta}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "عنوان من الخلاصة" || a.Published != "2024-03-05T10:00:00Z" || a.PublishedAt.IsZero() {
		t.Errorf("bare page: title %q, published %q (%v)", a.Title, a.Published, a.PublishedAt)
	}
	full := `<html><head><title>زيارة السيسي إلى دمشق</title><meta property="article:published_time" content="2017-03-29"></head>
<body><article><h1>زيارة السيسي إلى دمشق</h1><p>زار الرئيس المصري عبد الفتاح السيسي دمشق أمس.</p></article></body></html>`
	a, err = Extract(read.RawDoc{URI: "http://example.com/b", Format: read.FormatHTML, Data: []byte(full), Meta: meta}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "زيارة السيسي إلى دمشق" || a.Published != "2017-03-29" {
		t.Errorf("full page: title %q, published %q; want the page's own", a.Title, a.Published)
	}
}
