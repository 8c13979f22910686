package code

import (
	"strings"

	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// codable returns the rule that says why the trigger with its arguments
// makes no event (nil when it makes one), and keeps the subject for the verbs that follow.
func (x *sctx) codable(cl clause, a *args) *Rule {
	last := &x.d.last
	c := x.c
	m, t := cl.m, cl.trig
	src, srcIdx, targets, verb, passive := a.src, a.srcIdx, a.targets, a.verb, a.passive
	if srcIdx >= 0 && (len(targets) == 0 && c.needsTarget(t.Root())) {
		*last = []*resolve.Actor{src} // the subject carries over, even when this event is not coded
	}
	switch {
	case len(targets) == 0 && c.needsTarget(t.Root()):
		return noTarget
	case cl.object:
		return noObject
	case t.Root() == "14" && src != nil && (src.Role == "MIL" || src.Role == "COP" || src.Role == "SPY"):
		return noSecurityProtest
	case c.quad(t.Root()) == 4 && t.Root() != "14" && x.signs().accident:
		return noAccident
	case (t.Root() == "03" || t.Root() == "04" || t.Root() == "05" || t.Root() == "06") && x.signs().sport:
		return noSport
	case src == nil && len(targets) == 0 && verb && x.presentOrFuture(m, t):
		// «كانوا يخطفون ويقتلون»: a present tense with nobody named tells what
		// happens, not what happened
		return noPresentUnnamed
	case src == nil && c.root(t.Root()).Police && (passive || x.doneBy(m) || !verb && x.isHeadline(m, t)):
		// «تم القبض على X», «تمكنت من إيقاف X»: the police did it
		return nil
	case src == nil && (!c.violentOrProtest(t.Root()) || !verb && !passive && (t.Root() == "14" && x.stageVerb(m) < 0 && !x.inProtest(m) || t.Root() != "14" && !x.doneBy(m) && !x.isHeadline(m, t) && !x.casualty(m) && !(len(targets) > 0 && x.counted(m)))):
		// nobody named: only a verb («قتل 20 شخصا»), a verbal noun with its
		// toll («انفجار سيارة مفخخة أسفر عن مقتل…»), with a counted victim
		// («مقتل 15 جنديا تركيا») or governed by a verb of doing («عمدوا إلى
		// إلقاء المتفجرات») reports an attack by itself; a protest noun, when
		// a verb stages it («نفذ الأهالي وقفة احتجاجية», «انطلقت المسيرة»)
		if !c.violentOrProtest(t.Root()) {
			return noSource
		}
		return noUnattested
	}
	return nil
}

// isHeadline reports a verbal noun of trigger t that opens a headline (sctx.headline).
func (x *sctx) isHeadline(m *recognise.Mention, t *kb.Trigger) bool {
	ok, _ := x.headline(m, t)
	return ok
}

// inProtest reports a protest noun in the accusative of purpose
// («احتجاجا على …», «تنديدا ب…»): something was done in protest, so a
// protest happened.
func (x *sctx) inProtest(m *recognise.Mention) bool {
	n := x.toks[m.Start].Norm
	return m.Prefix == "" && m.End-m.Start == 1 && !strings.HasPrefix(n, "ال") && strings.HasSuffix(n, "ا") && m.Start > x.s.Start
}
