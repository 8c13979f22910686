package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strings"
)

// z95 is the standard normal quantile of a two-sided 95% interval.
const z95 = 1.959963984540054

// Wilson returns the Wilson score interval of k successes in n trials at
// the normal quantile z (z95 for 95%); for n = 0 it returns (0, 1).
func Wilson(k, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	p := float64(k) / float64(n)
	nn := float64(n)
	z2 := z * z
	centre := (p + z2/(2*nn)) / (1 + z2/nn)
	half := z * math.Sqrt(p*(1-p)/nn+z2/(4*nn*nn)) / (1 + z2/nn)
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// Proportion is k of n with its Wilson 95% interval.
type Proportion struct {
	K, N   int
	P      float64
	Lo, Hi float64
}

func proportion(k, n int) Proportion {
	lo, hi := Wilson(k, n, z95)
	p := 0.0
	if n > 0 {
		p = float64(k) / float64(n)
	}
	return Proportion{K: k, N: n, P: p, Lo: lo, Hi: hi}
}

func (p Proportion) String() string {
	return fmt.Sprintf("%d/%d = %.3f (95%% CI %.3f–%.3f)", p.K, p.N, p.P, p.Lo, p.Hi)
}

// Precision is the event audit: verdicts over the judged events.
type Precision struct {
	Right     Proportion     // right / judged
	Strict    Proportion     // right with the actors' words, roles and exact code / judged
	Verdicts  map[string]int // verdict → events
	Kinds     map[string]int // "verdict: kind" → events, for the wrong ones
	Families  map[string]int // the kind's family (its words before ":") → wrong events
	Loose     map[string]int // kind → right events that are not strict (what was wrong besides the scored triple)
	Unjudged  int
	Judged    int
	Unknown   []int // sample numbers with a verdict that is none of the four
	ByRoot    map[string][2]int
	AllRight  Proportion // if every unjudged event were right (recode: the upper bound)
	NoneRight Proportion // if none were
}

// ScorePrecision computes the event audit of a judged sample.
func ScorePrecision(items []EventItem) Precision {
	p := Precision{Verdicts: map[string]int{}, Kinds: map[string]int{}, Families: map[string]int{}, Loose: map[string]int{}, ByRoot: map[string][2]int{}}
	right, strict := 0, 0
	for _, it := range items {
		v := it.Judgement.Verdict
		switch v {
		case Unjudged:
			p.Unjudged++
			continue
		case Right, WrongActor, WrongCode, NoEvent:
		default:
			p.Unknown = append(p.Unknown, it.N)
			continue
		}
		p.Judged++
		p.Verdicts[v]++
		r := p.ByRoot[it.Root]
		r[1]++
		if v == Right {
			right++
			r[0]++
			if it.Judgement.Strict {
				strict++
			} else {
				p.Loose[orNoKind(it.Judgement.Kind)]++
			}
		} else {
			k := orNoKind(it.Judgement.Kind)
			p.Kinds[v+" — "+k]++
			p.Families[Family(k)]++
		}
		p.ByRoot[it.Root] = r
	}
	p.Right = proportion(right, p.Judged)
	p.Strict = proportion(strict, p.Judged)
	p.AllRight = proportion(right+p.Unjudged, p.Judged+p.Unjudged)
	p.NoneRight = proportion(right, p.Judged+p.Unjudged)
	return p
}

// Recall is the sentence audit: core gold events found over all of them.
type Recall struct {
	Found      Proportion
	Sentences  int            // judged sentences
	WithEvents int            // judged sentences that report at least one core event
	Missed     map[string]int // kind → missed core events
	Families   map[string]int // the kind's family → missed core events
	ByRoot     map[string][2]int
	NonCore    int // events listed as not core (not counted)
	Unjudged   int // sentences not judged yet
}

// ScoreRecall computes the sentence audit; it first marks which gold
// events Marsad found (SentenceItem.markFound).
func ScoreRecall(items []SentenceItem) Recall {
	r := Recall{Missed: map[string]int{}, Families: map[string]int{}, ByRoot: map[string][2]int{}}
	found, gold := 0, 0
	for i := range items {
		it := &items[i]
		if !it.Judged {
			r.Unjudged++
			continue
		}
		r.Sentences++
		it.markFound()
		any := false
		for _, g := range it.Gold {
			if !g.Core {
				r.NonCore++
				continue
			}
			any = true
			gold++
			br := r.ByRoot[g.root()]
			br[1]++
			if g.Found {
				found++
				br[0]++
			} else {
				k := orNoKind(g.Kind)
				r.Missed[k]++
				r.Families[Family(k)]++
			}
			r.ByRoot[g.root()] = br
		}
		if any {
			r.WithEvents++
		}
	}
	r.Found = proportion(found, gold)
	return r
}

// Family is the family of an error kind: its words before the first ":"
// ("actor: adjective as actor" → "actor"), or the kind itself.
func Family(kind string) string {
	if i := strings.Index(kind, ":"); i > 0 {
		return strings.TrimSpace(kind[:i])
	}
	return kind
}

func orNoKind(k string) string {
	if k == "" {
		return "(no kind)"
	}
	return k
}

func runReport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "testdata/audit", "directory with events.jsonl and sentences.jsonl")
	write := fs.Bool("w", false, "write the found column of sentences.jsonl back (from its marsad column)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	evs, err := readJSONL[EventItem](filepath.Join(*dir, fileEvents))
	if err != nil {
		return err
	}
	ss, err := readJSONL[SentenceItem](filepath.Join(*dir, fileSents))
	if err != nil {
		return err
	}
	p := ScorePrecision(evs)
	r := ScoreRecall(ss)
	writeReport(stdout, p, r)
	if *write {
		return writeJSONL(filepath.Join(*dir, fileSents), ss)
	}
	return nil
}

