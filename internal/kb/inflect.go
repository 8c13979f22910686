package kb

import "strings"

// Inflection generates the written forms Marsad matches for knowledge-base
// words. All input and output is in normalised spelling (see
// arabic.NormalizeString): ى is ي, ة is ه, hamza carriers are bare.

// verbForms returns the inflected forms of a verb given as its 3rd person
// masculine singular past («زار», «التقي») or present («يزور», «يلتقي»)
// form: all persons and numbers of the past, the present with every
// person prefix, dual and plural endings, and the future prefix س.
func verbForms(v string) []string {
	if strings.HasPrefix(v, "ي") && len(v) > 4 {
		return presentForms(v[len("ي"):])
	}
	return pastForms(v)
}

func pastForms(p string) []string {
	out := []string{p, p + "ت", p + "وا", p + "ا", p + "تا", p + "ن", p + "نا", p + "تم", p + "تما"}
	if strings.HasSuffix(p, "ي") || strings.HasSuffix(p, "ا") {
		// defective verbs: التقي → التقت، التقوا، التقيا، التقيت ; دعا → دعت، دعوا
		base := p[:len(p)-2]
		out = append(out, base+"ت", base+"وا", base+"يا", base+"يت", base+"ينا", base+"تا", base+"وت", base+"ون")
	}
	return out
}

func presentForms(s string) []string {
	var out []string
	stems := []string{s}
	defective := strings.HasSuffix(s, "ي") || strings.HasSuffix(s, "و")
	for _, pre := range []string{"ي", "ت", "ن", "ا"} {
		for _, fut := range []string{"", "س"} {
			if fut != "" && pre == "ا" {
				continue
			}
			for _, st := range stems {
				f := fut + pre + st
				out = append(out, f)
				if pre == "ي" || pre == "ت" {
					if defective {
						base := fut + pre + st[:len(st)-2]
						out = append(out, base+"ون", base+"ين", base+"يان", base+"وان", f+"ان", f+"ن")
					} else {
						out = append(out, f+"ون", f+"ان", f+"ين", f+"ن", f+"وا")
					}
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
