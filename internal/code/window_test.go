package code

import (
	"testing"

	"github.com/marsad/marsad/internal/kb"
)

// TestWindowIDs: the coder's window ids follow kb.WindowNames.
func TestWindowIDs(t *testing.T) {
	ids := map[windowID]string{winNegation: "negation", winSecret: "secret", winIntended: "intended",
		winHabitual: "habitual", winConcession: "concession", winPurposeCasualty: "purpose-casualty", winPlanned: "planned"}
	if len(ids) != len(kb.WindowNames) {
		t.Fatalf("%d window ids for %d windows", len(ids), len(kb.WindowNames))
	}
	for id, name := range ids {
		if kb.WindowNames[id] != name {
			t.Errorf("window id %d is %s, kb.WindowNames has %s", id, name, kb.WindowNames[id])
		}
	}
}
