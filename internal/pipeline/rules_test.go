package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/marsad/marsad/internal/extract"
)

// Golden rule tests: testdata/rules/<rule-id>.txt at the repository root
// holds the cases of one rule of the coder (internal/code: sourceRules,
// targetRules and the rule variables of target.go, the «no event» rules of
// rule.go). A file is a list of blocks separated by blank lines:
//
//	# a comment, kept as it is by -update
//	+ a sentence where the rule must fire
//	event SRC CAMEO TGT [src.svo tgt.prep]
//	uncoded TRIGGER [no.target]
//
// «+» marks a positive case, «-» a negative one (a minimally different
// sentence where the rule must not fire). The lines after the sentence are
// what the coder makes of it, one per event (source code, CAMEO code,
// target code or «---», the rule ids of its «rule») and one per trigger
// taken that codes no event (its text and the id of the reason), or «none»;
// `go test ./internal/pipeline -run TestRules -update` writes them.
// Whatever the golden lines say, a positive case must show the file's rule
// id and a negative case must not, so a file cannot hold a case that does
// not exercise its rule.
//
// A rule that decides that nobody is the source (src.passive,
// src.quoted-none, …) leaves no id in what the coder reports: the event's
// rule says «source: none», the reason of an uncoded trigger is the «no.*»
// rule after it. Its file says so in a header line «# unobservable: why»;
// its golden lines still pin what the coder does, and a positive case that
// starts showing the id fails, so the line is dropped once the coder names
// the rule.

// rulesDir is where the golden rule files live, from this package's directory.
var rulesDir = filepath.Join("..", "..", "testdata", "rules")

// rulesDate is the article date of every case: actor codes valid then apply.
const rulesDate = "2017-01-15"

// ruleIDRe finds the ids in an event's rule or an uncoded trigger's reason.
var ruleIDRe = regexp.MustCompile(`\[([a-z]+\.[a-z0-9.-]+)\]`)

// ruleCase is one block of a rule file.
type ruleCase struct {
	comments []string // the «#» lines before the sentence
	positive bool
	sentence string
	want     []string // the expected lines
	line     int      // the line of the sentence in the file
}

// ruleFile is a parsed rule file: its cases, and the comment lines that
// are not part of a case (a header).
type ruleFile struct {
	header       []string
	cases        []ruleCase
	unobservable string // why the rule's id cannot show in the output, from a «# unobservable:» header line
}

func parseRuleFile(path string) (*ruleFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := &ruleFile{}
	var comments []string
	var cur *ruleCase
	flush := func() {
		if cur != nil {
			f.cases = append(f.cases, *cur)
			cur = nil
		}
	}
	for i, line := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		line = strings.TrimRight(line, " \t")
		switch {
		case line == "":
			flush()
			if len(comments) > 0 && len(f.cases) == 0 {
				f.header, comments = append(f.header, comments...), nil
			}
		case strings.HasPrefix(line, "#"):
			if cur != nil {
				return nil, fmt.Errorf("%s:%d: a comment inside a case (put it before the sentence)", path, i+1)
			}
			comments = append(comments, line)
		case cur == nil:
			if !strings.HasPrefix(line, "+ ") && !strings.HasPrefix(line, "- ") {
				return nil, fmt.Errorf("%s:%d: a case starts with «+ » or «- » and a sentence, got %q", path, i+1, line)
			}
			cur = &ruleCase{comments: comments, positive: line[0] == '+', sentence: strings.TrimSpace(line[2:]), line: i + 1}
			comments = nil
		default:
			cur.want = append(cur.want, line)
		}
	}
	flush()
	if len(comments) > 0 {
		f.header = append(f.header, comments...)
	}
	for _, h := range f.header {
		if why, ok := strings.CutPrefix(h, "# unobservable:"); ok {
			f.unobservable = strings.TrimSpace(why)
		}
	}
	return f, nil
}

