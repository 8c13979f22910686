package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/pipeline"
)

func TestFeaturesOfTokensEqualNewArticle(t *testing.T) {
	texts := []string{"", "زار الرئيس المصري دمشق.\n\nوالتقى بالسفارة مسؤولين في سفارات عدة. Hello World 2020",
		"قصفت القوات التركية مواقع في حلب!"}
	for _, text := range texts {
		doc := pipeline.Doc{ID: "x", Title: "t", Text: text, Published: "2020-01-02"}
		toks := arabic.Tokenize(nil, text)
		got := NewArticleFeatures(doc, time.Time{}, FeaturesOf(toks, arabic.Sentences(text, toks)))
		want := NewArticle(doc, time.Time{})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q:\n got %+v\nwant %+v", text, got, want)
		}
	}
}

func TestStemsMatchInflections(t *testing.T) {
	tests := []struct{ a, b string }{{"السفارة", "بالسفارة"}, {"السفارة", "سفارات"}, {"السفارة", "وسفارة"}}
	for _, tt := range tests {
		if Stems(tt.a) != Stems(tt.b) {
			t.Errorf("Stems(%q) = %q, Stems(%q) = %q", tt.a, Stems(tt.a), tt.b, Stems(tt.b))
		}
	}
}
