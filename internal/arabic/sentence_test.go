package arabic

import (
	"strings"
	"testing"
)

// TestSentencesLongRun checks that a text with no full stop is cut into
// sentences of at most MaxSentence tokens, after a punctuation mark where
// there is one, and that every token is in exactly one sentence.
func TestSentencesLongRun(t *testing.T) {
	for _, tc := range []struct {
		name, unit   string
		wantPunctEnd bool
	}{
		{"commas", "زار الرئيس دمشق، ", true},
		{"no punctuation", "زار الرئيس دمشق ", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Repeat(tc.unit, 2000)
			toks := Tokenize(nil, text)
			ss := Sentences(text, toks)
			if len(ss) < 2 {
				t.Fatalf("%d tokens made %d sentence(s), want them cut", len(toks), len(ss))
			}
			next := 0
			for _, s := range ss {
				if s.Start != next {
					t.Fatalf("sentence %v starts at %d, want %d", s, s.Start, next)
				}
				if n := s.End - s.Start; n > MaxSentence {
					t.Errorf("sentence %v has %d tokens, more than %d", s, n, MaxSentence)
				}
				if s.End < len(toks) && tc.wantPunctEnd && toks[s.End-1].Kind != Punct {
					t.Errorf("sentence %v ends on %q, want a punctuation mark", s, toks[s.End-1].Text)
				}
				next = s.End
			}
			if next != len(toks) {
				t.Errorf("sentences end at %d of %d tokens", next, len(toks))
			}
		})
	}
}

// TestSentencesShortUnchanged checks that ordinary sentences are not cut.
func TestSentencesShortUnchanged(t *testing.T) {
	text := "زار الرئيس دمشق. والتقى نظيره، ثم عاد.\nعنوان"
	ss := Sentences(text, Tokenize(nil, text))
	if len(ss) != 3 {
		t.Fatalf("got %d sentences %v, want 3", len(ss), ss)
	}
}
