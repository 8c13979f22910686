package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/marsad/marsad/internal/query"
)

// The dyad summary (table dyad_sums) holds, for each ordered pair of actor
// codes, what Dyads reports of its deduplicated events (event groups):
// their number, mentions, cooperation and conflict counts and the sum of
// their Goldstein scores in thousandths (an integer, so that sums do not
// depend on the order of addition). It has one row per pair and period at
// five levels:
//
//	level 0  period ""         every group, with a day or not
//	level 1  period "YYYY"     groups whose day is a calendar date of that year
//	level 2  period "YYYY-Qn"  … of that quarter
//	level 3  period "YYYY-MM"  … of that month
//	level 4  period the day    groups whose day is not a calendar date (rare)
//
// Write keeps it in step with event_groups in the same transaction: a new
// group adds one event to each of its rows, a group that gains mentions
// from a later article adds them (its quad and Goldstein score never
// change). Dyads answers from it when the filter has no actor and no filter
// on anything but the period (dyadSumsFilter); a period is cut into whole
// years, quarters and months read from the summary and partial months read
// from event_groups, so the answer is exactly that of the event table.
const (
	levelAll = iota
	levelYear
	levelQuarter
	levelMonth
	levelOddDay
)

// dyadKey is a row of dyad_sums.
type dyadKey struct {
	level          int
	period         string
	source, target string
}

// dyadSum is what a row of dyad_sums counts (or adds to it).
type dyadSum struct {
	events, mentions, cooperation, conflict int
	goldstein                               int64 // sum of the Goldstein scores, in thousandths
}

// milliGoldstein is a Goldstein score in thousandths, as dyad_sums sums
// it: rounded to the nearest, halves away from zero (CAMEO's scores have
// one decimal, so no half is ever met).
func milliGoldstein(g float64) int64 { return int64(math.Round(g * 1000)) }

// milliSumSQL is the sum of the Goldstein scores of event groups g in
// thousandths, in SQL: the floating-point sum rounded once, which equals
// the sum of milliGoldstein of each score (what Write adds to dyad_sums)
// as long as the rounding errors of the sum stay under half a thousandth
// (scores of one decimal, |score| ≤ 10: below some 10^7 events a pair).
const milliSumSQL = `CAST(ROUND(SUM(g.goldstein) * 1000) AS BIGINT)`

// dyadPeriods returns the periods of dyad_sums below level 0 that count a
// group of day: its year, quarter and month when day is a calendar date,
// the day itself at levelOddDay when it is something else, none when "".
func dyadPeriods(day string) []dyadKey {
	if day == "" {
		return nil
	}
	t, err := time.Parse(query.DateLayout, day)
	if err != nil {
		return []dyadKey{{level: levelOddDay, period: day}}
	}
	return []dyadKey{
		{level: levelYear, period: day[:4]},
		{level: levelQuarter, period: fmt.Sprintf("%s-Q%d", day[:4], (int(t.Month())+2)/3)},
		{level: levelMonth, period: day[:7]},
	}
}

// dyadDeltas collects what a batch adds to dyad_sums.
type dyadDeltas map[dyadKey]*dyadSum

// add counts one event group of day between source and target: the group
// itself when isNew (with its quad and Goldstein score), and mentions more
// mentions in any case.
func (d dyadDeltas) add(day, source, target string, quad int, goldstein float64, mentions int, isNew bool) {
	var inc dyadSum
	inc.mentions = mentions
	if isNew {
		inc.events = 1
		switch quad {
		case 1, 2:
			inc.cooperation = 1
		case 3, 4:
			inc.conflict = 1
		}
		inc.goldstein = milliGoldstein(goldstein)
	}
	if inc == (dyadSum{}) {
		return
	}
	keys := append([]dyadKey{{level: levelAll}}, dyadPeriods(day)...)
	for _, k := range keys {
		k.source, k.target = source, target
		s := d[k]
		if s == nil {
			s = &dyadSum{}
			d[k] = s
		}
		s.events += inc.events
		s.mentions += inc.mentions
		s.cooperation += inc.cooperation
		s.conflict += inc.conflict
		s.goldstein += inc.goldstein
	}
}

