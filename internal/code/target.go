package code

import (
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// findTargets finds the targets of trigger cl, given its source.
func (c *Coder) findTargets(in Input, s arabic.Span, cl clause, actors []resolve.Actor, a *args, res *resolve.Resolver) {
	toks := in.Tokens
	m, t := cl.m, cl.trig
	firstAfter, src, srcIdx, passive := a.firstAfter, a.src, a.srcIdx, a.passive
	var targets []*resolve.Actor
	from := firstAfter
	if srcIdx >= firstAfter {
		from = srcIdx + 1
	}
	tHow := ""
	toward := false // a «إلى» stands between the trigger and the actor
	// «طلب عدم نشر اسمه»: the object is a clause, not the actor after it
	clauseObject := m.End < s.End && c.lex.HasClass(toks[m.End].Norm, "neg")
	for i := from; i < len(actors); i++ {
		a := &actors[i]
		if a.Conj && i > from && (a.Prep == "" || len(targets) > 0) {
			continue // a conjunct goes with the actor it is joined to
		}
		if c.otherTriggerBetween(toks, s, in.Mentions, m.End, a.Start, true) {
			break
		}
		if !toward && allows(t.Target, "الي") && c.wordBetween(toks, m.End, a.Start, "الي") {
			toward = true
		}
		if a.Prep == "بين" && (src == nil || symmetricRoot(t.Root()) || violentOrProtest(t.Root())) {
			// «دعا علاوي إلى حديث مباشر بين قطر والدول العربية»: a directed
			// act with its source named is not between the two
			targets = append(targets, a)
			for k := i + 1; k < len(actors) && actors[k].Conj; k++ {
				targets = append(targets, &actors[k])
			}
			tHow = "«بين X و Y»"
			break
		}
		if clauseObject && a.Prep == "" {
			continue
		}
		if allows(t.Target, a.Prep) || passive && a.Prep == "" || toward && a.Prep == "في" {
			targets = append(targets, a)
			for k := i + 1; k < len(actors) && actors[k].Conj && (actors[k].Prep == "" || actors[k].Prep == a.Prep); k++ {
				targets = append(targets, &actors[k])
			}
			tHow = "target after «" + prepName(a.Prep) + "»"
			break
		}
	}
	if len(targets) == 0 && (t.Root() == "18" || t.Root() == "19" || t.Root() == "20") {
		// «شن غارات على معسكرات لتدريب متشددين»: the first actor after the
		// trigger that no preposition places elsewhere is what was attacked
		for i := from; i < len(actors); i++ {
			a := &actors[i]
			if c.otherTriggerBetween(toks, s, in.Mentions, m.End, a.Start, true) {
				break
			}
			if a.Prep == "" && !a.Conj && (src == nil || a.Start != src.Start) {
				targets, tHow = []*resolve.Actor{a}, "object of the attack"
				break
			}
			if a.Prep == "ل" && a.Start > m.End && c.wordBetween(toks, m.End, a.Start, "علي") && !a.Agent {
				// «الضربة الأميركية على قاعدة جوية للقوات السورية»: the owner of what was hit
				targets, tHow = []*resolve.Actor{a}, "owner of the target after «على»"
				break
			}
		}
	}
	if len(targets) == 0 && (t.Root() == "05" || t.Root() == "11") {
		// «أشاد … بنجاح تجربة الانتقال الديمقراطي في تونس»: what is praised or
		// criticised happens in the country named after «في»
		for i := from; i < len(actors); i++ {
			if a := &actors[i]; a.Prep == "في" && (a.Kind == "STATE" || a.Kind == "CAPITAL") && (src == nil || a.Country != src.Country) {
				targets, tHow = []*resolve.Actor{a}, "the country where what is judged happens"
				break
			}
		}
	}
	if len(targets) == 0 && needsTarget(t.Root()) {
		if a := c.placeTarget(in, s, m, t, res.Named); a != nil {
			targets, tHow = []*resolve.Actor{a}, "place after «"+a.Prep+"» standing for its country"
		}
	}
	if src == nil && len(targets) == 0 && !a.verb && symmetricRoot(t.Root()) && (m.Suffix == "هما" || m.Suffix == "هم") {
		// «اتفق حفتر مع السراج خلال لقائهما»: the two named before met
		var two []*resolve.Actor
		for i := a.firstAfter - 1; i >= 0 && len(two) < 2; i-- {
			two = append(two, &actors[i])
		}
		if len(two) == 2 {
			a.src, a.srcIdx, a.how = two[1], -1, "the actors a dual or plural pronoun refers to"
			targets, tHow = two[:1], a.how
		}
	}
	if len(targets) == 0 {
		if a := c.pronounTarget(in, s, m, actors, src); a != nil {
			targets = append(targets, a)
			tHow = "pronoun target: the actor named before"
		}
	}
	if len(targets) == 0 && src != nil && srcIdx >= 0 && src.End <= m.Start && needsTarget(t.Root()) {
		// «… قانون قيصر … بإعمار سوريا، ويفرض رزمة من العقوبات»: an actor named
		// between the subject and the verb, not as the verb's own subject
		for i := srcIdx + 1; i < firstAfter; i++ {
			if actors[i].Country != src.Country && (actors[i].Prep != "" || c.separated(toks, actors[i].End, m.Start)) {
				targets = []*resolve.Actor{&actors[i]}
				tHow = "object named between subject and verb"
			}
		}
	}
	if len(targets) == 0 && srcIdx >= 0 && symmetricRoot(t.Root()) {
		// «أصدر السراج وحفتر بياناً مشتركاً»: conjoined subjects act on each other
		for k := srcIdx + 1; k < len(actors) && actors[k].Conj && actors[k].Prep == ""; k++ {
			targets = append(targets, &actors[k])
			tHow = "conjoined subjects of a joint act"
		}
	}
	if src == nil && len(targets) >= 2 && tHow == "«بين X و Y»" {
		a.src, targets, a.how = targets[0], targets[1:], "«بين X و Y»"
		a.srcIdx = -1
	}
	a.targets, a.tHow = targets, tHow
}

// placeTarget finds a place named after one of the trigger's target
// prepositions («خفض إمدادات الكهرباء إلى قطاع غزة») and returns it as an
// actor of the place's country, for a trigger that has no other target.
func (c *Coder) placeTarget(in Input, s arabic.Span, m *recognise.Mention, t *kb.Trigger, named map[string]int) *resolve.Actor {
	var scratch [4]arabic.Analysis
	for k := m.End; k+1 < s.End; k++ {
		prep := c.kindOf(strings.TrimPrefix(in.Tokens[k].Norm, "و"), "prep:")
		if prep == "" || prep == "في" || !allows(t.Target, prep) {
			continue
		}
		if l, _ := c.placeAt(in, k+1, scratch[:0], named); l != nil {
			pm, _ := c.lex.PlaceAt(in.Tokens, k+1, scratch[:0])
			return &resolve.Actor{Start: pm.Start, End: pm.End, Country: l.Country, Kind: "PLACE", Prep: prep,
				Why: "place " + c.lex.KB.Places[pm.Entries[0].Index].Pos.String()}
		}
	}
	return nil
}

// pronounTarget resolves «معه», «زارها»: the nearest actor named before the
// trigger in this or the previous sentence that is not the source.
func (c *Coder) pronounTarget(in Input, s arabic.Span, m *recognise.Mention, actors []resolve.Actor, src *resolve.Actor) *resolve.Actor {
	has := m.Suffix != "" && m.Suffix != "ي"
	for k := m.End; !has && k < s.End && k < m.End+4; k++ {
		has = c.kindOf(strings.TrimPrefix(in.Tokens[k].Norm, "و"), "proprep:") != ""
	}
	if !has {
		return nil
	}
	for i := len(actors) - 1; i >= 0; i-- {
		a := &actors[i]
		if a.End > m.Start || src != nil && (a.Start == src.Start || a.Country == src.Country && a.Role == src.Role) {
			continue
		}
		return a
	}
	return nil
}
