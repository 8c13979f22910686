package code

import (
	"fmt"
	"slices"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/kb"
	"github.com/marsad/marsad/internal/recognise"
	"github.com/marsad/marsad/internal/resolve"
)

// location finds where the event happened: the visited place, or the most
// specific place of the sentence — a base, crossing or camp named anywhere
// in it («استخدام قائد فاغنر قاعدة حميميم لنقل معدات إلى ليبيا»), else the
// first place after «في», «بمدينة», «قرب» … following the trigger. A town of
// the gazetteer counts only in a country the article names («في درنة
// الليبية»): many town names are also common words.
//
// With no location it tells why: no place is named where one would stand,
// or the only place is a city of a country the article never names (many
// cities share a name).
func (x *sctx) location(m *recognise.Mention, targets []*resolve.Actor, t *kb.Trigger, named map[string]int) (*Location, string) {
	c, in, s := x.c, x.in, x.s
	var scratch [4]arabic.Analysis
	why := "its sentence names no place after the trigger («في …») and no base, crossing or camp"
	found := func(l *Location, w string) bool {
		if w != "" {
			why = w
		}
		return l != nil
	}
	if t.CAMEO == "042" {
		for _, ta := range targets {
			if ta.Place {
				if l, w := c.placeAt(in, ta.Start, scratch[:0], named); found(l, w) {
					return l, ""
				}
			}
		}
	}
	if ok, topic := x.headline(m, t); ok && m.Start > s.Start && (topic < 0 || x.actors[topic].Kind == "STATE" || x.actors[topic].Kind == "CAPITAL") {
		// «مصر: مقتل 7 جنود», «قفصة : القبض على»: the country or town a
		// headline opens with is where it happened
		if l, w := c.placeAt(in, s.Start, scratch[:0], named); found(l, w) {
			return l, ""
		}
	}
	if k := x.siteIn(); k >= 0 {
		if l, w := c.placeAt(in, k, scratch[:0], named); found(l, w) {
			return l, ""
		}
		return nil, why
	}
	for k := m.End; k+1 < s.End; k++ {
		if slices.Contains(x.wawless(k), "prep:في") || x.hasClassAt(k, "placeword") {
			if l, w := c.placeAt(in, k+1, scratch[:0], named); found(l, w) {
				return l, ""
			}
			if l := x.placedByNisba(k); l != nil {
				return l, ""
			}
		}
	}
	return nil, why
}

// placedByNisba returns the country of a town the gazetteer does not know,
// told by the nisba after it: «في مدينة طنطا المصرية» (k: the word that
// introduces the town); nil when there is none.
func (x *sctx) placedByNisba(k int) *Location {
	in := x.in
	if !x.hasClassAt(k, "placeword") || k+2 >= x.s.End || in.Tokens[k+1].Kind != arabic.Word {
		return nil
	}
	for i := range x.ms {
		m := &x.ms[i]
		if m.Start != k+2 || m.End != k+3 || m.Prefix != "" {
			continue
		}
		for _, e := range m.Entries {
			if e.Kind != kb.EntDemonym {
				continue
			}
			pl := x.c.country[x.c.lex.KB.Countries[e.Index].ISO3]
			if pl == nil {
				return nil
			}
			lat, lon := pl.Lat, pl.Lon
			l := &Location{Country: pl.Country, Lat: &lat, Lon: &lon, Start: in.Tokens[k+1].Start, End: in.Tokens[k+2].End}
			l.Text = in.Text[l.Start:l.End]
			return l
		}
	}
	return nil
}

// placeAt returns the place named at token i, if the gazetteer knows it
// and, for a town, the article names its country.
// siteIn returns the token index of the first base, crossing or camp named
// in sentence s, or -1; it is computed once per sentence.
func (x *sctx) siteIn() int {
	c, in, s := x.c, x.in, x.s
	if k, ok := in.sites[s.Start]; ok {
		return k
	}
	site := -1
	var scratch [4]arabic.Analysis
	for k := s.Start; k < s.End; k++ {
		if _, ok := c.lex.SiteAt(in.Tokens[:s.End], k, scratch[:0]); ok {
			site = k
			break
		}
	}
	if in.sites != nil {
		in.sites[s.Start] = site
	}
	return site
}

func (c *Coder) placeAt(in *Input, i int, scratch []arabic.Analysis, named map[string]int) (*Location, string) {
	p, ok := c.lex.PlaceAt(in.Tokens, i, scratch)
	if !ok || p.End == p.Start+1 && c.classed(in.Tokens[i].Norm, "placeword", "وب") {
		return nil, "" // «في مدينة طنطا», «العاصمة تونس»: the word that introduces a place is none
	}
	pl := &c.lex.KB.Places[p.Entries[0].Index]
	// a city or a province of a country the article never names is, more
	// often than not, another place or a common word («العاصمة», «جنوب»,
	// «خطر»)
	if (pl.Kind == "city" || pl.Kind == "state") && named[pl.Country] == 0 {
		return nil, fmt.Sprintf("«%s» is taken for a %s of %s (%s), a country the article never names", in.Text[in.Tokens[p.Start].Start:in.Tokens[p.End-1].End], pl.Kind, pl.Country, pl.Pos)
	}
	lat, lon := pl.Lat, pl.Lon
	l := &Location{Country: pl.Country, Lat: &lat, Lon: &lon,
		Start: in.Tokens[p.Start].Start, End: in.Tokens[p.End-1].End}
	l.Text = in.Text[l.Start:l.End]
	return l, ""
}
