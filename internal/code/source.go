package code

import (
	"slices"
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// nounSubjectAfter reports a definite noun right after verb m that names
// no actor and is no function word («كما دعت المنظمة المذكورة»): the
// verb's own subject, so the previous sentence's does not carry over.
func (x *sctx) nounSubjectAfter(m *recognise.Mention) bool {
	c, toks, s := x.c, x.toks, x.s
	if m.End >= s.End {
		return false
	}
	t := toks[m.End]
	if t.Kind != arabic.Word || !strings.HasPrefix(t.Norm, "ال") || len(x.classesAt(m.End)) > 0 {
		return false
	}
	var scratch [4]arabic.Analysis
	if _, timed := c.lex.TimeAt(toks[:s.End], m.End, scratch[:0]); timed {
		return false // «وقد التقى الشهر الماضي …»: a time, not a subject
	}
	_, named := c.lex.MatchAt(toks[:s.End], m.End, scratch[:0])
	return !named
}

// source finds the source of trigger cl among the sentence's actors.
func (x *sctx) source(cl clause) args {
	last := &x.d.last
	actors := x.actors
	c, in, s := x.c, x.in, x.s
	toks := in.Tokens
	m := cl.m
	t := cl.trig
	// actors before and after the trigger, within the sentence
	firstAfter := len(actors)
	for i, a := range actors {
		if a.Start >= m.End {
			firstAfter = i
			break
		}
	}
	verb := t.POS == "V" || t.POS == "P"
	conj := strings.HasPrefix(m.Prefix, "و") || strings.HasPrefix(m.Prefix, "ف") || x.conjBefore(m.Start)
	// preceding subject candidate: the nearest actor before the trigger, not
	// governed by a preposition, with no verb of saying in between
	prev := -1
	for i := firstAfter - 1; i >= 0; i-- {
		a := &actors[i]
		if a.Prep != "" || a.End > m.Start || a.Agent {
			continue // an agent adjective («الغارات الإسرائيلية») belongs to its own act
		}
		if !x.speechBetween(a.End, m.Start) {
			prev = i
		}
		break
	}
	// following subject candidate (VSO, or the agent of a verbal noun): the
	// first actor after, without preposition, before any other trigger
	next := -1
	if firstAfter < len(actors) {
		a := &actors[firstAfter]
		gap := a.Start - m.End
		near := gap <= 8
		if !verb {
			// the agent of a verbal noun follows it, with at most its own
			// adjectives («زيارة سرية لقائد …») or «قام بها» in between
			near = gap == 0 || gap <= 2 && x.allClassed(m.End, a.Start) || gap <= 5 && x.lightBetween(m.End, a.Start)
		}
		if near && !x.otherTriggerBetween(m.End, a.Start, false) &&
			(a.Prep == "" && !a.Conj || !verb && a.Prep == "ل" && a.Kind != "STATE" && a.Kind != "CAPITAL") {
			next = firstAfter
		}
	}
	if verb && next >= 0 && x.disagrees(m, t, &actors[next]) {
		next = -1 // «وقد التقى الشهر الماضي المستشارة الألمانية»: a masculine verb, a woman: its object
	}
	// the agent of a verbal noun stands between it and its cued object
	// («قطع الرياض وأبوظبي علاقاتها مع قطر»)
	agentBeforeCue := next >= 0 && cl.cueFound && actors[next].End <= cl.cueAt
	// and before its object when that takes a preposition («قصف الجيش
	// الإسرائيلي لجنوب لبنان», «هجمات تنظيم القاعدة على القوات
	// الأمريكية»: the genitive is the subject; an indefinite word there is
	// an adjective, «اعتداء ارهابيا على الاراضي الاميركية»)
	agentBeforeObject := next >= 0 && next+1 < len(actors) && actors[next+1].Start-actors[next].End <= 1 &&
		actors[next+1].Prep != "" && allows(t.Target, actors[next+1].Prep) &&
		(actors[next].Kind != "ROLE" && actors[next].Kind != "PEOPLE" || definite(toks[actors[next].Start].Norm, ""))
	// an actor after «لـ» is the agent when «لـ» does not introduce the
	// noun's target («غارة جوية لقوات التحالف»)
	lamAgent := next >= 0 && actors[next].Prep == "ل" && !allows(t.Target, "ل") && !x.prepBetween(m.End, actors[next].Start)
	if !verb && (cl.cueFound || allows(t.Target, "-")) && !(next >= 0 && actors[next].Agent) && !agentBeforeCue && !agentBeforeObject && !lamAgent {
		next = -1 // «إرسال مقاتلين», «اغتيال الوزير»: what follows such a verbal noun is its object
	}
	if verb && c.violent(t.Root()) && next >= 0 && x.counted(m) && actors[next].Start <= m.End+2 {
		next = -1 // «قتل عشرة مسلحين»: a count right after the verb counts its victims (a passive)
	}
	if verb && x.countedBefore(m) {
		prev = -1 // «أن 38 شخصا قتلوا»: the counted people are the subject (the victims of a passive)
	}
	adjacentPrev := prev >= 0 && m.Start-actors[prev].End <= 2 && !x.separated(actors[prev].End, m.Start)
	if i := nearestBefore(actors, m.Start); verb && !adjacentPrev && i >= 0 && actors[i].Prep != "" && m.Start == actors[i].End {
		// «قضت المحكمة بالسجن على جندي إسرائيلي أطلق النار»: an indefinite
		// relative clause; the actor right before the verb is its subject
		prev, adjacentPrev = i, true
	}
	// a prepositional phrase right after the verb («وطالب في ختام رسالته …»)
	phraseAfter := false
	if m.End < s.End {
		p := x.kindAt(m.End, "prep:")
		phraseAfter = p != "" && p != "بين"
	}
	// a relative clause whose verb carries a pronoun back to the antecedent
	// («التي نددت بها المنظمات», «الذي ساندته قطر») has the antecedent as
	// its object: its subject follows the verb
	resumptive := m.Suffix != "" || m.End < s.End && x.kindAt(m.End, "proprep:") != ""
	pronounSubj := x.hasClassNear(m.Start, -3, "pronsubj") || x.hasClassNear(m.Start, -2, "relative") && !(verb && resumptive)
	if m.Start > s.Start && x.classedAt(m.Start-1, "clause", "وف") {
		pronounSubj = false // «أنه حين زار الرئيس ترامب الرياض»: the pronoun belongs to the main clause
	}
	passive := x.hasClassNear(m.Start, -1, "passive")
	agent := x.agentAfter(m)
	control, antecedent := -1, -1
	if verb {
		antecedent = x.antecedent(m.Start)
		if m.Start > s.Start && x.classedAt(m.Start-1, "subjunctive", "وف") {
			control = x.controlSubject(m) // «قرر الرئيس أن يزور دمشق»
		}
	} else {
		control = x.controlSubject(m)
	}
	stage := -1
	if !verb && t.Root() == "14" {
		stage = x.subjectOf(x.stageVerb(m), m)
		if stage >= 0 && (actors[stage].Kind == "STATE" || actors[stage].Kind == "CAPITAL") {
			stage = -1 // «شهدت بيروت مظاهرات»: the place where it happened, not who protested
		}
	}
	// a first person inside a quotation (outside, «اتهم» is a past tense)
	quoted1st := verb && x.inQuote(m.Start) && x.firstSingular(m, t)
	speaker := -1
	if quoted1st || t.POS == "P" {
		speaker = x.speaker(m.Start)
	}
	participle := t.POS == "P" && x.classedAt(m.Start, "participle", "و")
	p := &srcProbe{
		c: c, x: x, toks: toks, s: s, m: m, t: t, actors: actors, last: *last,
		verb: verb, conj: conj, passive: passive, participle: participle, quoted1st: quoted1st,
		pronounSubj: pronounSubj, adjacentPrev: adjacentPrev, phraseAfter: phraseAfter,
		prev: prev, next: next, agent: agent, control: control, stage: stage, antecedent: antecedent, speakerIdx: speaker,
	}
	a := args{firstAfter: firstAfter, verb: verb, passive: passive, srcIdx: -1}
	for i := range sourceRules {
		r := &sourceRules[i]
		if !r.when(p) {
			continue
		}
		a.srcIdx, a.src = r.pick(p)
		if a.srcIdx >= 0 {
			a.src = &actors[a.srcIdx]
		}
		a.srcRule = &r.Rule // also a rule that names nobody («تم اعتقال X»: src.passive)
		break
	}
	return a
}

// among reports whether a points into actors.
func among(a *resolve.Actor, actors []resolve.Actor) bool {
	for i := range actors {
		if &actors[i] == a {
			return true
		}
	}
	return false
}

// nearestBefore returns the index of the last actor ending before token i, or -1.
func nearestBefore(actors []resolve.Actor, i int) int {
	for k := len(actors) - 1; k >= 0; k-- {
		if actors[k].End <= i {
			return k
		}
	}
	return -1
}

// coagents returns the actors introduced by «بالاشتراك مع», «بالتعاون مع» …
// after the trigger: they share the event's source role.
func (x *sctx) coagents(m *recognise.Mention, targets []*resolve.Actor) []*resolve.Actor {
	actors := x.actors
	var out []*resolve.Actor
	for i := range actors {
		a := &actors[i]
		if a.Start < m.End || a.Prep != "مع" || a.Start < 2 || isTarget(a, targets) {
			continue
		}
		if slices.Contains(x.wawless(a.Start-2), "coagent") {
			out = append(out, a)
		}
	}
	return out
}

func isTarget(a *resolve.Actor, targets []*resolve.Actor) bool {
	for _, t := range targets {
		if t == a {
			return true
		}
	}
	return false
}

// inQuote reports whether token i stands inside a quotation of sentence s
// (an odd number of quotation marks before it): the subject of a clause
// outside the quote does not carry into it.
func (x *sctx) inQuote(i int) bool {
	toks, s := x.toks, x.s
	open := false
	for k := s.Start; k < i; k++ {
		if toks[k].Kind == arabic.Punct {
			switch toks[k].Text {
			case "«", "“":
				open = true
			case "»", "”":
				open = false
			case "\"":
				open = !open
			}
		}
	}
	return open
}

// conjBefore reports a free-standing «و», or a particle that continues the
// previous clause («كما», «ثم»), just before token i (quotes skipped).
func (x *sctx) conjBefore(i int) bool {
	toks := x.toks
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if toks[k].Kind == arabic.Punct && arabic.IsQuote(toks[k].Text) {
			continue
		}
		n := toks[k].Norm
		// «وقد التقى», «فقد زار»: the conjunction on the particle
		return n == "و" || n == "ف" || n == "وقد" || n == "فقد" || slices.Contains(x.wawless(k), "continue")
	}
	return false
}