const dyadUpsert = `INSERT INTO dyad_sums (level, period, source_code, target_code, events, mentions, cooperation, conflict, goldstein)`

// dyadUpsertTail adds the counts of rows already stored.
const dyadUpsertTail = ` ON CONFLICT (level, period, source_code, target_code) DO UPDATE SET
events = dyad_sums.events + excluded.events, mentions = dyad_sums.mentions + excluded.mentions,
cooperation = dyad_sums.cooperation + excluded.cooperation, conflict = dyad_sums.conflict + excluded.conflict,
goldstein = dyad_sums.goldstein + excluded.goldstein`

// flush adds d to dyad_sums with exec, in key order (so that writers on
// PostgreSQL lock the rows in the same order), and empties d.
func (d dyadDeltas) flush(ctx context.Context, exec func(ctx context.Context, query string, args ...any) error) error {
	keys := sortedKeys(d)
	const cols = 9
	args := make([]any, 0, bulkChunk*cols)
	for len(keys) > 0 {
		n := rowsFor(len(keys), bulkChunk)
		args = args[:0]
		for _, k := range keys[:n] {
			s := d[k]
			args = append(args, k.level, k.period, k.source, k.target, s.events, s.mentions, s.cooperation, s.conflict, s.goldstein)
		}
		if err := exec(ctx, valuesSQL(dyadUpsert, cols, n)+dyadUpsertTail, args...); err != nil {
			return fmt.Errorf("updating dyad summary: %w", err)
		}
		keys = keys[n:]
	}
	clear(d)
	return nil
}

// backfillDyadSums fills dyad_sums from the event groups stored, within
// the migration's transaction (after the migration named
// NNN_dyad_sums.sql): the days stored are classified here (dyadPeriods,
// as Write does), and each period is summed by the database from its days.
func backfillDyadSums(ctx context.Context, tx *sql.Tx, d Dialect) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT day FROM event_groups`)
	if err != nil {
		return fmt.Errorf("reading event days: %w", err)
	}
	byPeriod := map[dyadKey][]any{} // the days of each period
	for rows.Next() {
		var day string
		if err := rows.Scan(&day); err != nil {
			rows.Close()
			return fmt.Errorf("reading event days: %w", err)
		}
		for _, k := range dyadPeriods(day) {
			byPeriod[k] = append(byPeriod[k], day)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading event days: %w", err)
	}
	sums := `CAST(COUNT(*) AS BIGINT), CAST(SUM(g.mentions) AS BIGINT), CAST(SUM(CASE WHEN g.quad IN (1, 2) THEN 1 ELSE 0 END) AS BIGINT),
CAST(SUM(CASE WHEN g.quad IN (3, 4) THEN 1 ELSE 0 END) AS BIGINT), ` + milliSumSQL + ` FROM event_groups g`
	const cols = ` (level, period, source_code, target_code, events, mentions, cooperation, conflict, goldstein)`
	ins := func(q string, args ...any) error {
		if d == Postgres {
			q = Rebind(q)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("filling the dyad summary: %w", err)
		}
		return nil
	}
	if err := ins(`INSERT INTO dyad_sums` + cols + ` SELECT 0, '', g.source_code, g.target_code, ` + sums + ` GROUP BY g.source_code, g.target_code`); err != nil {
		return err
	}
	for _, k := range sortedKeys(byPeriod) {
		days := byPeriod[k]
		args := append([]any{k.level, k.period}, days...)
		if err := ins(`INSERT INTO dyad_sums`+cols+` SELECT ?, ?, g.source_code, g.target_code, `+sums+`
