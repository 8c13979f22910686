// Package resolve turns mentions into actors with CAMEO actor codes
// (country + role): it groups the mentions of one noun phrase («رئيس
// المخابرات العامة المصرية عباس كامل»), picks the code valid at the article's
// date, reads capitals as governments, remembers full names so that a later
// short name («حفتر») resolves the same way, and falls back to the article's
// main country for actors named only by their role («الحكومة»).
package resolve

import (
	"strings"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
)

// Actor is one actor phrase of a sentence.
type Actor struct {
	Start, End int    // token indices, End exclusive
	Country    string // ISO3, IGO, IMG, NGO or UNK
	Role       string // GOV, MIL, …, or ""
	Kind       string // PERSON, ORG, GROUP, STATE, CAPITAL, PEOPLE, ROLE
	RoleKind   string // for a ROLE: the kind of its role word (ORG, TITLE or GROUP)
	Name       string // English name of the head entity when known
	Prep       string // normalised preposition before the phrase (free word or proclitic ب ل ك), "" if none
	Conj       bool   // the phrase starts with «و»: coordinated with the phrase before
	Place      bool   // the phrase is a country or capital that may also be read as a location
	Inferred   bool   // the country was not stated in the phrase but inferred from the article
	Agent      bool   // a nisba adjective naming the author of the act before it («الغارات الإسرائيلية»)
	Why        string // how the code was reached, for explain
}

// Code returns the CAMEO actor code, country then role («LBYMIL»).
func (a *Actor) Code() string { return a.Country + a.Role }

// Resolver resolves the actors of one article; make one per article with New.
type Resolver struct {
	lex     *kb.Lexicon
	date    kb.Date
	known   map[string]known  // remembered names: normalised token → resolution
	last    map[string]string // head word → the country of the last actor it heads with a stated country
	Explain bool              // fill Actor.Why (for explain; coding alone does not need it)
	Default string            // the article's main country, used for role-only actors
	Scene   string            // the country the article most often places things in («في سوريا»), for rebels and the opposition
	// Named counts how often the article names each country (by country
	// names, capitals, demonyms and named actors); set by MainCountry.
	Named map[string]int
}

type known struct{ country, role, kind, name string }

// New returns a resolver for an article published on date (0 if unknown).
func New(lex *kb.Lexicon, date kb.Date) *Resolver {
	return &Resolver{lex: lex, date: date, known: map[string]known{}, last: map[string]string{}}
}

// MainCountry computes the article's main country from all its mentions:
// the country most often named by country names, capitals, demonyms and
// named actors, with ties going to the first mentioned. It sets Default.
func (r *Resolver) MainCountry(toks []arabic.Token, ms []recognise.Mention) string {
	count, scene := map[string]int{}, map[string]int{}
	first := map[string]int{}
	for i := range ms {
		m := &ms[i]
		c := r.countryOf(m)
		if c == "" || c == "IGO" || c == "IMG" || c == "NGO" || c == "UNK" {
			continue
		}
		if _, ok := first[c]; !ok {
			first[c] = i
		}
		count[c]++
		if (m.Has(kb.EntCountry) || m.Has(kb.EntCapital)) && m.Start > 0 && r.prepClass(toks[m.Start-1].Norm) == "في" {
			scene[c]++
		}
	}
	most := func(count map[string]int) string {
		best := ""
		for c, n := range count {
			if best == "" || n > count[best] || n == count[best] && first[c] < first[best] {
				best = c
			}
		}
		return best
	}
	r.Default, r.Scene = most(count), most(scene)
	r.Named = count
	return r.Default
}

// countryOf returns the country a mention names directly, or "".
func (r *Resolver) countryOf(m *recognise.Mention) string {
	k := r.lex.KB
	for _, e := range m.Entries {
		switch e.Kind {
		case kb.EntCountry, kb.EntCapital, kb.EntDemonym:
			return k.Countries[e.Index].ISO3
		case kb.EntActor:
			return r.ActorRow(m).Country
		}
	}
	return ""
}

