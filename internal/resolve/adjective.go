package resolve

import (
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
)

// adjective reports whether a lone demonym mention is an adjective of the
// word before it: a singular nisba form right after a word that is not an
// actor («الأراضي السورية», ««توغل» تركي»). Plural people nouns
// («السوريون», «الأتراك») stay actors.
func (r *Resolver) adjective(toks []arabic.Token, m *recognise.Mention) bool {
	if !m.Has(kb.EntDemonym) || m.Has(kb.EntActor) || m.Has(kb.EntRole) || m.Prefix != "" {
		return false
	}
	n := toks[m.Start].Norm
	if m.End-m.Start > 1 || strings.HasSuffix(n, "ون") || strings.HasSuffix(n, "ين") || r.lex.IsPlural(n) {
		return false
	}
	for k := m.Start - 1; k >= 0; k-- {
		t := toks[k]
		if t.Kind == arabic.Punct {
			if arabic.IsQuote(t.Text) || t.Text == "–" || t.Text == "-" {
				continue
			}
			return false
		}
		if t.Kind != arabic.Word || r.prepClass(t.Norm) != "" || t.Norm == "و" {
			return false
		}
		if r.lex.HasClass(t.Norm, "bodypart") {
			return false // «على رأس الفلسطيني»: the Palestinian whose head it was
		}
		if w := strings.TrimPrefix(t.Norm, "و"); r.lex.HasClass(w, "pronoun") || r.lex.HasClass(w, "speech") || r.lex.HasClass(w, "control") {
			// «دول عربية هي السعودية», «قالت السعودية»: a pronoun or a verb takes no adjective
			return false
		}
		// «وقطعت السعودية»: a country name right after a verb is its subject
		return !(m.Has(kb.EntCountry) && r.isVerb(toks, k))
	}
	return false
}

// roleAdjective reports a one-word role that stands as an adjective, not
// an actor: a definite word of nisba shape («الدبلوماسية», «الخارجية»,
// «الأمنية») right after a definite noun that names nothing and is no
// function word, or after a plural noun with its pronoun («العلاقات
// الدبلوماسية», «السياسة الخارجية», «علاقاتها الدبلوماسية»). A definite
// noun takes no genitive, so what follows it agrees with it.
func (r *Resolver) roleAdjective(toks []arabic.Token, ms []recognise.Mention, i int) bool {
	m := &ms[i]
	if m.End-m.Start != 1 || m.Prefix != "" || m.NER != "" || !m.Has(kb.EntRole) ||
		m.Has(kb.EntActor) || m.Has(kb.EntDemonym) || m.Has(kb.EntCountry) || m.Has(kb.EntCapital) {
		return false
	}
	n := toks[m.Start].Norm
	if !strings.HasPrefix(n, "ال") || !nisbaShape(n) {
		return false
	}
	k := m.Start - 1
	if k < 0 || toks[k].Kind != arabic.Word || i > 0 && ms[i-1].End > k {
		return false // the word before is punctuation, or part of a mention
	}
	p := toks[k].Norm
	bare := p
	if len(p) > 2 && strings.Contains("وفبلك", p[:2]) {
		bare = p[2:]
	}
	definite := strings.HasPrefix(p, "ال") || strings.HasPrefix(bare, "ال") || strings.HasPrefix(p, "لل")
	possessed := strings.HasSuffix(p, "اتها") || strings.HasSuffix(p, "اته") || strings.HasSuffix(p, "اتهم") || strings.HasSuffix(p, "اتهما")
	return (definite || possessed) && len(r.lex.Classes(p)) == 0 && len(r.lex.Classes(bare)) == 0
}

// nisbaShape reports a normalised word ending as a nisba adjective does
// (ي, ية, يين, يون, يات).
func nisbaShape(n string) bool {
	for _, e := range []string{"ي", "يه", "يين", "يون", "يات"} {
		if strings.HasSuffix(n, e) {
			return true
		}
	}
	return false
}

// isVerb reports whether token k is a verb trigger of the knowledge base.
func (r *Resolver) isVerb(toks []arabic.Token, k int) bool {
	var scratch [4]arabic.Analysis
	m, ok := r.lex.MatchAt(toks[:k+1], k, scratch[:0])
	if !ok {
		return false
	}
	for _, e := range m.Entries {
		if e.Kind == kb.EntTrigger && r.lex.KB.Triggers[e.Index].POS == "V" {
			return true
		}
	}
	return false
}
