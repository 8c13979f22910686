package code

import (
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
)

// modality returns the modality of the event reported by trigger mention m.
func (x *sctx) modality(m *recognise.Mention, t *kb.Trigger, sg signs) []string {
	c, toks, s := x.c, x.toks, x.s
	mod := []string{}
	// what stopped is no more («توقف الجيش عن قصف المدينة»), and what did
	// not stop goes on («لم تتوقف عن تعذيب المحتجزين»)
	ceased := sg.cease && x.governed(m, t, "cease", 4)
	if x.inWindow(m, winNegation) != ceased || sg.prevent && c.violentOrProtest(t.Root()) && x.governed(m, t, "prevent", 6) {
		mod = append(mod, "negated")
	}
	for k := s.Start; k < m.Start; k++ {
		if x.classedAt(k, "reported", "و") {
			mod = append(mod, "reported")
			break
		}
	}
	if x.inWindow(m, winSecret) || x.classInClause(m, "secret") {
		mod = append(mod, "secret")
	}
	// a schedule wins over a purpose or a subjunctive: «من المقرر أن يزور»
	// is announced, «قرر أن يزور», «يعتزم زيارة» only intended
	if x.planned(m, t) && !x.inWindow(m, winIntended) {
		mod = append(mod, "planned")
	} else if x.intended(m, t, sg) {
		mod = append(mod, "intended")
	}
	anyAct := t.POS == "N" && m.Start > s.Start && x.hasClassAt(m.Start-1, "any")
	if anyAct || conditional(toks, s, m, t) || sg.whether && x.whether(m) || x.alternative(m, sg) || sg.foretell && x.governed(m, t, "foretell", len(toks)) || x.hasClassNear(m.Start, -5, "hypothetical") || x.hasClassNear(m.End-1, 4, "hypothetical") || question(toks, s) || x.mayDo(m, t) {
		mod = append(mod, "hypothetical")
	}
	if x.background(m, t, sg) {
		mod = append(mod, "background")
	}
	return mod
}

// intended reports an event only wished, proposed or prepared for, or a
// purpose («لمهاجمة»).
func (x *sctx) intended(m *recognise.Mention, t *kb.Trigger, sg signs) bool {
	c, toks, s := x.c, x.toks, x.s
	// a verbal noun of violence or protest after «لـ» is a purpose, not a
	// report («توجه للمشاركة في مظاهرة», «خطط للهجوم على»), unless it follows
	// a verb of suffering («تعرض لهجوم»); other purposes report what was done
	// («استخدم القاعدة لنقل معدات»)
	if strings.HasSuffix(m.Prefix, "ل") && c.violentOrProtest(t.Root()) && !x.inWindow(m, winPurposeCasualty) && !(sg.suffer && x.suffered(m)) {
		return true
	}
	// a present verb after «أن»: «قرر أن يزور»
	if t.POS == "V" && m.Start > s.Start && x.classedAt(m.Start-1, "subjunctive", "وف") && x.present(m, t) {
		return true
	}
	// a verbal noun governed by such a verb: «أن تلجأ إسرائيل إلى شن عمليات اغتيال»
	if v := x.controlVerb(m); (t.POS == "N" || x.afterPreposition(m)) && v > s.Start && x.classedAt(v-1, "subjunctive", "وف") && presentPrefix(toks[v].Norm) {
		return true
	}
	return x.inWindow(m, winIntended)
}

// planned reports an act announced for later: a future verb («سيزور»), or
// a word of schedule near it («من المقرر», «المرتقب», «الأسبوع المقبل»).
func (x *sctx) planned(m *recognise.Mention, t *kb.Trigger) bool {
	return x.inWindow(m, winPlanned) || x.c.verbForm(m, t)[kb.Future] != 0
}

// trend reports a verbal noun of violence counted as a trend: the subject
// of a verb of change within five words after it («إن التفجيرات
// الانتحارية وغيرها من التفجيرات زادت») with no relative pronoun, toll or
// casualty between them («الهجوم الذي ارتفعت حصيلته» counts victims), or
// right after a noun of change, with at most «عدد» between them («ارتفاع
// عدد الهجمات»).
func (x *sctx) trend(m *recognise.Mention) bool {
	toks, s := x.toks, x.s
	for k, seen := m.End, 0; k < s.End && seen < 5; k++ {
		if toks[k].Kind == arabic.Punct {
			if toks[k].Text == "،" || toks[k].Text == "," || toks[k].Text == "؛" {
				break
			}
			continue
		}
		seen++
		if x.classedAt(k, "trend", "وف") {
			return true
		}
		if x.hasClassAt(k, "relative") || x.hasClassAt(k, "count") || x.hasClassAt(k, "casualty") {
			break // «الهجوم الذي ارتفعت حصيلته»: the victims are counted
		}
	}
	k := m.Start - 1
	if k > s.Start && x.hasClassAt(k, "count") {
		k--
	}
	return k >= s.Start && m.Prefix == "" && x.classedAt(k, "trendnoun", "وبل")
}

