package read

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzFormats = [...]Format{FormatAuto, FormatText, FormatHTML, FormatJSONL, FormatTREC}

// FuzzReader reads any bytes as standard input, in every format and with
// small size limits: no panic, reading ends with io.EOF, every document is
// UTF-8 of a concrete format named "-" or "-#N", every failure a *DocError.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		"زار الرئيس المصري دمشق أمس.",
		`{"id":"1","text":"نص"}` + "\n\n{broken\n" + `{"text":"` + strings.Repeat("ا", 40) + `"}`,
		"<DOC><DOCNO>1</DOCNO><TEXT>نص</TEXT></DOC><DOC><TEXT>مقطوع",
		"<html><head><meta charset=windows-1256><title>t</title></head><body><p>\xc7\xe1\xd1\xc6\xed\xd3</p>",
		"\xff\xfe\x27\x06\x44\x06 \x00",
		"\x27\x06\x44\x06 \x00\n\x00",
		"\xef\xbb\xbf{\"text\":\"x\"}",
		"\x00\x01\x02binary",
		"   \n\t",
	} {
		for _, fm := range []uint8{0, 3} {
			f.Add([]byte(s), fm, uint16(0))
			f.Add([]byte(s), fm, uint16(20))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, format uint8, max uint16) {
		opts := Options{Format: fuzzFormats[int(format)%len(fuzzFormats)], MaxBytes: int64(max), Stdin: bytes.NewReader(data)}
		r := Open(context.Background(), nil, opts)
		for n := 0; ; n++ {
			if n > len(data)+2 {
				t.Fatalf("more results (%d) than bytes of input (%d)", n, len(data))
			}
			doc, err := r.Next()
			if err == io.EOF {
				if _, err := r.Next(); err != io.EOF {
					t.Fatalf("Next after io.EOF: %v", err)
				}
				return
			}
			if err != nil {
				var de *DocError
				if !errors.As(err, &de) || de.URI != "-" && !strings.HasPrefix(de.URI, "-#") {
					t.Fatalf("error %v (%T) is not a *DocError naming the input", err, err)
				}
				continue
			}
			if !utf8.Valid(doc.Data) {
				t.Fatalf("document not UTF-8: %q", doc.Data)
			}
			if doc.Format == FormatAuto || doc.Format == "" {
				t.Fatalf("document of format %q", doc.Format)
			}
			if doc.URI != "-" && !strings.HasPrefix(doc.URI, "-#") {
				t.Fatalf("URI %q", doc.URI)
			}
		}
	})
}

// FuzzJSONLLines checks the line splitting of JSON Lines against
// bytes.Split, with any buffer size and limit: every line that is not
// blank, or is longer than the limit, gives one result naming its number
// (a document or an error), in order; a line over the limit is always
// an ErrTooLarge error.
func FuzzJSONLLines(f *testing.F) {
	f.Add([]byte("{\"text\":\"a\"}\n\n  \n{\"text\":\"bb\"}\r\n{x"), uint8(0), uint16(0))
	f.Add([]byte(strings.Repeat("{\"text\":\""+strings.Repeat("ب", 30)+"\"}\n", 3)), uint8(1), uint16(20))
	f.Add([]byte("\n\n\n"+strings.Repeat(" ", 100)+"\n{}"), uint8(2), uint16(10))
	f.Fuzz(func(t *testing.T, data []byte, size uint8, max uint16) {
		limit := int64(max)
		if limit == 0 {
			limit = DefaultMaxBytes
		}
		s := newJSONLSource("f", bufio.NewReaderSize(bytes.NewReader(data), 16+int(size)), limit)
		var want []string
		var tooLong []bool
		lines := bytes.Split(data, []byte("\n"))
		for i, l := range lines {
			if i == len(lines)-1 && len(l) == 0 {
				break
			}
			long := int64(len(l)) > limit
			if long || len(bytes.TrimSpace(l)) > 0 {
				want = append(want, "f#"+strconv.Itoa(i+1))
				tooLong = append(tooLong, long)
			}
		}
		var got []string
		for {
			doc, err := s.next()
			if err == io.EOF {
				break
			}
			uri := doc.URI
			var de *DocError
			if err != nil {
				if !errors.As(err, &de) {
					t.Fatalf("error %v is not a *DocError", err)
				}
				uri = de.URI
			}
			if k := len(got); k < len(want) && tooLong[k] != errors.Is(err, ErrTooLarge) {
				t.Fatalf("%s: too long %v, error %v", uri, tooLong[k], err)
			}
			got = append(got, uri)
			if len(got) > len(want) {
				break
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("results %q, want %q", got, want)
		}
	})
}
