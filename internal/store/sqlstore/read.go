package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

// where builds the WHERE clause of a filter over event_groups g; events
// e, articles a and outlets o are reached through a sub-query when a
// filter needs them.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// actorCond matches an actor term (country or code) on one side of g.
func actorCond(side, term string) (string, any) {
	if query.IsCountry(term) {
		return "g." + side + "_country = ?", term
	}
	return "g." + side + "_code = ?", term
}

// groupFilter turns f into conditions on event_groups g.
func (s *DB) groupFilter(f query.Filter) where {
	var w where
	if f.Actor != "" {
		sc, a := actorCond("source", f.Actor)
		tc, _ := actorCond("target", f.Actor)
		switch f.Side {
		case query.SideSource:
			w.add(sc, a)
		case query.SideTarget:
			w.add(tc, a)
		default:
			if f.Other != "" {
				// a pair in either direction
				so, o := actorCond("source", f.Other)
				to, _ := actorCond("target", f.Other)
				w.add("(("+sc+" AND "+to+") OR ("+tc+" AND "+so+"))", a, o, a, o)
				break
			}
			w.add("("+sc+" OR "+tc+")", a, a)
		}
		if f.Other != "" && f.Side != query.SideAny {
			side := "target"
			if f.Side == query.SideTarget {
				side = "source"
			}
			c, o := actorCond(side, f.Other)
			w.add(c, o)
		}
	} else if f.Other != "" {
		sc, o := actorCond("source", f.Other)
		tc, _ := actorCond("target", f.Other)
		w.add("("+sc+" OR "+tc+")", o, o)
	}
	if f.CAMEO != "" {
		if len(f.CAMEO) <= 2 {
			w.add("g.root = ?", f.CAMEO)
		} else {
			w.add("g.cameo LIKE ?", f.CAMEO+"%")
		}
	}
	if f.Plover != "" {
		w.add("g.plover = ?", f.Plover)
	}
	if f.Quad != 0 {
		w.add("g.quad = ?", f.Quad)
	}
	if f.From != "" {
		w.add("g.day >= ?", f.From)
	}
	if f.To != "" {
		w.add("g.day <= ?", f.To)
	}
	if f.From != "" || f.To != "" {
		w.add("g.day <> ''")
	}
	// filters on mentions and articles
	var m where
	switch f.Modality {
	case "":
	case "asserted":
		for _, x := range []string{"negated", "hypothetical", "intended", "planned", "background"} {
			m.add("e.modality NOT LIKE ?", "%,"+x+",%")
		}
	default:
		m.add("e.modality LIKE ?", "%,"+f.Modality+",%")
	}
	if f.Place != "" {
		if query.IsCountry(strings.ToUpper(f.Place)) {
			m.add("e.location_country = ?", strings.ToUpper(f.Place))
		} else {
			m.add("e.location_text = ?", f.Place)
		}
	}
	if f.Outlet != "" {
		m.add("e.article_id IN (SELECT a.id FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE o.name = ?)", f.Outlet)
	}
	if f.Text != "" {
		c, args := s.textCond(f.Text)
		m.add("e.article_id IN (SELECT a.id FROM articles a WHERE "+c+")", args...)
	}
	if len(m.conds) > 0 {
		w.add("g.id IN (SELECT e.group_id FROM events e"+m.sql()+")", m.args...)
	}
	return w
}

// textCond matches articles a whose stems contain every stem of text.
func (s *DB) textCond(text string) (string, []any) {
	stems := store.QueryStems(text)
	if len(stems) == 0 {
		return "1 = 0", nil
	}
	if s.dialect == Postgres {
		return "a.stems @> ?", []any{stems}
	}
	return "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", []any{ftsQuery(stems)}
}

