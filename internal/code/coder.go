package code

import (
	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// Coder codes events. Build it once with New; it is safe for concurrent use.
type Coder struct {
	lex     *kb.Lexicon
	cues    [][][]string                   // per trigger: its cues as normalised token sequences
	windows [len(kb.WindowNames)]kb.Window // by windowID
	country map[string]*kb.Place           // ISO3 → the place of the country itself
}

// New returns a coder over a compiled lexicon.
func New(lex *kb.Lexicon) *Coder {
	c := &Coder{lex: lex, cues: make([][][]string, len(lex.KB.Triggers)), country: map[string]*kb.Place{}}
	for i := range lex.KB.Places {
		if p := &lex.KB.Places[i]; p.Kind == "country" && c.country[p.Country] == nil {
			c.country[p.Country] = p
		}
	}
	for i, n := range kb.WindowNames {
		c.windows[i] = lex.KB.Windows[n]
	}
	for i := range lex.KB.Triggers {
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

// Input is what the coder reads: an article as analysis, recognition and
// resolution left it, and for explain a trace to record its decisions in.
type Input struct {
	*resolve.Doc
	// Trace, when set, records what the coder decided for each trigger
	// (for explain; coding does not need it).
	Trace *Trace

	dates map[int]string // sentence start → its resolved date, filled while coding
	sites map[int]int    // sentence start → the token of its first base, crossing or camp (-1: none)
}

// Trace is what the coder decided for the triggers of an article, by the
// token where each trigger's mention starts.
type Trace struct {
	Chosen  map[int]Choice // the trigger line taken
	Uncoded map[int]string // why the line taken codes no event, with the rule's id
}

// NewTrace returns an empty trace.
func NewTrace() *Trace { return &Trace{Chosen: map[int]Choice{}, Uncoded: map[int]string{}} }

// clause is the working state of one trigger.
type clause struct {
	trig     *kb.Trigger        // the trigger entry the coder took
	m        *recognise.Mention // the mention that stands for it
	cueFound bool               // the entry needed a cue, and it was found
	cueAt    int                // where the cue starts
	object   bool               // a verbal noun that is the object of the trigger before it («دان خطف», «اتهمت … بخطف»)
	choice   Choice             // the line taken, as explain shows it
}

// Events codes the events of an article whose actors are resolved (see
// resolve.Resolver.Resolve).
//
// An unresolved Doc (no Actors) codes no events.
func (c *Coder) Events(in Input) []Event {
	if in.Doc == nil || len(in.Actors) != len(in.Sentences) {
		return nil
	}
	if in.Gram == nil {
		d := *in.Doc // the caller's Doc stays as it was
		d.Gram = recognise.NewGrammar(c.lex, d.Tokens, nil)
		in.Doc = &d
	}
	in.dates, in.sites = map[int]string{}, map[int]int{}
	var events []Event
	d := &discourse{}
	mi := 0
	for si, s := range in.Sentences {
		var ms []recognise.Mention
		ms, mi = recognise.Within(in.Mentions, mi, s)
		if !recognise.AnyTrigger(ms) {
			continue
		}
		x := &sctx{c: c, in: &in, d: d, toks: in.Tokens, s: s, ms: ms, actors: in.Actors[si]}
		cue, code := -1, "" // the cue of the last verb: its object, part of its event («شنت … هجوماً»)
		for k := range ms {
			cl, why, ok := x.trigger(k)
			if in.Trace != nil && (ok || why != nil) {
				in.Trace.Chosen[ms[k].Start] = cl.choice
			}
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
			events = append(events, x.frame(cl)...)
		}
	}
	return onePerPair(events)
}

// uncoded records in the trace, when there is one, why the trigger at token at codes no
// event.
func (in *Input) uncoded(at int, why *Rule, fired ...*Rule) {
	if in.Trace != nil && why != nil {
		text := why.Text("")
		for _, r := range fired {
			if r != nil {
				text += " [" + r.ID + "]" // the argument rules that fired before it
			}
		}
		in.Trace.Uncoded[at] = text
	}
}

// sentenceDate returns the date of sentence s, resolved once per sentence.
func (c *Coder) sentenceDate(in *Input, s arabic.Span) string {
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

// sctx is one sentence as the coder reads it: the article's tokens, the
// sentence's span and mentions, its actors and its signs, read once. The
// probes of every stage are its methods.
type sctx struct {
	c      *Coder
	in     *Input
	d      *discourse          // what carries over from the sentences before
	toks   []arabic.Token      // the article's tokens
	s      arabic.Span         // the sentence
	ms     []recognise.Mention // its mentions
	actors []resolve.Actor     // its actors
	sg     signs               // its modality signs, once read
	read   bool
	chosen []chosen // per mention: the trigger line taken, once worked out
}

// discourse is what carries from sentence to sentence while an article is
// coded.
type discourse struct {
	last []*resolve.Actor  // the last explicit source (with its conjuncts), for elided subjects
	pair [2]*resolve.Actor // the source and target of the last joint act, for «الطرفان»
}