// ActorRow picks, among the actor entries of a mention, the row valid at the
// article's date; without a date, or when none is valid, the latest row.
func (r *Resolver) ActorRow(m *recognise.Mention) *kb.Actor {
	var best *kb.Actor
	for _, e := range m.Entries {
		if e.Kind != kb.EntActor {
			continue
		}
		a := &r.lex.KB.Actors[e.Index]
		valid := r.date != 0 && a.From <= r.date && r.date <= a.To
		switch {
		case best == nil:
			best = a
		case valid && !(r.date != 0 && best.From <= r.date && r.date <= best.To):
			best = a
		case !valid && !(r.date != 0 && best.From <= r.date && r.date <= best.To) && a.From > best.From:
			best = a
		}
	}
	return best
}

// isActorish reports whether a mention can be part of an actor phrase. A
// word that is also a verb trigger reads as the verb («طالب» demanded, not
// student).
func (r *Resolver) isActorish(m *recognise.Mention) bool {
	if m.NER == "PERS" || m.NER == "ORG" {
		return true
	}
	for _, e := range m.Entries {
		if e.Kind == kb.EntTrigger && r.lex.KB.Triggers[e.Index].POS == "V" {
			return false
		}
	}
	for _, e := range m.Entries {
		switch e.Kind {
		case kb.EntCountry, kb.EntCapital, kb.EntDemonym, kb.EntActor, kb.EntRole:
			return true
		}
	}
	return false
}

