package pipeline

import (
	"testing"
	"unicode/utf8"

	"github.com/marsad/marsad/internal/extract"
)

// FuzzCode checks properties of the whole pipeline on any text: no panic,
// every span inside the text and slicing to its own text, codes well formed.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"زار الرئيس المصري عبد الفتاح السيسي دمشق أمس.",
		"ترافقت زيارة سرية لقائد «الجيش الوطني الليبي» خليفة حفتر إلى دمشق، مع زيارة",
		"وقطعت السعودية ومصر والإمارات علاقاتها الدبلوماسية مع قطر وطالبتها",
		"«بين» و و لـ«» قام بها بإرسال",
		"\xff\xfeقتل",
		"ولم يتضح ما إذا كان الهجوم، أو انفجار أكان رصاصة أم انفجارا إن قتلوا",
		"السجن لجندي إسرائيلي قتل فلسطينيا، وأحبطت الشرطة هجوما وقتلت المهاجم داعيا",
		"بالقتل والتدمير منذ خطف زادت التفجيرات ارتفاع عدد الهجمات لم تتوقف عن تعذيب ما إذا",
		"أم", "إن", "ما إذا", "داعيا",
		"",
	} {
		f.Add(s)
	}
	lex, err := DefaultLexicon()
	if err != nil {
		f.Fatal(err)
	}
	p := New(lex)
	f.Fuzz(func(t *testing.T, text string) {
		art := extract.Article{Text: text}
		doc := p.Code(&art)
		for _, e := range doc.Events {
			for _, sp := range [][3]any{{e.Trigger.Start, e.Trigger.End, e.Trigger.Text}, {e.Evidence.Start, e.Evidence.End, e.Evidence.Text}} {
				a, b, s := sp[0].(int), sp[1].(int), sp[2].(string)
				if a < 0 || b > len(text) || a > b || text[a:b] != s {
					t.Fatalf("span [%d,%d) %q does not point into the text", a, b, s)
				}
			}
			if e.Source.Code != e.Source.Country+e.Source.Role || len(e.Source.Country) != 3 {
				t.Fatalf("bad source code %+v", e.Source)
			}
			if len(e.CAMEO) < 2 || e.Root != e.CAMEO[:2] || e.Quad < 1 || e.Quad > 4 {
				t.Fatalf("bad codes: cameo %q root %q quad %d", e.CAMEO, e.Root, e.Quad)
			}
			if e.Confidence <= 0 || e.Confidence > 1 {
				t.Fatalf("confidence %v out of (0, 1]", e.Confidence)
			}
		}
		for _, en := range doc.Entities {
			if en.Start < 0 || en.End > len(text) || text[en.Start:en.End] != en.Text || !utf8.ValidString(en.Text) && utf8.ValidString(text) {
				t.Fatalf("bad entity %+v", en)
			}
		}
	})
}