// relativeBefore returns the position of the relative pronoun whose clause
// holds token i, or -1.
func (x *sctx) relativeBefore(i int) int {
	s := x.s
	for k := i - 1; k >= s.Start; k-- {
		if x.hasClassAt(k, "relative") {
			return k
		}
	}
	return -1
}

// antecedent returns the actor that a relative pronoun before token i
// refers to: the nearest actor before the pronoun, with nothing between
// them but punctuation, prepositions, time words and glue («قانون قيصر» في
// منتصف يونيو، الذي …); -1 when a content word stands between («هذه
// الغارات التي استهدفت»): the antecedent is not an actor.
func (x *sctx) antecedent(i int) int {
	actors := x.actors
	c, toks := x.c, x.toks
	r := x.relativeBefore(i)
	if r < 0 {
		return -1
	}
	a := nearestBefore(actors, r)
	if a < 0 || r-actors[a].End > 6 {
		return -1
	}
	var scratch [4]arabic.Analysis
	for k := actors[a].End; k < r; k++ {
		t := toks[k]
		if t.Kind != arabic.Word {
			continue
		}
		if tm, ok := c.lex.TimeAt(toks[:r], k, scratch[:0]); ok {
			k = tm.End - 1
			continue
		}
		if len(x.classesAt(k)) == 0 {
			return -1
		}
	}
	return a
}

