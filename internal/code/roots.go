package code

import "github.com/marsad/marsad/internal/kb"

// root returns the properties of CAMEO root r from the knowledge base
// (kb/roots.tsv); an unknown root has none.
func (c *Coder) root(r string) kb.Root {
	ro, _ := c.lex.KB.RootOf(r)
	return ro
}

// symmetric reports roots whose events are usually joint acts
// (consultations, agreements, cooperation).
func (c *Coder) symmetric(r string) bool { return c.root(r).Symmetric }

// needsTarget reports roots whose events mean nothing without a target (a
// meeting with nobody, aid to nobody); events of the other roots — a
// resignation, a protest, a mobilisation, an attack — may have none.
func (c *Coder) needsTarget(r string) bool { return c.root(r).NeedsTarget }

// violent reports the roots of violence (assault, fight, mass violence).
func (c *Coder) violent(r string) bool { return c.root(r).Violent }

// violentOrProtest reports roots whose events are coded even when the
// perpetrator is not named (an explosion, a demonstration).
func (c *Coder) violentOrProtest(r string) bool {
	ro := c.root(r)
	return ro.Violent || ro.Protest
}

// quad returns the QuadClass of root r.
func (c *Coder) quad(r string) int { return c.root(r).Quad }