// writeReport prints both audits.
func writeReport(w io.Writer, p Precision, r Recall) {
	fmt.Fprintf(w, "precision (right / judged events): %s\n", p.Right)
	fmt.Fprintf(w, "  strict (actors' words and roles, exact code too): %s\n", p.Strict)
	if p.Unjudged > 0 {
		fmt.Fprintf(w, "  unjudged: %d — precision between %.3f (none right) and %.3f (all right)\n", p.Unjudged, p.NoneRight.P, p.AllRight.P)
	}
	if len(p.Unknown) > 0 {
		fmt.Fprintf(w, "  unknown verdicts (not counted) at n = %v\n", p.Unknown)
	}
	for _, v := range []string{Right, WrongActor, WrongCode, NoEvent} {
		fmt.Fprintf(w, "  %-12s %4d  %5.1f%%\n", v, p.Verdicts[v], pct(p.Verdicts[v], p.Judged))
	}
	fmt.Fprintln(w, "  errors by family of kind (share of judged events):")
	for _, kv := range sortedCounts(p.Families) {
		fmt.Fprintf(w, "    %4d  %5.1f%%  %s\n", kv.n, pct(kv.n, p.Judged), kv.k)
	}
	fmt.Fprintln(w, "  errors by verdict — kind:")
	for _, kv := range sortedCounts(p.Kinds) {
		fmt.Fprintf(w, "    %4d  %5.1f%%  %s\n", kv.n, pct(kv.n, p.Judged), kv.k)
	}
	fmt.Fprintln(w, "  right but not strict, by kind (the scored triple right, the words or roles wrong):")
	for _, kv := range sortedCounts(p.Loose) {
		fmt.Fprintf(w, "    %4d  %s\n", kv.n, kv.k)
	}
	fmt.Fprintln(w, "  by CAMEO root (right/judged):")
	fmt.Fprintf(w, "    %s\n", rootLine(p.ByRoot))
	fmt.Fprintf(w, "recall (core events found / core events in the judged sentences): %s\n", r.Found)
	fmt.Fprintf(w, "  sentences judged %d (%d report a core event), unjudged %d; events not core (not counted) %d\n",
		r.Sentences, r.WithEvents, r.Unjudged, r.NonCore)
	fmt.Fprintln(w, "  misses by family of kind (share of core events):")
	for _, kv := range sortedCounts(r.Families) {
		fmt.Fprintf(w, "    %4d  %5.1f%%  %s\n", kv.n, pct(kv.n, r.Found.N), kv.k)
	}
	fmt.Fprintln(w, "  misses by kind:")
	for _, kv := range sortedCounts(r.Missed) {
		fmt.Fprintf(w, "    %4d  %5.1f%%  %s\n", kv.n, pct(kv.n, r.Found.N), kv.k)
	}
	fmt.Fprintln(w, "  by CAMEO root (found/gold):")
	fmt.Fprintf(w, "    %s\n", rootLine(r.ByRoot))
}

func pct(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return 100 * float64(k) / float64(n)
}

type kv struct {
	k string
	n int
}

// sortedCounts orders counts by size, then name.
func sortedCounts(m map[string]int) []kv {
	out := make([]kv, 0, len(m))
	for k, n := range m {
		out = append(out, kv{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].k < out[j].k
	})
	return out
}

func rootLine(m map[string][2]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d/%d", k, m[k][0], m[k][1]))
	}
	return strings.Join(parts, ", ")
}
