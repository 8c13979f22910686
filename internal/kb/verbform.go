package kb

// VerbForm is what the written form of a verb says of its tense, and of
// the person, number and gender it agrees with in that tense, worked out
// once when the lexicon is compiled from the forms Inflection generates.
// One unvocalised form may be read several ways («قتلت»: she killed, I
// killed, you killed; «اتهم»: he accused, or I accuse): all its readings
// are kept, by tense. The zero VerbForm is a word that is not a verb form
// of the lexicon (a noun trigger, a name).
type VerbForm [3]Agreement // indexed by Tense

// Tense is the tense of a verb form.
type Tense uint8

// The tenses.
const (
	Past    Tense = iota // «زار»
	Present              // «يزور»
	Future               // «سيزور»
)

// Agreement is a set of the persons, numbers and genders a verb form
// agrees with.
type Agreement uint8

// The readings an Agreement holds.
const (
	First  Agreement = 1 << iota // «زرت», «نزور»
	Second                       // «تزورون»
	Third                        // «زاروا»
	Singular
	Dual // «زارا», «تزوران»
	Plural
	Masculine
	Feminine
)

// Any reports whether a has at least one of the readings in b.
func (a Agreement) Any(b Agreement) bool { return a&b != 0 }

// Common readings, for the tables of inflect.go.
const (
	anyGender = Masculine | Feminine
	femSg     = Feminine | Singular
	mascSg    = Masculine | Singular
)

var (
	tenseNames     = [...]string{"past", "present", "future"}
	agreementNames = [...]string{"1", "2", "3", "sg", "du", "pl", "m", "f"}
)

// String lists the readings by tense: «past 3 sg m; present 1 sg m f».
func (f VerbForm) String() string {
	var b []byte
	for t, a := range f {
		if a == 0 {
			continue
		}
		if len(b) > 0 {
			b = append(b, "; "...)
		}
		b = append(b, tenseNames[t]...)
		for i, n := range agreementNames {
			if a&(1<<i) != 0 {
				b = append(b, ' ')
				b = append(b, n...)
			}
		}
	}
	return string(b)
}

// add adds the readings of g to f.
func (f *VerbForm) add(g VerbForm) {
	for t := range f {
		f[t] |= g[t]
	}
}
