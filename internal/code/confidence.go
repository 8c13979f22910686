package code

import (
	"math"

	"github.com/marsad/marsad/internal/resolve"
)

// confidence scores how well the event is supported by its sentence. It is
// a product: an event whose source, or whose needed target, is unknown stays
// below 0.5 however clear its trigger, so that a threshold of 0.5 keeps the
// complete events (who did what to whom) and drops the partial ones («قتل 20
// شخصا»: nobody named), which are still reported for those who want them.
//
// A source nobody names but the place tells (placed: the country where an
// attack, a protest or an arrest happened, as analysts code unknown gunmen)
// scores between the two.
func confidence(src, tgt *resolve.Actor, placed bool, cl clause, mod []string, rule *Rule) float64 {
	s, t := 0.2, 0.4
	if placed {
		s = 0.6
	}
	switch cl.trig.Root() {
	case "08", "14", "15":
		t = 1 // a resignation, a protest, a deployment need no target to be complete
	}
	if src != nil {
		s = 0.9
		if src.Inferred || rule != nil && rule.Weak {
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
