package pipeline

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// Explanation is everything Marsad sees in a short text, stage by stage,
// for `marsad explain` and `marsad kb lookup`.
type Explanation struct {
	Text        string         `json:"text"`
	Published   string         `json:"published,omitempty"`
	MainCountry string         `json:"main_country,omitempty"` // the article's main country (for role-only actors)
	Tokens      []TokenInfo    `json:"tokens"`
	Sentences   []SentenceInfo `json:"sentences"`
	Mentions    []MentionInfo  `json:"mentions"`
	Triggers    []TriggerInfo  `json:"triggers"`
	Events      []code.Event   `json:"events"`
	Phrase      []kb.EntryInfo `json:"phrase,omitempty"` // lookup only: entries of the whole phrase as one key
}

// TokenInfo is one token with its normalised form and clitic readings.
type TokenInfo struct {
	Text     string   `json:"text"`
	Norm     string   `json:"norm"`
	Kind     string   `json:"kind"` // word, number, punct
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Segments []string `json:"segments,omitempty"` // readings «prefix+base+suffix», least stripped first
	Stem     string   `json:"stem,omitempty"`     // light10 stem
}

// SentenceInfo is one sentence with the actors resolved in it.
type SentenceInfo struct {
	Start  int         `json:"start"` // token indices, End exclusive
	End    int         `json:"end"`
	Text   string      `json:"text"`
	Actors []ActorInfo `json:"actors"`
}

// ActorInfo is one resolved actor phrase.
type ActorInfo struct {
	Start    int    `json:"start"` // token indices, End exclusive
	End      int    `json:"end"`
	Text     string `json:"text"`
	Code     string `json:"code"`
	Kind     string `json:"kind"`
	Name     string `json:"name,omitempty"`
	Prep     string `json:"prep,omitempty"`
	Conj     bool   `json:"conj,omitempty"`
	Inferred bool   `json:"inferred,omitempty"`
	Why      string `json:"why"`
}

// MentionInfo is one mention with what its knowledge-base entries mean.
type MentionInfo struct {
	Start   int            `json:"start"` // token indices, End exclusive
	End     int            `json:"end"`
	Text    string         `json:"text"`
	Prefix  string         `json:"prefix,omitempty"`
	Suffix  string         `json:"suffix,omitempty"`
	NER     string         `json:"ner,omitempty"`
	Entries []kb.EntryInfo `json:"entries"`
}

// TriggerInfo is a mention that may report an event, with each trigger
// line it matches and whether that line applies here.
type TriggerInfo struct {
	Start   int           `json:"start"` // token indices, End exclusive
	End     int           `json:"end"`
	Text    string        `json:"text"`
	Options []TriggerLine `json:"options"`
	Uncoded string        `json:"uncoded,omitempty"` // why the line taken codes no event
}

// TriggerLine is one trigger entry of a mention.
type TriggerLine struct {
	kb.EntryInfo
	Cue    string `json:"cue,omitempty"` // the cue found after the trigger, when the line needs one
	Status string `json:"status"`        // chosen, cue absent, or shadowed (another line was taken)
}

// Explain analyses and codes art and writes a human-readable account of
// every stage to w.
func (p *Pipeline) Explain(art *extract.Article, w io.Writer) error {
	return p.Explanation(art).Write(w)
}

// ExplainJSON writes the same account as one indented JSON object.
func (p *Pipeline) ExplainJSON(art *extract.Article, w io.Writer) error {
	return p.Explanation(art).WriteJSON(w)
}

// Explanation analyses and codes art and returns what every stage found.
func (p *Pipeline) Explanation(art *extract.Article) *Explanation {
	a := p.analyse(art, nil, true)
	trace := code.NewTrace()
	events := p.Coder.Events(code.Input{Doc: a.Doc, Trace: trace})
	if events == nil {
		events = []code.Event{}
	}
	in := a.Doc
	ex := &Explanation{Text: in.Text, Published: art.Published, Events: events,
		Tokens: tokenInfos(in.Tokens), Mentions: []MentionInfo{}, Triggers: []TriggerInfo{}, Sentences: []SentenceInfo{}}
	k := p.Lex.KB
	for i := range in.Mentions {
		ex.Mentions = append(ex.Mentions, mentionInfo(k, in, &in.Mentions[i]))
	}
	ex.MainCountry = in.MainCountry
	mi := 0
	for n, s := range in.Sentences {
		var ms []recognise.Mention
		ms, mi = recognise.Within(in.Mentions, mi, s)
		si := SentenceInfo{Start: s.Start, End: s.End, Text: spanText(in, s.Start, s.End), Actors: []ActorInfo{}}
		for _, ac := range in.Actors[n] { // the actors as resolution recorded them
			si.Actors = append(si.Actors, ActorInfo{Start: ac.Start, End: ac.End, Text: spanText(in, ac.Start, ac.End),
				Code: ac.Code(), Kind: ac.Kind, Name: ac.Name, Prep: ac.Prep, Conj: ac.Conj, Inferred: ac.Inferred, Why: ac.Why})
		}
		ex.Sentences = append(ex.Sentences, si)
		for k := range ms {
			if ti, ok := p.triggerInfo(in, trace, &ms[k]); ok {
				ti.Uncoded = trace.Uncoded[ti.Start]
				ex.Triggers = append(ex.Triggers, ti)
			}
		}
	}
	return ex
}