WHERE g.day IN (`+marks(len(days))+`) GROUP BY g.source_code, g.target_code`, args...); err != nil {
			return err
		}
	}
	return nil
}

// dyadSumsFilter reports whether Dyads can answer f from dyad_sums: no
// filter but the period, whose ends (when set) are calendar dates.
func dyadSumsFilter(f query.Filter) bool {
	if f.Actor != "" || f.Other != "" || f.CAMEO != "" || f.Plover != "" || f.Quad != 0 || f.Place != "" ||
		f.Modality != "" || f.Outlet != "" || f.Text != "" {
		return false
	}
	for _, d := range []string{f.From, f.To} {
		if d == "" {
			continue
		}
		if _, err := time.Parse(query.DateLayout, d); err != nil {
			return false
		}
	}
	return true
}

// dyadPart is one part of a period: rows of dyad_sums at level with a
// period in [lo, hi] ("" unbounded) and outside the ranges of not, or, at
// levelGroups, the event groups with a day in [lo, hi].
type dyadPart struct {
	level  int
	lo, hi string
	not    [][2]string
}

const levelGroups = -1

// month counts months from year 0: year*12 + month-1.
type month int

func monthOf(t time.Time) month { return month(t.Year()*12 + int(t.Month()) - 1) }
func (m month) first() time.Time {
	return time.Date(int(m)/12, time.Month(int(m)%12+1), 1, 0, 0, 0, 0, time.UTC)
}
func (m month) last() time.Time { return (m + 1).first().AddDate(0, 0, -1) }
func (m month) year() string    { return fmt.Sprintf("%04d", int(m)/12) }
func (m month) quarter() string { return fmt.Sprintf("%04d-Q%d", int(m)/12, int(m)%12/3+1) }
func (m month) period() string  { return fmt.Sprintf("%04d-%02d", int(m)/12, int(m)%12+1) }

func dayText(t time.Time) string { return t.Format(query.DateLayout) }

// dyadParts cuts the period [from, to] (calendar dates, or "" for no
// bound; not both "") into parts: the partial months at its ends from
// event_groups, the whole months, quarters and years between from
// dyad_sums, and the odd days (levelOddDay) in the period but outside the
// partial months.
func dyadParts(from, to string) []dyadPart {
	var parts []dyadPart
	var read [][2]string // the day ranges read from event_groups
	days := func(lo, hi time.Time) {
		r := [2]string{dayText(lo), dayText(hi)}
		parts = append(parts, dyadPart{level: levelGroups, lo: r[0], hi: r[1]})
		read = append(read, r)
	}
	var lo, hi month
	loSet, hiSet := from != "", to != ""
	var f, t time.Time
	if loSet {
		f, _ = time.Parse(query.DateLayout, from)
		lo = monthOf(f)
	}
	if hiSet {
		t, _ = time.Parse(query.DateLayout, to)
		hi = monthOf(t)
	}
	if loSet && f.Day() != 1 {
		end := lo.last()
		if hiSet && t.Before(end) {
			end = t
		}
		days(f, end)
		lo++
	}
	if hiSet && !t.Equal(hi.last()) && (!loSet || hi >= lo) {
		days(hi.first(), t)
		hi--
	}
	add := func(level int, a, b string) { parts = append(parts, dyadPart{level: level, lo: a, hi: b}) }
	switch {
	case !loSet: // the years before hi's, then hi's quarters and months
		if hi%12 == 11 {
			add(levelYear, "", hi.year())
		} else {
			y := hi - hi%12
			add(levelYear, "", (y - 1).year())
			wholeMonths(y, hi, add)
		}
	case !hiSet: // lo's months and quarters, then the years after
		if lo%12 == 0 {
			add(levelYear, lo.year(), "")
		} else {
			next := lo - lo%12 + 12
			wholeMonths(lo, next-1, add)
			add(levelYear, next.year(), "")
		}
	case lo <= hi:
		wholeMonths(lo, hi, add)
	}
	return append(parts, dyadPart{level: levelOddDay, lo: from, hi: to, not: read})
}

// wholeMonths cuts the months [a, b] into runs of whole years, whole
// quarters and months, and adds each run (level, first and last period).
func wholeMonths(a, b month, add func(level int, lo, hi string)) {
	for m := a; m <= b; {
		switch {
		case m%12 == 0 && m+11 <= b:
			k := (b - m + 1) / 12
			add(levelYear, m.year(), (m + 12*(k-1)).year())
			m += 12 * k
		case m%3 == 0 && m+2 <= b:
			q := month(1) // quarters up to the end of the year or of b
			for m+3*(q+1)-1 <= b && (m+3*q)%12 != 0 {
				q++
			}
			add(levelQuarter, m.quarter(), (m + 3*(q-1)).quarter())
			m += 3 * q
		default:
			e := m // months up to the next quarter or b
			for e+1 <= b && (e+1)%3 != 0 {
				e++
			}
			add(levelMonth, m.period(), e.period())
			m = e + 1
		}
	}
}

// dyadSelect is the SELECT of one part, with its arguments: columns
// source_code, target_code, n (events), m (mentions), c (cooperation), k
// (conflict), gs (Goldstein sum in thousandths).
func (p dyadPart) sql() (string, []any) {
	if p.level == levelGroups {
		return `SELECT g.source_code AS source_code, g.target_code AS target_code, COUNT(*) AS n, SUM(g.mentions) AS m,
