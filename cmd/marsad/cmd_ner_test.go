package main

import (
	"regexp"
	"strings"
	"testing"
)

// twoSentences is CoNLL input: extra columns on the first sentence, a bare
// token per line on the second, a blank line between them.
const twoSentences = "التقى\tX\tY\nالرئيس\tX\tY\nالمصري\tX\tY\nعبد\tX\tY\nالفتاح\tX\tY\nالسيسي\tX\tY\nفي\tX\tY\nالقاهرة\tX\tY\n" +
	"\n" +
	"وقالت\nوزارة\nالخارجية\nالسورية\nإن\nالوزير\nوصل\nإلى\nدمشق\n.\n"

var tagRE = regexp.MustCompile(`^(O|[BI]-(PERS|LOC|ORG|MISC))$`)

func TestNERCoNLL(t *testing.T) {
	file := writeFile(t, t.TempDir(), "in.conll", []byte(twoSentences))
	runs := map[string][]string{
		"no FILE": {"ner", "--format", "conll"},
		"-":       {"ner", "--format", "conll", "-"},
		"default": {"ner"},
		"FILE":    {"ner", "--format", "conll", file},
	}
	outs := map[string]string{}
	for name, args := range runs {
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, twoSentences, args...)
			if r.err != nil {
				t.Fatalf("%v\n%s", r.err, r.stderr)
			}
			outs[name] = r.stdout
			checkCoNLL(t, twoSentences, r.stdout)
		})
	}
	for name, out := range outs {
		if out != outs["no FILE"] {
			t.Errorf("output for %s differs from the output with no FILE", name)
		}
	}

	t.Run("missing FILE", func(t *testing.T) {
		r := runCLI(t, "", "ner", "--format", "conll", file+".missing")
		if r.err == nil || !strings.Contains(r.err.Error(), "missing") {
			t.Errorf("error %v should name the missing file", r.err)
		}
	})
}

// checkCoNLL checks that out is in with a BIO tag appended to every token
// line, blank lines kept where they were.
func checkCoNLL(t *testing.T, in, out string) {
	t.Helper()
	inLines := strings.Split(strings.TrimRight(in, "\n"), "\n")
	outLines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(outLines) != len(inLines) {
		t.Fatalf("%d output lines, want %d:\n%s", len(outLines), len(inLines), out)
	}
	entities := 0
	for i, il := range inLines {
		ol := outLines[i]
		if strings.TrimSpace(il) == "" {
			if strings.TrimSpace(ol) != "" {
				t.Errorf("line %d: sentence break lost, got %q", i+1, ol)
			}
			continue
		}
		inCols := strings.Fields(il)
		outCols := strings.Fields(ol)
		if len(outCols) != len(inCols)+1 {
			t.Errorf("line %d: %q → %q, want one more column", i+1, il, ol)
			continue
		}
		for j := range inCols {
			if outCols[j] != inCols[j] {
				t.Errorf("line %d: column %d changed: %q → %q", i+1, j+1, inCols[j], outCols[j])
			}
		}
		tag := outCols[len(outCols)-1]
		if !tagRE.MatchString(tag) {
			t.Errorf("line %d: last column %q is not a BIO tag", i+1, tag)
		}
		if strings.HasPrefix(tag, "B-") {
			entities++
		}
	}
	if entities == 0 {
		t.Errorf("no entity found in:\n%s", out)
	}
}
