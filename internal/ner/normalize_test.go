package ner

import (
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"alef hamza above", "أحمد", "احمد"},
		{"alef hamza below", "إسلام", "اسلام"},
		{"alef madda", "آمال", "امال"},
		{"alef maksura", "مصطفى", "مصطفي"},
		{"teh marbuta", "القاهرة", "القاهره"},
		{"tatweel", "الرئـــيس", "الرئيس"},
		{"diacritics", "مُحَمَّد", "محمد"},
		{"arabic-indic digits", "٢٠١٩", "2019"},
		{"persian digits", "۱۲", "12"},
		{"latin lower", "UN", "un"},
		{"bidi marks", "\u200eدمشق", "دمشق"},
		{"unchanged", "دمشق", "دمشق"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestStripClitics(t *testing.T) {
	tests := []struct{ in, want string }{
		{"والقاهره", "قاهره"},
		{"بالعاصمه", "عاصمه"},
		{"لسوريا", "سوريا"},
		{"وزارتها", "زارت"}, // light stemming is greedy: و is taken as a clitic
		{"حكومتهم", "حكومت"},
		{"في", "في"},
		{"ال", "ال"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := string(stripClitics([]byte(tt.in))); got != tt.want {
				t.Errorf("stripClitics(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenShape(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"دمشق", shapeArabic}, {"2019", shapeDigit}, {"un", shapeLatin},
		{"،", shapePunct}, {".", shapePunct}, {"f16", shapeMixedDigit}, {"دمشقx", shapeMixed},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := tokenShape([]byte(tt.in)); got != tt.want {
				t.Errorf("tokenShape(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}
