// Package eval scores coded events against gold data: event triples
// (source country, target country, CAMEO root) per article, and sentence
// labels for the GSR assault and protest sets.
package eval

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// GoldEvent is one event of a gold file (see ../shared/eval/FORMAT.md).
type GoldEvent struct {
	Source     string `json:"source"`
	SourceRole string `json:"source_role"`
	SourceText string `json:"source_text"`
	Target     string `json:"target"`
	TargetRole string `json:"target_role"`
	TargetText string `json:"target_text"`
	Root       string `json:"root"`
	CAMEO      string `json:"cameo"`
	Symmetric  bool   `json:"symmetric"`
	Core       bool   `json:"core"`
	Evidence   string `json:"evidence"`
}

// GoldArticle is one line of a gold events file.
type GoldArticle struct {
	ID        string      `json:"id"`
	Published string      `json:"published"`
	Title     string      `json:"title"`
	Outlet    string      `json:"outlet"` // the outlet, as a real JSON Lines input gives it
	Text      string      `json:"text"`
	Events    []GoldEvent `json:"events"`
}

// ReadGold reads a gold events file (JSON Lines).
func ReadGold(r io.Reader) ([]GoldArticle, error) {
	var out []GoldArticle
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var a GoldArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Triple is what the event score compares.
type Triple struct {
	Source, Target, Root string
}

func (t Triple) String() string { return t.Source + "→" + t.Target + " " + t.Root }

// NoTarget is the target country of an event without a target.
const NoTarget = "---"

// Counts accumulates precision and recall counts.
type Counts struct {
	TP, FP, FN int // for events, TP counts matched predictions; Matched counts recovered gold
	Matched    int // gold triples recovered (recall numerator)
	Gold       int // gold triples (recall denominator)
	Predicted  int // scored predictions (precision denominator)
}

// P returns precision.
func (c Counts) P() float64 { return ratio(c.TP, c.Predicted) }

// R returns recall.
func (c Counts) R() float64 { return ratio(c.Matched, c.Gold) }

// F1 returns the harmonic mean of P and R.
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ArticleResult is the comparison for one article.
type ArticleResult struct {
	ID          string
	Missed      []Triple // core gold triples not predicted
	FalseAlarms []Triple // predicted triples matching no gold triple
	Correct     []Triple
	Counts      Counts
}

// ScoreArticle compares predicted triples with an article's gold events.
// Triples are made unique; a prediction equal to a non-core gold triple
// (in either direction when that gold event is symmetric) is ignored; a
// symmetric core gold event is matched in either direction.
func ScoreArticle(gold []GoldEvent, predicted []Triple) ArticleResult {
	core := map[Triple]bool{}    // core gold triples
	symCore := map[Triple]bool{} // reversed symmetric core triples → original
	ignored := map[Triple]bool{} // non-core triples, either direction if symmetric
	for _, g := range gold {
		t := Triple{norm(g.Source), norm(g.Target), g.Root}
		rev := Triple{t.Target, t.Source, t.Root}
		if g.Core {
			core[t] = true
			if g.Symmetric {
				symCore[rev] = true
			}
		} else {
			ignored[t] = true
			if g.Symmetric {
				ignored[rev] = true
			}
		}
	}
	pred := map[Triple]bool{}
	for _, p := range predicted {
		pred[Triple{norm(p.Source), norm(p.Target), p.Root}] = true
	}
	var res ArticleResult
	for t := range core {
		rev := Triple{t.Target, t.Source, t.Root}
		if pred[t] || symCore[rev] && pred[rev] {
			res.Counts.Matched++
		} else {
			res.Missed = append(res.Missed, t)
		}
	}
	res.Counts.Gold = len(core)
	for p := range pred {
		switch {
		case core[p] || symCore[p]:
			res.Counts.TP++
			res.Counts.Predicted++
			res.Correct = append(res.Correct, p)
		case ignored[p]:
		default:
			res.Counts.FP++
			res.Counts.Predicted++
			res.FalseAlarms = append(res.FalseAlarms, p)
		}
	}
	res.Counts.FN = res.Counts.Gold - res.Counts.Matched
	sortTriples(res.Missed)
	sortTriples(res.FalseAlarms)
	sortTriples(res.Correct)
	return res
}

func norm(c string) string {
	c = strings.TrimSpace(c)
	if c == "" {
		return NoTarget
	}
	return c
}

func sortTriples(ts []Triple) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].String() < ts[j].String() })
}

// Add sums counts.
func (c *Counts) Add(o Counts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
	c.Matched += o.Matched
	c.Gold += o.Gold
	c.Predicted += o.Predicted
}

// GSRSentence is one row of a GSR file.
type GSRSentence struct {
	ID, EventType, Label, Text string
}

// ReadGSR reads a GSR CSV file (id,event_type,label,accept,reject,total,text).
func ReadGSR(r io.Reader) ([]GSRSentence, error) {
	br := bufio.NewReader(r)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		if _, err := br.Discard(3); err != nil {
			return nil, err
		}
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"id", "label", "text"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("no %q column in header %v", need, head)
		}
	}
	var out []GSRSentence
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		out = append(out, GSRSentence{ID: get("id"), EventType: get("event_type"), Label: get("label"), Text: get("text")})
	}
	return out, nil
}

// GSRRoots returns the CAMEO roots that make a sentence positive for an
// event type: ASSAULT 18-20, PROTEST 14.
func GSRRoots(eventType string) (map[string]bool, error) {
	switch strings.ToUpper(eventType) {
	case "ASSAULT":
		return map[string]bool{"18": true, "19": true, "20": true}, nil
	case "PROTEST":
		return map[string]bool{"14": true}, nil
	}
	return nil, fmt.Errorf("unknown GSR event type %q: want ASSAULT or PROTEST", eventType)
}

// ScoreGSR adds one sentence's outcome to c: gold is "yes" (positive),
// "easy no"/"difficult no" (negative); "ambiguous" is not scored and
// reports false.
func ScoreGSR(c *Counts, label string, predicted bool) (scored bool) {
	switch strings.TrimSpace(label) {
	case "yes":
		c.Gold++
		if predicted {
			c.Matched++
			c.TP++
			c.Predicted++
		} else {
			c.FN++
		}
	case "easy no", "difficult no", "no":
		if predicted {
			c.FP++
			c.Predicted++
		}
	default:
		return false
	}
	return true
}
