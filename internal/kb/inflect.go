package kb

import "strings"

// Inflection generates the written forms Marsad matches for knowledge-base
// words. All input and output is in normalised spelling (see
// arabic.NormalizeString): ى is ي, ة is ه, hamza carriers are bare.

// verbForm is one written form of a verb with what it says.
type verbForm struct {
	text  string
	tense Tense
	agr   Agreement
}

// verbForms returns the inflected forms of a verb given as its 3rd person
// masculine singular past («زار», «التقي») or present («يزور», «يلتقي»)
// form: all persons and numbers of the past, the present with every
// person prefix, dual and plural endings, and the future prefix س; each
// with its readings. A text may come more than once, read another way.
func verbForms(v string) []verbForm {
	if strings.HasPrefix(v, "ي") && len(v) > 4 {
		return presentForms(v[len("ي"):])
	}
	return pastForms(v)
}

// pastSuffixes are the endings of the past tense with their readings.
var pastSuffixes = []struct {
	end string
	agr Agreement
}{
	{"", Third | mascSg},
	{"ت", Third | femSg | First | Second | Singular | anyGender},
	{"وا", Third | Plural | Masculine},
	{"ا", Third | Dual | Masculine},
	{"تا", Third | Dual | Feminine},
	{"ن", Third | Plural | Feminine},
	{"نا", First | Plural | anyGender},
	{"تم", Second | Plural | Masculine},
	{"تما", Second | Dual | anyGender},
}

// defectivePastSuffixes replace the last letter of a defective past:
// التقي → التقت، التقوا، التقيا، التقيت ; دعا → دعت، دعوا، دعوت.
var defectivePastSuffixes = []struct {
	end string
	agr Agreement
}{
	{"ت", Third | femSg},
	{"وا", Third | Plural | Masculine},
	{"يا", Third | Dual | Masculine},
	{"يت", First | Second | Singular | anyGender},
	{"ينا", First | Plural | anyGender},
	{"تا", Third | Dual | Feminine},
	{"وت", First | Second | Singular | anyGender},
	{"ون", Third | Plural | Feminine},
}

func pastForms(p string) []verbForm {
	var out []verbForm
	for _, x := range pastSuffixes {
		out = append(out, verbForm{p + x.end, Past, x.agr})
	}
	if strings.HasSuffix(p, "ي") || strings.HasSuffix(p, "ا") {
		base := p[:len(p)-2]
		for _, x := range defectivePastSuffixes {
			out = append(out, verbForm{base + x.end, Past, x.agr})
		}
	}
	return out
}

// presentPersons are the person prefixes of the present with the readings
// of the bare form; the third and second persons also take the endings of
// presentEndings.
var presentPersons = []struct {
	pre string
	agr Agreement
}{
	{"ي", Third | mascSg},
	{"ت", Third | femSg | Second | mascSg},
	{"ن", First | Plural | anyGender},
	{"ا", First | Singular | anyGender},
}

// presentEndings are the endings of the present after «ي» and «ت», by
// prefix, for sound and for defective verbs (whose last letter goes).
var presentEndings = map[string][]struct {
	end       string
	defective bool
	agr       Agreement
}{
	"ي": {
		{"ون", false, Third | Plural | Masculine}, {"ان", false, Third | Dual | Masculine},
		{"ين", false, Third}, {"ن", false, Third | Plural | Feminine}, {"وا", false, Third | Plural | Masculine},
		{"ون", true, Third | Plural | Masculine}, {"ين", true, Third}, {"يان", true, Third | Dual | Masculine},
		{"وان", true, Third | Dual | Masculine},
	},
	"ت": {
		{"ون", false, Second | Plural | Masculine}, {"ان", false, Third | Dual | Feminine | Second | Dual},
		{"ين", false, Second | femSg}, {"ن", false, Second | Plural | Feminine}, {"وا", false, Second | Plural | Masculine},
		{"ون", true, Second | Plural | Masculine}, {"ين", true, Second | femSg}, {"يان", true, Third | Dual | Feminine | Second},
		{"وان", true, Third | Dual | Feminine | Second},
	},
}

func presentForms(s string) []verbForm {
	var out []verbForm
	defective := strings.HasSuffix(s, "ي") || strings.HasSuffix(s, "و")
	for _, p := range presentPersons {
		for _, tense := range []Tense{Present, Future} {
			fut := ""
			if tense == Future {
				if p.pre == "ا" {
					continue
				}
				fut = "س"
			}
			f := fut + p.pre + s
			out = append(out, verbForm{f, tense, p.agr})
			ends := presentEndings[p.pre]
			if ends == nil {
				continue
			}
			base := f
			if defective {
				base = fut + p.pre + s[:len(s)-2]
				// a defective verb keeps its letter before «ان» and «ن»: «يلتقيان», «يلتقين»
				out = append(out, verbForm{f + "ان", tense, p.agr&^(Singular|Plural) | Dual},
					verbForm{f + "ن", tense, p.agr&^(Singular|Masculine) | Plural | Feminine})
			}
			for _, e := range ends {
				if e.defective == defective {
					out = append(out, verbForm{base + e.end, tense, e.agr})
				}
			}
		}
	}
	return out
}

// nounForms returns a noun with and without the article, and in the
// accusative with tanwin alef («هجوما», «حوارا»).
func nounForms(n string) []string {
	out := []string{n}
	bare, had := strings.CutPrefix(n, "ال")
	if had && len(bare) >= 4 {
		out = append(out, bare)
	} else {
		out = append(out, "ال"+n)
		bare = n
	}
	// «شرطياً», «مدنياً» take the alef; «عمليةً», «هجماتٍ» and «عصاً» do not
	if !strings.HasSuffix(bare, "ه") && !strings.HasSuffix(bare, "ا") && !strings.HasSuffix(bare, "ات") {
		out = append(out, bare+"ا")
	}
	return out
}

// demonymAccusative returns the accusative with tanwin alef of a nisba
// adjective («فلسطينياً» → «فلسطينيا»), which exists only without the article.
func demonymAccusative(d string) string { return d + "ا" }

// demonymForms returns the forms of a nisba adjective given in its
// masculine singular without the article («سوري»): feminine, dual, sound
// plurals, each with and without the article.
func demonymForms(d string) []string {
	var out []string
	for _, f := range []string{d, d + "ه", d + "ون", d + "ين", d + "ان", d + "تان", d + "تين", d + "ات"} {
		out = append(out, f, "ال"+f)
	}
	return out
}