// lightBefore reports a light verb («قام», «قيام») just before token i.
func (x *sctx) lightBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if x.hasClassAt(k, "light") || slices.Contains(x.in.Gram.Bare(k), "light") {
			return true
		}
	}
	return false
}

// agentAfter returns the actor introduced by «على يد» or «من قبل» after the
// trigger (the agent of a passive or a verbal noun), or -1.
func (x *sctx) agentAfter(m *recognise.Mention) int {
	actors := x.actors
	s := x.s
	for k := m.End; k+1 < s.End && k < m.End+12; k++ {
		if p := x.kindAt(k, "prep:"); (p == "علي" || p == "من") && x.hasClassAt(k+1, "agent") {
			for i := range actors {
				if actors[i].Start > k+1 && actors[i].Start <= k+4 {
					return i
				}
			}
			return -1
		}
	}
	return -1
}

// speaker returns the actor who says the words around token i: the subject
// of the last verb of saying before it in the sentence, or -1.
// reportedSpeaker returns the actor «أنه» refers to after a verb of saying
// («وشدد الرئيس المحتمل لفرنسا … مشيرا إلى أنه زار تونس»): the speaker of
// the sentence, found before that verb; -1 when the pronoun follows no verb
// of saying or no speaker is named.
func (x *sctx) reportedSpeaker(m *recognise.Mention) int {
	actors := x.actors
	s := x.s
	p := -1 // the pronoun
	for k := m.Start - 1; k >= s.Start && k >= m.Start-3; k-- {
		if x.classedAt(k, "pronsubj", "و") {
			p = k
			break
		}
	}
	if p < 0 || !x.hasClassNear(p, -3, "speech") && !x.speechAcrossActors(p) {
		return -1
	}
	for k := p - 1; k >= s.Start; k-- {
		if !x.classedAt(k, "speech", "و") {
			continue
		}
		for j := range actors {
			if actors[j].Start == k+1 && actors[j].Prep == "" {
				return j // «وشدد الرئيس …»
			}
		}
		if j := nearestBefore(actors, k); j >= 0 && k-actors[j].End <= 1 && actors[j].Prep == "" {
			return j // «الرئيس قال …»
		}
	}
	return -1
}

