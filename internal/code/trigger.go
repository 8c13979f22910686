package code

import (
	"slices"
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
)

// cueWindow is how many words after a trigger its cue may stand.
const cueWindow = 10

// Choice is the trigger entry the coder takes for a mention.
type Choice struct {
	Trigger int32  // index into the knowledge base's Triggers
	Cue     string // the cue found after the mention, "" for an entry without cue
	CueAt   int    // the token where the cue starts, when there is one
}

// choose reports which trigger entry of mention ms[k] the coder takes in
// sentence s: an entry whose cue follows within cueWindow words wins over
// one with no cue; an entry whose cue is absent does not apply; a word read
// as a verbal noun takes no verb entry. ok is false when none applies.
func (x *sctx) choose(k int) (Choice, bool) {
	if x.chosen == nil {
		x.chosen = make([]chosen, len(x.ms))
	}
	if ch := &x.chosen[k]; !ch.done {
		ch.Choice, ch.ok = x.chooseOnce(k)
		ch.done = true
	}
	return x.chosen[k].Choice, x.chosen[k].ok
}

// chosen is the trigger line choose took for one mention, once worked out.
type chosen struct {
	Choice
	ok, done bool
}

// chooseOnce is choose without the memory.
func (x *sctx) chooseOnce(k int) (ch Choice, ok bool) {
	ms := x.ms
	c, toks, s := x.c, x.toks, x.s
	m := &ms[k]
	// a written tanwin marks a noun or an adverb («فجراً» at dawn, not «فجر» blew up)
	noun := x.nounReading(k) || strings.ContainsRune(toks[m.End-1].Text, '\u064B')
	owned := x.ownedOther(m)
	for _, e := range m.Entries {
		if e.Kind != kb.EntTrigger {
			continue
		}
		if noun && c.lex.KB.Triggers[e.Index].POS == "V" || owned && c.lex.KB.Triggers[e.Index].POS == "N" {
			continue
		}
		if len(c.cues[e.Index]) == 0 {
			if !ok {
				ch, ok = Choice{Trigger: e.Index}, true
			}
			continue
		}
		if cue, at := x.cueAfter(ms[k+1:], m.End, s.End, c.cues[e.Index]); cue != "" && (!ok || ch.Cue == "") {
			ch, ok = Choice{Trigger: e.Index, Cue: cue, CueAt: at}, true
		}
	}
	return ch, ok
}

// ownedOther reports a one-word noun with a pronoun that, possessed, is
// another word (grammar class possessed-other: «مسيرته» is a career, not a
// march).
func (x *sctx) ownedOther(m *recognise.Mention) bool {
	if m.Suffix == "" || m.End-m.Start != 1 {
		return false
	}
	stem := strings.TrimSuffix(strings.TrimPrefix(x.toks[m.Start].Norm, m.Prefix), m.Suffix)
	return x.c.classed(taMarbuta(stem), "possessed-other", "")
}

// trigger returns the working state of the trigger that ms[k] stands for.
// It returns false, and the rule that says why when a line was taken,
// when the trigger codes no event of its own.
func (x *sctx) trigger(k int) (clause, *Rule, bool) {
	ms := x.ms
	c := x.c
	ch, ok := x.choose(k)
	if !ok {
		return clause{}, nil, false
	}
	t := &c.lex.KB.Triggers[ch.Trigger]
	switch {
	case x.figurative(k, t):
		return clause{choice: ch}, noFigurative, false
	case t.POS == "V" && c.violentOrProtest(t.Root()) && x.relativeOfAct(&ms[k]):
		return clause{choice: ch}, noRelativeOfAct, false
	case t.POS == "N" && c.violent(t.Root()) && x.generic(&ms[k]):
		return clause{choice: ch}, noGeneric, false
	case t.CAMEO == "043" && x.hasClassNear(ms[k].End-1, 4, "broadcast"):
		return clause{choice: ch}, noBroadcast, false
	}
	cl := clause{trig: t, m: &ms[k], cueFound: ch.Cue != "", cueAt: ch.CueAt, choice: ch}
	cl.object = cl.trig.POS == "N" && c.violent(cl.trig.Root()) && x.objectOfTrigger(k)
	return cl, nil, true
}

