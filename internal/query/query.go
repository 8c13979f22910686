// Package query is the query model shared by Marsad's command line and its
// HTTP API: one Filter, parsed the same way from command-line flags and
// from URL query values, and the result types every store returns.
//
// The zero Filter matches everything. Every field narrows the match; fields
// combine with AND.
package query

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// Side says which side of an event Filter.Actor must stand on.
type Side string

// Sides.
const (
	SideAny    Side = "any"    // source or target (the default)
	SideSource Side = "source" // the actor did it
	SideTarget Side = "target" // it was done to the actor
)

// Interval is the bucket size of a timeline.
type Interval string

// Intervals.
const (
	Day   Interval = "day"
	Week  Interval = "week" // weeks start on Monday (ISO 8601)
	Month Interval = "month"
)

// DateLayout is the layout of Filter.From and Filter.To and of every day in
// the results.
const DateLayout = "2006-01-02"

// DefaultLimit is how many rows a list query returns when Filter.Limit is 0.
const DefaultLimit = 100

// Filter selects events (and, for Search, articles).
type Filter struct {
	Actor    string   // actor code («SYRGOV»), its prefix, or a country («SYR»); "" any
	Side     Side     // which side Actor stands on; "" is SideAny
	Other    string   // the other actor of a pair (code or country), for dyads and timelines of a pair; "" any
	CAMEO    string   // a CAMEO event code («042») or root («04»): matches codes that start with it
	Plover   string   // PLOVER category («CONSULT»), case-insensitive
	Quad     int      // QuadClass 1-4; 0 any
	Place    string   // location: country code or place name (exact, normalised)
	From     string   // first day (YYYY-MM-DD, inclusive); "" unbounded
	To       string   // last day (YYYY-MM-DD, inclusive); "" unbounded
	Modality string   // events carrying this modality («reported», «negated», …); "asserted" means none of negated, hypothetical, intended, planned, background
	Outlet   string   // the article's outlet, exact
	Text     string   // words the article text must contain (matched on Marsad's stems)
	Interval Interval // timeline bucket; "" is Day
	Limit    int      // maximum rows; 0 is DefaultLimit, negative is no limit
	Offset   int      // rows to skip, for paging
}

// param describes one Filter field: its flag/URL name, help and how to set
// and read it as a string. Flags and URL values share this table, so they
// cannot drift apart.
type param struct {
	name string
	help string
	str  func(*Filter) *string // for string fields
	num  func(*Filter) *int    // for int fields
}

var params = []param{
	{name: "actor", help: "actor code (SYRGOV), code prefix, or country (SYR)", str: func(f *Filter) *string { return &f.Actor }},
	{name: "side", help: "side of --actor: source, target or any", str: func(f *Filter) *string { return (*string)(&f.Side) }},
	{name: "other", help: "the other actor of a pair (code or country)", str: func(f *Filter) *string { return &f.Other }},
	{name: "cameo", help: "CAMEO event code or root (042, 04)", str: func(f *Filter) *string { return &f.CAMEO }},
	{name: "plover", help: "PLOVER category (CONSULT, ASSAULT, …)", str: func(f *Filter) *string { return &f.Plover }},
	{name: "quad", help: "QuadClass 1-4 (1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict)", num: func(f *Filter) *int { return &f.Quad }},
	{name: "place", help: "location: country code or place name", str: func(f *Filter) *string { return &f.Place }},
	{name: "from", help: "first day, YYYY-MM-DD", str: func(f *Filter) *string { return &f.From }},
	{name: "to", help: "last day, YYYY-MM-DD", str: func(f *Filter) *string { return &f.To }},
	{name: "modality", help: "modality (reported, secret, negated, intended, planned, hypothetical, background) or asserted", str: func(f *Filter) *string { return &f.Modality }},
	{name: "outlet", help: "outlet of the article", str: func(f *Filter) *string { return &f.Outlet }},
	{name: "text", help: "words the article must contain (Arabic; matched on stems)", str: func(f *Filter) *string { return &f.Text }},
	{name: "interval", help: "timeline bucket: day, week or month", str: func(f *Filter) *string { return (*string)(&f.Interval) }},
	{name: "limit", help: "maximum rows (0 default 100, -1 no limit)", num: func(f *Filter) *int { return &f.Limit }},
	{name: "offset", help: "rows to skip", num: func(f *Filter) *int { return &f.Offset }},
}