// suffered reports a verb of suffering up to twelve words before m, across
// commas, with no other verb between: its long subject stands between them
// («تعرض قيادي في حركة حماس هو وكيل وزارة النقل الفلسطينية الثلاثاء،
// للخطف»).
func (x *sctx) suffered(m *recognise.Mention) bool {
	return x.before(m, "suffer", 12, false)
}

// background reports an event told as the background of something else:
// what used to happen («كانوا يخطفون»); violence or a protest as the matter
// of a trial or an investigation, or in a relative clause about a person;
// violence commemorated or in commentary.
func (x *sctx) background(m *recognise.Mention, t *kb.Trigger, sg signs) bool {
	c, s := x.c, x.s
	if t.POS == "V" && x.inWindow(m, winHabitual) && x.present(m, t) && !x.timed() {
		return true // «كانوا يخطفون»; but «كانت الطائرات تقصف المدينة أمس» was going on
	}
	if !c.violentOrProtest(t.Root()) {
		return false
	}
	if sg.background || sg.courtCase || x.relativeBackground(m, t) {
		return true
	}
	if m.Prefix == "" && m.Start > s.Start && x.hasClassAt(m.Start-1, "since") {
		return true // «منذ خطف اثنين من مواطنيها»: a time it dates from
	}
	if t.POS == "N" && c.violent(t.Root()) && x.trend(m) {
		return true // «إن التفجيرات … زادت»: a statistic
	}
	return c.violent(t.Root()) && (sg.memorial || sg.commentary || x.inWindow(m, winConcession))
}

// relativeBackground reports a verb of violence opening a relative clause
// that tells who a person is or what became of him («الذي خطف قبل شهرين»,
// «الذي خطفته فارك لمدة ست سنوات»), or a verbal noun governed by the verb
// that opens it, told as earlier («الذي شارك مع حماس سابقا في عملية خطف
// الجندي»; not «المسلحين الذين نفذوا الهجوم», the news itself), unless
// the clause describes a violent act named just before it («عمليات القصف
// التي تستهدف مواقع»).
func (x *sctx) relativeBackground(m *recognise.Mention, t *kb.Trigger) bool {
	s := x.s
	r := m.Start - 1
	if t.POS == "N" {
		v := x.controlVerb(m)
		return v > s.Start && x.classedAt(v-1, "relative", "") && !x.relativeOfAct(&recognise.Mention{Start: v, End: v + 1}) &&
			x.classBetween(v+1, m.Start, "earlier")
	}
	if t.POS != "V" || r < s.Start {
		return false
	}
	if !x.classedAt(r, "relative", "") {
		return !x.present(m, t) && x.asyndeticRelative(m) // «عن رجل يطلق النار» is going on
	}
	return !x.relativeOfAct(m)
}