// Lookup explains what an Arabic phrase resolves to, as of date (zero for
// no date): the tokens and their clitic readings, the mentions with the
// knowledge-base lines behind them, the resolved actors and the triggers,
// and what the whole phrase means as one key of the lexicon.
func (p *Pipeline) Lookup(phrase string, date time.Time) *Explanation {
	a := extract.Article{Text: phrase, PublishedAt: date}
	if !date.IsZero() {
		a.Published = date.Format("2006-01-02")
	}
	ex := p.Explanation(&a)
	norm := make([]string, 0, len(ex.Tokens))
	for _, t := range ex.Tokens {
		norm = append(norm, t.Norm)
	}
	for _, e := range p.Lex.Lookup(norm) {
		ex.Phrase = append(ex.Phrase, p.Lex.KB.Describe(e))
	}
	return ex
}

func tokenInfos(toks []arabic.Token) []TokenInfo {
	out := make([]TokenInfo, 0, len(toks))
	var scratch [4]arabic.Analysis
	for _, t := range toks {
		ti := TokenInfo{Text: t.Text, Norm: t.Norm, Kind: kindName(t.Kind), Start: t.Start, End: t.End}
		if t.Kind == arabic.Word {
			for _, a := range arabic.Segment(scratch[:0], t.Norm) {
				seg := a.Base
				if a.Prefix != "" {
					seg = a.Prefix + "+" + seg
				}
				if a.Suffix != "" {
					seg += "+" + a.Suffix
				}
				ti.Segments = append(ti.Segments, seg)
			}
			if stem, suf, ok := arabic.StripPronoun(t.Norm); ok {
				ti.Segments = append(ti.Segments, stem+"+"+suf)
			}
			ti.Stem = arabic.LightStem(t.Norm)
		}
		out = append(out, ti)
	}
	return out
}

func kindName(k arabic.Kind) string {
	switch k {
	case arabic.Word:
		return "word"
	case arabic.Number:
		return "number"
	}
	return "punct"
}

func spanText(in *resolve.Doc, from, to int) string {
	if from >= to {
		return ""
	}
	return in.Text[in.Tokens[from].Start:in.Tokens[to-1].End]
}

func mentionInfo(k *kb.KB, in *resolve.Doc, m *recognise.Mention) MentionInfo {
	mi := MentionInfo{Start: m.Start, End: m.End, Text: spanText(in, m.Start, m.End), Prefix: m.Prefix,
		Suffix: m.Suffix, NER: m.NER, Entries: []kb.EntryInfo{}}
	for _, e := range m.Entries {
		mi.Entries = append(mi.Entries, k.Describe(e))
	}
	return mi
}

// triggerInfo lists the trigger lines of mention m and which one the
// coder took, as its trace recorded.
func (p *Pipeline) triggerInfo(in *resolve.Doc, trace *code.Trace, m *recognise.Mention) (TriggerInfo, bool) {
	kbase := p.Lex.KB
	ti := TriggerInfo{Start: m.Start, End: m.End, Text: spanText(in, m.Start, m.End)}
	choice, chosen := trace.Chosen[m.Start]
	for _, e := range m.Entries {
		if e.Kind != kb.EntTrigger {
			continue
		}
		tl := TriggerLine{EntryInfo: kbase.Describe(e), Status: "not taken"}
		switch {
		case chosen && e.Index == choice.Trigger:
			tl.Status, tl.Cue = "chosen", choice.Cue
		case len(kbase.Triggers[e.Index].Cues) > 0:
			tl.Status = "not taken (cue absent or another line won)"
		}
		ti.Options = append(ti.Options, tl)
	}
	return ti, len(ti.Options) > 0
}

// WriteJSON writes the explanation as one indented JSON object.
func (ex *Explanation) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(ex)
}

