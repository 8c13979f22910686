package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

// Verdicts of a judged event (Judgement.Verdict); "" is unjudged.
const (
	Right       = "right"        // the guidelines record this event: source country, target country and CAMEO root
	WrongActor  = "wrong actor"  // the act is there with this root, but the source or target country is wrong (or reversed)
	WrongCode   = "wrong code"   // the actors act on each other here, but the root is wrong
	NoEvent     = "no event"     // the sentence reports no core event of this kind between any actors
	Unjudged    = ""             // a new event that no person has judged yet
	fileEvents  = "events.jsonl" // the event sample (precision)
	fileSents   = "sentences.jsonl"
	fileSample  = "sample.json"
	minConfEval = 0.5 // what `marsad eval events` scores: confidence ≥ 0.5 …
)

// skipModality are the modalities `marsad eval events` does not score.
var skipModality = []string{"negated", "hypothetical", "intended", "background"}

// Actor is an actor of a coded event, as `marsad code` writes it.
type Actor struct {
	Text    string `json:"text"`
	Code    string `json:"code"`
	Country string `json:"country"`
	Role    string `json:"role"`
	Start   int    `json:"start,omitempty"` // byte offsets into the article text
	End     int    `json:"end,omitempty"`
}

// Span is a piece of the article text with its byte offsets.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Event is one event of `marsad code` output (the fields the audit reads).
type Event struct {
	Source     Actor    `json:"source"`
	Target     *Actor   `json:"target"`
	CAMEO      string   `json:"cameo"`
	Root       string   `json:"root"`
	Modality   []string `json:"modality"`
	Trigger    Span     `json:"trigger"`
	Evidence   Span     `json:"evidence"`
	Confidence float64  `json:"confidence"`
	Rule       string   `json:"rule"`
}

// Coded is one line of `marsad code` output.
type Coded struct {
	ID     string  `json:"id"`
	Text   string  `json:"text"`
	Events []Event `json:"events"`
}

// counted reports whether `marsad eval events` would score e: confidence
// at least 0.5 and none of the skipped modalities.
func counted(e *Event) bool {
	if e.Confidence < minConfEval {
		return false
	}
	for _, m := range e.Modality {
		if slices.Contains(skipModality, m) {
			return false
		}
	}
	return true
}

// targetCountry is the scored target country of e ("---" when it has none).
func targetCountry(e *Event) string {
	if e.Target == nil || e.Target.Country == "" {
		return "---"
	}
	return e.Target.Country
}

// Judgement is what a person decided about a sampled event.
type Judgement struct {
	Verdict string `json:"verdict"`          // Right, WrongActor, WrongCode, NoEvent, or "" (unjudged)
	Strict  bool   `json:"strict,omitempty"` // for Right: the actors' words, roles and the exact CAMEO code are right too
	Kind    string `json:"kind,omitempty"`   // the error pattern, a short tag (see the README), for the breakdown
	Reason  string `json:"reason"`           // why, in English
}

// EventItem is one line of events.jsonl: a sampled event and its judgement.
type EventItem struct {
	N          int       `json:"n"`        // 1-based position in the sample
	ID         string    `json:"id"`       // article id
	Sentence   string    `json:"sentence"` // the sentence the trigger is in (the event's evidence)
	Source     Actor     `json:"source"`
	Target     *Actor    `json:"target"`
	CAMEO      string    `json:"cameo"`
	Root       string    `json:"root"`
	Trigger    string    `json:"trigger"`
	Evidence   string    `json:"evidence"`
	Modality   []string  `json:"modality"`
	Confidence float64   `json:"confidence"`
	Rule       string    `json:"rule"`
	Judgement  Judgement `json:"judgement"`
}

// key is what a re-coded event must share with a judged one to keep its
// judgement: the article, the sentence, both actors' country and role, and
// the CAMEO code.
func (it *EventItem) key() string {
	t := "---"
	if it.Target != nil {
		t = it.Target.Country + "/" + it.Target.Role
	}
	return strings.Join([]string{it.ID, normSpace(it.Sentence), it.Source.Country + "/" + it.Source.Role, t, it.CAMEO}, "\x1f")
}

// SentActor is an actor Marsad resolved in a sampled sentence.
type SentActor struct {
	Text string `json:"text"`
	Code string `json:"code"`
}

// Found is an event Marsad coded (and the evaluator counts) in a sampled sentence.
type Found struct {
	Source  string `json:"source"` // actor codes, e.g. TUNGOV
	Target  string `json:"target"` // "---" when none
	CAMEO   string `json:"cameo"`
	Trigger string `json:"trigger"`
}

// GoldEvent is an event the guidelines say a sampled sentence reports.
type GoldEvent struct {
	Source     string `json:"source"` // country (ISO3, IGO, IMG, NGO, UNK)
	SourceRole string `json:"source_role"`
	SourceText string `json:"source_text"`
	Target     string `json:"target"` // "---" when none
	TargetRole string `json:"target_role"`
	TargetText string `json:"target_text"`
	CAMEO      string `json:"cameo"`
	Symmetric  bool   `json:"symmetric"`
	Core       bool   `json:"core"`           // false: not scored (generic, planned, negated, background)
	Found      bool   `json:"found"`          // Marsad coded it (same source and target country and root), set by the tool
	Kind       string `json:"kind,omitempty"` // why it was missed, a short tag
	Note       string `json:"note,omitempty"`
}

// root is the CAMEO root of the gold event's code.
func (g *GoldEvent) root() string {
	if len(g.CAMEO) < 2 {
		return g.CAMEO
	}
	return g.CAMEO[:2]
}

// SentenceItem is one line of sentences.jsonl.
type SentenceItem struct {
	N        int         `json:"n"`
	ID       string      `json:"id"`
	Sentence string      `json:"sentence"`
	Actors   []SentActor `json:"actors"` // Marsad's actors in it, why it was drawn
	Marsad   []Found     `json:"marsad"` // Marsad's counted events in it
	Judged   bool        `json:"judged"` // a person has listed its events (Gold may be empty)
	Gold     []GoldEvent `json:"gold"`
	Note     string      `json:"note,omitempty"`
}

// markFound sets Found on every gold event of it from its Marsad events,
// as the scorer matches triples: same source country, target country and
// root, either direction when the gold event is symmetric.
func (it *SentenceItem) markFound() {
	type triple struct{ s, t, r string }
	got := map[triple]bool{}
	for _, f := range it.Marsad {
		got[triple{country(f.Source), country(f.Target), root(f.CAMEO)}] = true
	}
	for i := range it.Gold {
		g := &it.Gold[i]
		t := triple{g.Source, orNone(g.Target), g.root()}
		g.Found = got[t] || g.Symmetric && got[triple{t.t, t.s, t.r}]
	}
}

// country is the country part of an actor code: the first three letters.
func country(code string) string {
	if code == "" || code == "---" {
		return "---"
	}
	if len(code) < 3 {
		return code
	}
	return code[:3]
}

func root(cameo string) string {
	if len(cameo) < 2 {
		return cameo
	}
	return cameo[:2]
}

func orNone(s string) string {
	if s == "" {
		return "---"
	}
	return s
}

// normSpace collapses white space, for comparing sentences.
func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// readJSONL decodes every non-blank line of path into a T.
func readJSONL[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// writeJSONL writes one JSON object a line, Arabic unescaped.
func writeJSONL[T any](path string, items []T) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range items {
		if err := enc.Encode(&items[i]); err != nil {
			return err
		}
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
