package code

import "strings"

// A Rule is one named rule of the coder: how an argument was found, or why
// a trigger codes no event. Its ID is stable — golden tests under
// testdata/rules/<ID>.txt exercise it, explain shows it and every event's
// rule names the ids that fired — and its Desc says in words what it does.
type Rule struct {
	ID   string // «src.svo», «tgt.prep», «no.target»
	Desc string // what the rule says, as it appears in an event's rule; %s stands for a detail (a preposition)
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
	if strings.Contains(d, "%s") {
		d = strings.Replace(d, "%s", detail, 1)
	}
	return d + " [" + r.ID + "]"
}
