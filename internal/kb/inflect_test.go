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
			got := verbTexts(tt.verb)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("verbForms(%q) lacks %q", tt.verb, w)
				}
			}
		})
	}
}

// verbTexts returns the texts of verbForms(v).
func verbTexts(v string) []string {
	var out []string
	for _, f := range verbForms(v) {
		out = append(out, f.text)
	}
	return out
}

// TestVerbFormReadings checks what forms say of tense, person, number and
// gender, all readings of a form together (as the lexicon keeps them).
func TestVerbFormReadings(t *testing.T) {
	readings := func(v, form string) VerbForm {
		var f VerbForm
		for _, x := range verbForms(v) {
			if x.text == form {
				f[x.tense] |= x.agr
			}
		}
		return f
	}
	const none = Agreement(0)
	tests := []struct {
		verb, form string
		tense      Tense
		want, not  Agreement // in tense
		only       bool      // no reading in another tense
	}{
		{"زار", "زار", Past, Third | Singular | Masculine, Dual | Plural | Feminine, true},
		{"زار", "زارت", Past, Third | First | Second | Singular | Feminine, Dual | Plural, true},
		{"زار", "زارا", Past, Third | Dual | Masculine, Singular | Plural, true},
		{"زار", "زارتا", Past, Third | Dual | Feminine, Singular | Plural | Masculine, true},
		{"زار", "زاروا", Past, Third | Plural | Masculine, Singular | Dual | Feminine, true},
		{"التقي", "التقيا", Past, Third | Dual, Singular | Plural, true},
		{"يزور", "يزور", Present, Third | Singular | Masculine, First | Second, true},
		{"يزور", "تزور", Present, Third | Second | Singular | Feminine | Masculine, First, true},
		{"يزور", "سيزور", Future, Third | Singular, First, true},
		{"يزور", "نزور", Present, First | Plural, Singular | Second | Third, true},
		{"يزور", "ازور", Present, First | Singular, Plural | Second | Third, true},
		{"يزور", "يزوران", Present, Third | Dual | Masculine, Singular | Plural, true},
		{"يزور", "تزورين", Present, Second | Singular | Feminine, Third | Plural, true},
		{"يلتقي", "يلتقيان", Present, Third | Dual, Singular | Plural, true},
		{"يلتقي", "يلتقون", Present, Third | Plural | Masculine, Singular | Dual, true},
		{"زار", "زرنا", Past, none, ^none, true}, // the hollow past drops its alef: not generated
	}
	for _, tt := range tests {
		got := readings(tt.verb, tt.form)
		a := got[tt.tense]
		other := got
		other[tt.tense] = 0
		if a&tt.want != tt.want || a&tt.not != 0 || tt.only && other != (VerbForm{}) {
			t.Errorf("%s → %s: readings %q, want %s %08b and none of %08b", tt.verb, tt.form, got, tenseNames[tt.tense], tt.want, tt.not)
		}
	}
}

// TestPhraseReading checks that a phrase trigger's surfaces listed as
// written are read as forms of its other surfaces.
func TestPhraseReading(t *testing.T) {
	tr := &Trigger{POS: "P", Surfaces: []string{"دخل", "دخلوا", "يدخل", "سيدخلون"}}
	if f := phraseReading(tr, "سيدخلون"); !f[Future].Any(Third|Plural) || f[Present] != 0 || f[Past] != 0 {
		t.Errorf("سيدخلون: %q, want a future 3 pl", f)
	}
	if f := phraseReading(tr, "دخلوا"); !f[Past].Any(Third | Plural) {
		t.Errorf("دخلوا: %q, want a past 3 pl", f)
	}
	if f := phraseReading(&Trigger{POS: "P", Surfaces: []string{"في طريق"}}, "في طريق"); f != (VerbForm{}) {
		t.Errorf("a phrase of no verb: %q, want none", f)
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
