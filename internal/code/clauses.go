package code

import (
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// Probes of clause shape the source rules read: headlines, the pluperfect,
// «كما», a verbal noun's pronoun, gender agreement.

// headline reports a verbal noun that opens a headline: the first word of
// the title (for an arrest), or the first after a topic of at most four
// words and a colon («ألمانيا : القبض على تونسي», «قفصة: إيقاف 3 أشخاص»); a headline
// tells what happened. topic is the index of the actor before the colon,
// -1 when there is none.
func (x *sctx) headline(m *recognise.Mention, t *kb.Trigger) (ok bool, topic int) {
	toks, s := x.toks, x.s
	if m.Prefix != "" {
		return false, -1
	}
	if m.Start == s.Start {
		// a sentence that opens with a verbal noun is a headline when it is
		// the article's first (its title); arrests only: an attack or a
		// death named so is as often a caption or a topic
		return s.Start == 0 && x.c.root(t.Root()).Police, -1
	}
	k := m.Start - 1
	if toks[k].Text != ":" || k-s.Start > 4 || k == s.Start {
		return false, -1
	}
	for j := s.Start; j < k; j++ {
		if toks[j].Kind == arabic.Punct {
			return false, -1
		}
	}
	topic = -1
	for i := range x.actors {
		if a := &x.actors[i]; a.Start == s.Start && a.End == k {
			topic = i
		}
	}
	return true, topic
}

// kanaQad returns the actor right after a «كان» that opens the clause of
// the verb m, when «قد» stands right before m («وكان الرئيس الفرنسي وزوجته
// قد وصل»): the pluperfect's subject; -1 when there is none.
func (x *sctx) kanaQad(m *recognise.Mention) int {
	toks, s := x.toks, x.s
	q := m.Start - 1
	if q <= s.Start || strings.TrimPrefix(toks[q].Norm, "و") != "قد" {
		return -1
	}
	for k := q - 1; k >= s.Start && k >= q-12; k-- {
		if toks[k].Kind == arabic.Punct && !arabic.IsQuote(toks[k].Text) {
			return -1
		}
		if x.classedAt(k, "habitual", "وف") && strings.HasPrefix(strings.TrimPrefix(toks[k].Norm, "و"), "كان") {
			if i := x.actorAt(k + 1); i >= 0 && x.actors[i].Start == k+1 && x.actors[i].Prep == "" {
				return i
			}
			return -1
		}
	}
	return -1
}

// possessor returns the actor a singular pronoun («ـه», «ـها») on the
// verbal noun m refers to («وأكد السيسي خلال لقائه بالعاهل الأردني»): the
// nearest actor before m in its sentence with no preposition that is no
// people noun; -1 when there is none.
func (x *sctx) possessor(m *recognise.Mention) int {
	if m.Suffix != "ه" && m.Suffix != "ها" {
		return -1
	}
	for i := len(x.actors) - 1; i >= 0; i-- {
		a := &x.actors[i]
		if a.End > m.Start {
			continue
		}
		if a.Prep != "" || a.Kind == "PEOPLE" {
			continue
		}
		return i
	}
	return -1
}

// alsoSubject returns the subject of the sentence for a verb right after
// «كما» («…، كما اتهمت الرقيب»): its first actor with no preposition,
// standing before the verb; -1 when «كما» does not stand there or no actor
// does.
func (x *sctx) alsoSubject(m *recognise.Mention) int {
	k := m.Start - 1
	if k <= x.s.Start || strings.TrimPrefix(x.toks[k].Norm, "و") != "كما" {
		return -1
	}
	for i := range x.actors {
		if a := &x.actors[i]; a.End <= k && a.Prep == "" && a.Kind != "PEOPLE" {
			return i
		}
	}
	return -1
}

// subjectAndObjectAfter reports two actors with no preposition after verb m,
// the first right after it («واتهم وزير الخارجية التركي الحكومة السورية»):
// the verb has its own subject and object, so no subject carries over.
func (x *sctx) subjectAndObjectAfter(m *recognise.Mention) bool {
	i := x.actorAt(m.End)
	if i < 0 || x.actors[i].Start != m.End || x.actors[i].Prep != "" || i+1 >= len(x.actors) {
		return false
	}
	b := &x.actors[i+1]
	return b.Prep == "" && !b.Conj && b.Start-x.actors[i].End <= 1
}

// disagrees reports a person named by a title that cannot be the subject
// of verb m by gender: a woman's title («المستشارة», «الوزيرة») after a
// verb that is only masculine, or a man's («الرئيس», «الوزير») after one
// that is only feminine. States and bodies are left alone: their gender is
// the word's, not the actor's.
func (x *sctx) disagrees(m *recognise.Mention, t *kb.Trigger, a *resolve.Actor) bool {
	if a.Kind != "ROLE" && a.Kind != "PERSON" || !x.titleAt(a.Start) {
		return false
	}
	var agr kb.Agreement // the third-person readings of the verb («ألتقي», I meet, is no subject's)
	for _, a := range x.c.verbForm(m, t) {
		if a.Any(kb.Third) {
			agr |= a
		}
	}
	if agr == 0 || !agr.Any(kb.Singular) || agr.Any(kb.Dual|kb.Plural) {
		return false
	}
	head := strings.TrimPrefix(x.toks[a.Start].Norm, "و")
	woman := strings.HasSuffix(head, "ه")
	masc, fem := agr.Any(kb.Masculine), agr.Any(kb.Feminine)
	return woman && masc && !fem || !woman && fem && !masc
}

// titleAt reports a title of the knowledge base («الرئيس», «المستشارة»)
// starting at token k.
func (x *sctx) titleAt(k int) bool {
	for i := range x.ms {
		if x.ms[i].Start != k {
			continue
		}
		for _, e := range x.ms[i].Entries {
			if e.Kind == kb.EntRole && x.c.lex.KB.Roles[e.Index].Kind == "TITLE" {
				return true
			}
		}
	}
	return false
}