// ftsQuery quotes each stem for FTS5: all must match.
func ftsQuery(stems []string) string {
	q := make([]string, len(stems))
	for i, s := range stems {
		q[i] = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return strings.Join(q, " AND ")
}

func (s *DB) limitSQL(f query.Filter) string {
	n := f.RowLimit()
	if n < 0 {
		if f.Offset > 0 {
			if s.dialect == Postgres {
				return fmt.Sprintf(" OFFSET %d", f.Offset)
			}
			return fmt.Sprintf(" LIMIT -1 OFFSET %d", f.Offset)
		}
		return ""
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", n, f.Offset)
}

const eventCols = `g.id, g.day, g.mentions, g.articles, g.sources, a.doc_id, COALESCE(o.name, ''), a.published,
e.id, e.source_text, e.source_code, e.source_country, e.source_role, e.source_name, e.source_start, e.source_end,
e.has_target, e.target_text, e.target_code, e.target_country, e.target_role, e.target_name, e.target_start, e.target_end,
e.cameo, e.root, e.quad, e.goldstein, e.plover, e.plover_mode, e.modality,
e.has_location, e.location_text, e.location_country, e.lat, e.lon, e.location_start, e.location_end,
e.date, e.trigger_text, e.trigger_start, e.trigger_end, e.evidence_text, e.evidence_start, e.evidence_end, e.confidence, e.rule`

func scanEvent(rows *sql.Rows, ev *query.Event) error {
	var gid int64
	var hasT, hasL int
	var t code.ActorRef
	var l code.Location
	var lat, lon sql.NullFloat64
	var date sql.NullString
	var modality string
	e := &ev.Event
	*ev = query.Event{}
	if err := rows.Scan(&gid, &ev.Day, &ev.Mentions, &ev.Articles, &ev.Sources, &ev.ArticleID, &ev.Outlet, &ev.Published,
		&ev.ID, &e.Source.Text, &e.Source.Code, &e.Source.Country, &e.Source.Role, &e.Source.Name, &e.Source.Start, &e.Source.End,
		&hasT, &t.Text, &t.Code, &t.Country, &t.Role, &t.Name, &t.Start, &t.End,
		&e.CAMEO, &e.Root, &e.Quad, &e.Goldstein, &e.Plover.Category, &e.Plover.Mode, &modality,
		&hasL, &l.Text, &l.Country, &lat, &lon, &l.Start, &l.End,
		&date, &e.Trigger.Text, &e.Trigger.Start, &e.Trigger.End, &e.Evidence.Text, &e.Evidence.Start, &e.Evidence.End, &e.Confidence, &e.Rule); err != nil {
		return err
	}
	if hasT != 0 {
		e.Target = &t
	}
	if hasL != 0 {
		if lat.Valid {
			l.Lat = &lat.Float64
		}
		if lon.Valid {
			l.Lon = &lon.Float64
		}
		e.Location = &l
	}
	if date.Valid {
		e.Date = &date.String
	}
	e.Modality = []string{}
	if m := strings.Trim(modality, ","); m != "" {
		e.Modality = strings.Split(m, ",")
	}
	return nil
}

// Events returns deduplicated events matching f, latest first.
func (s *DB) Events(ctx context.Context, f query.Filter) ([]query.Event, error) {
	var out []query.Event
	err := s.eachEvent(ctx, f, true, func(e *query.Event) error {
		out = append(out, *e)
		return nil
	})
	return out, err
}

// EachEvent streams every deduplicated event matching f, in time order.
func (s *DB) EachEvent(ctx context.Context, f query.Filter, fn func(*query.Event) error) error {
	if f.Limit == 0 {
		f.Limit = -1
	}
	return s.eachEvent(ctx, f, false, fn)
}

func (s *DB) eachEvent(ctx context.Context, f query.Filter, byMentions bool, fn func(*query.Event) error) error {
	w := s.groupFilter(f)
	order := " ORDER BY g.day, g.id"
	if byMentions {
		order = " ORDER BY g.day DESC, g.id DESC"
	}
	qs := `SELECT ` + eventCols + ` FROM event_groups g JOIN events e ON e.id = g.first_event JOIN articles a ON a.id = e.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id` + w.sql() + order + s.limitSQL(f)
	if f.RowLimit() >= 0 {
		// a page: its group ids first, from the indexes alone, then its rows
		qs = `SELECT ` + eventCols + ` FROM (SELECT g.id FROM event_groups g` + w.sql() + order + s.limitSQL(f) + `) page
JOIN event_groups g ON g.id = page.id JOIN events e ON e.id = g.first_event JOIN articles a ON a.id = e.article_id
LEFT JOIN outlets o ON o.id = a.outlet_id` + order
	}
	rows, err := s.db.QueryContext(ctx, s.q(qs), w.args...)
	if err != nil {
		return fmt.Errorf("querying events: %w", err)
	}
	defer rows.Close()
	var ev query.Event
	for rows.Next() {
		if err := scanEvent(rows, &ev); err != nil {
			return fmt.Errorf("reading events: %w", err)
		}
		if err := fn(&ev); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading events: %w", err)
	}
	return nil
}

// Timeline counts deduplicated events per period and QuadClass.
func (s *DB) Timeline(ctx context.Context, f query.Filter) ([]query.Bucket, error) {
	w := s.groupFilter(f)
	w.add("g.day <> ''")
	qs := `SELECT g.day, g.quad, COUNT(*) FROM event_groups g` + w.sql() + ` GROUP BY g.day, g.quad`
	rows, err := s.db.QueryContext(ctx, s.q(qs), w.args...)
	if err != nil {
		return nil, fmt.Errorf("querying timeline: %w", err)
	}
	defer rows.Close()
	byPeriod := map[string]*query.Bucket{}
	for rows.Next() {
		var day string
		var quad, n int
		if err := rows.Scan(&day, &quad, &n); err != nil {
			return nil, fmt.Errorf("reading timeline: %w", err)
		}
		p, ok := Period(day, f.Interval)
		if !ok {
			continue
		}
		b := byPeriod[p]
		if b == nil {
			b = &query.Bucket{Period: p}
			byPeriod[p] = b
		}
		if quad >= 1 && quad <= 4 {
			b.Quad[quad-1] += n
		}
		b.Total += n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading timeline: %w", err)
	}
	out := make([]query.Bucket, 0, len(byPeriod))
	for _, b := range byPeriod {
		out = append(out, *b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Period < out[j].Period })
	return out, nil
}

// Period returns the first day of the period of day (YYYY-MM-DD).
func Period(day string, iv query.Interval) (string, bool) {
	t, err := time.Parse(query.DateLayout, day)
	if err != nil {
		return "", false
	}
	switch iv {
	case query.Week:
		wd := (int(t.Weekday()) + 6) % 7 // Monday 0
		t = t.AddDate(0, 0, -wd)
	case query.Month:
		t = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t.Format(query.DateLayout), true
}
