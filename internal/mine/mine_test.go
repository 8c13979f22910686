package mine

import (
	"testing"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
)

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"واتهمت", "اتهم"},
		{"الاتهامات", "اتهام"},
		{"يستقبل", "ستقبل"},
		{"زيارته", "زيار"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := Key(c.in); got != c.want {
				t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestArticle(t *testing.T) {
	lex, err := pipeline.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	m := New(pipeline.New(lex), []string{"قال"})
	art := &extract.Article{Text: "وجهت مصر اتهامات لقطر. وقال الرئيس المصري إن تركيا تدعم الإرهاب."}
	occs := m.Article(art)
	if len(occs) == 0 {
		t.Fatal("no occurrences")
	}
	var support bool
	for _, o := range occs {
		if o.Support && o.Key == "وجه+اتهام" {
			support = true
		}
	}
	if !support {
		t.Errorf("no support pair وجه+اتهام in %+v", occs)
	}
	rows := Rank(occs)
	if c := Cover(rows); c.Total != len(occs) {
		t.Errorf("Cover total %d, want %d", c.Total, len(occs))
	}
}