// figurative reports a word of violence ms[k] used figuratively: its
// object, right after it or after the subject that follows it, and after
// the preposition of its target, is of the figurative class («تخطف
// الأضواء», «خطف الرئيس الأضواء», «الهجوم على الحريات»).
func (x *sctx) figurative(k int, t *kb.Trigger) bool {
	ms := x.ms
	c, s := x.c, x.s
	if !c.violent(t.Root()) {
		return false
	}
	obj := ms[k].End
	for j := k + 1; j < len(ms) && ms[j].Start == obj && !ms[j].Has(kb.EntTrigger); j++ {
		obj = ms[j].End // the subject: «خطف الرئيس المصري عبد الفتاح السيسي الأضواء»
	}
	if obj+1 < s.End {
		if p := x.kindAt(obj, "prep:"); p != "" && allows(t.Target, p) {
			obj++ // «الهجوم على الحريات»
		}
	}
	return obj < s.End && x.hasClassAt(obj, "figurative")
}

// generic reports a verbal noun of violence named as a kind of deed, not
// as an act: definite, with nothing of its own, and joined by «و» to
// another definite noun after it, or to another deed of violence before it
// («الاستيلاء على السلطة بالقتل والتدمير», «هدفا للقتل والخطف
// والابتزاز»). After a word of suffering it is what befell someone
// («تعرض للخطف والتعذيب»).
func (x *sctx) generic(m *recognise.Mention) bool {
	c, toks, s := x.c, x.toks, x.s
	if m.Suffix != "" || m.End-m.Start != 1 || !definite(toks[m.Start].Norm, m.Prefix) {
		return false
	}
	// the other deed of the pair: a definite word of no grammar class that
	// names nobody, after «و» when it comes second
	deed := func(k int, and bool) bool {
		if k < s.Start || k >= s.End || toks[k].Kind != arabic.Word || len(x.classesAt(k)) > 0 {
			return false
		}
		n, p := toks[k].Norm, ""
		if and {
			if !strings.HasPrefix(n, "و") {
				return false
			}
			p = "و"
		}
		var scratch [4]arabic.Analysis
		if mm, ok := c.lex.MatchAt(toks[:s.End], k, scratch[:0]); ok && !hasKind(mm.Entries, kb.EntTrigger) {
			return false // «القتل والجيش»: an actor, not a second deed
		}
		return definite(n, p)
	}
	first := m.Prefix == "و" && deed(m.Start-1, false) && x.attackNoun(m.Start-1) // «للقتل والخطف», not «للحماية المدنية والاعتداء»
	if !deed(m.End, true) && !first {
		return false
	}
	return !x.hasClassNear(m.Start, -6, "casualty")
}

// definite reports a word with the article after the proclitics p («بالقتل»
// with «ب», «للقتل» with «ل», «والخطف» with «و»).
func definite(n, p string) bool {
	if p == "" && len(n) > 2 && strings.Contains("وفبل", n[:2]) && !strings.HasPrefix(n, "ال") {
		p = n[:2] // a proclitic the caller did not strip
	}
	rest := strings.TrimPrefix(n, p)
	return strings.HasPrefix(rest, "ال") || strings.HasSuffix(p, "ل") && strings.HasPrefix(rest, "ل")
}

// objectOfTrigger reports a verbal noun standing as the object of the
// trigger of another kind before it, with at most two other words and the
// actors between them: «دان جعجع خطف زياد» reports a condemnation,
// «اتهمت … الموساد بخطف عسكري» an accusation.
func (x *sctx) objectOfTrigger(k int) bool {
	ms := x.ms
	c, s := x.c, x.s
	gap, at := 0, ms[k].Start
	for j := k - 1; j >= 0 && ms[j].Start >= s.Start; j-- {
		gap += at - ms[j].End
		if gap > 2 {
			return false
		}
		at = ms[j].Start
		if !ms[j].Has(kb.EntTrigger) {
			continue
		}
		if ch, ok := x.choose(j); ok {
			// a verb of doing or taking part governs the act it does
			// («شاركت في هذه الغارات»), not one it comments on
			return !c.violentOrProtest(c.lex.KB.Triggers[ch.Trigger].Root()) && !x.classedAt(ms[j].Start, "control", "وف")
		}
		// a verb read as a noun after «لـ» («لتندد بالاعتداء»): any reading
		// of another kind governs the noun
		for _, e := range ms[j].Entries {
			if e.Kind == kb.EntTrigger && ms[j].Prefix == "ل" && c.lex.KB.Triggers[e.Index].POS == "V" && !c.violentOrProtest(c.lex.KB.Triggers[e.Index].Root()) {
				return true
			}
		}
		return false
	}
	return false
}

