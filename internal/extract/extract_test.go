package extract

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"github.com/marsad/marsad/internal/demo"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marsad/marsad/internal/read"
	"golang.org/x/text/encoding/charmap"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/extract")

// readOne reads the single document of one input.
func readOne(t testing.TB, input string, stdin io.Reader) read.RawDoc {
	t.Helper()
	r := read.Open(context.Background(), []string{input}, read.Options{Stdin: stdin})
	doc, err := r.Next()
	if err != nil {
		t.Fatalf("reading %s: %v", input, err)
	}
	return doc
}

// checkInvariants checks what holds for every extracted Article.
func checkInvariants(t testing.TB, a Article, bp *Boilerplate) {
	t.Helper()
	if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
		t.Fatalf("invalid UTF-8 in %q", a.Text)
	}
	if a.Title != "" && !strings.HasPrefix(a.Text, a.Title) {
		t.Errorf("Text does not start with the title %q", a.Title)
	}
	for i, p := range strings.Split(a.Text, "\n\n") {
		if k := bp.Match(p); k != 0 && (i > 0 || a.Title == "") {
			t.Errorf("boilerplate (kind %d) left in Text: %q", k, p)
		}
	}
}

func TestSeed(t *testing.T) {
	path := filepath.Join(t.TempDir(), demo.SeedName)
	if err := os.WriteFile(path, demo.Seed, 0o644); err != nil {
		t.Fatal(err)
	}
	doc := readOne(t, path, nil)
	a, err := Extract(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, a, DefaultBoilerplate())
	fields := []struct{ name, got, want string }{
		{"ID", a.ID, "000_d61fa5c1789e1101"},
		{"Title", a.Title, "ماذا وراء زيارة خليفة حفتر السرية إلى دمشق؟"},
		{"Outlet", a.Outlet, "الأيام السورية"},
		{"Section", a.Section, "قسم الأخبار"},
		{"Attribution", a.Attribution, "الشرق الأوسط"},
		{"Lede", a.Lede[:min(len(a.Lede), 40)], "ما سبب الزيارة التي قام بها قائد «الجيش"[:40]},
		{"Dropped", strings.Join(a.Dropped, "|"), "اترك رد|لن يتم نشر عنوان بريدك الإلكتروني."},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	for _, s := range []string{"الأيام السورية؛", "مصدر الشرق الأوسط", "اترك رد", "بريدك"} {
		if strings.Contains(a.Text, s) {
			t.Errorf("Text contains %q", s)
		}
	}
	for _, s := range []string{"\n\n1/ تنسيق الجهود", "\n\n7/ الموازنة", "\n\nأهداف الزيارتين\n\n"} {
		if !strings.Contains(a.Text, s) {
			t.Errorf("Text lacks paragraph %q", s)
		}
	}

}

// golden compares a with testdata/extract/name, or rewrites it with -update.
func golden(t *testing.T, name string, a Article) {
	t.Helper()
	got, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("..", "..", "testdata", "extract", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s line %d:\n got %s\nwant %s\n(run go test -update if the change is intended)", path, i+1, g, w)
			}
		}
	}
}

func TestGoldenText(t *testing.T) {
	tests := []struct{ input, golden string }{
		{"../../testdata/extract/article.txt", "article.json"},
		{"../../testdata/read/JA-internationalNews-10-20170120.txt", "trec.json"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			a, err := Extract(readOne(t, tt.input, nil), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a, DefaultBoilerplate())
			golden(t, tt.golden, a)
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in                                        string
		title, outlet, section, attribution, text, lede string
		dropped                                         int
	}{
		{
			name:  "outlet dash and source colon",
			in:    "العنوان\nوكالة الأنباء - الشؤون الدولية\nفقرة أولى.\nفقرة ثانية.\nالمصدر: رويترز\n",
			title: "العنوان", outlet: "وكالة الأنباء", section: "الشؤون الدولية", attribution: "رويترز",
			text: "العنوان\n\nفقرة أولى.\n\nفقرة ثانية.", lede: "فقرة أولى.",
		},
		{
			name:  "boilerplate first and cookie notice",
			in:    "شارك\nالعنوان الحقيقي\nنص الخبر هنا.\nيستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك.\nإقرأ أيضا\n",
			title: "العنوان الحقيقي", text: "العنوان الحقيقي\n\nنص الخبر هنا.", lede: "نص الخبر هنا.", dropped: 3,
		},
		{
			name:  "tail drops comments",
			in:    "عنوان\nنص.\nاترك تعليقاً\nتعليق قارئ طويل لا علاقة له بالخبر.\n",
			title: "عنوان", text: "عنوان\n\nنص.", lede: "نص.", dropped: 2,
		},
		{
			name:  "real sentence starting with a share word is kept",
			in:    "عنوان\nشارك الرئيس في القمة العربية التي عقدت في الرياض.\n",
			title: "عنوان", text: "عنوان\n\nشارك الرئيس في القمة العربية التي عقدت في الرياض.", lede: "شارك الرئيس في القمة العربية التي عقدت في الرياض.",
		},
		{
			name:  "crlf and direction marks",
			in:    "\u200fعنوان\r\n\r\n نص \r\n",
			title: "عنوان", text: "عنوان\n\nنص", lede: "نص",
		},
		{
			name: "title only", in: "عنوان فقط", title: "عنوان فقط", text: "عنوان فقط",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := read.RawDoc{URI: "dir/x.txt", Format: read.FormatText, Data: []byte(tt.in)}
			a, err := Extract(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a, DefaultBoilerplate())
			got := []string{a.Title, a.Outlet, a.Section, a.Attribution, a.Text, a.Lede, a.ID}
			want := []string{tt.title, tt.outlet, tt.section, tt.attribution, tt.text, tt.lede, "x"}
			names := []string{"Title", "Outlet", "Section", "Attribution", "Text", "Lede", "ID"}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s = %q, want %q", names[i], got[i], want[i])
				}
			}
			if len(a.Dropped) != tt.dropped {
				t.Errorf("Dropped = %q, want %d lines", a.Dropped, tt.dropped)
			}
		})
	}
}

