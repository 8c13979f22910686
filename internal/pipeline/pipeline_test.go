package pipeline

import (
	"testing"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/ner"
)

// TestTaggedNameBecomesActor: a person the knowledge base does not know,
// named after a title and a demonym, is found by the learned tagger and
// becomes part of an actor with the title's role and the demonym's country.
func TestTaggedNameBecomesActor(t *testing.T) {
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	p := New(lex)
	if p.Tagger, err = ner.Default(); err != nil {
		t.Fatal(err)
	}
	art := extract.Article{Text: "التقى وزير الدفاع السوداني ياسين محمد الخضر بنظيره المصري في القاهرة."}
	doc := p.Code(&art)
	var pers bool
	for _, e := range doc.Entities {
		if e.Type == "PERS" && e.Text == "ياسين محمد الخضر" {
			pers = true
		}
	}
	if !pers {
		t.Errorf("the tagger's name is not an entity: %+v", doc.Entities)
	}
	if len(doc.Events) == 0 {
		t.Fatal("no event coded")
	}
	src := doc.Events[0].Source
	if src.Code != "SDNGOV" || src.Text != "وزير الدفاع السوداني ياسين محمد الخضر" {
		t.Errorf("source = %q %s, want the minister with his name, SDNGOV", src.Text, src.Code)
	}
	// without the tagger the same minister is coded, but without his name
	p.Tagger = nil
	doc = p.Code(&art)
	if len(doc.Events) == 0 || doc.Events[0].Source.Text != "وزير الدفاع السوداني" {
		t.Errorf("without the tagger: %+v", doc.Events)
	}
}
