package ner

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
)

// Gazetteer kinds read from Marsad's own knowledge base (kb/*.tsv, see
// kb/FORMAT.md) and from the tagger's trigger word list. Their lines are
// tab-separated, comment lines start with #, and a field may hold several
// surfaces separated by |.
const (
	kindKBActors    = "kb-actors"    // actors*.tsv: surfaces, country, role, kind (PERSON, ORG, IGO, NGO, GROUP)
	kindKBRoles     = "kb-roles"     // roles.tsv: surfaces, role, kind (ORG, GROUP, TITLE)
	kindKBCountries = "kb-countries" // countries.tsv: iso3, names, capitals, demonyms, plurals
	kindKBOutlets   = "kb-outlets"   // outlets.tsv: names (news media)
	kindTriggers    = "triggers"     // word, type (ORG or MISC): head nouns that open a name
)

// isKBKind says whether kind is read by addKBGazetteer.
func isKBKind(kind string) bool {
	switch kind {
	case kindKBActors, kindKBRoles, kindKBCountries, kindKBOutlets, kindTriggers:
		return true
	}
	return false
}

// addKBGazetteer adds the phrases of a knowledge-base or trigger file.
func (res *Resources) addKBGazetteer(ctx context.Context, g GazetteerSource) error {
	f, err := os.Open(g.Path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		if line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		col := func(i int) []string {
			if i >= len(fields) || strings.TrimSpace(fields[i]) == "" {
				return nil
			}
			return strings.Split(fields[i], "|")
		}
		switch g.Kind {
		case kindKBActors:
			typ := -1
			switch strings.TrimSpace(at(fields, 3)) {
			case "PERSON":
				typ = gazKBPers
			case "ORG", "IGO", "NGO":
				typ = gazKBOrg
			case "GROUP":
				typ = gazKBGroup
			}
			if typ >= 0 {
				res.addPhrases(col(0), typ)
			}
		case kindKBRoles:
			switch strings.TrimSpace(at(fields, 2)) {
			case "TITLE":
				res.addPhrases(col(0), gazTitle)
			case "ORG", "GROUP":
				res.addPhrases(col(0), gazRole)
			}
		case kindKBCountries:
			res.addPhrases(col(1), gazCountry)
			res.addPhrases(col(2), gazCity)
			for _, d := range col(3) {
				res.addPhrases(demonymForms(strings.TrimSpace(d)), gazDemonym)
			}
			for _, p := range col(4) {
				res.addPhrases(withArticle(strings.TrimSpace(p)), gazDemonym)
			}
		case kindKBOutlets:
			res.addPhrases(col(0), gazKBOrg)
		case kindTriggers:
			typ := gazOrgTrigger
			if strings.TrimSpace(at(fields, 1)) == TypeMISC {
				typ = gazMiscTrigger
			}
			res.addPhrases(withArticle(strings.TrimSpace(fields[0])), typ)
		default:
			return fmt.Errorf("gazetteer %s: unknown kind %q", g.Path, g.Kind)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer %s: %w", g.Path, err)
	}
	return nil
}

// at returns field i, "" when there is none.
func at(fields []string, i int) string {
	if i < len(fields) {
		return fields[i]
	}
	return ""
}

// addPhrases adds every non-empty surface with gazetteer type typ.
func (res *Resources) addPhrases(surfaces []string, typ int) {
	for _, s := range surfaces {
		if s = strings.TrimSpace(cleanToken(s)); s != "" {
			res.addPhrase(s, typ)
		}
	}
}

// withArticle returns w and, unless it has one, w with the article ال.
func withArticle(w string) []string {
	if w == "" {
		return nil
	}
	if strings.HasPrefix(w, "ال") {
		return []string{w}
	}
	return []string{w, "ال" + w}
}

// demonymForms returns the inflected forms of a masculine singular nisba
// adjective («أفغاني»): feminine «أفغانية», the sound plurals «أفغانيون»,
// «أفغانيين», the duals «أفغانيان», «أفغانيين» and the feminine plural
// «أفغانيات», each with and without the article.
func demonymForms(d string) []string {
	if d == "" {
		return nil
	}
	var out []string
	for _, suf := range []string{"", "ة", "ون", "ين", "ان", "ات"} {
		out = append(out, withArticle(d+suf)...)
	}
	return out
}
