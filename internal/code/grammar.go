package code

import (
	"slices"
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
)

// windowID names a window of windows.tsv: its index in kb.WindowNames.
type windowID int

// The windows, in the order of kb.WindowNames (a test checks it).
const (
	winNegation windowID = iota
	winSecret
	winIntended
	winHabitual
	winConcession
	winPurposeCasualty
	winPlanned
)

// inWindow reports a word of the class of window id within its words
// before mention m or after it.
func (x *sctx) inWindow(m *recognise.Mention, id windowID) bool {
	w := &x.c.windows[id]
	return x.hasClassNear(m.Start, -w.Before, w.Class) || x.hasClassNear(m.End-1, w.After, w.Class)
}

// hasClassNear reports whether a word of class cls stands within n words
// before (n < 0) or after (n > 0) token i, inside the sentence.
func (x *sctx) hasClassNear(i, n int, cls string) bool {
	toks, s := x.toks, x.s
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
		if x.classedAt(k, cls, "وف") {
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

// prepBetween reports a free-standing preposition in toks[from:to] («هجوم
// ارهابي على مكتب للمخابرات»: the actor belongs to the target phrase).
func (x *sctx) prepBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if x.kindAt(k, "prep:") != "" {
			return true
		}
	}
	return false
}

// classBetween reports a word of class cls in toks[from:to].
func (x *sctx) classBetween(from, to int, cls string) bool {
	for k := from; k < to; k++ {
		if x.hasClassAt(k, cls) {
			return true
		}
	}
	return false
}

// governing reports a preposition other than «من» (also «who») at token k.
func (x *sctx) governing(k int) bool {
	p := x.kindAt(k, "prep:")
	return x.toks[k].Kind == arabic.Word && p != "" && p != "من"
}

// wawless returns the grammar classes of token k without a leading «و»
// («ومع» → «مع»), or as written when it has none.
func (x *sctx) wawless(k int) []string {
	if strings.HasPrefix(x.toks[k].Norm, "و") {
		return x.in.Gram.Bare(k)
	}
	return x.classesAt(k)
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

// wordBetween reports whether the normalised word w (or w with a «و») stands in toks[from:to].
func (x *sctx) wordBetween(from, to int, w string) bool {
	toks := x.toks
	for k := from; k < to; k++ {
		if toks[k].Norm == w || strings.TrimPrefix(toks[k].Norm, "و") == w {
			return true
		}
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
func (x *sctx) separated(from, to int) bool {
	toks := x.toks
	for k := from; k < to; k++ {
		t := toks[k]
		if t.Kind == arabic.Punct && arabic.IsQuote(t.Text) || x.hasClassAt(k, "neg") || x.hasClassAt(k, "particle") {
			continue
		}
		return true
	}
	return false
}

// speechBetween reports a verb of saying in toks[from:to].
func (x *sctx) speechBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if x.classedAt(k, "speech", "و") {
			return true
		}
	}
	return false
}

// verbForm returns what the form of mention m says of trigger t's verb,
// recorded when the lexicon was compiled (zero for a noun).
func (c *Coder) verbForm(m *recognise.Mention, t *kb.Trigger) kb.VerbForm {
	for _, e := range m.Entries {
		if e.Kind == kb.EntTrigger && &c.lex.KB.Triggers[e.Index] == t {
			return e.Verb
		}
	}
	return kb.VerbForm{}
}

// casualty reports a word of the sentence, outside the trigger m, saying
// that violence hurt people.
func (x *sctx) casualty(m *recognise.Mention) bool {
	s := x.s
	for k := s.Start; k < s.End; k++ {
		if k >= m.Start && k < m.End {
			continue
		}
		if x.classedAt(k, "casualty", "وفب") {
			return true
		}
	}
	return false
}

// present reports a trigger verb m in the present tense («يخطفون»,
// «تلجأ», «نزور»), the future and the first person singular excluded.
func (x *sctx) present(m *recognise.Mention, t *kb.Trigger) bool {
	return x.c.verbForm(m, t)[kb.Present].Any(kb.Second | kb.Third | kb.Plural)
}

// firstSingular reports a trigger verb m in the present of the first
// person singular («أتهم», «أهنئ»).
func (x *sctx) firstSingular(m *recognise.Mention, t *kb.Trigger) bool {
	a := x.c.verbForm(m, t)[kb.Present]
	return a.Any(kb.First) && a.Any(kb.Singular)
}

// presentOrFuture reports a trigger verb m in the present or the future
// tense, but for the first person singular («يخطفون», «ستزور»).
func (x *sctx) presentOrFuture(m *recognise.Mention, t *kb.Trigger) bool {
	f := x.c.verbForm(m, t)
	return (f[kb.Present] | f[kb.Future]).Any(kb.Second | kb.Third | kb.Plural)
}

// presentPrefixes begin the present tense of the third persons and the
// first person plural.
var presentPrefixes = []string{"ي", "ت", "ن"}

// presentPrefix reports a word that may be a present tense: it begins with
// the prefix of the third person or the first person plural.
func presentPrefix(n string) bool {
	return slices.ContainsFunc(presentPrefixes, func(p string) bool { return strings.HasPrefix(n, p) })
}

// kindOf returns the name of the grammar class of word n that starts with
// family («prep:», «proprep:»): «في» for «في» and "prep:", or "".
func (c *Coder) kindOf(n, family string) string { return kindIn(c.lex.Classes(n), family) }

// kindIn returns the name of the first of classes in family («prep:في» →
// «في»), or "".
func kindIn(classes []string, family string) string {
	for _, cl := range classes {
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
func (x *sctx) otherTriggerBetween(from, to int, verbsOnly bool) bool {
	c, ms := x.c, x.ms
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
		if x.relativeOfAct(m) {
			continue // «الهجوم الذي استهدف مصلين»: the clause goes on telling of the act
		}
		// a verb right after the trigger that does not apply tells of the
		// trigger itself («اجتماعا عقد في سفارة»); any other verb opens a
		// clause of its own («توغل تركي في الأراضي السورية تسير دول عربية»)
		if ch, ok := x.choose(i); ok && c.lex.KB.Triggers[ch.Trigger].POS == "V" || !ok && m.Start > from && c.verbEntry(m.Entries) {
			return true
		}
	}
	return false
}

// classesAt returns the grammar classes of token k, looked up once.
func (x *sctx) classesAt(k int) []string { return x.in.Gram.Classes(k) }

// hasClassAt reports whether token k, as written, has grammar class cls.
func (x *sctx) hasClassAt(k int, cls string) bool { return x.in.Gram.Has(k, cls) }

// classedAt reports whether token k, as it is or without one leading
// proclitic among procs («و», «ف», «ب»), has grammar class cls (classed,
// for a token of the document).
func (x *sctx) classedAt(k int, cls, procs string) bool {
	if x.hasClassAt(k, cls) {
		return true
	}
	n := x.toks[k].Norm
	if len(n) <= 2 || !strings.Contains(procs, n[:2]) {
		return false
	}
	return slices.Contains(x.in.Gram.Bare(k), cls)
}

// kindAt is kindOf for token k.
func (x *sctx) kindAt(k int, family string) string { return kindIn(x.classesAt(k), family) }
