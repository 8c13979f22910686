package code

import (
	"fmt"
	"slices"

	"github.com/marsad/marsad/internal/resolve"
)

// onePerPair keeps one event per source, target and CAMEO code in an
// article — the title, the lede and the body often report the same visit —
// the most confident, the first among equals, in text order.
func onePerPair(events []Event) []Event {
	best := map[string]int{}
	for i := range events {
		key := events[i].Source.Code + "|" + targetCode(events[i].Target) + "|" + events[i].CAMEO
		if j, ok := best[key]; !ok || events[i].Confidence > events[j].Confidence {
			best[key] = i
		}
	}
	out := events[:0]
	for i := range events {
		key := events[i].Source.Code + "|" + targetCode(events[i].Target) + "|" + events[i].CAMEO
		if best[key] == i {
			out = append(out, events[i])
		}
	}
	return out
}

func targetCode(t *ActorRef) string {
	if t == nil {
		return "---"
	}
	return t.Code
}

// events builds the events of a codable trigger: one per source and target.
func (x *sctx) events(cl clause, a *args) []Event {
	last := &x.d.last
	actors := x.actors
	c, in, s := x.c, x.in, x.s
	toks := in.Tokens
	m, t := cl.m, cl.trig
	src, srcIdx, targets := a.src, a.srcIdx, a.targets
	sources := []*resolve.Actor{src}
	switch {
	case srcIdx >= 0 && (a.tgtRule == nil || a.tgtRule.ID != "tgt.conjoined-subjects"):
		// the whole coordination the source belongs to: «كل من السعودية
		// والإمارات … ومصر قد أعلنت»: the last member stands right before the verb
		sameSide := func(k int) bool { return (actors[k].End <= m.Start) == (actors[srcIdx].End <= m.Start) }
		head := srcIdx
		for head > 0 && actors[head].Conj && actors[head].Prep == "" && actors[head-1].Prep == "" && sameSide(head-1) {
			head--
		}
		sources = sources[:0]
		for k := head; k < len(actors) && (k <= srcIdx || actors[k].Conj && actors[k].Prep == "" && sameSide(k)); k++ {
			sources = append(sources, &actors[k])
		}
	case a.srcRule != nil && a.srcRule.Carried:
		sources = *last
	}
	if src != nil {
		sources = append(sources, x.coagents(m, targets)...)
	}
	if srcIdx >= 0 {
		*last = sources // the subject carries over to following verbs
	}
	loc, noPlace := x.location(m, targets, t, in.Named)
	date := c.sentenceDate(in, s)
	mod := x.modality(m, t, x.signs())
	if longBefore(date, in.Published) && !slices.Contains(mod, "background") {
		mod = append(mod, "background") // «اعتقل عام 2008»: history, not news
	}
	evidence := Span{Start: toks[s.Start].Start, End: toks[s.End-1].End}
	evidence.Text = in.Text[evidence.Start:evidence.End]
	trig := Span{Start: toks[m.Start].Start, End: toks[m.End-1].End}
	trig.Text = in.Text[trig.Start:trig.End]
	// an attack qualified as verbal right after its noun, or a plain
	// attack on a person that hurt nobody («شن هجوماً قوياً على رايس»), is
	// criticism
	anchor := m.End - 1 // the attack noun: the trigger, or its cue («شن … هجوما»)
	if cl.cueFound {
		anchor = cl.cueAt
	}
	verbal := c.violent(t.Root()) && (x.hasClassNear(anchor, 3, "verbal") ||
		t.CAMEO == "190" && len(targets) == 1 && targets[0] != nil && !x.casualty(m) && speakers(sources) &&
			(targets[0].Kind == "PERSON" || unarmed(targets[0]) && targets[0].Start-anchor <= 3 && !x.physical(cl, targets[0], sources)))
	sub := x.attackSubject(cl)
	var out []Event
	for _, sa := range sources {
		tl := targets
		if len(tl) == 0 {
			tl = []*resolve.Actor{nil}
		}
		for _, ta := range tl {
			if sa != nil && ta != nil && sa.Start == ta.Start {
				continue
			}
			if sa != nil && ta != nil && sa.Country == ta.Country && x.classedAt(ta.Start, "counterpart", "بل") {
				continue // «يلتقي نظيره المصري»: the source is not Egyptian, so it is not known
			}
			cameo, mode, category := t.CAMEO, t.Mode, t.PLOVER
			if sub != nil {
				cameo, mode, category = sub.CAMEO, sub.Mode, sub.PLOVER
			}
			if verbal {
				cameo, mode, category = "111", "disapprove", "ACCUSE" // «شنت هجوماً لاذعاً على»: criticism
			} else if t.Root() == "18" && sa != nil && (sa.Role == "MIL" || sa.Role == "COP" || t.CAMEO == "180" && (sa.Role == "GOV" || sa.Role == "SPY")) {
				// a state's armed forces or police killing or attacking, or its
				// government or intelligence killing, is
				// conventional force (CAMEO 19), not unconventional violence (18)
				cameo, mode = "190", ""
			}
			ev := Event{
				CAMEO: cameo, Root: cameo[:2], Quad: c.quad(cameo[:2]),
				Goldstein: c.lex.KB.GoldsteinOf(cameo),
				Plover:    Plover{Category: category, Mode: mode},
				Modality:  mod, Location: loc, Trigger: trig, Evidence: evidence,
			}
			if date != "" {
				d := date
				ev.Date = &d
			}
			ev.Source = c.ref(in, sa, loc)
			placed := false
			if sa == nil && loc != nil && loc.Country != "" && c.violentOrProtest(cameo[:2]) {
				// an attack or a protest by no one named: the country where it
				// happened (as analysts code unknown gunmen), not UNK
				ev.Source.Country, ev.Source.Code = loc.Country, loc.Country
				placed = true
			}
			if sa == nil && c.root(cameo[:2]).Police {
				// an arrest nobody is named as making: the police of the
				// place, or of the article's country
				country := in.MainCountry
				if loc != nil && loc.Country != "" {
					country = loc.Country
				}
				if country != "" {
					ev.Source = ActorRef{Code: country + "COP", Country: country, Role: "COP"}
					placed = true
				}
			}
			if ta != nil {
				r := c.ref(in, ta, loc)
				ev.Target = &r
			}
			ev.Confidence = confidence(sa, ta, placed, cl, mod, a.srcRule)
			ev.Rule = fmt.Sprintf("trigger %s (%s); source: %s; target: %s", t.Pos, t.English, a.srcRule.Text(""), a.tgtRule.Text(a.tgtDetail))
			if loc == nil {
				ev.Rule += "; no location: " + noPlace
			}
			out = append(out, ev)
		}
	}
	if a.srcRule == &ruleBetweenSrc && c.symmetric(t.Root()) && len(out) > 0 {
		// «اجتماع ثلاثي بين تونس والجزائر ومصر»: a joint act of every
		// pair, not only of the first with the others
		base := out[len(out)-1]
		for i := 0; i < len(targets); i++ {
			for j := i + 1; j < len(targets); j++ {
				ev := base
				ev.Source = c.ref(in, targets[i], loc)
				r := c.ref(in, targets[j], loc)
				ev.Target = &r
				out = append(out, ev)
			}
		}
	}
	return out
}

// ref builds an actor reference; an actor whose country was only inferred
// from the article takes the country of the event's location when known.
func (c *Coder) ref(in *Input, a *resolve.Actor, loc *Location) ActorRef {
	if a == nil {
		return ActorRef{Code: "UNK", Country: "UNK"}
	}
	country := a.Country
	if a.Inferred && loc != nil && loc.Country != "" {
		country = loc.Country
	}
	from, to := balanceQuotes(in.Tokens, a.Start, a.End)
	r := ActorRef{Country: country, Role: a.Role, Code: country + a.Role, Name: a.Name,
		Start: in.Tokens[from].Start, End: in.Tokens[to-1].End}
	r.Text = in.Text[r.Start:r.End]
	return r
}