func (f *ruleFile) format() string {
	var b strings.Builder
	for _, c := range f.header {
		b.WriteString(c + "\n")
	}
	for i, c := range f.cases {
		if i > 0 || len(f.header) > 0 {
			b.WriteString("\n")
		}
		for _, l := range c.comments {
			b.WriteString(l + "\n")
		}
		sign := "-"
		if c.positive {
			sign = "+"
		}
		b.WriteString(sign + " " + c.sentence + "\n")
		for _, l := range c.want {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// codeRuleCase codes one sentence as an article of rulesDate and renders
// its events and uncoded triggers as golden lines.
func codeRuleCase(p *Pipeline, sentence string) []string {
	art := &extract.Article{Text: sentence, Published: rulesDate, PublishedAt: extract.ParseDate(rulesDate)}
	ex := p.Explanation(art)
	var lines []string
	for _, e := range ex.Events {
		tgt := "---"
		if e.Target != nil {
			tgt = e.Target.Code
		}
		lines = append(lines, fmt.Sprintf("event %s %s %s [%s]", e.Source.Code, e.CAMEO, tgt, strings.Join(ruleIDs(e.Rule), " ")))
	}
	for _, t := range ex.Triggers {
		if t.Uncoded != "" {
			lines = append(lines, fmt.Sprintf("uncoded %s [%s]", t.Text, strings.Join(ruleIDs(t.Uncoded), " ")))
		}
	}
	if len(lines) == 0 {
		lines = []string{"none"}
	}
	return lines
}

func ruleIDs(s string) []string {
	var ids []string
	for _, m := range ruleIDRe.FindAllStringSubmatch(s, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// lineRuleIDs returns the rule ids of a rendered line, between its brackets.
func lineRuleIDs(l string) []string {
	i, j := strings.LastIndex(l, "["), strings.LastIndex(l, "]")
	if i < 0 || j < i {
		return nil
	}
	return strings.Fields(l[i+1 : j])
}

// linesHaveRule reports whether the rendered lines name rule id.
func linesHaveRule(lines []string, id string) bool {
	for _, l := range lines {
		for _, got := range lineRuleIDs(l) {
			if got == id {
				return true
			}
		}
	}
	return false
}

// codeRuleIDs reads the ids of the coder's rules out of its source:
// every «ID: "…"» in internal/code/*.go (not its tests).
func codeRuleIDs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "code", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\bID:\s*"([^"]+)"`)
	seen := map[string]bool{}
	var ids []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(data, -1) {
			if id := string(m[1]); !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		t.Fatal("no rule ids found in internal/code/*.go")
	}
	sort.Strings(ids)
	return ids
}

// TestRuleFiles checks that every rule of the coder has a golden file with
// a positive and a negative case, and that no file names a rule the coder
// does not have.
func TestRuleFiles(t *testing.T) {
	ids := codeRuleIDs(t)
	known := map[string]bool{}
	for _, id := range ids {
		known[id] = true
		f, err := parseRuleFile(filepath.Join(rulesDir, id+".txt"))
		if err != nil {
			t.Errorf("rule %s: %v", id, err)
			continue
		}
		var pos, neg int
		for _, c := range f.cases {
			if c.positive {
				pos++
			} else {
				neg++
			}
		}
		if pos == 0 || neg == 0 {
			t.Errorf("rule %s: %d positive and %d negative cases, want at least one of each", id, pos, neg)
		}
	}
	files, _ := filepath.Glob(filepath.Join(rulesDir, "*.txt"))
	for _, f := range files {
		if id := strings.TrimSuffix(filepath.Base(f), ".txt"); !known[id] {
			t.Errorf("%s: no rule %q in internal/code", f, id)
		}
	}
}

// TestRules codes every case of every rule file and compares the result
// with the golden lines; -update rewrites them.
func TestRules(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(rulesDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no rule files in %s", rulesDir)
	}
	known := map[string]bool{}
	for _, id := range codeRuleIDs(t) {
		known[id] = true
	}
	p := explainPipeline(t)
	for _, path := range files {
		id := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(id, func(t *testing.T) {
			f, err := parseRuleFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i := range f.cases {
				c := &f.cases[i]
				got := codeRuleCase(p, c.sentence)
				where := fmt.Sprintf("%s:%d «%s»", path, c.line, c.sentence)
				for _, l := range got {
					for _, rid := range lineRuleIDs(l) {
						if !known[rid] {
							t.Errorf("%s: the output names rule %q, which internal/code does not have: %s", where, rid, l)
						}
					}
				}
				if has := linesHaveRule(got, id); f.unobservable != "" {
					if has {
						t.Errorf("%s: %s now shows in the output; drop the «# unobservable» line of %s:\n  %s", where, id, path, strings.Join(got, "\n  "))
					}
				} else if c.positive && !has {
					t.Errorf("%s: a positive case, but %s does not fire:\n  %s", where, id, strings.Join(got, "\n  "))
				} else if !c.positive && has {
					t.Errorf("%s: a negative case, but %s fires:\n  %s", where, id, strings.Join(got, "\n  "))
				}
				if *update {
					c.want = got
					continue
				}
				for k := 0; k < len(got) || k < len(c.want); k++ {
					w, g := "(nothing)", "(nothing)"
					if k < len(c.want) {
						w = c.want[k]
					}
					if k < len(got) {
						g = got[k]
					}
					if w != g {
						t.Errorf("%s: golden line %d%s differs (run go test ./internal/pipeline -run TestRules -update after checking):\n  want %s\n  got  %s",
							where, k+1, lineField(w, g), w, g)
					}
				}
			}
			if *update {
				if err := os.WriteFile(path, []byte(f.format()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// lineField names the field in which two golden lines first differ.
func lineField(want, got string) string {
	names := []string{"kind", "source", "CAMEO", "target", "rules"}
	wf, gf := splitLine(want), splitLine(got)
	if len(wf) > 0 && len(gf) > 0 && wf[0] == "uncoded" && gf[0] == "uncoded" {
		names = []string{"kind", "trigger", "reason"}
	}
	for i := 0; i < len(wf) && i < len(gf) && i < len(names); i++ {
		if wf[i] != gf[i] {
			return " (" + names[i] + ")"
		}
	}
	return ""
}

// splitLine splits a golden line into its fields: the words before the
// bracketed ids, and the ids as one field.
func splitLine(l string) []string {
	ids := ""
	if i := strings.Index(l, " ["); i >= 0 {
		l, ids = l[:i], l[i+1:]
	}
	f := strings.Fields(l)
	if len(f) >= 2 && f[0] == "uncoded" {
		f = []string{"uncoded", strings.Join(f[1:], " ")} // a trigger may be several words
	}
	if ids != "" {
		f = append(f, ids)
	}
	return f
}