// AddFlags adds one flag per Filter field to fs, bound to f. Call
// f.Normalize after parsing.
func (f *Filter) AddFlags(fs *pflag.FlagSet) {
	for _, p := range params {
		if p.str != nil {
			fs.StringVar(p.str(f), p.name, "", p.help)
		} else {
			fs.IntVar(p.num(f), p.name, 0, p.help)
		}
	}
}

// FromValues parses a Filter from URL query values (?actor=SYR&from=2020-01-01);
// the names are the flag names of AddFlags. Unknown names are ignored. The
// result is normalised and validated.
func FromValues(v url.Values) (Filter, error) {
	var f Filter
	for _, p := range params {
		s := v.Get(p.name)
		if s == "" {
			continue
		}
		if p.str != nil {
			*p.str(&f) = s
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return Filter{}, fmt.Errorf("query parameter %s: %w", p.name, err)
		}
		*p.num(&f) = n
	}
	if err := f.Normalize(); err != nil {
		return Filter{}, err
	}
	return f, nil
}

// Values returns f as URL query values, the inverse of FromValues (zero
// fields are left out).
func (f Filter) Values() url.Values {
	v := url.Values{}
	for _, p := range params {
		if p.str != nil {
			if s := *p.str(&f); s != "" {
				v.Set(p.name, s)
			}
		} else if n := *p.num(&f); n != 0 {
			v.Set(p.name, strconv.Itoa(n))
		}
	}
	return v
}

// ErrInvalid is wrapped by every validation error of Normalize.
var ErrInvalid = errors.New("invalid query")

// Normalize trims and upper-cases codes, fills defaults and checks the
// fields; its errors wrap ErrInvalid.
func (f *Filter) Normalize() error {
	f.Actor = strings.ToUpper(strings.TrimSpace(f.Actor))
	f.Other = strings.ToUpper(strings.TrimSpace(f.Other))
	f.CAMEO = strings.TrimSpace(f.CAMEO)
	f.Plover = strings.ToUpper(strings.TrimSpace(f.Plover))
	f.Place = strings.TrimSpace(f.Place)
	f.Modality = strings.ToLower(strings.TrimSpace(f.Modality))
	f.Outlet = strings.TrimSpace(f.Outlet)
	f.Text = strings.TrimSpace(f.Text)
	switch f.Side {
	case "":
		f.Side = SideAny
	case SideAny, SideSource, SideTarget:
	default:
		return fmt.Errorf("%w: side %q: want source, target or any", ErrInvalid, f.Side)
	}
	switch f.Interval {
	case "":
		f.Interval = Day
	case Day, Week, Month:
	default:
		return fmt.Errorf("%w: interval %q: want day, week or month", ErrInvalid, f.Interval)
	}
	if f.Quad < 0 || f.Quad > 4 {
		return fmt.Errorf("%w: quad %d: want 1-4", ErrInvalid, f.Quad)
	}
	for _, c := range f.CAMEO {
		if c < '0' || c > '9' {
			return fmt.Errorf("%w: cameo %q: want digits", ErrInvalid, f.CAMEO)
		}
	}
	for name, d := range map[string]string{"from": f.From, "to": f.To} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(DateLayout, d); err != nil {
			return fmt.Errorf("%w: %s %q: want YYYY-MM-DD", ErrInvalid, name, d)
		}
	}
	if f.Offset < 0 {
		return fmt.Errorf("%w: offset %d", ErrInvalid, f.Offset)
	}
	return nil
}

// RowLimit is the number of rows to return: Limit, DefaultLimit when 0, and
// -1 for no limit.
func (f Filter) RowLimit() int {
	switch {
	case f.Limit == 0:
		return DefaultLimit
	case f.Limit < 0:
		return -1
	}
	return f.Limit
}

// LatestPage returns the range [from, to) of n rows in time order that the
// filter's page keeps when counted back from the latest row, as the
// lists of events are: Offset skips the latest rows, RowLimit keeps the
// rows before them. A timeline pages its periods this way.
func (f Filter) LatestPage(n int) (from, to int) {
	to = max(n-max(f.Offset, 0), 0)
	from = 0
	if l := f.RowLimit(); l >= 0 {
		from = max(to-l, 0)
	}
	return from, to
}

// IsCountry reports whether an actor term is a bare country code (three
// letters, «SYR»), matched on the country column rather than as a code
// prefix.
func IsCountry(s string) bool { return len(s) == 3 }
