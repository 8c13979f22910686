package arabic

import (
	"strings"
	"testing"
)

// FuzzSentences checks that the sentences of any text partition its
// tokens: contiguous, in order, none empty, every token in one; no
// sentence goes on across a line break; and normalising the normalised
// text of every token changes nothing.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"زار الرئيس دمشق. وقال: «نعم.» ثم غادر!\nعنوان\n1/ نقطة؟ أخرى…",
		"...!!؟؟", "\n\n\n", "a.b", "«نعم.»)", "\xd8.\n\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(nil, s)
		next := 0
		for _, sp := range Sentences(s, toks) {
			if sp.Start != next || sp.End <= sp.Start || sp.End > len(toks) {
				t.Fatalf("sentence %+v after token %d of %d", sp, next, len(toks))
			}
			for i := sp.Start + 1; i < sp.End; i++ {
				if strings.ContainsAny(s[toks[i-1].End:toks[i].Start], "\n") {
					t.Fatalf("sentence %+v goes on across a line break", sp)
				}
			}
			next = sp.End
		}
		if next != len(toks) {
			t.Fatalf("sentences end at token %d of %d", next, len(toks))
		}
		for _, tk := range toks {
			if n := NormalizeString(tk.Norm); n != tk.Norm && isValidUTF8(tk.Text) {
				t.Fatalf("token %q: norm %q normalises again to %q", tk.Text, tk.Norm, n)
			}
		}
	})
}

func isValidUTF8(s string) bool {
	return !strings.ContainsRune(s, '\uFFFD') && strings.ToValidUTF8(s, "\uFFFD") == s
}
