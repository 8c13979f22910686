package jsonenc

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"unicode/utf8"
)

// stdString is String as encoding/json writes it.
func stdString(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// plainRef is the longest prefix PlainPrefix may return: one- and two-byte
// characters a JSON string holds as themselves.
func plainRef(s string) int {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1, n > 2, r < 0x20, r == '"', r == '\\':
			return i
		}
		i += n
	}
	return i
}

func TestString(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"empty", ""},
		{"arabic", "زار الرئيس المصري دمشق أمس، والتقى نظيره السوري."},
		{"arabic long", "استضاف برنامج سينما سينما الأربعاء في موعد استثنائي أبطال الفيلم"},
		{"quote and backslash", `قال "نعم" \ لا`},
		{"controls", "a\x00b\x01c\x1f\b\f\n\r\td"},
		{"line separators", "أ\u2028ب\u2029ج\u2027"},
		{"invalid", "\xff\xfe\xc0\x80\xed\xa0\x80 ا\xd8"},
		{"overlong in a plain word", "abcdefg\xc0\x80abcdefgh"},
		{"lead at the end of a word", "abcdefgاbcdefgh"},
		{"continuation first", "\x80abcdefghijklmnop"},
		{"lead before a quote", "000000\xcc\""},
		{"lead before a newline", "0000000\xd8\nabcdefgh"},
		{"three-byte", "…«»“”—\U0001F600"},
		{"html", `<a href="x">&amp;</a>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := String(nil, tc.in), stdString(t, tc.in); !bytes.Equal(got, want) {
				t.Errorf("String(%q) = %q, want %q", tc.in, got, want)
			}
		})
	}
}

func TestPlainPrefix(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abcdefg", 0},                   // under eight bytes: left to the caller
		{"abcdefgh", 8},                  // eight ASCII
		{"abcdefgh\n", 8},                // stops at the newline's word
		{"ابجد", 8},                      // four Arabic letters
		{"abcdefgابجد", 15},              // a lead in the last byte waits for the next word
		{"abc\"efghijklmnop", 0},         // a quote in the first word
		{"abcdefgh\xc0\x80abcdefgh", 8},  // an overlong sequence
		{"abcdefgh\xe2\x80\xa8abcde", 8}, // U+2028
		{"\x80bcdefghijklmnop", 0},       // a continuation byte first
		{"زار الرئيس المصري دمشق", 8 * 4}, // 40 bytes: five words, one lead waits
	} {
		got := PlainPrefix(tc.in)
		if got > plainRef(tc.in) || !utf8.ValidString(tc.in[:got]) && got > 0 {
			t.Errorf("PlainPrefix(%q) = %d, longer than the plain prefix %d", tc.in, got, plainRef(tc.in))
		}
		if tc.in == "زار الرئيس المصري دمشق" {
			continue // only bounded
		}
		if got != tc.want {
			t.Errorf("PlainPrefix(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// FuzzString checks String against encoding/json for any string, and that
// PlainPrefix never claims more than the plain prefix.
func FuzzString(f *testing.F) {
	for _, s := range []string{
		"", "زار الرئيس المصري دمشق أمس", "a\x00b\n\"\\", "\u2028\u2029", "\xff\xc0\x80ا\xd8",
		"abcdefgاbcdefgh", "…«»“”", "\x80bcdefghijklmnop", "000000\xcc\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := String(nil, s), stdString(t, s); !bytes.Equal(got, want) {
			t.Fatalf("String(%q) = %q, want %q", s, got, want)
		}
		if n, ref := PlainPrefix(s), plainRef(s); n > ref || n < 0 {
			t.Fatalf("PlainPrefix(%q) = %d, plain prefix %d", s, n, ref)
		}
	})
}

// BenchmarkString encodes the texts and titles of the ANT slice (real
// Arabic news), in MB/s of text.
func BenchmarkString(b *testing.B) {
	f, err := os.Open("../../testdata/ant_slice.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var texts []string
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, a.Title, a.Text)
		size += len(a.Title) + len(a.Text)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	var dst []byte
	n := 0
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			dst = String(dst[:0], s)
			n += len(dst)
		}
	}
	if n < size {
		b.Fatalf("encoded %d bytes of %d: the encoder lost text", n, size)
	}
}
