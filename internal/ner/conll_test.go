package ner

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLL(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		tokens [][]string
		tags   [][]string
	}{
		{"two sentences", "a O\nb B-PERS\n\nc O\n", [][]string{{"a", "b"}, {"c"}}, [][]string{{"O", "B-PERS"}, {"O"}}},
		{"crlf bom lrm", "\ufeff\u200eدمشق\tB-Nation\r\n\u200eفي\tO\r\n\r\n", [][]string{{"دمشق", "في"}}, [][]string{{"B-Nation", "O"}}},
		{"token only, many blanks, no final newline", "\n\na\n \n\nb", [][]string{{"a"}, {"b"}}, [][]string{{""}, {""}}},
		{"extra columns", "a x y B-LOC\n", [][]string{{"a"}}, [][]string{{"B-LOC"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents, err := ReadCoNLLAll(context.Background(), strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var toks, tags [][]string
			for _, s := range sents {
				toks = append(toks, s.Tokens)
				tags = append(tags, s.Tags)
			}
			if !reflect.DeepEqual(toks, tt.tokens) || !reflect.DeepEqual(tags, tt.tags) {
				t.Errorf("got %q %q, want %q %q", toks, tags, tt.tokens, tt.tags)
			}
		})
	}
}

func TestWriteCoNLLRoundTrip(t *testing.T) {
	in := "a O\nb B-PERS\n\nc O\n\n"
	sents, err := ReadCoNLLAll(context.Background(), strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCoNLL(&buf, sents); err != nil {
		t.Fatal(err)
	}
	if buf.String() != in {
		t.Errorf("round trip = %q, want %q", buf.String(), in)
	}
}

// FuzzReadCoNLL checks that reading never panics and that every non-blank
// line ends up, unchanged, in exactly one sentence, in order.
func FuzzReadCoNLL(f *testing.F) {
	f.Add("a O\nb B-PERS\n\nc O\n")
	f.Add("\ufeff\u200eدمشق\tB-Nation\r\n\r\n\u200e\tO\n")
	f.Add("\n\n \t\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadCoNLLAll(context.Background(), strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range sents {
			if len(s.Lines) == 0 || len(s.Lines) != len(s.Tokens) || len(s.Tags) != len(s.Tokens) {
				t.Fatalf("malformed sentence %+v", s)
			}
			got = append(got, s.Lines...)
		}
		var want []string
		for i, line := range strings.Split(in, "\n") {
			line = strings.TrimSuffix(line, "\r")
			if i == 0 {
				line = strings.TrimPrefix(line, "\ufeff")
			}
			fields := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\v' || r == '\f' })
			if len(fields) == 0 || isBlankLine(fields) {
				continue
			}
			want = append(want, line)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("lines not preserved:\n got %q\nwant %q", got, want)
		}
	})
}