// Sentence resolves the actor phrases among the mentions of one sentence
// (toks is the whole article's token slice; ms the sentence's mentions in
// order). A phrase is a run of actor mentions joined by nothing or by glue
// words («العامة», «باسم», quotes); a preposition, a conjunction, a comma or
// a trigger ends it.
func (r *Resolver) Sentence(toks []arabic.Token, ms []recognise.Mention) []Actor {
	n := 0
	for i := range ms {
		if r.isActorish(&ms[i]) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Actor, 0, n)
	for i := 0; i < len(ms); {
		if !r.isActorish(&ms[i]) || r.roleAdjective(toks, ms, i) || r.timeZone(toks, &ms[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(ms) && r.isActorish(&ms[j]) && (ms[j].Prefix == "" || r.lamGenitive(toks, &ms[j-1], &ms[j])) && r.joins(toks, ms[i:j], &ms[j]) {
			j++
		}
		if n := len(out); j == i+1 && n > 0 && out[n-1].Agent && out[n-1].End == ms[i].Start && ms[i].Prefix == "" && r.kindOf(&ms[i]) == mkDemonym {
			// «المحادثات التونسية الجزائرية»: a second nisba of the act is a
			// second party, as if joined by «و»
			a := Actor{Start: ms[i].Start, End: ms[i].End, Country: r.countryOf(&ms[i]), Role: "GOV", Kind: "STATE", Agent: true, Conj: true}
			if r.Explain {
				a.Why = "nisba adjective after another of an act: a second party"
			}
			out = append(out, a)
			i = j
			continue
		}
		if j == i+1 && r.adjective(toks, &ms[i]) && !afterStateName(ms, i) {
			if k := ms[i].Start - 1; k >= 0 && r.lex.HasClass(toks[k].Norm, "territory") && (len(out) == 0 || out[len(out)-1].End <= k) {
				// «في الأراضي السورية»: the country's territory, a place standing for the country
				a := Actor{Start: k, End: ms[i].End, Country: r.countryOf(&ms[i]), Role: "GOV", Kind: "STATE", Place: true}
				a.Prep, a.Conj = r.prepBefore(toks, &recognise.Mention{Start: k, End: k + 1})
				if r.Explain {
					a.Why = "territory of the country of a nisba adjective"
				}
				out = append(out, a)
				i = j
				continue
			}
			if r.actOf(toks, ms, i) {
				// «الغارات الإسرائيلية», «التوغل التركي»: the state that acted
				a := Actor{Start: ms[i].Start, End: ms[i].End, Country: r.countryOf(&ms[i]), Role: "GOV", Kind: "STATE", Agent: true}
				if r.Explain {
					a.Why = "nisba adjective of an act: the state that acted"
				}
				out = append(out, a)
			}
			i = j // «الدور التركي»: a demonym describing a thing, not an actor
			continue
		}
		a := r.phrase(toks, ms[i:j])
		r.extendBack(toks, &a, &ms[i])
		out = append(out, a)
		i = j
	}
	membership(out)
	out = r.ledBy(toks, out)
	shareRole(toks, out)
	shareCountry(out)
	return out
}

// ledBy merges a coalition or force with the state that leads it, named
// right after it with «بقيادة» («قوات التحالف الدولي بقيادة الولايات
// المتحدة»): the act is coded to the leading state, keeping the force's role.
func (r *Resolver) ledBy(toks []arabic.Token, actors []Actor) []Actor {
	for i := 0; i+1 < len(actors); i++ {
		a, l := &actors[i], &actors[i+1]
		if l.Start != a.End || !r.lex.HasClass(toks[l.Start].Norm, "ledby") || l.Country == "" || l.Country == "UNK" {
			continue
		}
		if a.Country != "IGO" && a.Role != "MIL" {
			continue
		}
		a.Country, a.Inferred, a.End = l.Country, false, l.End
		a.Why = explained(a.Why, "led by the state named after «بقيادة»")
		actors = append(actors[:i+1], actors[i+2:]...)
	}
	return actors
}

// shareCountry gives an actor of a coordination («السفير الفلسطيني أشرف
// دبور والقوى الوطنية والإسلامية وفصائل منظمة التحرير الفلسطينية») whose
// country was only inferred the country stated by its nearest conjunct: the
// members of a list are more often of one country than of the article's.
func shareCountry(actors []Actor) {
	linked := func(i int) bool { // actors[i] is joined to actors[i-1]
		return i > 0 && actors[i].Conj && actors[i].Prep == "" && actors[i].Start == actors[i-1].End
	}
	for i := range actors {
		if !actors[i].Inferred {
			continue
		}
		lo, hi := i, i // the coordination around actor i
		for lo > 0 && linked(lo) {
			lo--
		}
		for hi+1 < len(actors) && linked(hi+1) {
			hi++
		}
		for d := 1; i-d >= lo || i+d <= hi; d++ {
			for _, j := range [2]int{i - d, i + d} {
				if j >= lo && j <= hi && !actors[j].Inferred {
					actors[i].Country, actors[i].Inferred = actors[j].Country, false
					actors[i].Why = explained(actors[i].Why, "country of the actor it is joined to")
					break
				}
			}
			if !actors[i].Inferred {
				break
			}
		}
	}
}

// membership gives an actor named by its role the code of the group it is
// said to belong to right after: «قيادي تونسي في تنظيم داعش» is IMGREB,
// «عناصر من حزب الله» LBNREB.
func membership(actors []Actor) {
	for i := 0; i+1 < len(actors); i++ {
		a, g := &actors[i], &actors[i+1]
		if a.Kind != "ROLE" && a.Kind != "PEOPLE" || g.Kind != "GROUP" || g.Start-a.End > 1 {
			continue
		}
		switch g.Prep {
		case "في", "من", "ب":
			a.Country, a.Role, a.Inferred = g.Country, g.Role, false
			a.Why = explained(a.Why, "member of the group named after it")
		}
	}
}

// actOf reports a nisba adjective ms[i] that qualifies the verbal noun of
// an event right before it, with at most one other adjective between
// («الضربة الصاروخية الأميركية»): the adjective names who acted.
func (r *Resolver) actOf(toks []arabic.Token, ms []recognise.Mention, i int) bool {
	if i == 0 {
		return false
	}
	p := &ms[i-1]
	switch gap := ms[i].Start - p.End; {
	case gap > 1:
		return false
	case gap == 1 && strings.HasPrefix(toks[p.End].Norm, "ال") != strings.HasPrefix(toks[p.Start].Norm, "ال"):
		return false // the word between is no adjective of the noun (they differ in definiteness)
	}
	for _, e := range p.Entries {
		if e.Kind == kb.EntTrigger && r.lex.KB.Triggers[e.Index].POS == "N" {
			return true
		}
	}
	return false
}

// kindOf classifies a mention for phrase building.
type mentionKind uint8

const (
	mkOther   mentionKind = iota
	mkRole                // a role word or title
	mkDemonym             // a nisba adjective
	mkPlace               // a country name or capital
	mkPerson              // a named person (knowledge base or tagger)
	mkOrg                 // a named organisation or group
)

func (r *Resolver) kindOf(m *recognise.Mention) mentionKind {
	if m.NER == "PERS" {
		return mkPerson
	}
	if m.NER == "ORG" {
		return mkOrg
	}
	if row := r.ActorRow(m); row != nil {
		if row.Kind == "PERSON" {
			return mkPerson
		}
		return mkOrg
	}
	switch {
	case m.Has(kb.EntRole):
		return mkRole
	case m.Has(kb.EntCountry), m.Has(kb.EntCapital):
		return mkPlace
	case m.Has(kb.EntDemonym):
		return mkDemonym
	}
	return mkOther
}

// lamGenitive reports a title followed by its genitive with «لـ»: «القائد
// العام للجيش الليبي», «الأمين العام للجامعة العربية».
func (r *Resolver) lamGenitive(toks []arabic.Token, prev, m *recognise.Mention) bool {
	if m.Prefix != "ل" || r.kindOf(prev) != mkRole || !r.glued(toks, prev.End, m.Start) {
		return false
	}
	// a country after «لـ» is the genitive of a title («الرئيس المحتمل
	// لفرنسا»), not of a body («قدم الجيش الدعم لليبيا»)
	return r.kindOf(m) != mkPlace || r.title(prev)
}

// title reports a mention of a title role («الرئيس», «وزير الخارجية»).
func (r *Resolver) title(m *recognise.Mention) bool {
	for _, e := range m.Entries {
		if e.Kind == kb.EntRole && r.lex.KB.Roles[e.Index].Kind == "TITLE" {
			return true
		}
	}
	return false
}

// joins reports whether mention m continues the phrase made of ms. Titles,
// demonyms and names chain («رئيس المخابرات العامة المصرية عباس كامل»,
// «علاوي نائب الرئيس العراقي»); a country or capital joins only right
// after a role word, as its genitive («وزير خارجية مصر»), so that in
// «اتهم علاوي قطر» the object stays apart from the subject; a comma joins
// a title to the name it introduces («المرشد الأعلى الإيراني، علي خامنئي»).
func (r *Resolver) joins(toks []arabic.Token, ms []recognise.Mention, m *recognise.Mention) bool {
	prev := &ms[len(ms)-1]
	pk, mk := r.kindOf(prev), r.kindOf(m)
	if mk == mkPlace && pk != mkRole {
		return false
	}
	if mk == mkRole && pk == mkOrg || mk == mkOrg && pk == mkOrg {
		return false // «منظمة هيومن رايتس ووتش قوات الأمن المصرية»: two actors
	}
	if mk == mkRole && r.hasPerson(ms) && strings.HasPrefix(toks[m.Start].Norm, "ال") {
		// «استقبل الوزير هشام المشيشي السفير الفرنسي»: a definite title after a
		// name is the next actor; an indefinite one is in apposition
		// («علاوي نائب الرئيس العراقي»)
		return false
	}
	if mk == mkPlace && pk == mkRole && len(ms) == 1 && m.Prefix == "" && !m.Has(kb.EntDemonym) && strings.HasPrefix(toks[prev.Start].Norm, "ال") {
		return false // «واتهمت الصحيفة قطر»: a noun with the article governs no genitive
	}
	if mk == mkRole && pk == mkRole && m.Prefix == "" && strings.HasPrefix(toks[prev.Start].Norm, "ال") && strings.HasPrefix(toks[m.Start].Norm, "ال") {
		// «واتهمت الصحيفة الحكومة السعودية»: a noun with the article governs no
		// genitive, so a second definite role begins the next phrase
		return false
	}
	if mk == mkDemonym && pk == mkDemonym && r.countryOf(prev) != r.countryOf(m) {
		return false // «المحادثات التونسية الجزائرية»: two parties, not one
	}
	if mk == mkOrg && pk == mkDemonym && len(ms) > 1 {
		// «حملت الحكومة الليبية تنظيم داعش»: a role closed by its nisba, then
		// an organisation's name: two actors
		return false
	}
	if mk == mkRole && pk == mkDemonym {
		// «اعتقلت الشرطة الإيطالية مواطنا تونسيا», «قتلت قوات أمريكية
		// مدنيين», «أدانت محكمة إسرائيلية الرقيب», «فرقت الشرطة الجزائرية
		// المتظاهرين»: the adjective closed the phrase; a role after it
		// begins the next one
		return false
	}
	if len(ms) == 1 && pk == mkPlace && (mk == mkRole || mk == mkPerson) {
		return false // «اتهمت واشنطن قوات الرئيس…»: the country is the subject, not a genitive
	}
	if mk == mkPerson && r.hasPerson(ms) {
		// two people («استقبل السيسي ترامب»), unless the name goes on
		// («الرئيس بشار» «الأسد»)
		return r.samePerson(prev, m) && prev.End == m.Start
	}
	if r.glued(toks, prev.End, m.Start) {
		return true
	}
	// apposition across one comma: a title phrase, then the person's name
	if mk == mkPerson && !r.hasPerson(ms) && m.Start-prev.End == 1 {
		t := toks[prev.End].Text
		return t == "،" || t == ","
	}
	return false
}

// explained adds a reason to an actor's explanation, when it has one (the
// resolver explains).
func explained(why, more string) string {
	if why == "" {
		return ""
	}
	return why + "; " + more
}

// because notes a reason for an actor's code, with the knowledge-base line
// it comes from when p is not nil; only when the resolver explains.
func (r *Resolver) because(why *[]string, what string, p *kb.Pos) {
	if !r.Explain {
		return
	}
	if p != nil {
		what += p.String()
	}
	*why = append(*why, what)
}

// UseOutlet takes the country of the article's outlet as its main country
// when the article names none (local news: «الأهالي يحتجون» in a Tunisian
// radio's story), so that role-only actors resolve; and counts it as named
// in any case, so that the outlet country's provinces and cities resolve.
// Call it after MainCountry.
func (r *Resolver) UseOutlet(country string) {
	if country == "" {
		return
	}
	if r.Named == nil {
		r.Named = map[string]int{}
	}
	if r.Named[country] == 0 {
		r.Named[country] = 1 // its provinces and cities are the outlet's readers' own
	}
	if r.Default == "" {
		r.Default = country
	}
}

// samePerson reports two mentions of one actor of the knowledge base.
func (r *Resolver) samePerson(a, b *recognise.Mention) bool {
	ra, rb := r.ActorRow(a), r.ActorRow(b)
	return ra != nil && ra == rb
}

func (r *Resolver) hasPerson(ms []recognise.Mention) bool {
	for i := range ms {
		if r.kindOf(&ms[i]) == mkPerson {
			return true
		}
	}
	return false
}

// glued reports whether the tokens between two mentions let them form one
// phrase: at most three glue words or quotes, no other word.
func (r *Resolver) glued(toks []arabic.Token, from, to int) bool {
	if to-from > 3 {
		return false
	}
	for k := from; k < to; k++ {
		t := toks[k]
		if t.Kind == arabic.Punct {
			if arabic.IsQuote(t.Text) {
				continue
			}
			return false
		}
		if !r.lex.HasClass(t.Norm, "glue") {
			return false
		}
	}
	return true
}

// phrase resolves one actor phrase made of mentions ms.
func (r *Resolver) phrase(toks []arabic.Token, ms []recognise.Mention) Actor {
	k := r.lex.KB
	a := Actor{Start: ms[0].Start, End: ms[len(ms)-1].End}
	a.Prep, a.Conj = r.prepBefore(toks, &ms[0])
	var (
		personCountry, personRole, personName string
		orgCountry, orgRole, orgKind          string
		demonym, country, capital             string
		role, roleKind                        string
		peopleOnly                            = true
		why                                   []string
	)
	for i := range ms {
		m := &ms[i]
		if m.Entries == nil && m.NER != "" {
			// a name the tagger found: remembered from an earlier full mention?
			if kn, ok := r.recall(toks, m); ok {
				personCountry, personRole, personName = kn.country, kn.role, kn.name
				r.because(&why, "name seen earlier in the article", nil)
			}
			peopleOnly = false
			continue
		}
		if row := r.ActorRow(m); row != nil {
			if row.Kind == "PERSON" {
				if personCountry == "" {
					personCountry, personRole, personName = row.Country, row.Role, row.English
					r.because(&why, "actor ", &row.Pos)
				}
			} else if orgCountry == "" {
				orgCountry, orgRole, orgKind = row.Country, row.Role, row.Kind
				r.because(&why, "actor ", &row.Pos)
			}
			peopleOnly = false
			continue
		}
		for _, e := range m.Entries {
			switch e.Kind {
			case kb.EntDemonym:
				if demonym == "" {
					demonym = k.Countries[e.Index].ISO3
					r.because(&why, "demonym ", &k.Countries[e.Index].Pos)
				}
			case kb.EntCountry:
				if country == "" {
					country = k.Countries[e.Index].ISO3
					r.because(&why, "country ", &k.Countries[e.Index].Pos)
				}
				peopleOnly = false
			case kb.EntCapital:
				if capital == "" {
					capital = k.Countries[e.Index].ISO3
					r.because(&why, "capital ", &k.Countries[e.Index].Pos)
				}
				peopleOnly = false
			case kb.EntRole:
				if role == "" && roleKind == "" {
					rl := &k.Roles[e.Index]
					role, roleKind = rl.Role, rl.Kind
					r.because(&why, "role ", &rl.Pos)
				}
				peopleOnly = false
			}
			if e.Kind == kb.EntDemonym || e.Kind == kb.EntCountry || e.Kind == kb.EntCapital || e.Kind == kb.EntRole {
				break
			}
		}
	}
	switch {
	case personCountry != "":
		a.Country, a.Kind, a.Name = personCountry, "PERSON", personName
		a.Role = firstNonEmpty(personRole, role, orgRole)
	case orgCountry != "":
		a.Country, a.Kind = orgCountry, orgKind
		a.Role = firstNonEmpty(role, orgRole)
		if orgRole != "" && (role == "" || roleKind == "TITLE" && orgRole != "GOV") {
			a.Role = orgRole // «قائد الجيش الوطني الليبي»: the organisation says more than the title
		}
	case role != "" || roleKind != "":
		a.Country, a.Kind, a.Role, a.RoleKind = firstNonEmpty(demonym, country, capital), "ROLE", role, roleKind
	case demonym != "" && peopleOnly:
		a.Country, a.Kind, a.Role = demonym, "PEOPLE", "CVL"
	case country != "":
		a.Country, a.Kind, a.Role, a.Place = country, "STATE", "GOV", len(ms) == 1
	case capital != "":
		a.Country, a.Kind, a.Role, a.Place = capital, "CAPITAL", "GOV", len(ms) == 1
	case demonym != "":
		a.Country, a.Kind = demonym, "PEOPLE"
	}
	if a.Country == "" && (a.Role == "IGO" || a.Role == "NGO") {
		a.Country = a.Role // «المجتمع الدولي», «المنظمات الدولية»
	}
	if a.Country == "" {
		// refugees and migrants are, by definition, not of the country
		// the article is about
		if c := r.last[headWord(toks, a)]; c != "" && a.Kind == "ROLE" && a.RoleKind == "ORG" && len(ms) == 1 && strings.HasPrefix(toks[ms[0].Start].Norm, "ال") {
			// «الوزارة», «الصحيفة»: the last ministry or newspaper named
			a.Country, a.Inferred = c, true
			r.because(&why, "country inferred: the last actor of its role", nil)
		} else if r.Scene != "" && (a.Role == "OPP" || a.Role == "REB") {
			a.Country, a.Inferred = r.Scene, true
			r.because(&why, "country inferred: where the article's events take place", nil)
		} else if r.Default != "" && a.Role != "REF" {
			a.Country, a.Inferred = r.Default, true
			r.because(&why, "country inferred: the article's main country", nil)
		} else {
			a.Country = "UNK"
		}
	}
	if r.Explain {
		a.Why = strings.Join(why, "; ")
	}
	if a.Kind == "PERSON" {
		r.remember(toks, ms, a)
	}
	if !a.Inferred && a.Kind != "STATE" && a.Kind != "CAPITAL" && len(a.Country) == 3 && a.Country != "UNK" && a.Country != "IGO" && a.Country != "NGO" && a.Country != "IMG" {
		r.last[headWord(toks, a)] = a.Country
	}
	return a
}

// extendBack widens a phrase over the title words before its first mention
// («لمكتب مدير [مكتب الأمن الوطني]») and takes the preposition or
// conjunction attached to the first of them.
func (r *Resolver) extendBack(toks []arabic.Token, a *Actor, first *recognise.Mention) {
	if first.Prefix != "" {
		return
	}
	for k := a.Start - 1; k >= 0 && k >= first.Start-3; k-- {
		t := toks[k]
		if t.Kind != arabic.Word {
			return
		}
		n, pre := t.Norm, ""
		if len(n) > 2 && (n[:2] == "و" || n[:2] == "ف") && r.lex.HasClass(n[2:], "glue") {
			n, pre = n[2:], ""
			a.Conj = true
		} else if len(n) > 2 && (n[:2] == "ل" || n[:2] == "ب") && r.lex.HasClass(n[2:], "glue") {
			n, pre = n[2:], n[:2]
		}
		if !r.lex.HasClass(n, "glue") {
			return
		}
		a.Start = k
		if pre != "" {
			a.Prep = pre
			return
		}
		m := recognise.Mention{Start: k, End: k + 1}
		if p, c := r.prepBefore(toks, &m); p != "" || c {
			a.Prep, a.Conj = p, c
		}
	}
}

// prepBefore returns the preposition governing a phrase — a proclitic on its
// first token or the word just before it — and whether a conjunction «و»
// starts the phrase.
func (r *Resolver) prepBefore(toks []arabic.Token, m *recognise.Mention) (prep string, conj bool) {
	p := m.Prefix
	if strings.HasPrefix(p, "و") || strings.HasPrefix(p, "ف") {
		conj = true
		p = p[2:]
	}
	if p != "" {
		return p, conj
	}
	// the word before, quotes and counts skipped («على ثلاثة أشخاص»)
	for k := m.Start - 1; k >= 0 && k >= m.Start-3; k-- {
		t := toks[k]
		if t.Kind == arabic.Punct {
			if arabic.IsQuote(t.Text) {
				continue
			}
			return "", conj
		}
		if t.Kind == arabic.Number || r.lex.HasClass(t.Norm, "cardinal") {
			continue
		}
		n := t.Norm
		if strings.HasPrefix(n, "و") && len(n) > 2 {
			if cl := r.prepClass(n[2:]); cl != "" {
				return cl, true
			}
		}
		if cl := r.prepClass(n); cl != "" {
			if cl == "من" && k > 0 && r.lex.HasClass(strings.TrimPrefix(toks[k-1].Norm, "و"), "both") {
				return "", conj // «كل من السعودية والإمارات»: both, not from
			}
			return cl, conj
		}
		if n == "و" || strings.HasPrefix(n, "و") && r.lex.HasClass(n[2:], "continue") {
			return "", true // «…والجزائر، وكذلك الأمم المتحدة»
		}
		return "", conj
	}
	return "", conj
}

// prepClass returns the preposition name of a normalised word, or "".
func (r *Resolver) prepClass(n string) string {
	for _, c := range r.lex.Classes(n) {
		if strings.HasPrefix(c, "prep:") {
			return c[len("prep:"):]
		}
	}
	return ""
}

// remember stores the resolution of a full personal name under each of its
// longer words, so a later short mention of the same person resolves alike.
func (r *Resolver) remember(toks []arabic.Token, ms []recognise.Mention, a Actor) {
	for i := range ms {
		m := &ms[i]
		if row := r.ActorRow(m); row == nil || row.Kind != "PERSON" {
			if m.NER != "PERS" {
				continue
			}
		}
		for t := m.Start; t < m.End; t++ {
			if n := toks[t].Norm; len(n) >= 8 && toks[t].Kind == arabic.Word {
				r.known[n] = known{a.Country, a.Role, a.Kind, a.Name}
			}
		}
	}
}

// recall resolves a tagger-found name by a remembered word of an earlier full name.
func (r *Resolver) recall(toks []arabic.Token, m *recognise.Mention) (known, bool) {
	for t := m.End - 1; t >= m.Start; t-- {
		if kn, ok := r.known[toks[t].Norm]; ok {
			return kn, true
		}
	}
	return known{}, false
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
