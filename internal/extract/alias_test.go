package extract

import (
	"fmt"
	"testing"

	"github.com/marsad/marsad/internal/read"
)

// TestArticleOwnsItsText checks that an Article shares no memory with the
// document it was extracted from: the caller may reuse doc.Data.
func TestArticleOwnsItsText(t *testing.T) {
	text := "عنوان الخبر\nالأيام السورية؛ قسم الأخبار\nنص الخبر الأول.\nفقرة ثانية.\nالمصدر: الشرق الأوسط\nاترك رد\nلن يتم نشر عنوان بريدك الإلكتروني."
	for _, meta := range []map[string]string{nil, {"title": "عنوان آخر", "author": "كاتب"}} {
		data := []byte(text)
		a, err := Extract(read.RawDoc{URI: "x.txt", Format: read.FormatText, Data: data, Meta: meta}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		before := fmt.Sprintf("%#v", a)
		if a.Lede == "" || a.Outlet == "" || a.Attribution == "" || len(a.Dropped) == 0 {
			t.Fatalf("the example lost a field: %s", before)
		}
		for i := range data {
			data[i] = 'x'
		}
		if after := fmt.Sprintf("%#v", a); after != before {
			t.Fatalf("the Article changed with the document's bytes:\n%s\n%s", before, after)
		}
	}
}