func TestJSONL(t *testing.T) {
	in := `{"id":"a1","title":"عنوان الخبر","published":"09/11/2016","outlet":"الجزيرة","text":"عنوان الخبر\nالفقرة الأولى.\nالفقرة الثانية.\nاقرأ أيضا: خبر آخر"}` + "\n" +
		`{"id":"a2","published":"2017-03-29T17:50:00+01:00","text":"سطر العنوان\nنص."}` + "\n"
	r := read.Open(context.Background(), nil, read.Options{Stdin: strings.NewReader(in)})
	var arts []Article
	for {
		doc, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		a, err := Extract(doc, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, a, DefaultBoilerplate())
		arts = append(arts, a)
	}
	if len(arts) != 2 {
		t.Fatalf("got %d articles", len(arts))
	}
	checks := []struct{ name, got, want string }{
		{"id", arts[0].ID, "a1"},
		{"text not duplicating the title", arts[0].Text, "عنوان الخبر\n\nالفقرة الأولى.\n\nالفقرة الثانية."},
		{"outlet", arts[0].Outlet, "الجزيرة"},
		{"dd/mm/yyyy", arts[0].PublishedAt.Format("2006-01-02"), "2016-11-09"},
		{"title from first line", arts[1].Title, "سطر العنوان"},
		{"text", arts[1].Text, "سطر العنوان\n\nنص."},
		{"rfc3339", arts[1].PublishedAt.UTC().Format("2006-01-02 15:04"), "2017-03-29 16:50"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2017-03-29T17:50:00+01:00", "2017-03-29"},
		{"09/11/2016", "2016-11-09"},
		{"2017-01-20", "2017-01-20"},
		{"٢٠١٧-٠١-٢٠", "2017-01-20"},
		{"Fri, 20 Jan 2017 18:36:00 +0100", "2017-01-20"},
		{"2017-01-20 18:36:00", "2017-01-20"},
		{"yesterday", "0001-01-01"},
		{"", "0001-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ParseDate(tt.in).Format("2006-01-02"); got != tt.want {
				t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestDeriveID(t *testing.T) {
	tests := []struct {
		doc  read.RawDoc
		want string
	}{
		{read.RawDoc{URI: "a/b/000_d61fa5c1789e1101.txt"}, "000_d61fa5c1789e1101"},
		{read.RawDoc{URI: "x.jsonl#3", ID: "given"}, "given"},
		{read.RawDoc{URI: "corpus.xml#3"}, "corpus-3"},
		{read.RawDoc{URI: "-", Data: []byte("x")}, "sha256-2d711642b726b044"},
	}
	for _, tt := range tests {
		t.Run(tt.doc.URI, func(t *testing.T) {
			if got := DeriveID(tt.doc); got != tt.want {
				t.Errorf("DeriveID = %q, want %q", got, tt.want)
			}
		})
	}
}

const arabicPara = "عقد وزراء الخارجية العرب اجتماعاً طارئاً في مقر الجامعة العربية بالقاهرة لبحث التصعيد على الحدود، وأصدروا بياناً ختامياً يدعو إلى وقف فوري لإطلاق النار وفتح ممرات إنسانية لإيصال المساعدات إلى المدنيين."

func TestLegacyCharsets(t *testing.T) {
	dir := t.TempDir()
	page := `<!DOCTYPE html><html><head><meta charset="windows-1256"><title>اجتماع طارئ - مرصد</title>` +
		`<meta property="og:site_name" content="مرصد"></head><body><article><h1>اجتماع طارئ</h1>` +
		strings.Repeat("<p>"+arabicPara+"</p>", 3) + `<p>اترك رد</p></article></body></html>`
	cp, err := charmap.Windows1256.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	iso, err := charmap.ISO8859_6.NewEncoder().Bytes([]byte("اجتماع طارئ\n\n" + strings.ReplaceAll(arabicPara, "ً", "") + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	truncated := []byte("<html><head><title>عنوان مقطوع</title></head><body><p>" + arabicPara + "</p><p>فقرة ثانية لم تكت")
	files := map[string][]byte{"page.html": cp, "iso.txt": iso, "cut.html": truncated}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file, title, contains, charset string
	}{
		{"page.html", "اجتماع طارئ", arabicPara, "windows-1256"},
		{"iso.txt", "اجتماع طارئ", "عقد وزراء الخارجية العرب", "iso-8859-6"},
		{"cut.html", "عنوان مقطوع", "فقرة ثانية لم تكت", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc := readOne(t, filepath.Join(dir, tt.file), nil)
			if !strings.HasSuffix(doc.ContentType, "charset="+tt.charset) {
				t.Errorf("ContentType = %q, want charset %s", doc.ContentType, tt.charset)
			}
			a, err := Extract(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a, DefaultBoilerplate())
			if !strings.HasPrefix(a.Title, tt.title) {
				t.Errorf("Title = %q, want %q", a.Title, tt.title)
			}
			if !strings.Contains(a.Text, tt.contains) {
				t.Errorf("Text = %q, lacks %q", a.Text, tt.contains)
			}
		})
	}
}