// listedStates returns the first actor of a list that names the plural of
// states subject of trigger m — of m itself when it is a verb, of the verb
// governing it when it is a verbal noun: a word of class states within the
// three words after that verb (after a count, with its adjective), and
// later in the sentence an independent pronoun right before a state with
// no preposition; -1 if none.
func (x *sctx) listedStates(m *recognise.Mention, verb bool) int {
	from := m.End
	if !verb {
		v := x.controlVerb(m)
		if v < 0 {
			return -1
		}
		from = v + 1
	}
	found := false
	for k := from; k < x.s.End && k < from+3; k++ {
		if x.hasClassAt(k, "states") {
			found = true
			break
		}
	}
	if !found {
		return -1
	}
	for i := range x.actors {
		a := &x.actors[i]
		// «… دول هي السعودية …», or the list in brackets: «الدول الثلاث (تونس والجزائر ومصر)»
		if k := a.Start - 1; a.Start > m.End && a.Prep == "" && a.Kind == "STATE" && k > m.End && (x.classedAt(k, "pronoun", "و") || x.toks[k].Text == "(") {
			return i
		}
	}
	return -1
}

// speechAcrossActors reports a verb of saying before token p with only the
// sentence's actors between them («قال الرئيس الفرنسي فرانسوا هولاند
// للصحفيين إنه»: the speaker and the hearers).
func (x *sctx) speechAcrossActors(p int) bool {
	for k := p - 1; k >= x.s.Start; k-- {
		if i := x.actorAt(k); i >= 0 {
			k = x.actors[i].Start
			continue
		}
		return x.classedAt(k, "speech", "و")
	}
	return false
}

// saidClauseSpeaker returns the speaker of a clause of saying that the
// verbal noun m opens: «إن» or «أن» right before m, a verb of saying at
// most three words before that, and its subject (see speaker); -1 if none.
func (x *sctx) saidClauseSpeaker(m *recognise.Mention) int {
	if !x.saidThat(m.Start - 1) {
		return -1
	}
	return x.speaker(m.Start - 1)
}

// saidThat reports «إن» or «أن» at token k after a verb of saying at most
// three words before it («قالت السعودية إن»).
func (x *sctx) saidThat(k int) bool {
	if k <= x.s.Start || !x.hasClassAt(k, "that") {
		return false
	}
	for v := k - 1; v >= x.s.Start && v >= k-3; v-- {
		if x.classedAt(v, "speech", "و") {
			return true
		}
	}
	return false
}