// Write prints the explanation for people, stage by stage, aligned.
func (ex *Explanation) Write(w io.Writer) error {
	ew := &errWriter{w: w}
	if ex.Published != "" {
		ew.printf("published: %s\n", ex.Published)
	}
	if ex.MainCountry != "" {
		ew.printf("main country: %s\n", ex.MainCountry)
	}
	if ex.Phrase != nil {
		ew.printf("\nWHOLE PHRASE (%d entries)\n", len(ex.Phrase))
		for _, e := range ex.Phrase {
			ew.printf("  %s\n", e)
		}
	}

	ew.printf("\nTOKENS (%d)\n", len(ex.Tokens))
	tw := tabwriter.NewWriter(ew, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\ttext\tnormalised\tkind\tstem\tsegments")
	for i, t := range ex.Tokens {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\n", i, t.Text, t.Norm, t.Kind, t.Stem, strings.Join(t.Segments, "  "))
	}
	ew.flush(tw)

	ew.printf("\nSENTENCES (%d)\n", len(ex.Sentences))
	for i, s := range ex.Sentences {
		ew.printf("  [%d] tokens %d-%d: %s\n", i, s.Start, s.End, s.Text)
	}

	ew.printf("\nMENTIONS (%d)\n", len(ex.Mentions))
	for _, m := range ex.Mentions {
		ew.printf("  %d-%d «%s»", m.Start, m.End, m.Text)
		if m.Prefix != "" {
			ew.printf(" prefix %s+", m.Prefix)
		}
		if m.Suffix != "" {
			ew.printf(" suffix +%s", m.Suffix)
		}
		if m.NER != "" {
			ew.printf(" tagger %s", m.NER)
		}
		ew.printf("\n")
		for _, e := range m.Entries {
			ew.printf("      %s\n", e)
		}
	}

	ew.printf("\nACTORS\n")
	tw = tabwriter.NewWriter(ew, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  sent\ttokens\ttext\tcode\tkind\twhy")
	for i, s := range ex.Sentences {
		for _, a := range s.Actors {
			kind := a.Kind
			if a.Name != "" {
				kind += " " + a.Name
			}
			if a.Prep != "" {
				kind += " prep:" + a.Prep
			}
			if a.Inferred {
				kind += " (inferred)"
			}
			fmt.Fprintf(tw, "  [%d]\t%d-%d\t«%s»\t%s\t%s\t%s\n", i, a.Start, a.End, a.Text, a.Code, kind, orDash(a.Why))
		}
	}
	ew.flush(tw)

	ew.printf("\nTRIGGERS (%d)\n", len(ex.Triggers))
	for _, t := range ex.Triggers {
		ew.printf("  %d-%d «%s»\n", t.Start, t.End, t.Text)
		for _, o := range t.Options {
			cue := ""
			if o.Cue != "" {
				cue = " cue «" + o.Cue + "»"
			}
			ew.printf("      %-10s %s%s\n", o.Status, o.EntryInfo, cue)
		}
		if t.Uncoded != "" {
			ew.printf("      no event: %s\n", t.Uncoded)
		}
	}

	ew.printf("\nEVENTS (%d)\n", len(ex.Events))
	for i, e := range ex.Events {
		tgt := "—"
		if e.Target != nil {
			tgt = e.Target.Code + " «" + e.Target.Text + "»"
		}
		pl := e.Plover.Category
		if e.Plover.Mode != "" {
			pl += ":" + e.Plover.Mode
		}
		ew.printf("  [%d] %s «%s»  %s %s «%s»  →  %s\n", i, e.Source.Code, e.Source.Text, e.CAMEO, pl, e.Trigger.Text, tgt)
		tw = tabwriter.NewWriter(ew, 0, 4, 1, ' ', 0)
		fmt.Fprintf(tw, "      quad/goldstein:\t%d / %.1f\n", e.Quad, e.Goldstein)
		fmt.Fprintf(tw, "      modality:\t%s\n", orDash(strings.Join(e.Modality, ", ")))
		loc := "-"
		if e.Location != nil {
			loc = fmt.Sprintf("«%s» %s", e.Location.Text, e.Location.Country)
			if e.Location.Lat != nil && e.Location.Lon != nil {
				loc += fmt.Sprintf(" %.4g,%.4g", *e.Location.Lat, *e.Location.Lon)
			}
		}
		fmt.Fprintf(tw, "      location:\t%s\n", loc)
		date := "-"
		if e.Date != nil {
			date = *e.Date
		}
		fmt.Fprintf(tw, "      date:\t%s\n", date)
		fmt.Fprintf(tw, "      confidence:\t%.2f\n", e.Confidence)
		fmt.Fprintf(tw, "      evidence:\t«%s»\n", e.Evidence.Text)
		fmt.Fprintf(tw, "      rule:\t%s\n", orDash(e.Rule))
		ew.flush(tw)
	}
	return ew.err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// errWriter keeps the first write error so printing code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(b)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

func (e *errWriter) flush(tw *tabwriter.Writer) {
	if err := tw.Flush(); err != nil && e.err == nil {
		e.err = err
	}
}
