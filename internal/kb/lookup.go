package kb

import (
	"fmt"
	"strconv"
	"strings"
)

// EntryInfo describes what a lexicon entry points to, for people reading
// `marsad kb lookup` and `marsad explain`.
type EntryInfo struct {
	Kind     string   `json:"kind"` // country, capital, demonym, actor, role, trigger, place, time
	Pos      Pos      `json:"-"`
	At       string   `json:"at"`               // Pos as «file:line»
	Surfaces []string `json:"surfaces"`         // the line's surfaces as written
	Code     string   `json:"code,omitempty"`   // actor code («LBYMIL»), country, role, or CAMEO for triggers
	PLOVER   string   `json:"plover,omitempty"` // triggers: PLOVER category[:mode]
	Dates    string   `json:"dates,omitempty"`  // actors: validity «from..to»
	Detail   string   `json:"detail,omitempty"` // kind-specific detail: actor kind, role kind, trigger cues and targets, place coordinates
	English  string   `json:"english,omitempty"`
}

// Describe returns what entry e of the lexicon over k means.
func (k *KB) Describe(e Entry) EntryInfo {
	in := EntryInfo{Kind: e.Kind.String()}
	i := int(e.Index)
	switch e.Kind {
	case EntCountry, EntCapital, EntDemonym:
		c := &k.Countries[i]
		in.Pos, in.Code, in.English = c.Pos, c.ISO3, c.English
		switch e.Kind {
		case EntCountry:
			in.Surfaces = c.Names
		case EntCapital:
			in.Surfaces, in.Code = c.Capitals, c.ISO3+"GOV"
		default:
			in.Surfaces = append(append([]string(nil), c.Demonyms...), c.Plurals...)
		}
	case EntActor:
		a := &k.Actors[i]
		in.Pos, in.Surfaces, in.Code, in.English = a.Pos, a.Surfaces, a.Country+a.Role, a.English
		in.Dates = FormatRange(a.From, a.To)
		in.Detail = a.Kind
	case EntRole:
		r := &k.Roles[i]
		in.Pos, in.Surfaces, in.Code, in.English = r.Pos, r.Surfaces, r.Role, r.English
		in.Detail = r.Kind
	case EntTrigger:
		t := &k.Triggers[i]
		in.Pos, in.Surfaces, in.Code, in.English = t.Pos, t.Surfaces, t.CAMEO, t.English
		in.PLOVER = t.PLOVER
		if t.Mode != "" {
			in.PLOVER += ":" + t.Mode
		}
		var d []string
		d = append(d, "pos "+t.POS)
		if len(t.Cues) > 0 {
			d = append(d, "cue "+strings.Join(t.Cues, "|"))
		}
		if len(t.Target) > 0 {
			d = append(d, "target "+strings.Join(t.Target, "|"))
		}
		in.Detail = strings.Join(d, "; ")
	case EntPlace:
		p := &k.Places[i]
		in.Pos, in.Surfaces, in.Code = p.Pos, p.Names, p.Country
		in.Detail = fmt.Sprintf("%s %s,%s", p.Kind, strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64))
	case EntTime:
		t := &k.Times[i]
		in.Pos, in.Surfaces = t.Pos, t.Surfaces
		in.Detail = fmt.Sprintf("%s %d", t.Kind, t.Value)
	}
	in.At = in.Pos.String()
	return in
}

// FormatRange writes a validity range as «from..to», open ends as «…»;
// "" when both ends are open.
func FormatRange(from, to Date) string {
	if from == MinDate && to == MaxDate {
		return ""
	}
	return formatDate(from, false) + ".." + formatDate(to, true)
}

func formatDate(d Date, end bool) string {
	if end && d == MaxDate || !end && d == MinDate {
		return "…"
	}
	n := int(d)
	return fmt.Sprintf("%04d-%02d-%02d", n/10000, n/100%100, n%100)
}

// String renders the description on one line.
func (in EntryInfo) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s «%s»", in.At, in.Kind, strings.Join(in.Surfaces, "|"))
	if in.Code != "" {
		fmt.Fprintf(&b, " %s", in.Code)
	}
	if in.PLOVER != "" {
		fmt.Fprintf(&b, " %s", in.PLOVER)
	}
	if in.Dates != "" {
		fmt.Fprintf(&b, " [%s]", in.Dates)
	}
	if in.Detail != "" {
		fmt.Fprintf(&b, " (%s)", in.Detail)
	}
	if in.English != "" {
		fmt.Fprintf(&b, " %q", in.English)
	}
	return b.String()
}
