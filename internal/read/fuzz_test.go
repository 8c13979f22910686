package read

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"testing"
	"unicode/utf8"
)

func FuzzParseJSONLine(f *testing.F) {
	for _, s := range []string{
		`{"id":"1","title":"ع","published":"2017-01-20","text":"نص\nثان"}`,
		`{"id":2,"text":"a\u00e9\ud83d\ude00\ud800x","n":null,"b":true,"f":-1.5e3}`,
		`{"text":"x","nested":{"a":[1,{"b":2}]}}`,
		`{"text":"x","text":"y"}`,
		`[1,2]`, `{"text":`, `{}`, `{"body":"b","content":"c"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		doc, err := ParseJSONLine(line)
		if err != nil {
			return
		}
		if !utf8.Valid(doc.Data) || !utf8.ValidString(doc.ID) {
			t.Fatalf("invalid UTF-8 in %q", line)
		}
		for k, v := range doc.Meta {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Fatalf("invalid UTF-8 in meta %q", k)
			}
		}
		// The fast path must agree with encoding/json on what it accepts.
		if !utf8.Valid(line) {
			return
		}
		if fast, ok := parseJSONLineFast(line); ok {
			var m map[string]any
			if err := json.Unmarshal(line, &m); err != nil {
				t.Fatalf("fast path accepted invalid JSON %q: %v", line, err)
			}
			for _, k := range []string{"text", "body", "content"} {
				if v, ok := m[k]; ok {
					s, _ := v.(string)
					if s != string(fast.Data) {
						t.Fatalf("fast Data %q, encoding/json %q", fast.Data, s)
					}
					break
				}
			}
			if s, ok := m["title"].(string); ok && s != fast.Meta["title"] {
				t.Fatalf("fast title %q, encoding/json %q", fast.Meta["title"], s)
			}
		}
	})
}

func FuzzTREC(f *testing.F) {
	f.Add([]byte("<DOC>\n<DOCNO>A-1</DOCNO>\n<TITLE>ع & ب</TITLE>\n<TEXT>\n<P>نص</P><P>ثان &amp; ثالث</P>\n</TEXT>\n</DOC>\n<DOC><TEXT>x"))
	f.Add([]byte("<DOC><DOC></DOC></DOC>"))
	f.Add([]byte("junk <DOC><TEXT>\xe1\xe3</TEXT></DOC>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := newTRECSource("f", bufio.NewReaderSize(bytes.NewReader(data), 16), 1<<20)
		for range len(data) + 2 {
			doc, err := s.next()
			if errors.Is(err, io.EOF) {
				return
			}
			var de *DocError
			if err != nil && !errors.As(err, &de) {
				t.Fatalf("error %v is not a *DocError", err)
			}
			if err == nil && !utf8.Valid(doc.Data) {
				t.Fatalf("invalid UTF-8 Data %q", doc.Data)
			}
		}
		t.Fatalf("no io.EOF after %d calls", len(data)+2)
	})
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("نص"), false)
	f.Add([]byte{0xC7, 0xE1, 0xD3, 0xE1, 0xC7, 0xE3}, false)
	f.Add([]byte{0xFF, 0xFE, 0x27, 0x06}, false)
	f.Add([]byte(`<meta charset="windows-1256"><p>`+"\xc7\xe1"), true)
	f.Fuzz(func(t *testing.T, data []byte, html bool) {
		out, _, err := Decode(data, html)
		if err == nil && !utf8.Valid(out) {
			t.Fatalf("Decode(%q) gave invalid UTF-8 %q", data, out)
		}
	})
}

// FuzzParseJSONLineOrder checks that trying the fast path before checking
// UTF-8 changes nothing: the result is that of decoding first.
func FuzzParseJSONLineOrder(f *testing.F) {
	for _, s := range []string{
		`{"id":"1","title":"ع","text":"نص\nثان"}`,
		"{\"id\":\"1\",\"text\":\"\xc7\xe1\xd3\"}",
		"{\"text\":\"a\\u00e9\xff\"}",
		"{\"te\xd8xt\":\"x\"}",
		`{"text":"x","nested":{"a":1}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		got, gerr := ParseJSONLine(line)
		want, werr := line, error(nil)
		if !utf8.Valid(line) {
			want, _, werr = Decode(line, false)
		}
		var wdoc RawDoc
		if werr == nil {
			wdoc, werr = ParseJSONLine(want)
		}
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", wdoc) {
			t.Fatalf("ParseJSONLine(%q) = %#v, %v; want %#v, %v", line, got, gerr, wdoc, werr)
		}
	})
}

// refRawStringEnd steps through a JSON string escape by escape.
func refRawStringEnd(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case '"':
			return i
		case '\\':
			i += 2
		default:
			i++
		}
	}
	return -1
}

func FuzzRawStringEnd(f *testing.F) {
	for _, s := range []string{`a\"b"`, `\\"`, `\\\"x"`, `\u0022"`, `x\`, `\\\\\\"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		i := bytes.IndexByte(b, '\\')
		if i < 0 {
			return
		}
		if g, w := rawStringEnd(b, i), refRawStringEnd(b, i); g != w {
			t.Fatalf("rawStringEnd(%q, %d) = %d, want %d", b, i, g, w)
		}
	})
}
