package code

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// cueWindow is how many words after a trigger its cue may stand.
const cueWindow = 10

// Coder codes events. Build it once with New; it is safe for concurrent use.
type Coder struct {
	lex   *kb.Lexicon
	cues  [][][]string             // per trigger: its cues as normalised token sequences
	stems map[*kb.Trigger][]string // per verb trigger: its present stems without their last letter
	past  map[*kb.Trigger][]string // per verb trigger: its past forms, normalised
}

// New returns a coder over a compiled lexicon.
func New(lex *kb.Lexicon) *Coder {
	c := &Coder{lex: lex, cues: make([][][]string, len(lex.KB.Triggers)), stems: map[*kb.Trigger][]string{}, past: map[*kb.Trigger][]string{}}
	for i := range lex.KB.Triggers {
		t := &lex.KB.Triggers[i]
		for _, f := range t.Surfaces {
			n := arabic.NormalizeString(f)
			// «يقتل» → «قت»: the last letter changes with the person («يقتلون»)
			if stem, ok := strings.CutPrefix(n, "ي"); ok && len(stem) >= 4 {
				c.stems[t] = append(c.stems[t], stem[:len(stem)-2])
			} else if !ok && t.POS == "V" && !strings.Contains(n, " ") {
				c.past[t] = append(c.past[t], n)
			}
		}
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

// Input is one analysed article.
type Input struct {
	Text      string              // the article text; all offsets point into it
	Tokens    []arabic.Token      // its tokens
	Sentences []arabic.Span       // its sentences, as token ranges
	Mentions  []recognise.Mention // its mentions, in text order
	Published time.Time           // publication time, zero if unknown
	// Uncoded, when set, is told why a trigger that was taken codes no
	// event: the token where its mention starts, and the reason (for
	// explain; coding does not need it).
	Uncoded func(at int, why string)

	dates map[int]string // sentence start → its resolved date, filled while coding
	sites map[int]int    // sentence start → the token of its first base, crossing or camp (-1: none)
}

// sentence is what the coder learns once about one sentence.
type sentence struct {
	ms   []recognise.Mention // its mentions
	sg   signs               // its modality signs, once read
	read bool
}

// clause is the working state of one trigger.
type clause struct {
	trig     *kb.Trigger        // the trigger entry the coder took
	m        *recognise.Mention // the mention that stands for it
	cueFound bool               // the entry needed a cue, and it was found
	cueAt    int                // where the cue starts
	object   bool               // a verbal noun that is the object of the trigger before it («دان خطف», «اتهمت … بخطف»)
	sent     *sentence          // its sentence
}

// Events codes the events of an article. res must be a fresh resolver for
// this article, with its main country computed (see resolve.MainCountry).
func (c *Coder) Events(in Input, res *resolve.Resolver) []Event {
	in.dates, in.sites = map[int]string{}, map[int]int{}
	var events []Event
	var last []*resolve.Actor  // the last explicit source (with its conjuncts), for elided subjects
	var pair [2]*resolve.Actor // the source and target of the last joint act, for «الطرفان»
	mi := 0
	for _, s := range in.Sentences {
		var ms []recognise.Mention
		ms, mi = recognise.Within(in.Mentions, mi, s)
		if !recognise.AnyTrigger(ms) {
			continue
		}
		actors := res.Sentence(in.Tokens, ms)
		sent := &sentence{ms: ms}
		cue, code := -1, "" // the cue of the last verb: its object, part of its event («شنت … هجوماً»)
		for k := range ms {
			cl, why, ok := c.trigger(in.Tokens, s, ms, k)
			if ok && ms[k].Start == cue && cl.trig.CAMEO == code {
				// a more specific noun is an event of its own («شن … هجمات انتحارية»)
				ok, why = false, "the object of the verb before it, coded with it («شنت … هجوما»)"
			}
			if !ok {
				in.uncoded(ms[k].Start, why)
				continue
			}
			if cl.cueFound && cl.trig.POS == "V" {
				cue, code = cl.cueAt, cl.trig.CAMEO
			}
			cl.sent = sent
			events = append(events, c.frame(in, s, cl, actors, &last, &pair, res)...)
		}
	}
	return onePerPair(events)
}

// uncoded tells in.Uncoded, when set, why the trigger at token at codes no
// event.
func (in *Input) uncoded(at int, why string) {
	if in.Uncoded != nil && why != "" {
		in.Uncoded(at, why)
	}
}

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

// sentenceDate returns the date of sentence s, resolved once per sentence.
func (c *Coder) sentenceDate(in Input, s arabic.Span) string {
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

// Choice is the trigger entry the coder takes for a mention.
type Choice struct {
	Trigger int32  // index into the knowledge base's Triggers
	Cue     string // the cue found after the mention, "" for an entry without cue
	CueAt   int    // the token where the cue starts, when there is one
}

// Choose reports which trigger entry of mention ms[k] the coder takes in
// sentence s: an entry whose cue follows within cueWindow words wins over
// one with no cue; an entry whose cue is absent does not apply; a word read
// as a verbal noun takes no verb entry. ok is false when none applies.
func (c *Coder) Choose(toks []arabic.Token, s arabic.Span, ms []recognise.Mention, k int) (ch Choice, ok bool) {
	m := &ms[k]
	// a written tanwin marks a noun or an adverb («فجراً» at dawn, not «فجر» blew up)
	noun := c.nounReading(toks, s, ms, k) || strings.ContainsRune(toks[m.End-1].Text, '\u064B')
	for _, e := range m.Entries {
		if e.Kind != kb.EntTrigger {
			continue
		}
		if noun && c.lex.KB.Triggers[e.Index].POS == "V" {
			continue
		}
		if len(c.cues[e.Index]) == 0 {
			if !ok {
				ch, ok = Choice{Trigger: e.Index}, true
			}
			continue
		}
		if cue, at := c.cueAfter(toks, ms[k+1:], m.End, s.End, c.cues[e.Index]); cue != "" && (!ok || ch.Cue == "") {
			ch, ok = Choice{Trigger: e.Index, Cue: cue, CueAt: at}, true
		}
	}
	return ch, ok
}

// trigger returns the working state of the trigger that ms[k] stands for.
// It returns false, and why when a line was taken, when the trigger codes
// no event of its own.
func (c *Coder) trigger(toks []arabic.Token, s arabic.Span, ms []recognise.Mention, k int) (clause, string, bool) {
	ch, ok := c.Choose(toks, s, ms, k)
	if !ok {
		return clause{}, "", false
	}
	t := &c.lex.KB.Triggers[ch.Trigger]
	switch {
	case c.figurative(toks, s, ms, k, t):
		return clause{}, "its object is figurative («تخطف الأضواء», «الهجوم على الحريات»)", false
	case t.POS == "V" && violentOrProtest(t.Root()) && c.relativeOfAct(toks, s, &ms[k]):
		return clause{}, "a relative clause of the act named before it, which codes it («الهجوم الذي استهدف …»)", false
	case t.POS == "N" && violent(t.Root()) && c.generic(toks, s, &ms[k]):
		return clause{}, "a kind of deed, not an act («بالقتل والتدمير»)", false
	}
	cl := clause{trig: t, m: &ms[k], cueFound: ch.Cue != "", cueAt: ch.CueAt}
	cl.object = cl.trig.POS == "N" && violent(cl.trig.Root()) && c.objectOfTrigger(toks, s, ms, k)
	return cl, "", true
}

// figurative reports a word of violence ms[k] used figuratively: its
// object, right after it or after the subject that follows it, and after
// the preposition of its target, is of the figurative class («تخطف
// الأضواء», «خطف الرئيس الأضواء», «الهجوم على الحريات»).
func (c *Coder) figurative(toks []arabic.Token, s arabic.Span, ms []recognise.Mention, k int, t *kb.Trigger) bool {
	if !violent(t.Root()) {
		return false
	}
	obj := ms[k].End
	for j := k + 1; j < len(ms) && ms[j].Start == obj && !ms[j].Has(kb.EntTrigger); j++ {
		obj = ms[j].End // the subject: «خطف الرئيس المصري عبد الفتاح السيسي الأضواء»
	}
	if obj+1 < s.End {
		if p := c.kindOf(toks[obj].Norm, "prep:"); p != "" && allows(t.Target, p) {
			obj++ // «الهجوم على الحريات»
		}
	}
	return obj < s.End && c.lex.HasClass(toks[obj].Norm, "figurative")
}

// generic reports a verbal noun of violence named as a kind of deed, not
// as an act: definite, with nothing of its own, and joined by «و» to
// another definite noun after it, or to another deed of violence before it
// («الاستيلاء على السلطة بالقتل والتدمير», «هدفا للقتل والخطف
// والابتزاز»). After a word of suffering it is what befell someone
// («تعرض للخطف والتعذيب»).
func (c *Coder) generic(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	if m.Suffix != "" || m.End-m.Start != 1 || !definite(toks[m.Start].Norm, m.Prefix) {
		return false
	}
	// the other deed of the pair: a definite word of no grammar class that
	// names nobody, after «و» when it comes second
	deed := func(k int, and bool) bool {
		if k < s.Start || k >= s.End || toks[k].Kind != arabic.Word || len(c.lex.Classes(toks[k].Norm)) > 0 {
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
	first := m.Prefix == "و" && deed(m.Start-1, false) && c.attackNoun(toks, s, m.Start-1) // «للقتل والخطف», not «للحماية المدنية والاعتداء»
	if !deed(m.End, true) && !first {
		return false
	}
	return !c.hasClassNear(toks, s, m.Start, -6, "casualty")
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
func (c *Coder) objectOfTrigger(toks []arabic.Token, s arabic.Span, ms []recognise.Mention, k int) bool {
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
		if ch, ok := c.Choose(toks, s, ms, j); ok {
			// a verb of doing or taking part governs the act it does
			// («شاركت في هذه الغارات»), not one it comments on
			return !violentOrProtest(c.lex.KB.Triggers[ch.Trigger].Root()) && !c.classed(toks[ms[j].Start].Norm, "control", "وف")
		}
		// a verb read as a noun after «لـ» («لتندد بالاعتداء»): any reading
		// of another kind governs the noun
		for _, e := range ms[j].Entries {
			if e.Kind == kb.EntTrigger && ms[j].Prefix == "ل" && c.lex.KB.Triggers[e.Index].POS == "V" && !violentOrProtest(c.lex.KB.Triggers[e.Index].Root()) {
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
func (c *Coder) nounReading(toks []arabic.Token, s arabic.Span, ms []recognise.Mention, k int) bool {
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
		return hasN && !hasV || m.Prefix == "ب" || m.Prefix == "ل" || m.Prefix == "ال" || hasN && c.afterPreposition(toks, s, m)
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
		return false // «وأمس قتل»
	}
	inList := k > 0 && ms[k-1].End == m.Start && ms[k-1].Has(kb.EntTrigger) ||
		k+1 < len(ms) && ms[k+1].Start == m.End && ms[k+1].Prefix == "و" && ms[k+1].Has(kb.EntTrigger)
	if m.Prefix != "" && !inList {
		// «وقتلهم»: a new clause — unless a list of nouns («جرائم ضد الإنسانية
		// وقتل واغتصاب», «لبث الفوضى وقطع الطرق»: after a definite noun that
		// names no actor, a bare form is the next verbal noun of the list)
		return m.Suffix == "" && strings.HasPrefix(prev.Norm, "ال") && !(k > 0 && ms[k-1].End == m.Start)
	}
	if c.afterPreposition(toks, s, m) {
		return true // «إلى قطع الطريق»
	}
	if len(c.lex.Classes(prev.Norm)) > 0 { // a function word or a particle («قد») before it
		return false
	}
	if k > 0 && ms[k-1].End == m.Start && !ms[k-1].Has(kb.EntTrigger) {
		// after a named actor: its verb, unless the actor is itself the
		// subject of a verb right before it, whose object this is
		// («ودان سمير جعجع خطف زياد قبلان»)
		j := k - 1 // the first mention of the actor's phrase
		for j > 0 && !ms[j-1].Has(kb.EntTrigger) && c.titleGap(toks, ms[j-1].End, ms[j].Start) {
			j--
		}
		return j > 0 && ms[j-1].End == ms[j].Start && c.verbEntry(ms[j-1].Entries)
	}
	return true
}

// titleGap reports whether toks[from:to] may stand between two mentions
// of one long subject: at most four quotes, «لـ», glue words or definite
// words that name nothing and are no function words («رئيس الهيئة
// التنفيذية لـ «القوات اللبنانية» سمير جعجع»).
func (c *Coder) titleGap(toks []arabic.Token, from, to int) bool {
	if to-from > 4 {
		return false
	}
	for k := from; k < to; k++ {
		t := toks[k]
		switch {
		case t.Kind == arabic.Punct && arabic.IsQuote(t.Text):
		case t.Kind != arabic.Word:
			return false
		case c.lex.HasClass(t.Norm, "glue") || c.kindOf(t.Norm, "prep:") == "ل":
		case strings.HasPrefix(t.Norm, "ال") && len(c.lex.Classes(t.Norm)) == 0:
		default:
			return false
		}
	}
	return true
}

// nounSubjectAfter reports a definite noun right after verb m that names
// no actor and is no function word («كما دعت المنظمة المذكورة»): the
// verb's own subject, so the previous sentence's does not carry over.
func (c *Coder) nounSubjectAfter(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	if m.End >= s.End {
		return false
	}
	t := toks[m.End]
	if t.Kind != arabic.Word || !strings.HasPrefix(t.Norm, "ال") || len(c.lex.Classes(t.Norm)) > 0 {
		return false
	}
	var scratch [4]arabic.Analysis
	_, named := c.lex.MatchAt(toks[:s.End], m.End, scratch[:0])
	return !named
}

// afterPreposition reports a word right after a preposition other than
// «من» (also «who»): a verb cannot stand there, so the word is a verbal
// noun («عمدت القوى الأمنية إلى قطع طريق»).
func (c *Coder) afterPreposition(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	if m.Start == s.Start || m.Prefix != "" {
		return false
	}
	return c.governing(toks[m.Start-1])
}

// cueAfter returns the first of cues that starts within cueWindow words
// after from, as it is written in the knowledge base, and where it starts (or "", -1). The words of
// the mentions that follow (ms, in order: a long subject «رئيس حكومة الوفاق
// فايز السراج وقائد الجيش خليفة حفتر») do not count towards the window.
func (c *Coder) cueAfter(toks []arabic.Token, ms []recognise.Mention, from, to int, cues [][]string) (string, int) {
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
			for _, cue := range cues {
				if base == strings.TrimPrefix(cue[0], "ال") && matchRest(toks, i+1, to, cue[1:]) {
					return strings.Join(cue, " "), i
				}
			}
		}
	}
	return "", -1
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

// hasClassNear reports whether a word of class cls stands within n words
// before (n < 0) or after (n > 0) token i, inside the sentence.
func (c *Coder) hasClassNear(toks []arabic.Token, s arabic.Span, i, n int, cls string) bool {
	step, count := 1, n
	if n < 0 {
		step, count = -1, -n
	}
	for k, seen := i+step, 0; k >= s.Start && k < s.End && seen < count; k += step {
		if toks[k].Kind == arabic.Punct {
			if toks[k].Text == "،" || toks[k].Text == "," || toks[k].Text == "؛" {
				return false
			}
			continue
		}
		seen++
		if c.classed(toks[k].Norm, cls, "وف") {
			return true
		}
	}
	return false
}

// classed reports whether the normalised word n, as it is or without one
// leading proclitic among procs («و», «ف», «ب»), has grammar class cls.
func (c *Coder) classed(n, cls, procs string) bool {
	if c.lex.HasClass(n, cls) {
		return true
	}
	if len(n) <= 2 {
		return false
	}
	r := n[:2] // every proclitic is one two-byte letter
	return strings.Contains(procs, r) && c.lex.HasClass(n[2:], cls)
}

// modality returns the modality of the event reported by trigger mention m.
func (c *Coder) modality(toks []arabic.Token, s arabic.Span, m *recognise.Mention, t *kb.Trigger, sg signs) []string {
	mod := []string{}
	// what stopped is no more («توقف الجيش عن قصف المدينة»), and what did
	// not stop goes on («لم تتوقف عن تعذيب المحتجزين»)
	ceased := sg.cease && c.governed(toks, s, m, t, "cease", 4)
	if c.hasClassNear(toks, s, m.Start, -3, "neg") != ceased || sg.prevent && violentOrProtest(t.Root()) && c.governed(toks, s, m, t, "prevent", 6) {
		mod = append(mod, "negated")
	}
	for k := s.Start; k < m.Start; k++ {
		if c.classed(toks[k].Norm, "reported", "و") {
			mod = append(mod, "reported")
			break
		}
	}
	if c.hasClassNear(toks, s, m.Start, -2, "secret") || c.classInClause(toks, s, m, "secret") {
		mod = append(mod, "secret")
	}
	if c.intended(toks, s, m, t, sg) {
		mod = append(mod, "intended")
	}
	anyAct := t.POS == "N" && m.Start > s.Start && c.lex.HasClass(toks[m.Start-1].Norm, "any")
	if anyAct || conditional(toks, s, m, t) || sg.whether && c.whether(toks, s, m) || c.alternative(toks, s, m, sg) || sg.foretell && c.governed(toks, s, m, t, "foretell", len(toks)) || c.hasClassNear(toks, s, m.Start, -5, "hypothetical") || c.hasClassNear(toks, s, m.End-1, 4, "hypothetical") || question(toks, s) {
		mod = append(mod, "hypothetical")
	}
	if c.background(toks, s, m, t, sg) {
		mod = append(mod, "background")
	}
	return mod
}

// intended reports an event only planned, wanted or about to be.
func (c *Coder) intended(toks []arabic.Token, s arabic.Span, m *recognise.Mention, t *kb.Trigger, sg signs) bool {
	// a verbal noun of violence or protest after «لـ» is a purpose, not a
	// report («توجه للمشاركة في مظاهرة», «خطط للهجوم على»), unless it follows
	// a verb of suffering («تعرض لهجوم»); other purposes report what was done
	// («استخدم القاعدة لنقل معدات»)
	if strings.HasSuffix(m.Prefix, "ل") && violentOrProtest(t.Root()) && !c.hasClassNear(toks, s, m.Start, -8, "casualty") && !(sg.suffer && c.suffered(toks, s, m)) {
		return true
	}
	// a present verb after «أن»: «قرر أن يزور»
	if t.POS == "V" && m.Start > s.Start && c.classed(toks[m.Start-1].Norm, "subjunctive", "وف") && c.present(toks, m, t) {
		return true
	}
	// a verbal noun governed by such a verb: «أن تلجأ إسرائيل إلى شن عمليات اغتيال»
	if v := c.controlVerb(toks, s, m); (t.POS == "N" || c.afterPreposition(toks, s, m)) && v > s.Start && c.classed(toks[v-1].Norm, "subjunctive", "وف") && presentPrefix(toks[v].Norm) {
		return true
	}
	return c.hasClassNear(toks, s, m.Start, -4, "intended") || c.hasClassNear(toks, s, m.End-1, 4, "intended") || isFuture(toks[m.Start].Norm, m.Prefix)
}

// trend reports a verbal noun of violence counted as a trend: the subject
// of a verb of change within five words after it («إن التفجيرات
// الانتحارية وغيرها من التفجيرات زادت») with no relative pronoun, toll or
// casualty between them («الهجوم الذي ارتفعت حصيلته» counts victims), or
// right after a noun of change, with at most «عدد» between them («ارتفاع
// عدد الهجمات»).
func (c *Coder) trend(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	for k, seen := m.End, 0; k < s.End && seen < 5; k++ {
		if toks[k].Kind == arabic.Punct {
			if toks[k].Text == "،" || toks[k].Text == "," || toks[k].Text == "؛" {
				break
			}
			continue
		}
		seen++
		n := toks[k].Norm
		if c.classed(n, "trend", "وف") {
			return true
		}
		if c.lex.HasClass(n, "relative") || c.lex.HasClass(n, "count") || c.lex.HasClass(n, "casualty") {
			break // «الهجوم الذي ارتفعت حصيلته»: the victims are counted
		}
	}
	k := m.Start - 1
	if k > s.Start && c.lex.HasClass(toks[k].Norm, "count") {
		k--
	}
	return k >= s.Start && m.Prefix == "" && c.classed(toks[k].Norm, "trendnoun", "وبل")
}

// suffered reports a verb of suffering up to twelve words before m, across
// commas, with no other verb between: its long subject stands between them
// («تعرض قيادي في حركة حماس هو وكيل وزارة النقل الفلسطينية الثلاثاء،
// للخطف»).
func (c *Coder) suffered(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	return c.before(toks, s, m, "suffer", 12, false)
}

// background reports an event told as the background of something else:
// what used to happen («كانوا يخطفون»); violence or a protest as the matter
// of a trial or an investigation, or in a relative clause about a person;
// violence commemorated or in commentary.
func (c *Coder) background(toks []arabic.Token, s arabic.Span, m *recognise.Mention, t *kb.Trigger, sg signs) bool {
	if t.POS == "V" && c.hasClassNear(toks, s, m.Start, -4, "habitual") && c.present(toks, m, t) && !c.timed(toks, s) {
		return true // «كانوا يخطفون»; but «كانت الطائرات تقصف المدينة أمس» was going on
	}
	if !violentOrProtest(t.Root()) {
		return false
	}
	if sg.background || sg.courtCase || c.relativeBackground(toks, s, m, t) {
		return true
	}
	if m.Prefix == "" && m.Start > s.Start && c.lex.HasClass(toks[m.Start-1].Norm, "since") {
		return true // «منذ خطف اثنين من مواطنيها»: a time it dates from
	}
	if t.POS == "N" && violent(t.Root()) && c.trend(toks, s, m) {
		return true // «إن التفجيرات … زادت»: a statistic
	}
	return violent(t.Root()) && (sg.memorial || sg.commentary || c.hasClassNear(toks, s, m.Start, -8, "concession"))
}

// signs are the words of a sentence that tell violence as background.
type signs struct {
	background bool // a trial, an investigation, a film… («أدين», «التحقيقات»), not as a place
	courtCase  bool // «قضية» as a court case, not a cause («القضية الفلسطينية»)
	memorial   bool // a commemoration («الذكرى»), not as a place
	commentary bool // the writer's own voice («أقول», «إنكم»), outside quotation marks

	// words whose reach each trigger then measures (none: nothing to look for)
	foretell bool // fear or prediction («مخاوف», «تكهن»)
	prevent  bool // prevention («أحبط»)
	cease    bool // cessation («توقف»)
	suffer   bool // suffering («تعرض»)
	whether  bool // «ما إذا»
	asking   bool // a question opener («أكان», «هل») for «أم»
	accident bool // an accident or a disaster («حادث سير», «زلزال»)
}

// signsIn returns the signs of sentence s, read on first use.
func (c *Coder) signsIn(toks []arabic.Token, s arabic.Span, sent *sentence) signs {
	if sent == nil {
		return c.signsOf(toks, s, nil)
	}
	if !sent.read {
		sent.sg, sent.read = c.signsOf(toks, s, sent.ms), true
	}
	return sent.sg
}

// signsOf reads the signs of sentence s in one pass, looking each word up
// once as written and once without its proclitic; the words of a named
// actor of several words (ms: the sentence's mentions) are no signs.
func (c *Coder) signsOf(toks []arabic.Token, s arabic.Span, ms []recognise.Mention) signs {
	var sg signs
	var scratch [4]arabic.Analysis
	for k := s.Start; k < s.End; k++ {
		if toks[k].Kind != arabic.Word {
			continue
		}
		for len(ms) > 0 && ms[0].End <= k {
			ms = ms[1:]
		}
		if len(ms) > 0 && ms[0].Start == k && ms[0].End-k > 1 && hasKind(ms[0].Entries, kb.EntActor) {
			k = ms[0].End - 1 // a named institution («المحكمة الجنائية الدولية») is an actor, not a trial
			continue
		}
		n := toks[k].Norm
		cls := c.lex.Classes(n)
		var bare []string
		if len(n) > 2 && strings.Contains("وفبل", n[:2]) {
			bare = c.lex.Classes(n[2:])
		}
		has := func(x string) bool { return slices.Contains(cls, x) || slices.Contains(bare, x) }
		if has("background") && !c.placed(toks, s, k) {
			sg.background = true
		}
		if has("memorial") && !c.placed(toks, s, k) {
			sg.memorial = true
		}
		if has("commentary") && !c.inQuote(toks, s, k) {
			sg.commentary = true
		}
		sg.foretell = sg.foretell || has("foretell")
		sg.prevent = sg.prevent || has("prevent")
		sg.cease = sg.cease || has("cease")
		sg.suffer = sg.suffer || has("suffer")
		sg.asking = sg.asking || has("asking")
		sg.whether = sg.whether || k > s.Start && slices.Contains(cls, "if") && c.lex.HasClass(toks[k-1].Norm, "whether")
		sg.accident = sg.accident || c.accidentAt(toks, s, k, cls, bare)
		if has("case") && !sg.courtCase {
			cause := false // a nisba adjective after it: «القضية الفلسطينية»
			if k+1 < s.End {
				mm, ok := c.lex.MatchAt(toks[:s.End], k+1, scratch[:0])
				cause = ok && hasKind(mm.Entries, kb.EntDemonym)
			}
			sg.courtCase = !cause
		}
	}
	return sg
}

// relativeBackground reports a verb of violence opening a relative clause
// that tells who a person is or what became of him («الذي خطف قبل شهرين»,
// «الذي خطفته فارك لمدة ست سنوات»), or a verbal noun governed by the verb
// that opens it, told as earlier («الذي شارك مع حماس سابقا في عملية خطف
// الجندي»; not «المسلحين الذين نفذوا الهجوم», the news itself), unless
// the clause describes a violent act named just before it («عمليات القصف
// التي تستهدف مواقع»).
func (c *Coder) relativeBackground(toks []arabic.Token, s arabic.Span, m *recognise.Mention, t *kb.Trigger) bool {
	r := m.Start - 1
	if t.POS == "N" {
		v := c.controlVerb(toks, s, m)
		return v > s.Start && c.classed(toks[v-1].Norm, "relative", "") && !c.relativeOfAct(toks, s, &recognise.Mention{Start: v, End: v + 1}) &&
			c.classBetween(toks, v+1, m.Start, "earlier")
	}
	if t.POS != "V" || r < s.Start {
		return false
	}
	if !c.classed(toks[r].Norm, "relative", "") {
		return !c.present(toks, m, t) && c.asyndeticRelative(toks, s, m) // «عن رجل يطلق النار» is going on
	}
	return !c.relativeOfAct(toks, s, m)
}

// asyndeticRelative reports a past verb opening a relative clause without
// a relative pronoun, as Arabic has after an indefinite antecedent: an
// indefinite noun phrase of at most three words that names a person or a
// people, governed by a preposition or a noun before it («أفرجوا عن
// سائحتين يابانيتين اختطفتا في مأرب», «جثة صحافي مستقل كان قد خطف»). After
// «أن» or a number the phrase is the verb's subject («أن 12 صحافيا خطفوا»),
// and a clause with a pronoun back to its antecedent after a preposition
// tells of a place or a unit («دورية أميركية قتل فيها»).
func (c *Coder) asyndeticRelative(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	if m.Prefix != "" || m.End < s.End && c.kindOf(toks[m.End].Norm, "proprep:") != "" {
		return false
	}
	var scratch [4]arabic.Analysis
	if n := m.End; m.Suffix == "" && n < s.End && toks[n].Kind == arabic.Word && strings.HasPrefix(toks[n].Norm, "ال") && !c.lex.HasClass(toks[n].Norm, "relative") {
		if _, ok := c.lex.TimeAt(toks[:s.End], n, scratch[:0]); !ok {
			return false // «هجومين ارهابيين منفصلين استهدف الاول دورية»: a new clause with its own subject
		}
	}
	k := m.Start - 1
	for k > s.Start && (c.lex.HasClass(toks[k].Norm, "particle") || c.lex.HasClass(toks[k].Norm, "habitual")) {
		k-- // «كان قد خطف»
	}
	person, words, lam := false, 0, false
	for ; k >= s.Start && words < 3; k-- {
		t := toks[k]
		if t.Kind != arabic.Word || strings.HasPrefix(t.Norm, "ال") || len(c.lex.Classes(t.Norm)) > 0 {
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
	if lam && k > s.Start && c.classed(toks[k-1].Norm, "speech", "وف") {
		return false // «وقال لصحافيين قتل خمسة جنود»: the hearers of what is said
	}
	if lam || c.governing(toks[k]) {
		return true // «عن سائحتين يابانيتين», «السجن لجندي إسرائيلي قتل فلسطينيا»
	}
	// a noun governing the phrase, itself after a preposition: «على جثة صحافي»
	if _, ok := c.lex.MatchAt(toks[:m.Start], k, scratch[:0]); ok || k == s.Start || toks[k].Kind != arabic.Word {
		return false
	}
	return !strings.HasPrefix(toks[k].Norm, "ال") && len(c.lex.Classes(toks[k].Norm)) == 0 && c.governing(toks[k-1])
}

// prepBetween reports a free-standing preposition in toks[from:to] («هجوم
// ارهابي على مكتب للمخابرات»: the actor belongs to the target phrase).
func (c *Coder) prepBetween(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if c.kindOf(toks[k].Norm, "prep:") != "" {
			return true
		}
	}
	return false
}

// classBetween reports a word of class cls in toks[from:to].
func (c *Coder) classBetween(toks []arabic.Token, from, to int, cls string) bool {
	for k := from; k < to; k++ {
		if c.lex.HasClass(toks[k].Norm, cls) {
			return true
		}
	}
	return false
}

// governing reports a preposition other than «من» (also «who»).
func (c *Coder) governing(t arabic.Token) bool {
	p := c.kindOf(t.Norm, "prep:")
	return t.Kind == arabic.Word && p != "" && p != "من"
}

// relativeOfAct reports a verb m opening a relative clause right after a
// verbal noun of violence or protest («الهجوم الإرهابي الذي استهدف أمس
// مصلين»): the clause tells of that act, which is coded once, from its noun.
func (c *Coder) relativeOfAct(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	r := m.Start - 1
	if r <= s.Start || !c.classed(toks[r].Norm, "relative", "") {
		return false
	}
	var scratch [4]arabic.Analysis
	for k := r - 1; k >= s.Start && k >= r-3; k-- {
		mm, ok := c.lex.MatchAt(toks[:r], k, scratch[:0])
		if !ok {
			continue
		}
		for _, e := range mm.Entries {
			if e.Kind == kb.EntTrigger && c.lex.KB.Triggers[e.Index].POS != "V" && violentOrProtest(c.lex.KB.Triggers[e.Index].Root()) {
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
func (c *Coder) governed(toks []arabic.Token, s arabic.Span, m *recognise.Mention, t *kb.Trigger, cls string, n int) bool {
	if t.POS == "V" && (m.Prefix == "و" || m.Prefix == "ف") {
		return false // «أحبطت الشرطة هجوما وقتلت المهاجم»: a verb after «و» opens a clause of its own
	}
	return c.before(toks, s, m, cls, n, true)
}

// before reports a word of class cls (with or without a proclitic) at most
// n words before trigger m, with no verb of another event between them;
// with inClause, a comma or a colon between them ends the search.
func (c *Coder) before(toks []arabic.Token, s arabic.Span, m *recognise.Mention, cls string, n int, inClause bool) bool {
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
		if c.classed(toks[k].Norm, cls, "وفبل") {
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
func (c *Coder) whether(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	for k := m.Start - 1; k > s.Start; k-- {
		n := toks[k].Norm
		if c.lex.HasClass(n, "if") && c.lex.HasClass(toks[k-1].Norm, "whether") {
			return true
		}
		if c.classed(n, "clause", "وف") {
			return false
		}
	}
	return false
}

// alternative reports an act right after «سواء», or right after «أم» in a
// sentence that asks («أكان رصاصة أم انفجارا»): one of several
// possibilities. Elsewhere «أم» is a mother or the M of «أف أم».
func (c *Coder) alternative(toks []arabic.Token, s arabic.Span, m *recognise.Mention, sg signs) bool {
	k := m.Start - 1
	if k < s.Start || toks[k].Kind != arabic.Word {
		return false
	}
	if c.lex.HasClass(toks[k].Norm, "either") {
		return true
	}
	return sg.asking && c.lex.HasClass(toks[k].Norm, "alternative")
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

// hasKind reports an entry of kind k.
func hasKind(es []kb.Entry, k kb.EntryKind) bool {
	for _, e := range es {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// timed reports a time expression in sentence s («أمس», «يوم الأحد»).
func (c *Coder) timed(toks []arabic.Token, s arabic.Span) bool {
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
func (c *Coder) placed(toks []arabic.Token, s arabic.Span, k int) bool {
	for j, seen := k-1, 0; j >= s.Start && seen < 2; j-- {
		n := toks[j].Norm
		if c.classed(n, "prep:قرب", "وب") || c.classed(n, "prep:امام", "وب") || c.classed(n, "placeword", "وب") {
			return true
		}
		if !c.classed(n, "prep:من", "") {
			return false
		}
		seen++
	}
	return false
}

// classInClause reports a word of class cls after trigger m, up to the next
// trigger or the end of the sentence («زار … دمشق سراً»).
func (c *Coder) classInClause(toks []arabic.Token, s arabic.Span, m *recognise.Mention, cls string) bool {
	var scratch [4]arabic.Analysis
	for k := m.End; k < s.End; k++ {
		if c.lex.HasClass(toks[k].Norm, cls) {
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

// isFuture reports a present-tense verb with the future prefix س («سيزور»).
func isFuture(norm, prefix string) bool {
	w := norm[len(prefix):]
	return strings.HasPrefix(w, "سي") || strings.HasPrefix(w, "ست") || strings.HasPrefix(w, "سن")
}

// args holds what frame has found for one trigger.
type args struct {
	firstAfter int              // index of the first actor after the trigger
	verb       bool             // the trigger is a verb (or a fixed phrase), not a verbal noun
	passive    bool             // «تم + verbal noun»
	src        *resolve.Actor   // the source, nil when nobody is named
	srcIdx     int              // its index in the sentence's actors, -1 when elided or none
	how        string           // how the source was found, for the rule
	targets    []*resolve.Actor // the targets, none for an event without one
	tHow       string           // how the targets were found
}

// frame finds the source and target(s) of a trigger and builds its events.
func (c *Coder) frame(in Input, s arabic.Span, cl clause, actors []resolve.Actor, last *[]*resolve.Actor, pair *[2]*resolve.Actor, res *resolve.Resolver) []Event {
	var a args
	if pair[0] != nil && symmetricRoot(cl.trig.Root()) && c.partiesNear(in.Tokens, s, cl.m) {
		// «كما ناقش الطرفان …»: the two sides of the last joint act
		a = args{src: pair[0], srcIdx: -1, verb: cl.trig.POS != "N", targets: []*resolve.Actor{pair[1]}}
		a.how, a.tHow = "«الطرفان»: the sides of the last joint act", "«الطرفان»: the sides of the last joint act"
	} else {
		a = c.source(in, s, cl, actors, last)
		c.findTargets(in, s, cl, actors, &a, res)
	}
	if pair[0] != nil && c.dual(in.Tokens[cl.m.Start].Norm[len(cl.m.Prefix):], cl.trig) && (a.srcIdx < 0 || a.how == "topic before the verb") {
		// «كما تقدما بالشكر …»: a dual verb with no subject of its own is
		// done by the two sides of the last joint act
		a.src, a.srcIdx, a.how = pair[0], -1, "elided subject: the two sides of the last joint act (a dual verb)"
		*last = []*resolve.Actor{pair[0], pair[1]}
	}
	if why := c.codable(in.Tokens, s, cl, actors, &a, last); why != "" {
		in.uncoded(cl.m.Start, why)
		return nil
	}
	if symmetricRoot(cl.trig.Root()) && a.src != nil && len(a.targets) == 1 {
		*pair = [2]*resolve.Actor{a.src, a.targets[0]}
	}
	return c.events(in, s, cl, actors, &a, last, res)
}

// dual reports a past verb of trigger t in the dual («تقدما», «اتفقتا»).
func (c *Coder) dual(w string, t *kb.Trigger) bool {
	for _, p := range c.past[t] {
		if w == p+"ا" || w == p+"تا" {
			return true
		}
	}
	return false
}

// partiesNear reports «الطرفان», «الجانبين» … as the subject of trigger m
// (right before or after it) or after «بين» right after it.
func (c *Coder) partiesNear(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	at := func(k int) bool { return k >= s.Start && k < s.End && c.classed(toks[k].Norm, "parties", "و") }
	return at(m.End) || at(m.Start-1) || m.End < s.End && c.classed(toks[m.End].Norm, "prep:بين", "") && at(m.End+1)
}

// source finds the source of trigger cl among the sentence's actors.
func (c *Coder) source(in Input, s arabic.Span, cl clause, actors []resolve.Actor, last *[]*resolve.Actor) args {
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
	var src *resolve.Actor
	srcIdx := -1
	how := ""
	verb := t.POS == "V" || t.POS == "P"
	conj := strings.HasPrefix(m.Prefix, "و") || strings.HasPrefix(m.Prefix, "ف") || c.conjBefore(toks, m.Start)
	// preceding subject candidate: the nearest actor before the trigger, not
	// governed by a preposition, with no verb of saying in between
	prev := -1
	for i := firstAfter - 1; i >= 0; i-- {
		a := &actors[i]
		if a.Prep != "" || a.End > m.Start || a.Agent {
			continue // an agent adjective («الغارات الإسرائيلية») belongs to its own act
		}
		if !c.speechBetween(toks, a.End, m.Start) {
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
			near = gap == 0 || gap <= 2 && c.allClassed(toks, m.End, a.Start) || gap <= 5 && c.lightBetween(toks, m.End, a.Start)
		}
		if near && !c.otherTriggerBetween(toks, s, in.Mentions, m.End, a.Start, false) &&
			(a.Prep == "" && !a.Conj || !verb && a.Prep == "ل" && a.Kind != "STATE" && a.Kind != "CAPITAL") {
			next = firstAfter
		}
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
	lamAgent := next >= 0 && actors[next].Prep == "ل" && !allows(t.Target, "ل") && !c.prepBetween(toks, m.End, actors[next].Start)
	if !verb && (cl.cueFound || allows(t.Target, "-")) && !(next >= 0 && actors[next].Agent) && !agentBeforeCue && !agentBeforeObject && !lamAgent {
		next = -1 // «إرسال مقاتلين», «اغتيال الوزير»: what follows such a verbal noun is its object
	}
	if verb && violent(t.Root()) && next >= 0 && c.counted(toks, m) && actors[next].Start <= m.End+2 {
		next = -1 // «قتل عشرة مسلحين»: a count right after the verb counts its victims (a passive)
	}
	if verb && c.countedBefore(toks, s, m, actors) {
		prev = -1 // «أن 38 شخصا قتلوا»: the counted people are the subject (the victims of a passive)
	}
	adjacentPrev := prev >= 0 && m.Start-actors[prev].End <= 2 && !c.separated(toks, actors[prev].End, m.Start)
	if i := nearestBefore(actors, m.Start); verb && !adjacentPrev && i >= 0 && actors[i].Prep != "" && m.Start == actors[i].End {
		// «قضت المحكمة بالسجن على جندي إسرائيلي أطلق النار»: an indefinite
		// relative clause; the actor right before the verb is its subject
		prev, adjacentPrev = i, true
	}
	// a prepositional phrase right after the verb («وطالب في ختام رسالته …»)
	phraseAfter := false
	if m.End < s.End {
		p := c.kindOf(toks[m.End].Norm, "prep:")
		phraseAfter = p != "" && p != "بين"
	}
	// a relative clause whose verb carries a pronoun back to the antecedent
	// («التي نددت بها المنظمات», «الذي ساندته قطر») has the antecedent as
	// its object: its subject follows the verb
	resumptive := m.Suffix != "" || m.End < s.End && c.kindOf(toks[m.End].Norm, "proprep:") != ""
	pronounSubj := c.hasClassNear(toks, s, m.Start, -3, "pronsubj") || c.hasClassNear(toks, s, m.Start, -2, "relative") && !(verb && resumptive)
	if m.Start > s.Start && c.classed(toks[m.Start-1].Norm, "clause", "وف") {
		pronounSubj = false // «أنه حين زار الرئيس ترامب الرياض»: the pronoun belongs to the main clause
	}
	passive := c.hasClassNear(toks, s, m.Start, -1, "passive")
	agent := c.agentAfter(toks, s, m, actors)
	control, antecedent := -1, -1
	if verb {
		antecedent = c.antecedent(toks, s, m.Start, actors)
		if m.Start > s.Start && c.classed(toks[m.Start-1].Norm, "subjunctive", "وف") {
			control = c.controlSubject(toks, s, m, actors) // «قرر الرئيس أن يزور دمشق»
		}
	} else {
		control = c.controlSubject(toks, s, m, actors)
	}
	// a first person inside a quotation (outside, «اتهم» is a past tense)
	quoted1st := verb && c.inQuote(toks, s, m.Start) && c.personForm(toks[m.Start].Norm[len(m.Prefix):], t, "ا")
	speaker := -1
	if quoted1st {
		speaker = c.speaker(toks, s, m.Start, actors)
	}
	participle := t.POS == "P" && c.classed(toks[m.Start].Norm, "participle", "و")
	switch {
	case participle:
		// «وقال الوزير …، داعيا إسرائيل إلى التراجع»: the speaker, or the
		// subject of the verb before, does what the participle tells
		if i := c.speaker(toks, s, m.Start, actors); i >= 0 {
			srcIdx, how = i, "the subject of the main clause of a participle («قال X …، داعيا»)"
		} else if len(*last) > 0 && among((*last)[0], actors) {
			src, how = (*last)[0], "the subject of the main clause of a participle («ندد X …، مطالبا»)"
		}
	case quoted1st:
		// «"أهنئ الرئيس المنتخب"»: the speaker of the quotation, or nobody
		if speaker >= 0 {
			srcIdx, how = speaker, "the speaker of a first-person verb"
		}
	case agent >= 0:
		srcIdx, how = agent, "agent after «على يد»/«من قبل»"
	case passive:
		// «تم اعتقال X»: no stated source
	case !verb && (strings.HasSuffix(m.Prefix, "ب") || m.Start > s.Start && c.classed(toks[m.Start-1].Norm, "prep:علي", "")) && prev >= 0 && c.lightBefore(toks, actors[prev].Start):
		srcIdx, how = prev, "light verb: «قام X بـ…», «أقدم X على…»"
	case verb && pronounSubj:
		if i := c.reportedSpeaker(toks, s, m, actors); i >= 0 {
			srcIdx, how = i, "the speaker «أنه» refers to («مشيرا إلى أنه زار»)"
		} else if i := nearestBefore(actors, m.Start); i >= 0 {
			srcIdx, how = i, "subject named before a pronoun or relative"
		}
	case verb && (m.Prefix == "و" || m.Prefix == "ف") && adjacentPrev && len(*last) > 0 && among((*last)[0], actors) && !c.inQuote(toks, s, m.Start):
		// «زار ترامب الرياض واجتمع بقادة»: a verb joined by «و» shares the
		// subject of the verb before it; the actor before it is that verb's object
		src, how = (*last)[0], "elided subject: the previous event's source"
	case verb && adjacentPrev:
		srcIdx, how = prev, "subject before the verb (SVO)"
	case verb && conj && len(*last) > 0 && next >= 0 && phraseAfter && !c.inQuote(toks, s, m.Start):
		// «وطالب في ختام رسالته المجتمع الدولي باتخاذ…»: a phrase between the
		// verb and the actor; the subject is the one before, the actor its object
		src, how = (*last)[0], "elided subject: the previous event's source"
	case verb && conj && len(*last) > 0 && among((*last)[0], actors) && !c.inQuote(toks, s, m.Start):
		// «زار حفتر دمشق، والتقى مسؤولين»: a verb joined by «و» to an event of
		// the same sentence shares its subject; what follows is its object
		src, how = (*last)[0], "elided subject: the previous event's source"
	case verb && control >= 0:
		srcIdx, how = control, "subject of the governing verb («قرر X أن يزور…»)"
	case next >= 0:
		srcIdx, how = next, "subject after the verb (VSO)"
		if !verb {
			how = "agent after the verbal noun"
		}
	case !verb && m.Prefix == "ل" && prev > 0 && len(*last) > 0 && &actors[prev-1] == (*last)[0]:
		// «يزور علاوي مصر لإجراء مباحثات»: the actor before is the object of
		// the verb the purpose belongs to; its subject is the purpose's
		src, how = (*last)[0], "subject of the purpose clause «لـ…»"
	case !verb && m.Prefix == "ل" && prev >= 0:
		srcIdx, how = prev, "subject of the purpose clause «لـ…»"
	case !verb && control >= 0:
		srcIdx, how = control, "subject of the governing verb («قرر X خفض…»)"
	case !verb && prev >= 0 && t.Root() == "14" && strings.HasSuffix(toks[m.Start].Norm, "ا") && m.Prefix == "":
		// «احتشد خمسة آلاف متظاهر أمام مقر المحافظة، احتجاجا على …»: an
		// accusative of purpose shares the subject of its clause
		srcIdx, how = prev, "subject of the clause of «احتجاجا»"
	case verb && antecedent >= 0:
		srcIdx, how = antecedent, "subject of the relative clause"
	case verb && conj && len(*last) > 0 && !c.inQuote(toks, s, m.Start) && !c.nounSubjectAfter(toks, s, m):
		src, how = (*last)[0], "elided subject: the previous event's source"
	case verb && prev >= 0:
		srcIdx, how = prev, "topic before the verb"
	}
	if srcIdx >= 0 {
		src = &actors[srcIdx]
	}
	return args{firstAfter: firstAfter, verb: verb, passive: passive, src: src, srcIdx: srcIdx, how: how}
}

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

// codable tells why the trigger with its arguments makes no event ("" when
// it makes one), and keeps the subject for the verbs that follow.
func (c *Coder) codable(toks []arabic.Token, s arabic.Span, cl clause, actors []resolve.Actor, a *args, last *[]*resolve.Actor) (why string) {
	m, t := cl.m, cl.trig
	src, srcIdx, targets, verb, passive := a.src, a.srcIdx, a.targets, a.verb, a.passive
	if srcIdx >= 0 && (len(targets) == 0 && needsTarget(t.Root())) {
		*last = []*resolve.Actor{src} // the subject carries over, even when this event is not coded
	}
	switch {
	case len(targets) == 0 && needsTarget(t.Root()):
		return "no target found, and this code needs one"
	case cl.object:
		return "the object of another event («دان خطف», «اتهمت … بخطف»)"
	case t.Root() == "14" && src != nil && (src.Role == "MIL" || src.Role == "COP" || src.Role == "SPY"):
		return "armed forces or police do not protest: a security measure («عمدت القوى الأمنية إلى قطع طريق»)"
	case QuadClass(t.Root()) == 4 && t.Root() != "14" && c.signsIn(toks, s, cl.sent).accident:
		return "an accident or a disaster, not an attack («قتل جندي في حادث سير»)"
	case src == nil && len(targets) == 0 && verb && c.personForm(toks[m.Start].Norm[len(m.Prefix):], t, "ي", "ت", "ن", "سي", "ست"):
		// «كانوا يخطفون ويقتلون»: a present tense with nobody named tells what
		// happens, not what happened
		return "a present tense with nobody named tells what happens, not what happened"
	case src == nil && (!violentOrProtest(t.Root()) || !verb && !passive && (t.Root() == "14" || !c.doneBy(toks, s, m) && !c.casualty(toks, s, m) && !(len(targets) > 0 && c.counted(toks, m)))):
		// nobody named: only a verb («قتل 20 شخصا»), a verbal noun with its
		// toll («انفجار سيارة مفخخة أسفر عن مقتل…»), with a counted victim
		// («مقتل 15 جنديا تركيا») or governed by a verb of doing («عمدوا إلى
		// إلقاء المتفجرات») reports an attack by itself
		if !violentOrProtest(t.Root()) {
			return "nobody named who does it"
		}
		return "nobody named, and nothing else tells that it happened (a verb, a toll, a counted victim)"
	}
	return ""
}

// events builds the events of a codable trigger: one per source and target.
func (c *Coder) events(in Input, s arabic.Span, cl clause, actors []resolve.Actor, a *args, last *[]*resolve.Actor, res *resolve.Resolver) []Event {
	toks := in.Tokens
	m, t := cl.m, cl.trig
	src, srcIdx, targets, how, tHow := a.src, a.srcIdx, a.targets, a.how, a.tHow
	sources := []*resolve.Actor{src}
	switch {
	case srcIdx >= 0 && tHow != "conjoined subjects of a joint act":
		for k := srcIdx + 1; k < len(actors) && actors[k].Conj && actors[k].Prep == "" && (actors[k].End <= m.Start) == (actors[srcIdx].End <= m.Start); k++ {
			sources = append(sources, &actors[k])
		}
	case strings.HasPrefix(how, "elided"):
		sources = *last
	}
	if src != nil {
		sources = append(sources, c.coagents(toks, m, actors, targets)...)
	}
	if srcIdx >= 0 {
		*last = sources // the subject carries over to following verbs
	}
	loc, noPlace := c.location(in, s, m, targets, t, res.Named)
	date := c.sentenceDate(in, s)
	mod := c.modality(toks, s, m, t, c.signsIn(toks, s, cl.sent))
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
	verbal := violent(t.Root()) && (c.hasClassNear(toks, s, anchor, 3, "verbal") ||
		t.CAMEO == "190" && len(targets) == 1 && targets[0] != nil && !c.casualty(toks, s, m) && speakers(sources) &&
			(targets[0].Kind == "PERSON" || unarmed(targets[0]) && targets[0].Start-anchor <= 3 && !c.physical(toks, s, cl, targets[0], sources)))
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
			if sa != nil && ta != nil && sa.Country == ta.Country && c.classed(toks[ta.Start].Norm, "counterpart", "بل") {
				continue // «يلتقي نظيره المصري»: the source is not Egyptian, so it is not known
			}
			cameo, mode, category := t.CAMEO, t.Mode, t.PLOVER
			if verbal {
				cameo, mode, category = "111", "disapprove", "ACCUSE" // «شنت هجوماً لاذعاً على»: criticism
			} else if t.Root() == "18" && sa != nil && (sa.Role == "MIL" || sa.Role == "COP" || t.CAMEO == "180" && (sa.Role == "GOV" || sa.Role == "SPY")) {
				// a state's armed forces or police killing or attacking, or its
				// government or intelligence killing, is
				// conventional force (CAMEO 19), not unconventional violence (18)
				cameo, mode = "190", ""
			}
			ev := Event{
				CAMEO: cameo, Root: cameo[:2], Quad: QuadClass(cameo[:2]),
				Goldstein: c.lex.KB.GoldsteinOf(cameo),
				Plover:    Plover{Category: category, Mode: mode},
				Modality:  mod, Location: loc, Trigger: trig, Evidence: evidence,
			}
			if date != "" {
				d := date
				ev.Date = &d
			}
			ev.Source = c.ref(in, sa, loc)
			if sa == nil && loc != nil && loc.Country != "" && violentOrProtest(cameo[:2]) {
				// an attack or a protest by no one named: the country where it
				// happened (as analysts code unknown gunmen), not UNK
				ev.Source.Country, ev.Source.Code = loc.Country, loc.Country
			}
			if ta != nil {
				r := c.ref(in, ta, loc)
				ev.Target = &r
			}
			ev.Confidence = confidence(sa, ta, cl, mod, how)
			ev.Rule = fmt.Sprintf("trigger %s (%s); source: %s; target: %s", t.Pos, t.English, orNone(how), orNone(tHow))
			if loc == nil {
				ev.Rule += "; no location: " + noPlace
			}
			out = append(out, ev)
		}
	}
	return out
}

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
func (c *Coder) physical(toks []arabic.Token, s arabic.Span, cl clause, target *resolve.Actor, sources []*resolve.Actor) bool {
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
		if c.kindOf(t.Norm, "prep:") != "" {
			break // «هجوما حادا على الحكومة»: what stands before the preposition qualifies the attack
		}
		if len(c.lex.Classes(t.Norm)) == 0 {
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
	return cl.cueFound && !c.attackNoun(toks, s, cl.cueAt)
}

// attackNoun reports a verbal noun of violence at token k («هجوما» after
// «شن»).
func (c *Coder) attackNoun(toks []arabic.Token, s arabic.Span, k int) bool {
	var scratch [4]arabic.Analysis
	mm, ok := c.lex.MatchAt(toks[:s.End], k, scratch[:0])
	return ok && c.violentEntry(mm.Entries)
}

// violentEntry reports entries of a mention that may be read as a trigger
// of violence.
func (c *Coder) violentEntry(es []kb.Entry) bool {
	for _, e := range es {
		if e.Kind == kb.EntTrigger && violent(c.lex.KB.Triggers[e.Index].Root()) {
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

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// symmetricRoot reports roots whose events are usually joint acts
// (consultations, agreements, cooperation).
func symmetricRoot(root string) bool {
	switch root {
	case "03", "04", "05", "06":
		return true
	}
	return false
}

// needsTarget reports roots whose events mean nothing without a target
// (a meeting with nobody, aid to nobody); events of the other roots — a
// resignation, a protest, a mobilisation, an attack — may have none.
func needsTarget(root string) bool {
	switch root {
	case "08", "14", "15", "18", "19", "20":
		return false
	}
	return true
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
func (c *Coder) coagents(toks []arabic.Token, m *recognise.Mention, actors []resolve.Actor, targets []*resolve.Actor) []*resolve.Actor {
	var out []*resolve.Actor
	for i := range actors {
		a := &actors[i]
		if a.Start < m.End || a.Prep != "مع" || a.Start < 2 || isTarget(a, targets) {
			continue
		}
		if c.lex.HasClass(strings.TrimPrefix(toks[a.Start-2].Norm, "و"), "coagent") {
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
func (c *Coder) inQuote(toks []arabic.Token, s arabic.Span, i int) bool {
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
func (c *Coder) conjBefore(toks []arabic.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if toks[k].Kind == arabic.Punct && arabic.IsQuote(toks[k].Text) {
			continue
		}
		n := toks[k].Norm
		return n == "و" || n == "ف" || c.lex.HasClass(strings.TrimPrefix(n, "و"), "continue")
	}
	return false
}

// relativeBefore returns the position of the relative pronoun whose clause
// holds token i, or -1.
func (c *Coder) relativeBefore(toks []arabic.Token, s arabic.Span, i int) int {
	for k := i - 1; k >= s.Start; k-- {
		if c.lex.HasClass(toks[k].Norm, "relative") {
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
func (c *Coder) antecedent(toks []arabic.Token, s arabic.Span, i int, actors []resolve.Actor) int {
	r := c.relativeBefore(toks, s, i)
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
		if len(c.lex.Classes(t.Norm)) == 0 {
			return -1
		}
	}
	return a
}

// wordBetween reports whether the normalised word w (or w with a «و») stands in toks[from:to].
func (c *Coder) wordBetween(toks []arabic.Token, from, to int, w string) bool {
	for k := from; k < to; k++ {
		if toks[k].Norm == w || strings.TrimPrefix(toks[k].Norm, "و") == w {
			return true
		}
	}
	return false
}

// violentOrProtest reports roots whose events are coded even when the
// perpetrator is not named (an explosion, a demonstration).
// violent reports the roots of violence (assault, fight, mass violence).
func violent(root string) bool { return root == "18" || root == "19" || root == "20" }

func violentOrProtest(root string) bool {
	switch root {
	case "14", "18", "19", "20":
		return true
	}
	return false
}

func allows(preps []string, p string) bool {
	for _, x := range preps {
		if x == p || x == "-" && p == "" {
			return true
		}
	}
	return false
}

func prepName(p string) string {
	if p == "" {
		return "direct object"
	}
	return p
}

// separated reports whether anything but quotes, negation and «قد» stands
// in toks[from:to], so that an actor there is not the verb's subject.
func (c *Coder) separated(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		t := toks[k]
		if t.Kind == arabic.Punct && arabic.IsQuote(t.Text) || c.lex.HasClass(t.Norm, "neg") || c.lex.HasClass(t.Norm, "particle") {
			continue
		}
		return true
	}
	return false
}

// speechBetween reports a verb of saying in toks[from:to].
func (c *Coder) speechBetween(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if c.classed(toks[k].Norm, "speech", "و") {
			return true
		}
	}
	return false
}

// lightBefore reports a light verb («قام», «قيام») just before token i.
func (c *Coder) lightBefore(toks []arabic.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		n := toks[k].Norm
		if c.lex.HasClass(n, "light") || len(n) > 2 && c.lex.HasClass(n[2:], "light") {
			return true
		}
	}
	return false
}

// agentAfter returns the actor introduced by «على يد» or «من قبل» after the
// trigger (the agent of a passive or a verbal noun), or -1.
func (c *Coder) agentAfter(toks []arabic.Token, s arabic.Span, m *recognise.Mention, actors []resolve.Actor) int {
	for k := m.End; k+1 < s.End && k < m.End+12; k++ {
		if p := c.kindOf(toks[k].Norm, "prep:"); (p == "علي" || p == "من") && c.lex.HasClass(toks[k+1].Norm, "agent") {
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
func (c *Coder) reportedSpeaker(toks []arabic.Token, s arabic.Span, m *recognise.Mention, actors []resolve.Actor) int {
	p := -1 // the pronoun
	for k := m.Start - 1; k >= s.Start && k >= m.Start-3; k-- {
		if c.classed(toks[k].Norm, "pronsubj", "و") {
			p = k
			break
		}
	}
	if p < 0 || !c.hasClassNear(toks, s, p, -3, "speech") {
		return -1
	}
	for k := p - 1; k >= s.Start; k-- {
		if !c.classed(toks[k].Norm, "speech", "و") {
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

func (c *Coder) speaker(toks []arabic.Token, s arabic.Span, i int, actors []resolve.Actor) int {
	for k := i - 1; k >= s.Start; k-- {
		n := toks[k].Norm
		if !c.classed(n, "speech", "و") {
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

// personForm reports whether the verb form w of trigger t is one of the
// trigger's present stems after one of the person prefixes: «ا» for the
// first person singular («أهنئ»), «ي», «ت», «ن», «سي», «ست» for a present
// (imperfect) tense.
func (c *Coder) personForm(w string, t *kb.Trigger, prefixes ...string) bool {
	for _, stem := range c.stems[t] {
		for _, pre := range prefixes {
			if strings.HasPrefix(w, pre) && strings.HasPrefix(w[len(pre):], stem) {
				return true
			}
		}
	}
	return false
}

// countedBefore reports a number among the three words before trigger m,
// after the last actor: a counted noun phrase («38 شخصا») is the subject.
func (c *Coder) countedBefore(toks []arabic.Token, s arabic.Span, m *recognise.Mention, actors []resolve.Actor) bool {
	from := max(s.Start, m.Start-3)
	if i := nearestBefore(actors, m.Start); i >= 0 && actors[i].End > from {
		from = actors[i].End
	}
	for k := from; k < m.Start; k++ {
		if toks[k].Kind == arabic.Number {
			return true
		}
	}
	return false
}

// counted reports a number right after trigger m («مقتل 15 جنديا»).
func (c *Coder) counted(toks []arabic.Token, m *recognise.Mention) bool {
	return m.End < len(toks) && (toks[m.End].Kind == arabic.Number || c.lex.HasClass(toks[m.End].Norm, "cardinal"))
}

// accidentAt reports token k of sentence s naming an accident or a
// disaster, alone or with the next word; cls and bare are its grammar
// classes as written and without its proclitic.
func (c *Coder) accidentAt(toks []arabic.Token, s arabic.Span, k int, cls, bare []string) bool {
	n := toks[k].Norm
	if k+1 < s.End && c.lex.StartsPhrase(n) && c.lex.HasClass(n+" "+toks[k+1].Norm, "accident") {
		return true // «حادث سير»
	}
	return slices.Contains(cls, "accident") || slices.Contains(bare, "accident")
}

// casualty reports a word of the sentence, outside the trigger m, saying
// that violence hurt people.
func (c *Coder) casualty(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	for k := s.Start; k < s.End; k++ {
		if k >= m.Start && k < m.End {
			continue
		}
		n := toks[k].Norm
		if c.classed(n, "casualty", "وفب") {
			return true
		}
	}
	return false
}

// present reports a trigger verb m in the present tense («يخطفون»,
// «تلجأ»), the future excluded.
func (c *Coder) present(toks []arabic.Token, m *recognise.Mention, t *kb.Trigger) bool {
	return c.personForm(toks[m.Start].Norm[len(m.Prefix):], t, presentPrefixes...)
}

// presentPrefixes begin the present tense of the third persons and the
// first person plural.
var presentPrefixes = []string{"ي", "ت", "ن"}

// presentPrefix reports a word that may be a present tense: it begins with
// the prefix of the third person or the first person plural.
func presentPrefix(n string) bool {
	return slices.ContainsFunc(presentPrefixes, func(p string) bool { return strings.HasPrefix(n, p) })
}

// controlVerb returns the index of a verb governing trigger m within the ten
// words before it, in the same clause, or -1; a verb of cessation governs
// only the verbal noun right after it or after its «عن».
func (c *Coder) controlVerb(toks []arabic.Token, s arabic.Span, m *recognise.Mention) int {
	for k := m.Start - 1; k >= s.Start && k >= m.Start-10; k-- {
		n := toks[k].Norm
		if c.classed(n, "control", "وف") || strings.HasSuffix(n, "وا") && c.classed(n[:len(n)-len("وا")], "control", "وف") {
			return k // «قرر», «عمدوا»
		}
		if k >= m.Start-2 && c.classed(n, "cease", "وف") {
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
func (c *Coder) doneBy(toks []arabic.Token, s arabic.Span, m *recognise.Mention) bool {
	v := c.controlVerb(toks, s, m)
	return v >= 0 && (v == m.Start-1 || v == m.Start-2 && c.kindOf(toks[m.Start-1].Norm, "prep:") != "")
}

// controlSubject returns the actor that is the subject of a verb governing
// the verbal noun m («قرر المجلس الوزاري خفض», «تبنى تنظيم داعش تفجير»,
// «أعلنت السلطات عن اعتقال»): the first actor between that verb and m, or
// the actor right before the verb; -1 when there is none.
func (c *Coder) controlSubject(toks []arabic.Token, s arabic.Span, m *recognise.Mention, actors []resolve.Actor) int {
	v := c.controlVerb(toks, s, m)
	if v < 0 {
		return -1
	}
	for i := range actors {
		if actors[i].Start > v && actors[i].End <= m.Start && actors[i].Prep == "" {
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

// allClassed reports whether every word of toks[from:to] is a word of the
// grammar table (an adjective of modality, glue, a time word…).
func (c *Coder) allClassed(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if toks[k].Kind == arabic.Word && len(c.lex.Classes(toks[k].Norm)) == 0 {
			return false
		}
	}
	return true
}

// lightBetween reports a light verb («قام بها») in toks[from:to].
func (c *Coder) lightBetween(toks []arabic.Token, from, to int) bool {
	for k := from; k < to; k++ {
		if c.lex.HasClass(toks[k].Norm, "light") {
			return true
		}
	}
	return false
}

// kindOf returns the name of the grammar class of word n that starts with
// family («prep:», «proprep:»): «في» for «في» and "prep:", or "".
func (c *Coder) kindOf(n, family string) string {
	for _, cl := range c.lex.Classes(n) {
		if name, ok := strings.CutPrefix(cl, family); ok {
			return name
		}
	}
	return ""
}

// verbEntry reports the entries of a mention that may be read as a
// trigger verb.
func (c *Coder) verbEntry(es []kb.Entry) bool {
	for _, e := range es {
		if e.Kind == kb.EntTrigger && c.lex.KB.Triggers[e.Index].POS == "V" {
			return true
		}
	}
	return false
}

// otherTriggerBetween reports whether another trigger stands in [from, to):
// the actor after it belongs to that other event. With verbsOnly, verbal
// nouns do not count («لنقل معدات إلى مسرح المعارك في ليبيا»).
func (c *Coder) otherTriggerBetween(toks []arabic.Token, s arabic.Span, ms []recognise.Mention, from, to int, verbsOnly bool) bool {
	for i := range ms {
		m := &ms[i]
		if m.Start >= to {
			break
		}
		if m.Start < from || !m.Has(kb.EntTrigger) {
			continue
		}
		if !verbsOnly {
			return true
		}
		if c.relativeOfAct(toks, s, m) {
			continue // «الهجوم الذي استهدف مصلين»: the clause goes on telling of the act
		}
		// a verb right after the trigger that does not apply tells of the
		// trigger itself («اجتماعا عقد في سفارة»); any other verb opens a
		// clause of its own («توغل تركي في الأراضي السورية تسير دول عربية»)
		if ch, ok := c.Choose(toks, s, ms, i); ok && c.lex.KB.Triggers[ch.Trigger].POS == "V" || !ok && m.Start > from && c.verbEntry(m.Entries) {
			return true
		}
	}
	return false
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

// location finds where the event happened: the visited place, or the most
// specific place of the sentence — a base, crossing or camp named anywhere
// in it («استخدام قائد فاغنر قاعدة حميميم لنقل معدات إلى ليبيا»), else the
// first place after «في», «بمدينة», «قرب» … following the trigger. A town of
// the gazetteer counts only in a country the article names («في درنة
// الليبية»): many town names are also common words.
//
// With no location it tells why: no place is named where one would stand,
// or the only place is a city of a country the article never names (many
// cities share a name).
func (c *Coder) location(in Input, s arabic.Span, m *recognise.Mention, targets []*resolve.Actor, t *kb.Trigger, named map[string]int) (*Location, string) {
	toks := in.Tokens
	var scratch [4]arabic.Analysis
	why := "its sentence names no place after the trigger («في …») and no base, crossing or camp"
	found := func(l *Location, w string) bool {
		if w != "" {
			why = w
		}
		return l != nil
	}
	if t.CAMEO == "042" {
		for _, ta := range targets {
			if ta.Place {
				if l, w := c.placeAt(in, ta.Start, scratch[:0], named); found(l, w) {
					return l, ""
				}
			}
		}
	}
	if k := c.siteIn(in, s); k >= 0 {
		if l, w := c.placeAt(in, k, scratch[:0], named); found(l, w) {
			return l, ""
		}
		return nil, why
	}
	for k := m.End; k+1 < s.End; k++ {
		if c.lex.HasClass(strings.TrimPrefix(toks[k].Norm, "و"), "prep:في") || c.lex.HasClass(toks[k].Norm, "placeword") {
			if l, w := c.placeAt(in, k+1, scratch[:0], named); found(l, w) {
				return l, ""
			}
		}
	}
	return nil, why
}

// placeAt returns the place named at token i, if the gazetteer knows it
// and, for a town, the article names its country.
// siteIn returns the token index of the first base, crossing or camp named
// in sentence s, or -1; it is computed once per sentence.
func (c *Coder) siteIn(in Input, s arabic.Span) int {
	if k, ok := in.sites[s.Start]; ok {
		return k
	}
	site := -1
	var scratch [4]arabic.Analysis
	for k := s.Start; k < s.End; k++ {
		if _, ok := c.lex.SiteAt(in.Tokens[:s.End], k, scratch[:0]); ok {
			site = k
			break
		}
	}
	if in.sites != nil {
		in.sites[s.Start] = site
	}
	return site
}

func (c *Coder) placeAt(in Input, i int, scratch []arabic.Analysis, named map[string]int) (*Location, string) {
	p, ok := c.lex.PlaceAt(in.Tokens, i, scratch)
	if !ok {
		return nil, ""
	}
	pl := &c.lex.KB.Places[p.Entries[0].Index]
	// a city or a province of a country the article never names is, more
	// often than not, another place or a common word («العاصمة», «جنوب»,
	// «خطر»)
	if (pl.Kind == "city" || pl.Kind == "state") && named[pl.Country] == 0 {
		return nil, fmt.Sprintf("«%s» is taken for a %s of %s (%s), a country the article never names", in.Text[in.Tokens[p.Start].Start:in.Tokens[p.End-1].End], pl.Kind, pl.Country, pl.Pos)
	}
	lat, lon := pl.Lat, pl.Lon
	l := &Location{Country: pl.Country, Lat: &lat, Lon: &lon,
		Start: in.Tokens[p.Start].Start, End: in.Tokens[p.End-1].End}
	l.Text = in.Text[l.Start:l.End]
	return l, ""
}

// ref builds an actor reference; an actor whose country was only inferred
// from the article takes the country of the event's location when known.
func (c *Coder) ref(in Input, a *resolve.Actor, loc *Location) ActorRef {
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

// confidence scores how well the event is supported by its sentence. It is
// a product: an event whose source, or whose needed target, is unknown stays
// below 0.5 however clear its trigger, so that a threshold of 0.5 keeps the
// complete events (who did what to whom) and drops the partial ones («قتل 20
// شخصا»: nobody named), which are still reported for those who want them.
func confidence(src, tgt *resolve.Actor, cl clause, mod []string, how string) float64 {
	s, t := 0.2, 0.4
	switch cl.trig.Root() {
	case "08", "14", "15":
		t = 1 // a resignation, a protest, a deployment need no target to be complete
	}
	if src != nil {
		s = 0.9
		if src.Inferred || strings.HasPrefix(how, "elided") || strings.HasPrefix(how, "topic") {
			s = 0.75
		}
	}
	if tgt != nil {
		t = 1
		if tgt.Inferred {
			t = 0.85
		}
	}
	v := s * t
	if cl.cueFound {
		v *= 1.05
	}
	for _, m := range mod {
		if m == "negated" || m == "hypothetical" {
			v *= 0.6
		}
	}
	return math.Round(math.Max(0.05, math.Min(0.95, v))*100) / 100
}
