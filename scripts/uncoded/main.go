// Command uncoded counts, over a JSON Lines corpus, why the triggers the
// coder takes make no scored event: the no.* rule that stopped each one,
// and for coded events below the scoring confidence, what they lack. It is
// a tool for growing the coder from the unlabelled corpus (issue 10), not
// from the misses of an evaluation set.
//
//	go run ./scripts/uncoded [-n 3000] [-examples RULE] ../shared/data/corpus/ant.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
)

func main() {
	n := flag.Int("n", 0, "read at most this many articles (0: all)")
	examples := flag.String("examples", "", "print the triggers stopped by this rule id, with their sentences")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: uncoded [-n N] [-examples RULE] CORPUS.jsonl")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *n, *examples); err != nil {
		fmt.Fprintln(os.Stderr, "uncoded:", err)
		os.Exit(1)
	}
}

var ruleID = regexp.MustCompile(`\[(no\.[a-z-]+)`)

func run(path string, limit int, examples string) error {
	lex, err := pipeline.DefaultLexicon()
	if err != nil {
		return err
	}
	p := pipeline.New(lex)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	reasons := map[string]int{}
	low := map[string]int{}
	arts, events, scored := 0, 0, 0
	for sc.Scan() && (limit == 0 || arts < limit) {
		var a struct{ ID, Title, Text, Outlet, Published string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return fmt.Errorf("%s: line %d: %w", path, arts+1, err)
		}
		arts++
		text := a.Text
		if a.Title != "" {
			text = a.Title + "\n\n" + a.Text
		}
		ex := p.Explanation(&extract.Article{ID: a.ID, Title: a.Title, Text: text, Outlet: a.Outlet, Published: a.Published})
		for _, t := range ex.Triggers {
			m := ruleID.FindStringSubmatch(t.Uncoded)
			if m == nil {
				continue
			}
			reasons[m[1]]++
			if m[1] == examples {
				fmt.Printf("%s\t«%s»\t%s\n", m[1], t.Text, sentenceOf(ex, t.Start))
			}
		}
		for _, e := range ex.Events {
			events++
			if e.Confidence >= 0.5 {
				scored++
				continue
			}
			switch {
			case e.Source.Text == "" && e.Source.Country == "UNK":
				low["source unknown"]++
			case e.Target == nil:
				low["no target"]++
			default:
				low["other"]++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	fmt.Printf("articles %d, events %d, scored (confidence ≥ 0.5) %d\n", arts, events, scored)
	printCounts("triggers taken that code no event, by rule", reasons)
	printCounts("events below the scoring confidence", low)
	return nil
}

func sentenceOf(ex *pipeline.Explanation, tok int) string {
	for _, s := range ex.Sentences {
		if tok >= s.Start && tok < s.End {
			return s.Text
		}
	}
	return ""
}

func printCounts(title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
	fmt.Println(title + ":")
	for _, k := range keys {
		fmt.Printf("  %6d  %s\n", m[k], k)
	}
}
