package code

import (
	"strings"
	"time"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// Coder codes events. Build it once with New; it is safe for concurrent use.
type Coder struct {
	lex   *kb.Lexicon
	cues  [][][]string             // per trigger: its cues as normalised token sequences
	stems map[*kb.Trigger][]string // per verb trigger: its present stems without their last letter
	past  map[*kb.Trigger][]string // per verb trigger: its past forms, normalised
}

// New returns a coder over a compiled lexicon.
func New(lex *kb.Lexicon) *Coder {
	c := &Coder{lex: lex, cues: make([][][]string, len(lex.KB.Triggers)), stems: map[*kb.Trigger][]string{}, past: map[*kb.Trigger][]string{}}
	for i := range lex.KB.Triggers {
		t := &lex.KB.Triggers[i]
		for _, f := range t.Surfaces {
			n := arabic.NormalizeString(f)
			// «يقتل» → «قت»: the last letter changes with the person («يقتلون»)
			if stem, ok := strings.CutPrefix(n, "ي"); ok && len(stem) >= 4 {
				c.stems[t] = append(c.stems[t], stem[:len(stem)-2])
			} else if !ok && t.POS == "V" && !strings.Contains(n, " ") {
				c.past[t] = append(c.past[t], n)
			}
		}
		for _, cue := range lex.KB.Triggers[i].Cues {
			var seq []string
			for _, t := range arabic.Tokenize(nil, cue) {
				seq = append(seq, t.Norm)
			}
			if len(seq) > 0 {
				c.cues[i] = append(c.cues[i], seq)
			}
		}
	}
	return c
}

// Input is one analysed article.
type Input struct {
	Text      string              // the article text; all offsets point into it
	Tokens    []arabic.Token      // its tokens
	Sentences []arabic.Span       // its sentences, as token ranges
	Mentions  []recognise.Mention // its mentions, in text order
	Published time.Time           // publication time, zero if unknown
	// Uncoded, when set, is told why a trigger that was taken codes no
	// event: the token where its mention starts, and the reason (for
	// explain; coding does not need it).
	Uncoded func(at int, why string)

	dates map[int]string // sentence start → its resolved date, filled while coding
	sites map[int]int    // sentence start → the token of its first base, crossing or camp (-1: none)
}

// sentence is what the coder learns once about one sentence.
type sentence struct {
	ms   []recognise.Mention // its mentions
	sg   signs               // its modality signs, once read
	read bool
}

// clause is the working state of one trigger.
type clause struct {
	trig     *kb.Trigger        // the trigger entry the coder took
	m        *recognise.Mention // the mention that stands for it
	cueFound bool               // the entry needed a cue, and it was found
	cueAt    int                // where the cue starts
	object   bool               // a verbal noun that is the object of the trigger before it («دان خطف», «اتهمت … بخطف»)
	sent     *sentence          // its sentence
}

// Events codes the events of an article. res must be a fresh resolver for
// this article, with its main country computed (see resolve.MainCountry).
func (c *Coder) Events(in Input, res *resolve.Resolver) []Event {
	in.dates, in.sites = map[int]string{}, map[int]int{}
	var events []Event
	var last []*resolve.Actor  // the last explicit source (with its conjuncts), for elided subjects
	var pair [2]*resolve.Actor // the source and target of the last joint act, for «الطرفان»
	mi := 0
	for _, s := range in.Sentences {
		var ms []recognise.Mention
		ms, mi = recognise.Within(in.Mentions, mi, s)
		if !recognise.AnyTrigger(ms) {
			continue
		}
		actors := res.Sentence(in.Tokens, ms)
		sent := &sentence{ms: ms}
		cue, code := -1, "" // the cue of the last verb: its object, part of its event («شنت … هجوماً»)
		for k := range ms {
			cl, why, ok := c.trigger(in.Tokens, s, ms, k)
			if ok && ms[k].Start == cue && cl.trig.CAMEO == code {
				// a more specific noun is an event of its own («شن … هجمات انتحارية»)
				ok, why = false, noCuedObject
			}
			if !ok {
				in.uncoded(ms[k].Start, why)
				continue
			}
			if cl.cueFound && cl.trig.POS == "V" {
				cue, code = cl.cueAt, cl.trig.CAMEO
			}
			cl.sent = sent
			events = append(events, c.frame(in, s, cl, actors, &last, &pair, res)...)
		}
	}
	return onePerPair(events)
}

// uncoded tells in.Uncoded, when set, why the trigger at token at codes no
// event.
func (in *Input) uncoded(at int, why *Rule) {
	if in.Uncoded != nil && why != nil {
		in.Uncoded(at, why.Text(""))
	}
}

// sentenceDate returns the date of sentence s, resolved once per sentence.
func (c *Coder) sentenceDate(in Input, s arabic.Span) string {
	if in.dates == nil {
		return c.eventDate(in.Tokens, s.Start, s.End, in.Published)
	}
	if d, ok := in.dates[s.Start]; ok {
		return d
	}
	d := c.eventDate(in.Tokens, s.Start, s.End, in.Published)
	in.dates[s.Start] = d
	return d
}