// nounReading decides a word written the same as a verb and as a verbal
// noun («قتل» killed / killing, «خطف»): it is the noun when a content word
// stands right before it («جرائم قتل», «دان جعجع خطف»), the verb at the
// start of a clause, after a particle («قد قتل», «الذي خطف») or after its
// subject («الجيش قصف»).
func (x *sctx) nounReading(k int) bool {
	ms := x.ms
	c, toks, s := x.c, x.toks, x.s
	m := &ms[k]
	hasV, hasN := false, false
	for _, e := range m.Entries {
		if e.Kind == kb.EntTrigger {
			switch c.lex.KB.Triggers[e.Index].POS {
			case "V":
				hasV = true
			case "N":
				hasN = true
			}
		}
	}
	if !hasV || !hasN || m.Prefix != "" && m.Prefix != "و" && m.Prefix != "ف" {
		// after a preposition a verb form is a verbal noun («إلى قطع»), when
		// the knowledge base has it as one; a verb-only entry keeps reading
		// the word as its verb, as the verbal noun says the same
		return hasN && !hasV || m.Prefix == "ب" || m.Prefix == "ل" || m.Prefix == "ال" || hasN && x.afterPreposition(m)
	}
	if m.Start == s.Start {
		return false
	}
	prev := toks[m.Start-1]
	if prev.Kind != arabic.Word {
		return false
	}
	var scratch [4]arabic.Analysis
	if _, ok := c.lex.TimeAt(toks, m.Start-1, scratch[:0]); ok {
		// «وأمس قتل»; but after a governing verb and its time, the verbal
		// noun is the verb's object («أعلنت أمس الاثنين قطع علاقاتها»)
		return x.timeAfterControl(m)
	}
	inList := k > 0 && ms[k-1].End == m.Start && ms[k-1].Has(kb.EntTrigger) ||
		k+1 < len(ms) && ms[k+1].Start == m.End && ms[k+1].Prefix == "و" && ms[k+1].Has(kb.EntTrigger)
	if m.Prefix != "" && !inList {
		// «وقتلهم»: a new clause — unless a list of nouns («جرائم ضد الإنسانية
		// وقتل واغتصاب», «لبث الفوضى وقطع الطرق»: after a definite noun that
		// names no actor, a bare form is the next verbal noun of the list)
		return m.Suffix == "" && strings.HasPrefix(prev.Norm, "ال") && !(k > 0 && ms[k-1].End == m.Start)
	}
	if x.afterPreposition(m) {
		return true // «إلى قطع الطريق»
	}
	if prev.Text == "إن" && x.saidThat(m.Start-1) {
		return true // «قالت السعودية إنّ قطع العلاقات»: «إنّ» stands before a noun
	}
	if cls := x.classesAt(m.Start - 1); len(cls) > 0 && !slices.Equal(cls, []string{"states"}) { // a function word or a particle («قد») before it, not a noun of states
		return false
	}
	if k > 0 && ms[k-1].End == m.Start && !ms[k-1].Has(kb.EntTrigger) {
		// after a named actor: its verb, unless the actor is itself the
		// subject of a verb right before it, whose object this is
		// («ودان سمير جعجع خطف زياد قبلان»)
		j := k - 1 // the first mention of the actor's phrase
		for j > 0 && !ms[j-1].Has(kb.EntTrigger) && x.titleGap(ms[j-1].End, ms[j].Start) {
			j--
		}
		return j > 0 && ms[j-1].End == ms[j].Start && c.verbEntry(ms[j-1].Entries)
	}
	return true
}

