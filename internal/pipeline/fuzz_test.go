package pipeline

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/read"
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
		checkDoc(t, text, doc)
	})
}

// checkDoc checks the properties FuzzCode and FuzzReadCode share: every
// span (trigger, evidence, source, target, location, entity) inside the
// text and slicing to its own text, codes well formed.
func checkDoc(t *testing.T, text string, doc Doc) {
	t.Helper()
	for _, e := range doc.Events {
		spans := [][3]any{{e.Trigger.Start, e.Trigger.End, e.Trigger.Text}, {e.Evidence.Start, e.Evidence.End, e.Evidence.Text}}
		if e.Source.Text != "" {
			spans = append(spans, [3]any{e.Source.Start, e.Source.End, e.Source.Text})
		}
		if e.Target != nil && e.Target.Text != "" {
			spans = append(spans, [3]any{e.Target.Start, e.Target.End, e.Target.Text})
		}
		if e.Location != nil && e.Location.Text != "" {
			spans = append(spans, [3]any{e.Location.Start, e.Location.End, e.Location.Text})
		}
		for _, sp := range spans {
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
		if en.Start < 0 || en.End > len(text) || en.Start > en.End || text[en.Start:en.End] != en.Text || !utf8.ValidString(en.Text) && utf8.ValidString(text) {
			t.Fatalf("bad entity %+v", en)
		}
	}
}

// FuzzReadCode drives the whole public path on any input bytes: read (in
// every format) → extract → CodeWithin: no panic, every article within the
// budget coded with its spans inside its text, every failure an
// *ArticleError naming the input.
func FuzzReadCode(f *testing.F) {
	for _, s := range []string{
		"زار الرئيس المصري عبد الفتاح السيسي دمشق أمس.",
		`{"id":"1","title":"زيارة","text":"زار الرئيس المصري دمشق أمس وقتل جنديان في هجوم."}` + "\n{x\n",
		"<DOC><DOCNO>a</DOCNO><HEADLINE>h</HEADLINE><TEXT>التقى وزير الخارجية التركي نظيره السوري في أنقرة.</TEXT></DOC>",
		"<html><title>زيارة</title><body><div><div><p>زار حفتر دمشق سرا.</p></div></div></body></html>",
		"\x27\x06\x44\x06 \x00\n\x00",
	} {
		f.Add([]byte(s), uint8(0))
	}
	lex, err := DefaultLexicon()
	if err != nil {
		f.Fatal(err)
	}
	p := New(lex)
	formats := [...]read.Format{read.FormatAuto, read.FormatText, read.FormatHTML, read.FormatJSONL, read.FormatTREC}
	f.Fuzz(func(t *testing.T, data []byte, format uint8) {
		if len(data) > 1<<14 {
			return
		}
		opts := read.Options{Format: formats[int(format)%len(formats)], Stdin: bytes.NewReader(data)}
		_, err := ReadArticles(context.Background(), nil, opts,
			func(e *ArticleError) error {
				if e.URI != "-" && !strings.HasPrefix(e.URI, "-#") {
					t.Fatalf("error names %q", e.URI)
				}
				return nil
			},
			func(art *extract.Article) error {
				doc, err := p.CodeWithin(context.Background(), art, Budget{}, nil)
				if err != nil {
					t.Fatalf("%s: %v", art.URI, err)
				}
				if doc.Text != art.Text || doc.URI != art.URI {
					t.Fatalf("coded text or uri differs from the article's")
				}
				checkDoc(t, art.Text, doc)
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
	})
}