// asyndeticRelative reports a past verb opening a relative clause without
// a relative pronoun, as Arabic has after an indefinite antecedent: an
// indefinite noun phrase of at most three words that names a person or a
// people, governed by a preposition or a noun before it («أفرجوا عن
// سائحتين يابانيتين اختطفتا في مأرب», «جثة صحافي مستقل كان قد خطف»). After
// «أن» or a number the phrase is the verb's subject («أن 12 صحافيا خطفوا»),
// and a clause with a pronoun back to its antecedent after a preposition
// tells of a place or a unit («دورية أميركية قتل فيها»).
func (x *sctx) asyndeticRelative(m *recognise.Mention) bool {
	c, toks, s := x.c, x.toks, x.s
	if m.Prefix != "" || m.End < s.End && x.kindAt(m.End, "proprep:") != "" {
		return false
	}
	var scratch [4]arabic.Analysis
	if n := m.End; m.Suffix == "" && n < s.End && toks[n].Kind == arabic.Word && strings.HasPrefix(toks[n].Norm, "ال") && !x.hasClassAt(n, "relative") {
		if _, ok := c.lex.TimeAt(toks[:s.End], n, scratch[:0]); !ok {
			return false // «هجومين ارهابيين منفصلين استهدف الاول دورية»: a new clause with its own subject
		}
	}
	k := m.Start - 1
	for k > s.Start && (x.hasClassAt(k, "particle") || x.hasClassAt(k, "habitual")) {
		k-- // «كان قد خطف»
	}
	person, words, lam := false, 0, false
	for ; k >= s.Start && words < 3; k-- {
		t := toks[k]
		if t.Kind != arabic.Word || strings.HasPrefix(t.Norm, "ال") || len(x.classesAt(k)) > 0 {
			break
		}
		if mm, ok := c.lex.MatchAt(toks[:m.Start], k, scratch[:0]); ok {
			if hasKind(mm.Entries, kb.EntTrigger) || hasKind(mm.Entries, kb.EntActor) || hasKind(mm.Entries, kb.EntCountry) {
				return false
			}
			person = person || hasKind(mm.Entries, kb.EntRole) || hasKind(mm.Entries, kb.EntDemonym)
			if lam = mm.Prefix == "ل" || mm.Prefix == "ب"; lam {
				break // the phrase's own preposition: «لجندي إسرائيلي»
			}
		}
		words++
	}
	if !person || k < s.Start && !lam {
		return false
	}
	if lam && k > s.Start && x.classedAt(k-1, "speech", "وف") {
		return false // «وقال لصحافيين قتل خمسة جنود»: the hearers of what is said
	}
	if lam || x.governing(k) {
		return true // «عن سائحتين يابانيتين», «السجن لجندي إسرائيلي قتل فلسطينيا»
	}
	// a noun governing the phrase, itself after a preposition: «على جثة صحافي»
	if _, ok := c.lex.MatchAt(toks[:m.Start], k, scratch[:0]); ok || k == s.Start || toks[k].Kind != arabic.Word {
		return false
	}
	return !strings.HasPrefix(toks[k].Norm, "ال") && len(x.classesAt(k)) == 0 && x.governing(k-1)
}

// relativeOfAct reports a verb m opening a relative clause right after a
// verbal noun of violence or protest («الهجوم الإرهابي الذي استهدف أمس
// مصلين»): the clause tells of that act, which is coded once, from its noun.
func (x *sctx) relativeOfAct(m *recognise.Mention) bool {
	c, toks, s := x.c, x.toks, x.s
	r := m.Start - 1
	if r <= s.Start || !x.classedAt(r, "relative", "") {
		return false
	}
	var scratch [4]arabic.Analysis
	for k := r - 1; k >= s.Start && k >= r-3; k-- {
		mm, ok := c.lex.MatchAt(toks[:r], k, scratch[:0])
		if !ok {
			continue
		}
		for _, e := range mm.Entries {
			if e.Kind == kb.EntTrigger && c.lex.KB.Triggers[e.Index].POS != "V" && c.violentOrProtest(c.lex.KB.Triggers[e.Index].Root()) {
				return true
			}
		}
	}
	return false
}

// governed reports a word of class cls before trigger m, in its clause
// and at most n words before it: the clause ends at a comma or a colon, or
// at the verb of another event, and a verb after «و» opens its own. A word of fear or prediction governs its
// whole clause («بسبب مخاوف من ان يحاول مهاجم انتحاري … خطف طائرة»,
// «تكهن … بانتشار التوتر … واستمرار اغتيال شخصيات»), one of prevention
// the act that follows it («لمنع الطائرات الإسرائيلية من قصفه»).
func (x *sctx) governed(m *recognise.Mention, t *kb.Trigger, cls string, n int) bool {
	if t.POS == "V" && (m.Prefix == "و" || m.Prefix == "ف") {
		return false // «أحبطت الشرطة هجوما وقتلت المهاجم»: a verb after «و» opens a clause of its own
	}
	return x.before(m, cls, n, true)
}

// before reports a word of class cls (with or without a proclitic) at most
// n words before trigger m, with no verb of another event between them;
// with inClause, a comma or a colon between them ends the search.
func (x *sctx) before(m *recognise.Mention, cls string, n int, inClause bool) bool {
	c, toks, s := x.c, x.toks, x.s
	var scratch [4]arabic.Analysis
	for k, seen := m.Start-1, 0; k >= s.Start && seen < n; k-- {
		if toks[k].Kind == arabic.Punct {
			switch toks[k].Text {
			case "،", ",", "؛", ";", ":", ".":
				if inClause {
					return false
				}
			}
			continue
		}
		if toks[k].Kind != arabic.Word {
			continue
		}
		seen++
		if x.classedAt(k, cls, "وفبل") {
			return true
		}
		if mm, ok := c.lex.MatchAt(toks[:m.Start], k, scratch[:0]); ok && c.verbEntry(mm.Entries) {
			return false
		}
	}
	return false
}

