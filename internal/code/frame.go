package code

import (
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// args holds what frame has found for one trigger.
type args struct {
	firstAfter int              // index of the first actor after the trigger
	verb       bool             // the trigger is a verb (or a fixed phrase), not a verbal noun
	passive    bool             // «تم + verbal noun»
	src        *resolve.Actor   // the source, nil when nobody is named
	srcIdx     int              // its index in the sentence's actors, -1 when elided or none
	srcRule    *Rule            // the rule that found the source, nil when none did
	targets    []*resolve.Actor // the targets, none for an event without one
	tgtRule    *Rule            // the rule that found the targets
	tgtDetail  string           // the detail of its description (a preposition)
}

// frame finds the source and target(s) of a trigger and builds its events.
func (x *sctx) frame(cl clause) []Event {
	last, pair := &x.d.last, &x.d.pair
	c, in := x.c, x.in
	var a args
	if pair[0] != nil && c.symmetric(cl.trig.Root()) && x.partiesNear(cl.m) {
		// «كما ناقش الطرفان …»: the two sides of the last joint act
		a = args{src: pair[0], srcIdx: -1, verb: cl.trig.POS != "N", targets: []*resolve.Actor{pair[1]}}
		a.srcRule, a.tgtRule = &ruleParties, &ruleParties
	} else {
		a = x.source(cl)
		x.findTargets(cl, &a)
	}
	if pair[0] != nil && c.pastDual(cl.m, cl.trig) && (a.srcIdx < 0 || a.srcRule != nil && a.srcRule.ID == "src.topic") {
		// «كما تقدما بالشكر …»: a dual verb with no subject of its own is
		// done by the two sides of the last joint act
		a.src, a.srcIdx, a.srcRule = pair[0], -1, &ruleDualPair
		*last = []*resolve.Actor{pair[0], pair[1]}
		if len(a.targets) == 0 && c.symmetric(cl.trig.Root()) {
			// «واتفقا على تعزيز التعاون»: a joint act of the two, with each other
			a.targets, a.tgtRule = []*resolve.Actor{pair[1]}, &ruleDualPair
		}
	}
	if a.verb && (cl.trig.CAMEO == "180" || cl.trig.CAMEO == "186") && len(a.targets) == 0 && a.src != nil && (victims(a.src) || a.srcIdx >= 0 && a.src.Start > cl.m.Start && x.killedIn(cl)) {
		// «قتل مواطن», «مواطنين قتلوا»: people a verb of killing
		// befalls, with nobody else named, are its victims (an unvocalised
		// passive); so is anyone killed in an attack named after the verb
		// («قتل جنديان تونسيان في انفجار لغم»)
		a.targets, a.tgtRule = []*resolve.Actor{a.src}, &ruleVictimSubject
		a.src, a.srcIdx, a.srcRule = nil, -1, nil
	}
	if a.verb && c.root(cl.trig.Root()).Police && len(a.targets) == 0 && victims(a.src) && a.src.Start > cl.m.Start {
		// «اعتقل ثلاثة أشخاص»: people an arrest befalls, with nobody else
		// named, were arrested (an unvocalised passive), by the police
		a.targets, a.tgtRule = []*resolve.Actor{a.src}, &ruleVictimSubject
		a.src, a.srcIdx, a.srcRule, a.passive = nil, -1, nil, true
	}
	if why := x.codable(cl, &a); why != nil {
		in.uncoded(cl.m.Start, why, a.srcRule, a.tgtRule)
		return nil
	}
	if c.symmetric(cl.trig.Root()) && a.src != nil && len(a.targets) == 1 {
		*pair = [2]*resolve.Actor{a.src, a.targets[0]}
	}
	return x.events(cl, &a)
}

// pastDual reports a past verb of trigger t in the dual («تقدما», «اتفقتا»).
func (c *Coder) pastDual(m *recognise.Mention, t *kb.Trigger) bool {
	return c.verbForm(m, t)[kb.Past].Any(kb.Dual)
}

// partiesNear reports «الطرفان», «الجانبين» … as the subject of trigger m
// (right before or after it) or after «بين» right after it.
func (x *sctx) partiesNear(m *recognise.Mention) bool {
	s := x.s
	at := func(k int) bool { return k >= s.Start && k < s.End && x.classedAt(k, "parties", "و") }
	return at(m.End) || at(m.Start-1) || m.End < s.End && x.classedAt(m.End, "prep:بين", "") && at(m.End+1)
}

// victims reports civilians named by a group noun («مواطن», «أشخاص»,
// «مدنيين»): people violence befalls, not people who wage it.
func victims(a *resolve.Actor) bool {
	return a != nil && a.Kind == "ROLE" && a.RoleKind == "GROUP" && a.Role == "CVL"
}

// killedIn reports an attack or a clash named after the verb of killing of
// cl, behind «في», «إثر», «جراء» or «خلال» or a «بـ»: what the verb's
// subject was killed in («قتل جنديان في انفجار لغم», «قتل ثلاثة بقصف»).
func (x *sctx) killedIn(cl clause) bool {
	for i := range x.ms {
		m := &x.ms[i]
		if m.Start <= cl.m.End || !x.c.violentEntry(m.Entries) {
			continue
		}
		if m.Prefix == "ب" || m.Prefix == "وب" || m.Start > x.s.Start && (x.classedAt(m.Start-1, "prep:في", "") || x.classedAt(m.Start-1, "cause", "")) {
			return true
		}
	}
	return false
}
