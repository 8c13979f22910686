package read

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// arabic is a short Arabic news sentence used to build encoded fixtures.
const arabic = "زار اللواء خليفة حفتر دمشق سراً، والتقى مسؤولين سوريين في مكتب الأمن الوطني."

func encode(t testing.TB, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding %q: %v", s, err)
	}
	return b
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
	}{
		{"a.jsonl", "", FormatJSONL},
		{"a.json", "", FormatJSONL},
		{"a.htm", "hello", FormatHTML},
		{"-", `  {"id":1}`, FormatJSONL},
		{"x.txt", "<DOC>\n<DOCNO>1</DOCNO>", FormatTREC},
		{"x", "<!DOCTYPE html><html>", FormatHTML},
		{"x", "<html lang=ar>", FormatHTML},
		{"x", "<?xml version=\"1.0\"?>\n<DOC>", FormatTREC},
		{"x.xml", "<root/>", FormatTREC},
		{"x.txt", arabic, FormatText},
		{"x", "", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.head, func(t *testing.T) {
			if got := Detect(tt.name, []byte(tt.head)); got != tt.want {
				t.Errorf("Detect(%q, %q) = %q, want %q", tt.name, tt.head, got, tt.want)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	cp1256 := encode(t, charmap.Windows1256, arabic)
	iso := encode(t, charmap.ISO8859_6, arabic)
	page := append(append([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body><p>`), cp1256...), "</p></body></html>"...)
	tests := []struct {
		name     string
		in       []byte
		html     bool
		want     string // substring of the output
		charset  string
		errMatch string // substring of the error, "" for success
	}{
		{"utf8", []byte(arabic), false, arabic, "utf-8", ""},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, arabic...), false, arabic, "utf-8", ""},
		{"utf16le bom", []byte{0xFF, 0xFE, 0x27, 0x06, 0x44, 0x06}, false, "ال", "utf-16le", ""},
		{"windows-1256", cp1256, false, arabic, "windows-1256", ""},
		{"iso-8859-6", iso, false, "زار اللواء خليفة حفتر دمشق", "iso-8859-6", ""},
		{"html meta windows-1256", page, true, arabic, "windows-1256", ""},
		{"stray byte in utf8", append([]byte(arabic+arabic), 0xFF), false, arabic, "utf-8", ""},
		{"latin-1 french", []byte("caf\xe9 cr\xe8me \xe0 la fen\xeatre, d\xe9j\xe0 \xe9t\xe9"), false, "", "", "invalid UTF-8 at byte offset 3"},
		{"random high bytes", []byte("ab\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89"), false, "", "", "byte offset 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, cs, err := Decode(tt.in, tt.html)
			if tt.errMatch != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errMatch) {
					t.Fatalf("Decode error = %v, want one containing %q", err, tt.errMatch)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if cs != tt.charset {
				t.Errorf("charset = %q, want %q", cs, tt.charset)
			}
			if !utf8.Valid(out) {
				t.Errorf("output is not valid UTF-8")
			}
			if !strings.Contains(string(out), tt.want) {
				t.Errorf("output %q does not contain %q", out, tt.want)
			}
		})
	}
}

// result is what a test expects of one Next call.
type result struct {
	uri    string // RawDoc.URI, or DocError.URI
	errIs  error  // nil for a document; else errors.Is target, or errAny
	errSub string // substring of the error message
}

var errAny = errors.New("any error")

// readAll drains a Reader, checking each result against want.
func readAll(t *testing.T, r *Reader, want []result) []RawDoc {
	t.Helper()
	var docs []RawDoc
	for i := 0; ; i++ {
		doc, err := r.Next()
		if errors.Is(err, io.EOF) {
			if i != len(want) {
				t.Fatalf("got %d results, want %d", i, len(want))
			}
			return docs
		}
		if i >= len(want) {
			t.Fatalf("extra result %d: %+v, %v", i, doc.URI, err)
		}
		w := want[i]
		if w.errIs == nil {
			if err != nil {
				t.Fatalf("result %d: unexpected error %v", i, err)
			}
			if doc.URI != w.uri {
				t.Errorf("result %d: URI %q, want %q", i, doc.URI, w.uri)
			}
			if !utf8.Valid(doc.Data) {
				t.Errorf("result %d: Data is not UTF-8", i)
			}
			docs = append(docs, doc)
			continue
		}
		var de *DocError
		if !errors.As(err, &de) {
			t.Fatalf("result %d: error %v (%T), want *DocError", i, err, err)
		}
		if de.URI != w.uri {
			t.Errorf("result %d: DocError.URI %q, want %q", i, de.URI, w.uri)
		}
		if w.errIs != errAny && !errors.Is(err, w.errIs) {
			t.Errorf("result %d: error %v, want %v", i, err, w.errIs)
		}
		if !strings.HasPrefix(err.Error(), w.uri+": ") || !strings.Contains(err.Error(), w.errSub) {
			t.Errorf("result %d: error %q, want %q… containing %q", i, err, w.uri+": ", w.errSub)
		}
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBatch(t *testing.T) {
	dir := t.TempDir()
	j := func(n string) string { return filepath.Join(dir, n) }
	writeFile(t, j("a_good.txt"), []byte("عنوان\n\n"+arabic+"\n"))
	writeFile(t, j("b_binary.txt"), []byte("PK\x03\x04\x00\x00\x08\x00binary"))
	writeFile(t, j("c_empty.txt"), []byte(" \n\t\n"))
	writeFile(t, j("d_invalid.txt"), []byte("caf\xe9 cr\xe8me \xe0 la fen\xeatre, d\xe9j\xe0 \xe9t\xe9"))
	writeFile(t, j("e_cp1256.txt"), encode(t, charmap.Windows1256, arabic))
	writeFile(t, j("f_lines.jsonl"), []byte(`{"id":"x1","title":"t","text":"نص"}`+"\n\n"+
		`{"id":"x2","text":`+"\n"+
		`["not","an","object"]`+"\n"+
		`{"id":7,"outlet":"o","text":"ثالث","extra":{"a":[1,2]}}`+"\n"))
	writeFile(t, j("g_trunc.xml"), []byte("<DOC>\n<DOCNO>R1</DOCNO>\n<TEXT>أول & ثاني</TEXT>\n</DOC>\n<DOC>\n<DOCNO>R2</DOCNO>\n<TEXT>مقطوع"))
	writeFile(t, j("h_sub/i.html"), []byte("<html><head><title>ع</title></head><body><p>"+arabic+"</p>"))
	writeFile(t, j(".hidden.txt"), []byte("hidden"))
	writeFile(t, j(".git/x.txt"), []byte("hidden"))
	missing := j("zz_missing.txt")

	r := Open(context.Background(), []string{dir, missing, "-"}, Options{Stdin: strings.NewReader("من الإدخال القياسي")})
	docs := readAll(t, r, []result{
		{uri: j("a_good.txt")},
		{uri: j("b_binary.txt"), errIs: ErrBinary, errSub: "binary data, not text"},
		{uri: j("c_empty.txt"), errIs: ErrEmpty, errSub: "empty input"},
		{uri: j("d_invalid.txt"), errIs: errAny, errSub: "invalid UTF-8 at byte offset 3"},
		{uri: j("e_cp1256.txt")},
		{uri: j("f_lines.jsonl") + "#1"},
		{uri: j("f_lines.jsonl") + "#3", errIs: errAny, errSub: "invalid JSON"},
		{uri: j("f_lines.jsonl") + "#4", errIs: errAny, errSub: "not a JSON object"},
		{uri: j("f_lines.jsonl") + "#5"},
		{uri: j("g_trunc.xml") + "#1"},
		{uri: j("g_trunc.xml") + "#2", errIs: ErrTruncated, errSub: "truncated"},
		{uri: j("h_sub/i.html")},
		{uri: missing, errIs: os.ErrNotExist, errSub: "no such file"},
		{uri: "-"},
	})
	checks := []struct {
		name, got, want string
	}{
		{"text format", string(docs[0].Format), "text"},
		{"cp1256 data", string(docs[1].Data), arabic},
		{"cp1256 content type", docs[1].ContentType, "text/plain; charset=windows-1256"},
		{"jsonl id", docs[2].ID, "x1"},
		{"jsonl title", docs[2].Meta["title"], "t"},
		{"jsonl numeric id", docs[3].ID, "7"},
		{"jsonl nested meta", docs[3].Meta["extra"], `{"a":[1,2]}`},
		{"jsonl outlet", docs[3].Meta["outlet"], "o"},
		{"trec id", docs[4].ID, "R1"},
		{"trec bare ampersand", string(docs[4].Data), "أول & ثاني"},
		{"html format", string(docs[5].Format), "html"},
		{"stdin", string(docs[6].Data), "من الإدخال القياسي"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestStdinDefault(t *testing.T) {
	in := `{"id":"a","text":"أ"}` + "\n" + `{"id":"b","text":"ب"}`
	r := Open(context.Background(), nil, Options{Stdin: strings.NewReader(in)})
	docs := readAll(t, r, []result{{uri: "-#1"}, {uri: "-#2"}})
	if docs[0].ID != "a" || docs[1].ID != "b" || string(docs[1].Data) != "ب" {
		t.Errorf("got %+v", docs)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := Open(ctx, []string{"-"}, Options{Stdin: strings.NewReader("x")})
	if _, err := r.Next(); !errors.Is(err, context.Canceled) {
		t.Fatalf("Next after cancel = %v, want context.Canceled", err)
	}
}

func TestTRECSample(t *testing.T) {
	files := []string{
		"../../testdata/read/JA-internationalNews-1-20170121.txt",
		"../../testdata/read/JA-internationalNews-10-20170120.txt",
	}
	r := Open(context.Background(), files, Options{})
	docs := readAll(t, r, []result{{uri: files[0] + "#1"}, {uri: files[1] + "#1"}})
	d := docs[1]
	want := map[string]string{
		"id":        "JA-internationalNews-10-20170120",
		"title":     `ترامب : سنمحو "التطرف الإسلامي" من وجه الأرض`,
		"published": "2017-01-20T18:36:00+01:00",
		"outlet":    "Jawhara FM",
		"category":  "internationalNews",
	}
	got := map[string]string{"id": d.ID}
	for k := range want {
		if k != "id" {
			got[k] = d.Meta[k]
		}
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if d.Format != FormatTREC || !bytes.HasPrefix(d.Data, []byte("قال الرئيس الأمريكي")) {
		t.Errorf("Data starts %q", d.Data[:min(80, len(d.Data))])
	}
	// The same file cut in the middle: the record is reported truncated.
	data, err := os.ReadFile(files[1])
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.txt")
	writeFile(t, cut, append(append([]byte{}, data...), data[:len(data)/2]...))
	readAll(t, Open(context.Background(), []string{cut}, Options{}), []result{
		{uri: cut + "#1"},
		{uri: cut + "#2", errIs: ErrTruncated, errSub: "input ends before </DOC>"},
	})
}

// TestHugeLine checks that a 100 MB JSON Lines line gives a DocError naming
// the input and line, without holding the line in memory, and that the next
// line is still read.
func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MB file")
	}
	path := filepath.Join(t.TempDir(), "huge.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("ا"), 1<<19) // 1 MiB
	if _, err := f.WriteString(`{"id":"big","text":"`); err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.WriteString("\"}\n{\"id\":\"small\",\"text\":\"نص\"}\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	docs := readAll(t, Open(context.Background(), []string{path}, Options{}), []result{
		{uri: path + "#1", errIs: ErrTooLarge, errSub: "line longer than 16777216 bytes"},
		{uri: path + "#2"},
	})
	if docs[0].ID != "small" {
		t.Errorf("second line id = %q", docs[0].ID)
	}
	// A smaller limit applies to whole documents too.
	readAll(t, Open(context.Background(), []string{"-"}, Options{MaxBytes: 10, Stdin: strings.NewReader(arabic)}), []result{
		{uri: "-", errIs: ErrTooLarge, errSub: "more than 10 bytes"},
	})
}