SUM(CASE WHEN g.quad IN (1, 2) THEN 1 ELSE 0 END) AS c, SUM(CASE WHEN g.quad IN (3, 4) THEN 1 ELSE 0 END) AS k, ` + milliSumSQL + ` AS gs
FROM event_groups g WHERE g.day >= ? AND g.day <= ? GROUP BY g.source_code, g.target_code`, []any{p.lo, p.hi}
	}
	var w where
	w.add("s.level = ?", p.level)
	switch {
	case p.level == levelAll:
	case p.lo != "" && p.lo == p.hi:
		w.add("s.period = ?", p.lo)
	default:
		if p.lo != "" {
			w.add("s.period >= ?", p.lo)
		}
		if p.hi != "" {
			w.add("s.period <= ?", p.hi)
		}
	}
	for _, r := range p.not {
		w.add("NOT (s.period >= ? AND s.period <= ?)", r[0], r[1])
	}
	return `SELECT s.source_code AS source_code, s.target_code AS target_code, s.events AS n, s.mentions AS m,
s.cooperation AS c, s.conflict AS k, s.goldstein AS gs FROM dyad_sums s` + w.sql(), w.args
}

// dyadsQuery returns the query of Dyads over dyad_sums (sums) or over
// event_groups, each row a pair with its events, mentions, cooperation,
// conflict and Goldstein sum, in the order of Dyads; "" when nothing can
// match. oddDays says whether dyad_sums holds odd days (levelOddDay) at all.
func (s *DB) dyadsQuery(f query.Filter, sums, oddDays bool) (string, []any) {
	if !sums {
		w := s.groupFilter(f)
		return `SELECT g.source_code, g.target_code, COUNT(*), SUM(g.mentions),
SUM(CASE WHEN g.quad IN (1, 2) THEN 1 ELSE 0 END), SUM(CASE WHEN g.quad IN (3, 4) THEN 1 ELSE 0 END), ` + milliSumSQL + `
FROM event_groups g` + w.sql() + ` GROUP BY g.source_code, g.target_code ORDER BY COUNT(*) DESC, g.source_code, g.target_code` + s.limitSQL(f), w.args
	}
	var parts []dyadPart
	if f.From == "" && f.To == "" {
		parts = []dyadPart{{level: levelAll}}
	} else {
		for _, p := range dyadParts(f.From, f.To) {
			if p.level != levelOddDay || oddDays {
				parts = append(parts, p)
			}
		}
	}
	if len(parts) == 0 {
		return "", nil // an empty period
	}
	if len(parts) == 1 && (parts[0].level == levelAll || parts[0].level >= 0 && parts[0].lo != "" && parts[0].lo == parts[0].hi) {
		// one period: one row per pair, read in order from the index
		// dyad_sums_rank, as far as the page goes
		var w where
		w.add("s.level = ?", parts[0].level)
		w.add("s.period = ?", parts[0].lo)
		return `SELECT s.source_code, s.target_code, s.events, s.mentions, s.cooperation, s.conflict, s.goldstein FROM dyad_sums s` +
			w.sql() + ` ORDER BY s.events DESC, s.source_code, s.target_code` + s.limitSQL(f), w.args
	}
	var qs []string
	var args []any
	for _, p := range parts {
		q, a := p.sql()
		qs = append(qs, q)
		args = append(args, a...)
	}
	return `SELECT source_code, target_code, CAST(SUM(n) AS BIGINT), CAST(SUM(m) AS BIGINT), CAST(SUM(c) AS BIGINT), CAST(SUM(k) AS BIGINT),