// whether reports an event in an indirect question opened by «ما إذا»
// (also «عما إذا», «فيما إذا»), which goes on across commas and verbs («…
// ناجما عن هجوم انتحاري، أو عن انفجار قنبلة», «ما إذا كان المهاجم قد قتل
// أو أصيب») up to a clause conjunction («وعندما أجابته»).
func (x *sctx) whether(m *recognise.Mention) bool {
	s := x.s
	for k := m.Start - 1; k > s.Start; k-- {
		if x.hasClassAt(k, "if") && x.hasClassAt(k-1, "whether") {
			return true
		}
		if x.classedAt(k, "clause", "وف") {
			return false
		}
	}
	return false
}

// alternative reports an act right after «سواء», or right after «أم» in a
// sentence that asks («أكان رصاصة أم انفجارا»): one of several
// possibilities. Elsewhere «أم» is a mother or the M of «أف أم».
func (x *sctx) alternative(m *recognise.Mention, sg signs) bool {
	toks, s := x.toks, x.s
	k := m.Start - 1
	if k < s.Start || toks[k].Kind != arabic.Word {
		return false
	}
	if x.hasClassAt(k, "either") {
		return true
	}
	return sg.asking && x.hasClassAt(k, "alternative")
}

// conditional reports a verb right after «إن» written with the hamza
// below: «إنّ» (that, indeed) stands before a noun, so before a verb it is
// «إنْ» (if): «إن قتلوا عشرات الأطفال». Normalised, «إن» is «أن»; only
// the written form tells them apart.
func conditional(toks []arabic.Token, s arabic.Span, m *recognise.Mention, t *kb.Trigger) bool {
	if t.POS != "V" || m.Start <= s.Start || m.Suffix != "" {
		return false // «إن استقالته»: a noun with its pronoun, after «إنّ»
	}
	switch toks[m.Start-1].Text {
	case "إن", "وإن", "فإن":
		return true
	}
	return false
}

// question reports a sentence that ends with a question mark: what it asks
// about is not reported as having happened («ولماذا لم … وقتل أبنائه؟»).
func question(toks []arabic.Token, s arabic.Span) bool {
	for k := s.End - 1; k >= s.Start && k >= s.End-3; k-- {
		switch toks[k].Text {
		case "؟", "?":
			return true
		}
		if toks[k].Kind != arabic.Punct {
			return false
		}
	}
	return false
}

// timed reports a time expression in sentence s («أمس», «يوم الأحد»).
func (x *sctx) timed() bool {
	c, toks, s := x.c, x.toks, x.s
	var scratch [4]arabic.Analysis
	for k := s.Start; k < s.End; k++ {
		if _, ok := c.lex.TimeAt(toks[:s.End], k, scratch[:0]); ok {
			return true
		}
	}
	return false
}

// placed reports a word that stands after a preposition of place or a
// place word («قرب», «أمام», «مقر»), with «من» between them allowed.
func (x *sctx) placed(k int) bool {
	s := x.s
	for j, seen := k-1, 0; j >= s.Start && seen < 2; j-- {
		if x.classedAt(j, "prep:قرب", "وب") || x.classedAt(j, "prep:امام", "وب") || x.classedAt(j, "placeword", "وب") {
			return true
		}
		if !x.hasClassAt(j, "prep:من") {
			return false
		}
		seen++
	}
	return false
}

// classInClause reports a word of class cls after trigger m, up to the next
// trigger or the end of the sentence («زار … دمشق سراً»).
func (x *sctx) classInClause(m *recognise.Mention, cls string) bool {
	c, toks, s := x.c, x.toks, x.s
	var scratch [4]arabic.Analysis
	for k := m.End; k < s.End; k++ {
		if x.hasClassAt(k, cls) {
			return true
		}
		if mm, ok := c.lex.MatchAt(toks[:s.End], k, scratch[:0]); ok {
			for _, e := range mm.Entries {
				if e.Kind == kb.EntTrigger {
					return false
				}
			}
			k = mm.End - 1
		}
	}
	return false
}

// mayDo reports «قد» right before a present verb: «قد تطلب السفارات» is
// «the embassies may ask» (before a past verb, «قد زار», it is «has»).
func (x *sctx) mayDo(m *recognise.Mention, t *kb.Trigger) bool {
	k := m.Start - 1
	return t.POS == "V" && k >= x.s.Start && strings.TrimPrefix(x.toks[k].Norm, "و") == "قد" && x.present(m, t)
}
