package kb_test

import (
	"testing"
	"testing/fstest"

	"github.com/marsad/marsad/internal/kb"
)

func TestOutletCountry(t *testing.T) {
	k, err := kb.Load(fstest.MapFS{"outlets.tsv": {Data: []byte("#names\tcountry\tsource\tenglish\nJawhara FM|جوهرة أف أم\tTUN\tcurated\tJawhara FM\n")}})
	if err != nil {
		t.Fatal(err)
	}
	lx := kb.Compile(k)
	for name, want := range map[string]string{
		"Jawhara FM": "TUN", "jawharafm": "TUN", " JAWHARA  FM ": "TUN", "جوهرة اف ام": "TUN",
		"Other Radio": "", "": "",
	} {
		if got := lx.OutletCountry(name); got != want {
			t.Errorf("OutletCountry(%q) = %q, want %q", name, got, want)
		}
	}
	if _, err := kb.Load(fstest.MapFS{"outlets.tsv": {Data: []byte("Radio\tTunisia\tcurated\tbad code\n")}}); err == nil {
		t.Error("an outlet with a bad country code loads")
	}
}