// timeAfterControl reports a verb of the control class before m with
// nothing but time words between them.
func (x *sctx) timeAfterControl(m *recognise.Mention) bool {
	v := x.controlVerb(m)
	if v < 0 {
		return false
	}
	var scratch [4]arabic.Analysis
	for k := v + 1; k < m.Start; {
		t, ok := x.c.lex.TimeAt(x.toks[:m.Start], k, scratch[:0])
		if !ok {
			return false
		}
		k = t.End
	}
	return true
}

// titleGap reports whether toks[from:to] may stand between two mentions
// of one long subject: at most four quotes, «لـ», glue words or definite
// words that name nothing and are no function words («رئيس الهيئة
// التنفيذية لـ «القوات اللبنانية» سمير جعجع»).
func (x *sctx) titleGap(from, to int) bool {
	toks := x.toks
	if to-from > 4 {
		return false
	}
	for k := from; k < to; k++ {
		t := toks[k]
		switch {
		case t.Kind == arabic.Punct && arabic.IsQuote(t.Text):
		case t.Kind != arabic.Word:
			return false
		case x.hasClassAt(k, "glue") || x.kindAt(k, "prep:") == "ل":
		case strings.HasPrefix(t.Norm, "ال") && len(x.classesAt(k)) == 0:
		default:
			return false
		}
	}
	return true
}

// afterPreposition reports a word right after a preposition other than
// «من» (also «who»): a verb cannot stand there, so the word is a verbal
// noun («عمدت القوى الأمنية إلى قطع طريق»).
func (x *sctx) afterPreposition(m *recognise.Mention) bool {
	s := x.s
	if m.Start == s.Start || m.Prefix != "" {
		return false
	}
	return x.governing(m.Start - 1)
}

// cueAfter returns the first of cues that starts within cueWindow words
// after from, as it is written in the knowledge base, and where it starts (or "", -1). The words of
// the mentions that follow (ms, in order: a long subject «رئيس حكومة الوفاق
// فايز السراج وقائد الجيش خليفة حفتر») do not count towards the window.
func (x *sctx) cueAfter(ms []recognise.Mention, from, to int, cues [][]string) (string, int) {
	toks := x.toks
	var scratch [4]arabic.Analysis
	words := 0
	for i := from; i < to && words < cueWindow; i++ {
		for len(ms) > 0 && ms[0].End <= i {
			ms = ms[1:]
		}
		if toks[i].Kind == arabic.Punct {
			continue
		}
		if len(ms) == 0 || i < ms[0].Start || ms[0].Has(kb.EntTrigger) {
			words++
		}
		for _, a := range arabic.Segment(scratch[:0], toks[i].Norm) {
			base := strings.TrimPrefix(a.Base, "ال") // «عقوبات» and «العقوبات» alike
			// a one-word cue also with a pronoun, as the first word after
			// the trigger and its subject: «خفضت الأردن تمثيلها», «قطع
			// علاقاته» (not «طالبتها بوقف دعمها»)
			var stem string
			owned := false
			if words == 1 {
				stem, _, owned = arabic.StripPronoun(base)
			}
			for _, cue := range cues {
				w := strings.TrimPrefix(cue[0], "ال")
				if base == w && matchRest(toks, i+1, to, cue[1:]) || owned && len(cue) == 1 && ownedForm(stem, w) {
					return strings.Join(cue, " "), i
				}
			}
		}
	}
	return "", -1
}

// ownedForm reports whether stem, a word without its pronoun, is the noun w:
// a feminine noun's ta marbuta is written «ت» before the pronoun («قمتها»).
func ownedForm(stem, w string) bool {
	return stem == w || taMarbuta(stem) == w
}

// taMarbuta gives back the ta marbuta («ه» once normalised) that a noun's
// stem writes «ت» before a pronoun («قمتها» → «قمه»).
func taMarbuta(stem string) string {
	if s, ok := strings.CutSuffix(stem, "ت"); ok {
		return s + "ه"
	}
	return stem
}

func matchRest(toks []arabic.Token, i, to int, rest []string) bool {
	for _, w := range rest {
		if i >= to || toks[i].Norm != w {
			return false
		}
		i++
	}
	return true
}
