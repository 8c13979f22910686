package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []Span
	}{
		{"none", "O O", nil},
		{"single", "B-PERS O", []Span{{0, 1, "PERS"}}},
		{"multi at end", "O B-ORG I-ORG", []Span{{1, 3, "ORG"}}},
		{"adjacent", "B-LOC B-LOC I-LOC", []Span{{0, 1, "LOC"}, {1, 3, "LOC"}}},
		{"stray I starts entity", "O I-MISC I-MISC", []Span{{1, 3, "MISC"}}},
		{"type change", "B-PERS I-LOC", []Span{{0, 1, "PERS"}, {1, 2, "LOC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Spans(strings.Fields(tt.tags)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Spans(%s) = %v, want %v", tt.tags, got, tt.want)
			}
		})
	}
}

func TestScores(t *testing.T) {
	sc := NewScores()
	sc.Add(strings.Fields("B-PERS I-PERS O B-LOC"), strings.Fields("B-PERS I-PERS O B-ORG"))
	sc.Add(strings.Fields("B-LOC O"), strings.Fields("B-LOC O"))
	if sc.Overall != (PRF{TP: 2, FP: 1, FN: 1}) {
		t.Errorf("overall = %+v", sc.Overall)
	}
	var b strings.Builder
	if err := sc.Write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if last := lines[len(lines)-1]; last != "ner F1=0.6667 P=0.6667 R=0.6667" {
		t.Errorf("last line = %q", last)
	}
}

func TestMapTag(t *testing.T) {
	tests := []struct{ in, want string }{
		{"B-PERS", "B-PERS"}, {"I-PER", "I-PERS"}, {"B-MIS2", "B-MISC"}, {"B-Politician", "B-PERS"},
		{"I-Nation", "I-LOC"}, {"B-Government", "B-ORG"}, {"B-Book", "B-MISC"}, {"B-Group", "O"}, {"O", "O"}, {"OO", "O"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := MapTag(tt.in); got != tt.want {
				t.Errorf("MapTag(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
