package read

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// TestUTF16WithoutBOM: UTF-16 text without a byte order mark, little- or
// big-endian, Arabic or ASCII, is decoded, not «binary data»; binary data
// with NUL bytes stays binary.
func TestUTF16WithoutBOM(t *testing.T) {
	text := "زار الرئيس المصري دمشق أمس.\nقال الوزير: «نعم» 2019.\n"
	for _, tc := range []struct {
		name   string
		endian unicode.Endianness
		text   string
	}{
		{"le arabic", unicode.LittleEndian, text},
		{"be arabic", unicode.BigEndian, text},
		{"le ascii", unicode.LittleEndian, "hello world\n"},
		{"le long", unicode.LittleEndian, strings.Repeat(text, 1000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := unicode.UTF16(tc.endian, unicode.IgnoreBOM).NewEncoder().String(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			docs := readAll(t, Open(context.Background(), []string{"-"}, Options{Format: FormatText, Stdin: strings.NewReader(data)}), []result{{uri: "-"}})
			if got := string(docs[0].Data); got != tc.text {
				t.Errorf("read %.80q, want %.80q", got, tc.text)
			}
		})
	}
	bin := "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00\x01\x00\x00\x00"
	readAll(t, Open(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader(bin)}), []result{{uri: "-", errIs: ErrBinary}})
}
