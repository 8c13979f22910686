package code

import "strings"

// A Rule is one named rule of the coder: how an argument was found, or why
// a trigger codes no event. Its ID is stable — golden tests under
// testdata/rules/<ID>.txt exercise it, explain shows it and every event's
// rule names the ids that fired — and its Desc says in words what it does.
type Rule struct {
	ID   string // «src.svo», «tgt.prep», «no.target»
	Desc string // what the rule says, as it appears in an event's rule; %s stands for a detail (a preposition); "" for a rule that names nobody
	// Carried: the source is carried over from the previous event, with
	// its conjuncts (an elided subject).
	Carried bool
	// Weak: the source is a guess from the sentence's shape, not from its
	// grammar (an elided subject, a topic), and lowers the confidence.
	Weak bool
}

// Text returns the rule as an event's rule shows it: its description, with
// detail in place of %s, and its id.
func (r *Rule) Text(detail string) string {
	if r == nil {
		return "none"
	}
	d := r.Desc
	if d == "" {
		d = "none" // a rule that decides that nobody is named
	}
	if strings.Contains(d, "%s") {
		d = strings.Replace(d, "%s", detail, 1)
	}
	return d + " [" + r.ID + "]"
}

// Rules of a trigger that codes no event: why not (see explain).
var (
	noFigurative      = &Rule{ID: "no.figurative", Desc: "its object is figurative («تخطف الأضواء», «الهجوم على الحريات»)"}
	noRelativeOfAct   = &Rule{ID: "no.relative-of-act", Desc: "a relative clause of the act named before it, which codes it («الهجوم الذي استهدف …»)"}
	noGeneric         = &Rule{ID: "no.generic", Desc: "a kind of deed, not an act («بالقتل والتدمير»)"}
	noSport           = &Rule{ID: "no.sport", Desc: "a meeting, a deal or a welcome in sport («لقاء تونس ومصر» is a match)"}
	noBroadcast       = &Rule{ID: "no.broadcast", Desc: "a guest hosted on a programme, not a visit hosted («لدى استضافته في برنامج»)"}
	noCuedObject      = &Rule{ID: "no.cued-object", Desc: "the object of the verb before it, coded with it («شنت … هجوما»)"}
	noTarget          = &Rule{ID: "no.target", Desc: "no target found, and this code needs one"}
	noObject          = &Rule{ID: "no.object", Desc: "the object of another event («دان خطف», «اتهمت … بخطف»)"}
	noSecurityProtest = &Rule{ID: "no.security-protest", Desc: "armed forces or police do not protest: a security measure («عمدت القوى الأمنية إلى قطع طريق»)"}
	noAccident        = &Rule{ID: "no.accident", Desc: "an accident or a disaster, not an attack («قتل جندي في حادث سير»)"}
	noPresentUnnamed  = &Rule{ID: "no.present-unnamed", Desc: "a present tense with nobody named tells what happens, not what happened"}
	noSource          = &Rule{ID: "no.source", Desc: "nobody named who does it"}
	noUnattested      = &Rule{ID: "no.unattested", Desc: "nobody named, and nothing else tells that it happened (a verb, a toll, a counted victim)"}
)
