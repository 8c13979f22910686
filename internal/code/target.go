package code

import (
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// tgtProbe is what the target rules read about one trigger, given its
// source.
type tgtProbe struct {
	c      *Coder
	x      *sctx
	in     *Input
	s      arabic.Span
	m      *recognise.Mention
	t      *kb.Trigger
	actors []resolve.Actor
	a      *args  // the source found so far; a rule may set it (a pair, «بين»)
	from   int    // the first actor that may be a target
	detail string // what a rule fills its description with (a preposition)
	fired  *Rule  // a sub-rule the rule fired instead of itself
}

// A targetRule finds the targets of a trigger when the rules before it
// found none: it returns them (none: the next rule is tried).
type targetRule struct {
	Rule
	find func(p *tgtProbe) []*resolve.Actor
}

// Rules of the source that a target rule decides with the targets.
var (
	ruleParties     = Rule{ID: "frm.parties", Desc: "«الطرفان»: the sides of the last joint act"}
	ruleDualPair    = Rule{ID: "src.dual-pair", Desc: "elided subject: the two sides of the last joint act (a dual verb)", Carried: true, Weak: true}
	rulePronounPair = Rule{ID: "src.pronoun-pair", Desc: "the actors a dual or plural pronoun refers to"}
	ruleBetweenSrc  = Rule{ID: "src.between", Desc: "«بين X و Y»"}
	// sub-rules a target rule may fire instead of its own
	ruleBetween     = Rule{ID: "tgt.between", Desc: "«بين X و Y»"}
	ruleAttackOwner = Rule{ID: "tgt.attack-owner", Desc: "owner of the target after «على»"}
	// a frame rule: civilians as the only argument of a verb of violence
	ruleVictimSubject = Rule{ID: "tgt.victim-subject", Desc: "civilians a verb of violence befalls, read as a passive"}
)

// targetRules are the target rules, in the order they are tried. To add a
// rule for a construction, put it where it must win over the rules after
// it, give it an id of its own and a golden test in testdata/rules/<id>.txt.
var targetRules = []targetRule{
	{Rule{ID: "tgt.prep", Desc: "target after «%s»"}, (*tgtProbe).direct},
	// «أن 38 شخصا قتلوا»: the counted subject of a verb of violence is its victims
	{Rule{ID: "tgt.counted-victims", Desc: "the counted victims before a verb of violence"}, (*tgtProbe).countedVictims},
	// «شن غارات على معسكرات لتدريب متشددين»: the first actor after the
	// trigger that no preposition places elsewhere is what was attacked;
	// «الضربة الأميركية على قاعدة جوية للقوات السورية»: the owner of what was hit
	{Rule{ID: "tgt.attack-object", Desc: "object of the attack"}, (*tgtProbe).attackObject},
	// «أشاد … بنجاح تجربة الانتقال الديمقراطي في تونس»: what is praised or
	// criticised happens in the country named after «في»
	{Rule{ID: "tgt.judged-country", Desc: "the country where what is judged happens"}, (*tgtProbe).judgedCountry},
	{Rule{ID: "tgt.place", Desc: "place after «%s» standing for its country"}, (*tgtProbe).place},
	// «اتفق حفتر مع السراج خلال لقائهما»: the two named before met
	{Rule{ID: "tgt.pronoun-pair", Desc: "the actors a dual or plural pronoun refers to"}, (*tgtProbe).pronounPair},
	{Rule{ID: "tgt.pronoun", Desc: "pronoun target: the actor named before"}, (*tgtProbe).pronoun},
	// «… قانون قيصر … بإعمار سوريا، ويفرض رزمة من العقوبات»: an actor named
	// between the subject and the verb, not as the verb's own subject
	{Rule{ID: "tgt.before-verb", Desc: "object named between subject and verb"}, (*tgtProbe).beforeVerb},
	// «أصدر السراج وحفتر بياناً مشتركاً»: conjoined subjects act on each other
	{Rule{ID: "tgt.conjoined-subjects", Desc: "conjoined subjects of a joint act"}, (*tgtProbe).conjoinedSubjects},
}

// findTargets finds the targets of trigger cl, given its source, with the
// first target rule that finds any.
func (x *sctx) findTargets(cl clause, a *args) {
	actors := x.actors
	c, in, s := x.c, x.in, x.s
	p := &tgtProbe{c: c, x: x, in: in, s: s, m: cl.m, t: cl.trig, actors: actors, a: a, from: a.firstAfter}
	if a.srcIdx >= a.firstAfter && (a.srcRule == nil || a.srcRule.ID != "src.listed-states" && a.srcRule.ID != "src.agent") {
		// the source's list, or the agent of a passive, comes after the target
		// («… مع قطر وهي السعودية ومصر», «قتل ثلاثة جنود أتراك على يد تنظيم داعش»)
		p.from = a.srcIdx + 1
	}
	a.targets, a.tgtRule = nil, nil
	for i := range targetRules {
		r := &targetRules[i]
		p.detail, p.fired = "", &r.Rule
		if ts := r.find(p); len(ts) > 0 {
			a.targets, a.tgtRule, a.tgtDetail = ts, p.fired, p.detail
			break
		}
	}
	if a.src == nil && len(a.targets) >= 2 && a.tgtRule.ID == "tgt.between" {
		a.src, a.targets, a.srcRule = a.targets[0], a.targets[1:], &ruleBetweenSrc
		a.srcIdx = -1
	}
}

// direct finds the target the trigger's frame introduces: the first actor
// after it, up to the verb of another event, after one of its target
// prepositions (or none for a direct object), or the members of «بين X و
// Y»; the actors joined to it by «و» are targets too.
func (p *tgtProbe) direct() []*resolve.Actor {
	c, x, m, t, s := p.c, p.x, p.m, p.t, p.s
	src, passive := p.a.src, p.a.passive
	toward := false // a «إلى» stands between the trigger and the actor
	// «طلب عدم نشر اسمه»: the object is a clause, not the actor after it
	clauseObject := m.End < s.End && x.hasClassAt(m.End, "neg")
	// the actor before was the source, or joined to it
	inSource := src != nil && p.from > 0 && p.actors[p.from-1].Start == src.Start
	for i := p.from; i < len(p.actors); i++ {
		a := &p.actors[i]
		joined := a.Conj && a.Prep == ""
		if joined && (i > p.from || inSource) || src != nil && a.Start == src.Start {
			// a conjunct goes with the actor it is joined to («وحذرت السلطات
			// الأمريكية والبريطانية»: both are the source); the source is no target
			inSource = src != nil && a.Start == src.Start || joined && inSource
			continue
		}
		inSource = false
		if x.otherTriggerBetween(m.End, a.Start, true) {
			break
		}
		if a.Prep == "" && x.classBetween(m.End, a.Start, "that") {
			break // «حذر من أن اليمن يتجه …»: an actor after «أن» belongs to the clause it opens
		}
		if !toward && allows(t.Target, "الي") && x.wordBetween(m.End, a.Start, "الي") {
			toward = true
		}
		if a.Prep == "بين" && (src == nil || c.symmetric(t.Root()) || c.violentOrProtest(t.Root()) || a.Start <= m.End+3) {
			// «دعا علاوي إلى حديث مباشر بين قطر والدول العربية»: a directed
			// act with its source named is not between the two
			targets := []*resolve.Actor{a}
			for k := i + 1; k < len(p.actors) && p.actors[k].Conj; k++ {
				targets = append(targets, &p.actors[k])
			}
			p.fired = &ruleBetween
			return targets
		}
		if clauseObject && a.Prep == "" {
			continue
		}
		if a.Prep == "" && t.POS == "N" && x.otherTriggerBetween(m.End, a.Start, false) {
			continue // «اعتداء على مقر للشرطة إلى مقتل ثلاثة أشخاص»: the object of the other act
		}
		if a.Prep == "" && i+1 < len(p.actors) && p.actors[i+1].Prep == "بين" && p.actors[i+1].Start == a.End+1 && a.Kind == "ROLE" {
			continue // «انتقدت إيران التحالف بين واشنطن والرياض»: the members of the pair are the targets
		}
		if a.Prep == "" && a.Start-2 >= m.End && x.hasClassAt(a.Start-1, "bodypart") && allows(t.Target, x.kindAt(a.Start-2, "prep:")) {
			// «أطلق رصاصة على رأس الفلسطيني»: the one whose head it was
			p.detail = x.kindAt(a.Start-2, "prep:")
			return []*resolve.Actor{a}
		}
		if a.Prep == "" && x.ownerAfter(a.Start, t) {
			// «رحبت قطر بقرار مجلس الأمن», «ندد بتصريحات الرئيس»: the actor
			// whose decision or words the trigger is about
			p.detail = x.toks[a.Start-1].Norm[:2]
			return []*resolve.Actor{a}
		}
		if allows(t.Target, a.Prep) || passive && a.Prep == "" || toward && a.Prep == "في" {
			targets := []*resolve.Actor{a}
			for k := i + 1; k < len(p.actors) && p.actors[k].Conj && (p.actors[k].Prep == "" || p.actors[k].Prep == a.Prep); k++ {
				targets = append(targets, &p.actors[k])
			}
			p.detail = prepName(a.Prep)
			return targets
		}
	}
	return nil
}

// countedVictims: the counted actor right before a verb of violence.
func (p *tgtProbe) countedVictims() []*resolve.Actor {
	if !p.a.verb || !p.c.violent(p.t.Root()) {
		return nil
	}
	if i := p.x.countedBeforeAt(p.m); i >= 0 && (p.a.src == nil || p.a.src != &p.actors[i]) {
		return []*resolve.Actor{&p.actors[i]}
	}
	return nil
}

// attackObject: the first actor after a violent trigger that no
// preposition places elsewhere.
func (p *tgtProbe) attackObject() []*resolve.Actor {
	if !p.c.violent(p.t.Root()) {
		return nil
	}
	src := p.a.src
	for i := p.from; i < len(p.actors); i++ {
		a := &p.actors[i]
		if p.x.otherTriggerBetween(p.m.End, a.Start, true) {
			break
		}
		if a.Prep == "" && !a.Conj && (src == nil || a.Start != src.Start) {
			return []*resolve.Actor{a}
		}
		if a.Prep == "ل" && a.Start > p.m.End && p.x.wordBetween(p.m.End, a.Start, "علي") && !a.Agent {
			p.fired = &ruleAttackOwner
			return []*resolve.Actor{a}
		}
	}
	return nil
}

// judgedCountry: for praise and criticism (roots 05 and 11), a state or a
// capital after «في» other than the source's.
func (p *tgtProbe) judgedCountry() []*resolve.Actor {
	if r := p.t.Root(); r != "05" && r != "11" {
		return nil
	}
	for i := p.from; i < len(p.actors); i++ {
		a := &p.actors[i]
		// «في سوريا»; «الهجوم على سوريا»: the state an attack was made on
		on := a.Prep == "علي" && a.Start-1 > p.m.End && p.x.attackBefore(a.Start)
		if (a.Prep == "في" || on) && (a.Kind == "STATE" || a.Kind == "CAPITAL") && (p.a.src == nil || a.Country != p.a.src.Country) {
			return []*resolve.Actor{a}
		}
	}
	return nil
}

// attackBefore reports a trigger of violence ending right before the
// preposition of the actor at token k («الهجوم على سوريا»).
func (x *sctx) attackBefore(k int) bool {
	for i := range x.ms {
		if x.ms[i].End == k-1 && x.c.violentEntry(x.ms[i].Entries) {
			return true
		}
	}
	return false
}

// place: a place after a target preposition, as its country, for a code
// that needs a target.
func (p *tgtProbe) place() []*resolve.Actor {
	if !p.c.needsTarget(p.t.Root()) {
		return nil
	}
	if a := p.x.placeTarget(p.m, p.t, p.in.Named); a != nil {
		p.detail = a.Prep
		return []*resolve.Actor{a}
	}
	return nil
}

// pronounPair: a verbal noun of a joint act with a dual or plural pronoun
// («لقائهما») and nobody named is between the two actors named before it;
// the first is the source.
func (p *tgtProbe) pronounPair() []*resolve.Actor {
	m := p.m
	if p.a.src != nil || p.a.verb || !p.c.symmetric(p.t.Root()) || m.Suffix != "هما" && m.Suffix != "هم" {
		return nil
	}
	var two []*resolve.Actor
	for i := p.a.firstAfter - 1; i >= 0 && len(two) < 2; i-- {
		two = append(two, &p.actors[i])
	}
	if len(two) != 2 {
		return nil
	}
	p.a.src, p.a.srcIdx, p.a.srcRule = two[1], -1, &rulePronounPair
	return two[:1]
}

// pronoun: a pronoun on the trigger or after it («معه», «زارها») stands
// for the actor named before.
func (p *tgtProbe) pronoun() []*resolve.Actor {
	if a := p.x.pronounTarget(p.m, p.a.src); a != nil {
		return []*resolve.Actor{a}
	}
	return nil
}

// beforeVerb: an actor of another country between the subject and the
// verb, after a preposition or cut off from the verb, for a code that
// needs a target; the last such actor.
func (p *tgtProbe) beforeVerb() []*resolve.Actor {
	src, srcIdx := p.a.src, p.a.srcIdx
	if src == nil || srcIdx < 0 || src.End > p.m.Start || !p.c.needsTarget(p.t.Root()) {
		return nil
	}
	var targets []*resolve.Actor
	for i := srcIdx + 1; i < p.a.firstAfter; i++ {
		if p.actors[i].Country != src.Country && (p.actors[i].Prep != "" || p.x.separated(p.actors[i].End, p.m.Start)) {
			targets = []*resolve.Actor{&p.actors[i]}
		}
	}
	return targets
}

// conjoinedSubjects: the subjects joined to the source by «و» are the
// targets of a joint act.
func (p *tgtProbe) conjoinedSubjects() []*resolve.Actor {
	if p.a.srcIdx < 0 || !p.c.symmetric(p.t.Root()) {
		return nil
	}
	var targets []*resolve.Actor
	for k := p.a.srcIdx + 1; k < len(p.actors) && p.actors[k].Conj && p.actors[k].Prep == ""; k++ {
		targets = append(targets, &p.actors[k])
	}
	return targets
}

// placeTarget finds a place named after one of the trigger's target
// prepositions («خفض إمدادات الكهرباء إلى قطاع غزة») and returns it as an
// actor of the place's country, for a trigger that has no other target.
func (x *sctx) placeTarget(m *recognise.Mention, t *kb.Trigger, named map[string]int) *resolve.Actor {
	c, in, s := x.c, x.in, x.s
	var scratch [4]arabic.Analysis
	for k := m.End; k+1 < s.End; k++ {
		prep := kindIn(x.wawless(k), "prep:")
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
func (x *sctx) pronounTarget(m *recognise.Mention, src *resolve.Actor) *resolve.Actor {
	actors := x.actors
	s := x.s
	has := m.Suffix != "" && m.Suffix != "ي"
	for k := m.End; !has && k < s.End && k < m.End+4; k++ {
		has = kindIn(x.wawless(k), "proprep:") != ""
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

// ownerAfter reports an actor at token k that is the genitive of a noun
// right before it carrying t's target preposition «ب» as a proclitic
// («رحب بقرار», «ندد بتصريحات», «أشاد بجهود»), for praise, blame and
// refusal: a noun in construct (no article), no function word, no actor
// and no trigger.
func (x *sctx) ownerAfter(k int, t *kb.Trigger) bool {
	if r := t.Root(); k-1 < x.s.Start || r != "05" && r != "11" && r != "12" {
		return false // words of praise, blame and refusal are about what someone did or said
	}
	tk := x.toks[k-1]
	n := tk.Norm
	if tk.Kind != arabic.Word || len(n) <= 2+4 || x.actorAt(k-1) >= 0 || len(x.classesAt(k-1)) > 0 {
		return false
	}
	p, rest := n[:2], n[2:]
	if p != "ب" || strings.HasPrefix(rest, "ال") || !allows(t.Target, p) {
		return false
	}
	for i := range x.ms {
		if x.ms[i].Start <= k-1 && k-1 < x.ms[i].End && x.ms[i].Has(kb.EntTrigger) {
			return false
		}
	}
	return true
}
