package resolve

import (
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
)

// Rules of phrase shape that resolution applies after building its phrases:
// a shared role, a proper name's next actor, time zones, head words.

// shareRole gives a feminine nisba adjective joined right after a role
// with its own nisba («السلطات الأمريكية والبريطانية», «القوات السورية
// والروسية») the role of that phrase: the adjective stands for a second
// head, not for a people (who would be «البريطانيون»).
func shareRole(toks []arabic.Token, actors []Actor) {
	for i := 1; i < len(actors); i++ {
		a, h := &actors[i], &actors[i-1]
		if a.Kind != "PEOPLE" || !a.Conj || a.Prep != "" || a.End-a.Start != 1 || a.Start != h.End ||
			h.Kind != "ROLE" || h.Inferred || h.End-h.Start < 2 {
			continue
		}
		if n := toks[a.Start].Norm; !strings.HasPrefix(n, "وال") || !strings.HasSuffix(n, "يه") {
			continue
		}
		a.Kind, a.Role, a.RoleKind = h.Kind, h.Role, h.RoleKind
		a.Why = explained(a.Why, "a nisba adjective joined to «"+toks[h.End-1].Text+"»: the same head")
	}
}

// afterStateName reports a country name that is also a nisba right after
// the name of a state or capital («اتهمت إيران السعودية»): a proper name
// takes no nisba adjective, so it is the next actor.
func afterStateName(ms []recognise.Mention, i int) bool {
	if i == 0 || !ms[i].Has(kb.EntCountry) || ms[i-1].End != ms[i].Start {
		return false
	}
	p := &ms[i-1]
	return (p.Has(kb.EntCountry) || p.Has(kb.EntCapital)) && !p.Has(kb.EntRole)
}

// timeZone reports a country or capital named as a time zone («الساعة
// الثامنة بتوقيت تركيا»): no actor.
func (r *Resolver) timeZone(toks []arabic.Token, m *recognise.Mention) bool {
	k := m.Start - 1
	return k >= 0 && (m.Has(kb.EntCountry) || m.Has(kb.EntCapital)) && r.lex.HasClass(toks[k].Norm, "timezone")
}

// headWord is the first word of an actor phrase without its proclitics and
// article: «وزارة الخارجية المصرية» and «الوزارة» share «وزاره».
func headWord(toks []arabic.Token, a Actor) string {
	n := toks[a.Start].Norm
	for _, p := range [...]string{"وال", "بال", "فال", "لل", "ال"} {
		if strings.HasPrefix(n, p) && len(n) > len(p)+2 {
			return n[len(p):]
		}
	}
	return n
}
