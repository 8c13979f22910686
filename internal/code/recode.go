package code

import (
	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/resolve"
)

// speakers reports sources that attack with words: named people, named
// movements and political, civil and media bodies; not a state's armed
// forces, gunmen or a crowd («هاجم مسلحون», «هاجم متظاهرون»), and not
// nobody.
func speakers(sources []*resolve.Actor) bool {
	if len(sources) == 0 {
		return false
	}
	for _, a := range sources {
		switch {
		case a == nil:
			return false
		case a.Role == "MIL" || a.Role == "COP" || a.Role == "SPY":
			return false
		case (a.Kind == "ROLE" || a.Kind == "PEOPLE") && (a.Role == "REB" || a.Role == "CVL" || a.Role == ""):
			return false // «مسلحون», «متظاهرون»; «حركة حماس» speaks
		}
	}
	return true
}

// physical reports an attack with a physical cue («استهدف انفجار كنيسة»:
// the church is a building), on a thing of its target («هجوما على مقر
// الحكومة»: a word between the target and its preposition, or the attacker
// of a verb, governs it) or with another violent act in its sentence.
func (x *sctx) physical(cl clause, target *resolve.Actor, sources []*resolve.Actor) bool {
	c, toks, s := x.c, x.toks, x.s
	from := cl.m.End
	for _, a := range sources {
		if a != nil && a.End > from && a.End <= target.Start {
			from = a.End // «هاجم متظاهرون مبنى البرلمان»
		}
	}
	for k := target.Start - 1; k >= from; k-- {
		t := toks[k]
		if t.Kind != arabic.Word {
			continue
		}
		if x.kindAt(k, "prep:") != "" {
			break // «هجوما حادا على الحكومة»: what stands before the preposition qualifies the attack
		}
		if len(x.classesAt(k)) == 0 {
			return true // «مقر», «مبنى»
		}
	}
	var scratch [4]arabic.Analysis
	for k := s.Start; k < s.End; k++ {
		if k == cl.m.Start {
			continue
		}
		if mm, ok := c.lex.MatchAt(toks[:s.End], k, scratch[:0]); ok {
			if c.violentEntry(mm.Entries) && (k != cl.cueAt || !cl.cueFound) {
				return true
			}
			k = mm.End - 1
		}
	}
	return cl.cueFound && !x.attackNoun(cl.cueAt)
}

// attackNoun reports a verbal noun of violence at token k («هجوما» after
// «شن»).
func (x *sctx) attackNoun(k int) bool {
	c, toks, s := x.c, x.toks, x.s
	var scratch [4]arabic.Analysis
	mm, ok := c.lex.MatchAt(toks[:s.End], k, scratch[:0])
	return ok && c.violentEntry(mm.Entries)
}

// violentEntry reports entries of a mention that may be read as a trigger
// of violence.
func (c *Coder) violentEntry(es []kb.Entry) bool {
	for _, e := range es {
		if e.Kind == kb.EntTrigger && c.violent(c.lex.KB.Triggers[e.Index].Root()) {
			return true
		}
	}
	return false
}

// unarmed reports a target that words can attack: a person, or a
// political, civil or religious body or office («هجوما عنيفا على
// البطريرك»), not an armed force, a state, a place or a group of people.
func unarmed(a *resolve.Actor) bool {
	switch a.Kind {
	case "PERSON":
		return true
	case "ORG", "ROLE":
		switch a.Role {
		case "GOV", "LEG", "JUD", "PTY", "OPP", "MED", "CVL", "BUS", "NGO", "IGO":
			return a.RoleKind != "GROUP" // not «المدنيين»: people are hurt, not criticised
		}
	}
	return false
}

// attackSubject returns the trigger of an attack noun that is the subject
// of the verb of violence of cl («استهدف هجوم إرهابي كنيسة», «استهدف تفجير
// انتحاري مسجدا»): the verb only says what the attack hit, the noun says
// what kind of attack it was. nil when there is none.
func (x *sctx) attackSubject(cl clause) *kb.Trigger {
	c := x.c
	if cl.trig.POS != "V" || !c.violent(cl.trig.Root()) {
		return nil
	}
	for k := range x.ms {
		if x.ms[k].Start != cl.m.End || x.ms[k].Prefix != "" {
			continue
		}
		ch, ok := x.choose(k)
		if !ok {
			return nil
		}
		if t := &c.lex.KB.Triggers[ch.Trigger]; t.POS == "N" && c.violent(t.Root()) && t.CAMEO != cl.trig.CAMEO {
			return t
		}
		return nil
	}
	return nil
}