CAST(SUM(gs) AS BIGINT) FROM (` + strings.Join(qs, "\nUNION ALL ") + `) x GROUP BY source_code, target_code
ORDER BY SUM(n) DESC, source_code, target_code` + s.limitSQL(f), args
}

// Dyads returns actor pairs matching f, most events first: from the dyad
// summary when the filter allows (dyadSumsFilter) and the period is not
// mostly partial months (dyadSumsPay), else from the event groups. Both
// give the same answer.
func (s *DB) Dyads(ctx context.Context, f query.Filter) ([]query.Dyad, error) {
	return s.dyads(ctx, f, dyadSumsFilter(f) && dyadSumsPay(f.From, f.To))
}

// dyadSumsPay reports whether the summary is worth reading for the period
// [from, to] (calendar dates or ""): when at most a third of its days are
// in the partial months read from event_groups anyway. A summary row of a
// month can cost as much as an event when pairs rarely repeat within a
// month (as in a uniform synthetic store), so a period mostly made of
// partial months is read from the events alone.
func dyadSumsPay(from, to string) bool {
	if from == "" || to == "" {
		return true
	}
	f, err1 := time.Parse(query.DateLayout, from)
	t, err2 := time.Parse(query.DateLayout, to)
	if err1 != nil || err2 != nil || t.Before(f) {
		return true
	}
	partial := 0
	for _, p := range dyadParts(from, to) {
		if p.level == levelGroups {
			a, _ := time.Parse(query.DateLayout, p.lo)
			b, _ := time.Parse(query.DateLayout, p.hi)
			partial += int(b.Sub(a).Hours()/24) + 1
		}
	}
	days := int(t.Sub(f).Hours()/24) + 1
	return 3*partial <= days
}

// DyadsFromEvents is Dyads read from the event groups whatever the filter,
// for tests that compare it with the summary.
func (s *DB) DyadsFromEvents(ctx context.Context, f query.Filter) ([]query.Dyad, error) {
	return s.dyads(ctx, f, false)
}

// DyadsFromSums is Dyads read from the dyad summary; ok is false (and
// nothing is read) when the filter does not allow it.
func (s *DB) DyadsFromSums(ctx context.Context, f query.Filter) (ds []query.Dyad, ok bool, err error) {
	if !dyadSumsFilter(f) {
		return nil, false, nil
	}
	ds, err = s.dyads(ctx, f, true)
	return ds, true, err
}

func (s *DB) dyads(ctx context.Context, f query.Filter, sums bool) ([]query.Dyad, error) {
	odd := false
	if sums && (f.From != "" || f.To != "") {
		if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM (SELECT 1 FROM dyad_sums WHERE level = ? LIMIT 1) x`), levelOddDay).Scan(&odd); err != nil {
			return nil, fmt.Errorf("querying dyads: %w", err)
		}
	}
	qs, args := s.dyadsQuery(f, sums, odd)
	if qs == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, s.q(qs), args...)
	if err != nil {
		return nil, fmt.Errorf("querying dyads: %w", err)
	}
	defer rows.Close()
	var out []query.Dyad
	for rows.Next() {
		var d query.Dyad
		var gs int64
		if err := rows.Scan(&d.Source, &d.Target, &d.Events, &d.Mentions, &d.Cooperation, &d.Conflict, &gs); err != nil {
			return nil, fmt.Errorf("reading dyads: %w", err)
		}
		if d.Events > 0 {
			d.Balance = float64(d.Cooperation-d.Conflict) / float64(d.Events)
			d.MeanGoldstein = float64(gs) / 1000 / float64(d.Events)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading dyads: %w", err)
	}
	return out, nil
}

// sortedKeys returns m's keys by level, period, source and target.
func sortedKeys[V any](m map[dyadKey]V) []dyadKey {
	keys := make([]dyadKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b dyadKey) int {
		if a.level != b.level {
			return a.level - b.level
		}
		if c := strings.Compare(a.period, b.period); c != 0 {
			return c
		}
		if c := strings.Compare(a.source, b.source); c != 0 {
			return c
		}
		return strings.Compare(a.target, b.target)
	})
	return keys
}
