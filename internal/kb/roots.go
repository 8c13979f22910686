package kb

import (
	"fmt"
	"strconv"
)

// Root is a CAMEO event root with the properties the coder reads of it
// (roots.tsv).
type Root struct {
	Code        string // "01" … "20"
	Quad        int    // QuadClass: 1 verbal cooperation … 4 material conflict
	Symmetric   bool   // usually a joint act: either side may be the source
	NeedsTarget bool   // means nothing without a target (a meeting with nobody)
	Violent     bool   // violence: reported even when its author is not named
	Protest     bool   // protest: likewise
	Police      bool   // coercion: when nobody is named, the police of the place did it
	English     string
	Pos         Pos
}

// NumRoots is the number of CAMEO event roots.
const NumRoots = 20

// RootOf returns the properties of CAMEO root r ("01" … "20"), and false
// for a root the knowledge base does not describe.
func (k *KB) RootOf(r string) (Root, bool) {
	i, ok := rootIndex(r)
	if !ok || k.Roots[i].Code == "" {
		return Root{}, false
	}
	return k.Roots[i], true
}

// rootIndex maps "01" … "20" to 1 … 20.
func rootIndex(r string) (int, bool) {
	if len(r) != 2 || r[0] < '0' || r[0] > '2' || r[1] < '0' || r[1] > '9' {
		return 0, false
	}
	i := int(r[0]-'0')*10 + int(r[1]-'0')
	return i, i >= 1 && i <= NumRoots
}

func (k *loader) parseRoot(f []string, p Pos) error {
	if field(f, 0) == "root" {
		return nil // header
	}
	i, ok := rootIndex(field(f, 0))
	if !ok {
		return fmt.Errorf("bad CAMEO root %q: want 01 … 20", field(f, 0))
	}
	if k.Roots[i].Code != "" {
		return fmt.Errorf("root %s described twice (first at %s)", field(f, 0), k.Roots[i].Pos)
	}
	quad, err := strconv.Atoi(field(f, 1))
	if err != nil || quad < 1 || quad > 4 {
		return fmt.Errorf("bad QuadClass %q: want 1 … 4", field(f, 1))
	}
	r := Root{Code: field(f, 0), Quad: quad, English: field(f, 7), Pos: p}
	flags := []struct {
		col      int
		yes, no  string
		property *bool
	}{{2, "yes", "no", &r.Symmetric}, {3, "needed", "optional", &r.NeedsTarget}, {4, "yes", "no", &r.Violent}, {5, "yes", "no", &r.Protest}, {6, "yes", "no", &r.Police}}
	for _, fl := range flags {
		switch field(f, fl.col) {
		case fl.yes:
			*fl.property = true
		case fl.no:
		default:
			return fmt.Errorf("column %d is %q: want %s or %s", fl.col+1, field(f, fl.col), fl.yes, fl.no)
		}
	}
	k.Roots[i] = r
	return nil
}

// roots reports the CAMEO roots roots.tsv does not describe.
func (l *linter) roots() {
	for i := 1; i <= NumRoots; i++ {
		if l.k.Roots[i].Code == "" {
			l.add(Pos{File: "roots.tsv"}, SevError, "CAMEO root %02d is not described", i)
		}
	}
}
