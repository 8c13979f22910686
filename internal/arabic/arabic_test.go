package arabic

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeString(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"alef hamza above", "أحمد", "احمد"},
		{"alef hamza below", "إسلام", "اسلام"},
		{"alef madda", "آمال", "امال"},
		{"waw hamza", "مؤتمر", "موتمر"},
		{"yeh hamza", "رئيس", "رييس"},
		{"alef maksura", "التقى", "التقي"},
		{"teh marbuta", "زيارة", "زياره"},
		{"tatweel", "لـ", "ل"},
		{"diacritics", "يُعتقد", "يعتقد"},
		{"tanwin", "مكتباً", "مكتبا"},
		{"arabic-indic digits", "٢٠١٢", "2012"},
		{"persian digits", "۱۲", "12"},
		{"latin upper case", "CAMEO", "cameo"},
		{"direction mark", "\u200eدمشق", "دمشق"},
		{"unchanged", "دمشق", "دمشق"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeString(tt.in); got != tt.want {
				t.Errorf("NormalizeString(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeOffsets(t *testing.T) {
	in := "زيارةٌ إلى دمشقَ"
	norm, off := Normalize(in)
	if norm != "زياره الي دمشق" {
		t.Fatalf("norm = %q", norm)
	}
	if len(off) != len(norm)+1 {
		t.Fatalf("len(offsets) = %d, want %d", len(off), len(norm)+1)
	}
	i := strings.Index(norm, "دمشق")
	if got := in[off[i]:off[i+len("دمشق")]]; got != "دمشقَ" { // trailing marks belong to the word
		t.Errorf("span maps back to %q", got)
	}
}

func TestTokenize(t *testing.T) {
	text := "قام «الجيش» بـ3.5 زيارة، في 2012."
	toks := Tokenize(nil, text)
	var got []string
	for _, tk := range toks {
		if text[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %q does not match its offsets", tk.Text)
		}
		got = append(got, tk.Text)
	}
	want := []string{"قام", "«", "الجيش", "»", "بـ", "3.5", "زيارة", "،", "في", "2012", "."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tokens = %q, want %q", got, want)
	}
	if toks[4].Norm != "ب" {
		t.Errorf("norm of بـ = %q", toks[4].Norm)
	}
}

func TestSentences(t *testing.T) {
	text := "العنوان هنا\n\n1/ تنسيق الجهود. ثم زيارة؟ «نعم.» وبعد"
	toks := Tokenize(nil, text)
	var got []string
	for _, s := range Sentences(text, toks) {
		got = append(got, text[toks[s.Start].Start:toks[s.End-1].End])
	}
	want := []string{"العنوان هنا", "1/ تنسيق الجهود.", "ثم زيارة؟", "«نعم.»", "وبعد"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

func TestSegment(t *testing.T) {
	tests := []struct {
		in   string
		want []string // bases in order
	}{
		{"وزير", []string{"وزير", "زير"}},
		{"بالجيش", []string{"بالجيش", "الجيش"}},
		{"للجيش", []string{"للجيش", "الجيش"}},
		{"وبالسفاره", []string{"وبالسفاره", "بالسفاره", "السفاره"}},
		{"في", []string{"في"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			for _, a := range Segment(nil, tt.in) {
				got = append(got, a.Base)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Segment(%q) bases = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStripPronoun(t *testing.T) {
	tests := []struct{ in, stem, suf string }{
		{"زارها", "زار", "ها"},
		{"التقاه", "التقي", "ه"},
		{"معهم", "معهم", ""}, // too short to strip
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			stem, suf, _ := StripPronoun(tt.in)
			if stem != tt.stem || suf != tt.suf {
				t.Errorf("StripPronoun(%q) = %q, %q; want %q, %q", tt.in, stem, suf, tt.stem, tt.suf)
			}
		})
	}
}

func TestLightStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"والمسلمين", "مسلم"},
		{"الزيارات", "زيار"},
		{"كبيره", "كبير"},
		{"من", "من"},
	}
	for _, tt := range tests {
		if got := LightStem(tt.in); got != tt.want {
			t.Errorf("LightStem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"زيارةٌ إلى دمشقَ", "٢٠١٢", "\xff\xfe", "أإآـ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeString(s)
		if NormalizeString(n) != n {
			t.Errorf("not idempotent: %q -> %q -> %q", s, n, NormalizeString(n))
		}
		n2, off := Normalize(s)
		if utf8.ValidString(s) && n2 != n {
			t.Errorf("Normalize and NormalizeString disagree on %q", s)
		}
		if len(off) != len(n2)+1 {
			t.Fatalf("offsets length %d for %d bytes", len(off), len(n2))
		}
		for i := 1; i < len(off); i++ {
			if off[i] < off[i-1] || off[i] > len(s) {
				t.Fatalf("offsets not monotonic within the input: %v", off)
			}
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"قام «الجيش» بـ3.5 زيارة، في 2012.", "a\xffb", "١٫٥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(nil, s)
		prev := 0
		for _, tk := range toks {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) || s[tk.Start:tk.End] != tk.Text {
				t.Fatalf("bad token %+v in %q", tk, s)
			}
			prev = tk.End
		}
		for _, sp := range Sentences(s, toks) {
			if sp.Start >= sp.End || sp.End > len(toks) {
				t.Fatalf("bad sentence span %+v", sp)
			}
		}
	})
}

// newsText returns the texts of the ANT slice shipped in testdata.
func newsText(tb testing.TB) []string {
	tb.Helper()
	data, err := os.ReadFile("../../testdata/ant_slice.jsonl")
	if err != nil {
		tb.Skip(err)
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		var a struct{ Title, Text string }
		if json.Unmarshal([]byte(line), &a) == nil {
			out = append(out, a.Title+"\n\n"+a.Text)
		}
	}
	return out
}

// BenchmarkTokenize tokenizes real news, in MB/s of text.
func BenchmarkTokenize(b *testing.B) {
	texts := newsText(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var toks []Token
	for b.Loop() {
		for _, t := range texts {
			toks = Tokenize(toks[:0], t)
		}
	}
}

// refStripPronoun is StripPronoun without its shortcut on the last letter.
func refStripPronoun(w string) (stem, suffix string, ok bool) {
	for _, s := range pronounSuffixes {
		if len(w) >= len(s)+minStem+2 && strings.HasSuffix(w, s) {
			stem = w[:len(w)-len(s)]
			if strings.HasSuffix(stem, "ا") && len(stem) > minStem+2 {
				stem = stem[:len(stem)-2] + "ي"
			}
			return stem, s, true
		}
	}
	return w, "", false
}

func FuzzClitics(f *testing.F) {
	for _, s := range []string{"وبالسفاره", "للجيش", "زارها", "التقاه", "معهم", "فكتب", "كتابهما", "ب"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if n := len(Segment(nil, w)); n > 1 && !MayHaveProclitic(w) {
			t.Fatalf("Segment(%q) has %d readings, MayHaveProclitic says none", w, n)
		}
		s1, x1, ok1 := StripPronoun(w)
		s2, x2, ok2 := refStripPronoun(w)
		if s1 != s2 || x1 != x2 || ok1 != ok2 {
			t.Fatalf("StripPronoun(%q) = %q %q %v, want %q %q %v", w, s1, x1, ok1, s2, x2, ok2)
		}
	})
}
