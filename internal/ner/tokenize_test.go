package ner

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"words", "زار حفتر دمشق", []string{"زار", "حفتر", "دمشق"}},
		{"arabic punctuation", "قال، «نعم»؛ لماذا؟", []string{"قال", "،", "«", "نعم", "»", "؛", "لماذا", "؟"}},
		{"curly quotes", "“دمشق”", []string{"“", "دمشق", "”"}},
		{"numbers keep separators", "بلغ 3.5 و1,000 دولار.", []string{"بلغ", "3.5", "و1,000", "دولار", "."}},
		{"latin and parens", "(UN) report", []string{"(", "UN", ")", "report"}},
		{"empty", "  \n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			var got []string
			for _, tk := range toks {
				got = append(got, tk.Text)
				if tt.in[tk.Start:tk.End] != tk.Text {
					t.Errorf("token %q has offsets [%d,%d) = %q", tk.Text, tk.Start, tk.End, tt.in[tk.Start:tk.End])
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("التقى الرئيس المصري، «في» القاهرة؟ 3.5")
	f.Add("\xff\xfe a.b ,,")
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, tk := range Tokenize(s) {
			if tk.Start < last || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("bad offsets %d-%d after %d in %q", tk.Start, tk.End, last, s)
			}
			if s[tk.Start:tk.End] != tk.Text {
				t.Fatalf("text mismatch")
			}
			last = tk.End
		}
		if utf8.ValidString(s) {
			n := Normalize(s)
			if Normalize(n) != n {
				t.Fatalf("Normalize not idempotent on %q", s)
			}
		}
	})
}