func (x *sctx) speaker(i int) int {
	actors := x.actors
	s := x.s
	for k := i - 1; k >= s.Start; k-- {
		if !x.classedAt(k, "speech", "و") {
			continue
		}
		// «قال X»: the actor right after the verb; «X قال»: the one right before
		for j := range actors {
			if actors[j].Start == k+1 {
				return j
			}
		}
		if j := nearestBefore(actors, k); j >= 0 && k-actors[j].End <= 1 {
			return j
		}
		return -1
	}
	return -1
}

// countedBefore reports a number among the three words before trigger m,
// after the last actor, or right before that actor: a counted noun phrase
// («38 شخصا») is the subject — the victims of a passive.
func (x *sctx) countedBefore(m *recognise.Mention) bool {
	return x.countedBeforeAt(m) != -2
}

// countedBeforeAt is countedBefore, with the counted actor: its index, -1
// when the counted noun is no actor, -2 when there is no count.
func (x *sctx) countedBeforeAt(m *recognise.Mention) int {
	actors := x.actors
	toks, s := x.toks, x.s
	from := max(s.Start, m.Start-3)
	i := nearestBefore(actors, m.Start)
	if i >= 0 && actors[i].End > from {
		if k := actors[i].Start - 1; actors[i].End >= m.Start-1 && k >= s.Start && toks[k].Kind == arabic.Number {
			return i // «أن 38 شخصا قتلوا»
		}
		from = actors[i].End
	}
	for k := from; k < m.Start; k++ {
		if toks[k].Kind == arabic.Number {
			return -1
		}
	}
	return -2
}

// counted reports a number right after trigger m («مقتل 15 جنديا»).
func (x *sctx) counted(m *recognise.Mention) bool {
	toks := x.toks
	return m.End < len(toks) && (toks[m.End].Kind == arabic.Number || x.hasClassAt(m.End, "cardinal"))
}

// controlVerb returns the index of a verb governing trigger m within the ten
// words before it, in the same clause, or -1; a verb of cessation governs
// only the verbal noun right after it or after its «عن».
func (x *sctx) controlVerb(m *recognise.Mention) int {
	c, toks, s := x.c, x.toks, x.s
	for k := m.Start - 1; k >= s.Start && k >= m.Start-10; k-- {
		n := toks[k].Norm
		if x.classedAt(k, "control", "وف") || strings.HasSuffix(n, "وا") && c.classed(n[:len(n)-len("وا")], "control", "وف") {
			return k // «قرر», «عمدوا»
		}
		if k >= m.Start-2 && x.classedAt(k, "cease", "وف") {
			return k // «لم تتوقف عن تعذيب»
		}
		if toks[k].Kind == arabic.Punct && !arabic.IsQuote(toks[k].Text) && toks[k].Text != "،" {
			return -1
		}
	}
	return -1
}

// doneBy reports a verbal noun governed by a verb right before it, with at
// most a preposition between them («عمدوا إلى إلقاء المتفجرات», «حاولوا
// خطف»): the verb tells that the act was done (or tried).
func (x *sctx) doneBy(m *recognise.Mention) bool {
	v := x.controlVerb(m)
	return v >= 0 && (v == m.Start-1 || v == m.Start-2 && (x.kindAt(m.Start-1, "prep:") != "" || x.kindAt(m.Start-1, "proprep:") != ""))
}

// controlSubject returns the subject of a verb governing the verbal noun m
// («قرر المجلس الوزاري خفض», «تبنى تنظيم داعش تفجير», «أعلنت السلطات عن
// اعتقال»), or -1.
func (x *sctx) controlSubject(m *recognise.Mention) int {
	return x.subjectOf(x.controlVerb(m), m)
}

// stageVerb returns the index of a verb that stages the protest noun m or
// tells that it goes on («نفذ العمال وقفة احتجاجية», «انطلقت المسيرة»):
// within ten words before m in its clause, or right after it («الاحتجاجات
// تتواصل»); -1 when there is none.
func (x *sctx) stageVerb(m *recognise.Mention) int {
	toks, s := x.toks, x.s
	for k := m.Start - 1; k >= s.Start && k >= m.Start-10; k-- {
		if toks[k].Kind == arabic.Punct && !arabic.IsQuote(toks[k].Text) {
			return -1
		}
		if x.classedAt(k, "stage", "وف") {
			return k
		}
	}
	if k := m.End; k < s.End && (x.classedAt(k, "stage", "وف") || x.stagedOwned(k)) {
		return k // «الاحتجاجات تتواصل», «وقفة احتجاجية نفذها التلاميذ»
	}
	return -1
}

