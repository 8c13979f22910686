package kb

import (
	"slices"
	"testing"
)

func TestVerbForms(t *testing.T) {
	tests := []struct {
		verb string
		want []string // forms that must be generated
	}{
		{"زار", []string{"زار", "زارت", "زاروا", "زارا"}},
		{"التقي", []string{"التقي", "التقت", "التقوا", "التقيا"}}, // التقى, defective
		{"دعا", []string{"دعا", "دعت", "دعوا"}},
		{"يزور", []string{"يزور", "تزور", "يزورون", "سيزور", "نزور"}},
		{"يلتقي", []string{"يلتقي", "تلتقي", "يلتقون", "سيلتقي"}},
	}
	for _, tt := range tests {
		t.Run(tt.verb, func(t *testing.T) {
			got := verbForms(tt.verb)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("verbForms(%q) lacks %q", tt.verb, w)
				}
			}
		})
	}
}

func TestNounAndDemonymForms(t *testing.T) {
	if got := nounForms("زياره"); !slices.Contains(got, "الزياره") || !slices.Contains(got, "زياره") {
		t.Errorf("nounForms(زياره) = %q", got)
	}
	if got := nounForms("هجوم"); !slices.Contains(got, "هجوما") {
		t.Errorf("nounForms(هجوم) lacks the accusative: %q", got)
	}
	got := demonymForms("سوري")
	for _, w := range []string{"سوري", "السوري", "السوريه", "السوريين", "سوريون"} {
		if !slices.Contains(got, w) {
			t.Errorf("demonymForms(سوري) lacks %q", w)
		}
	}
}
