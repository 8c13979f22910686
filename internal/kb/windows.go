package kb

import (
	"fmt"
	"strconv"
)

// Window is how far from a trigger the coder looks for the words of a
// grammar class (windows.tsv): Before words before the trigger's first
// word and After words after its last.
type Window struct {
	Class         string
	Before, After int
	Pos           Pos
}

// WindowNames are the windows the coder reads; windows.tsv must give each
// of them, and no other.
var WindowNames = [...]string{"negation", "secret", "intended", "habitual", "concession", "purpose-casualty", "planned"}

// maxWindow is the widest window, in words: beyond a clause the coder
// would read another event's words.
const maxWindow = 12

func (k *loader) parseWindow(f []string, p Pos) error {
	name := field(f, 0)
	if name == "name" {
		return nil // header
	}
	known := false
	for _, n := range WindowNames {
		known = known || n == name
	}
	if !known {
		return fmt.Errorf("unknown window %q: the coder reads %v", name, WindowNames)
	}
	if w, ok := k.Windows[name]; ok {
		return fmt.Errorf("window %s given twice (first at %s)", name, w.Pos)
	}
	w := Window{Class: field(f, 1), Pos: p}
	if w.Class == "" {
		return fmt.Errorf("window %s has no class", name)
	}
	for i, n := range []*int{&w.Before, &w.After} {
		v, err := strconv.Atoi(field(f, 2+i))
		if err != nil || v < 0 || v > maxWindow {
			return fmt.Errorf("window %s: column %d is %q: want a number of words from 0 to %d", name, 3+i, field(f, 2+i), maxWindow)
		}
		*n = v
	}
	if k.Windows == nil {
		k.Windows = map[string]Window{}
	}
	k.Windows[name] = w
	return nil
}

// windows reports the windows windows.tsv lacks (errors) and those of a
// class no word of grammar.tsv has (warnings: they never find a word).
func (l *linter) windows() {
	classes := map[string]bool{}
	for _, w := range l.k.Words {
		classes[w.Class] = true
	}
	for _, n := range WindowNames {
		w, ok := l.k.Windows[n]
		switch {
		case !ok:
			l.add(Pos{File: "windows.tsv"}, SevError, "window %s is not given", n)
		case !classes[w.Class]:
			l.add(w.Pos, SevWarning, "window %s: no word of grammar.tsv has class %q: it never finds one", n, w.Class)
		}
	}
}