// stagedOwned reports a verb of staging with an object pronoun at token k
// («نفذها»).
func (x *sctx) stagedOwned(k int) bool {
	stem, _, ok := arabic.StripPronoun(x.toks[k].Norm)
	return ok && (x.c.classed(stem, "stage", "وف") || strings.HasSuffix(stem, "و") && x.c.classed(stem+"ا", "stage", "وف"))
}

// subjectOf returns the actor that is the subject of the verb at v
// governing the verbal noun m: the first actor between v and m, or the
// actor right before v; -1 when there is none (or v < 0, or v follows m).
func (x *sctx) subjectOf(v int, m *recognise.Mention) int {
	actors := x.actors
	if v < 0 || v >= m.Start {
		return -1
	}
	for i := range actors {
		if actors[i].Start > v && actors[i].End <= m.Start && actors[i].Prep == "" {
			if !x.governs(v, m) {
				return -1 // «ووجهت المحكمة تهمة قتل»: the noun belongs to «تهمة», not to the verb
			}
			return i // VSO: «قرر المجلس … خفض»
		}
	}
	for i := len(actors) - 1; i >= 0; i-- {
		if actors[i].End <= v {
			if actors[i].Prep == "" && v-actors[i].End <= 1 {
				return i // SVO: «الجيش يواصل القصف»
			}
			break
		}
	}
	return -1
}

// governs reports whether the verb at v governs the verbal noun m, and not
// a noun right before m whose genitive m is: an indefinite word that names
// nothing, is no word of the grammar table or of time, before an
// indefinite m («ووجهت المحكمة تهمة قتل»; but «يواصل الجيش عمليات القصف»).
func (x *sctx) governs(v int, m *recognise.Mention) bool {
	k := m.Start - 1
	if k <= v || m.Prefix != "" || strings.HasPrefix(x.toks[m.Start].Norm, "ال") || x.actorAt(k) >= 0 {
		return true
	}
	t := x.toks[k]
	if t.Kind != arabic.Word || strings.HasPrefix(t.Norm, "ال") || len(x.classesAt(k)) > 0 {
		return true
	}
	var scratch [4]arabic.Analysis
	_, timed := x.c.lex.TimeAt(x.toks[:m.Start], k, scratch[:0])
	return timed
}

// actorAt returns the sentence's actor that covers token k, or -1.
func (x *sctx) actorAt(k int) int {
	for i := range x.actors {
		if x.actors[i].Start <= k && k < x.actors[i].End {
			return i
		}
	}
	return -1
}

// allClassed reports whether every word of toks[from:to] is a word of the
// grammar table (an adjective of modality, glue, a time word…).
func (x *sctx) allClassed(from, to int) bool {
	toks := x.toks
	for k := from; k < to; k++ {
		if toks[k].Kind == arabic.Word && len(x.classesAt(k)) == 0 {
			return false
		}
	}
	return true
}

// lightBetween reports a light verb («قام بها») in toks[from:to].
func (x *sctx) lightBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if x.hasClassAt(k, "light") {
			return true
		}
	}
	return false
}

// balanceQuotes widens the token span [from, to) by the quotation mark
// that closes or opens a quote it cuts in half: «حكومة» حفتر is shown as
// ««حكومة» حفتر», «قائد «مرتزقة فاغنر» with its closing mark.
func balanceQuotes(toks []arabic.Token, from, to int) (int, int) {
	depth, opened := 0, false
	for k := from; k < to; k++ {
		switch toks[k].Text {
		case "«", "“":
			depth++
			opened = true
		case "»", "”":
			if depth > 0 {
				depth--
			} else if from > 0 && (toks[from-1].Text == "«" || toks[from-1].Text == "“") {
				from-- // a closing mark whose opening stands just before the span
			}
		}
	}
	if opened && depth > 0 && to < len(toks) && (toks[to].Text == "»" || toks[to].Text == "”") {
		to++ // an opening mark whose closing stands just after the span
	}
	return from, to
}
