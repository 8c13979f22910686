package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

// Search returns articles whose stems contain every stem of f.Text.
func (s *DB) Search(ctx context.Context, f query.Filter) ([]query.Hit, error) {
	stems := store.QueryStems(f.Text)
	if len(stems) == 0 {
		return nil, nil
	}
	var w where
	from := `articles a`
	if s.dialect == SQLite && f.Outlet == "" && f.From == "" && f.To == "" {
		// FTS5 hands out matches by rowid: the newest page comes without
		// reading the others
		from = `(SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC` + s.limitSQL(f) + `) m JOIN articles a ON a.id = m.id`
		w.args = append(w.args, ftsQuery(stems))
		f.Offset = 0
	} else {
		c, args := s.textCond(f.Text)
		w.add(c, args...)
	}
	if f.Outlet != "" {
		w.add("o.name = ?", f.Outlet)
	}
	if f.From != "" {
		w.add("a.day >= ?", f.From)
	}
	if f.To != "" {
		w.add("a.day <= ?", f.To)
	}
	qs := `SELECT a.doc_id, a.story_id, a.title, COALESCE(o.name, ''), a.published, a.text, a.events
FROM ` + from + ` LEFT JOIN outlets o ON o.id = a.outlet_id` + w.sql() + ` ORDER BY a.id DESC` + s.limitSQL(f)
	rows, err := s.db.QueryContext(ctx, s.q(qs), w.args...)
	if err != nil {
		return nil, fmt.Errorf("searching: %w", err)
	}
	defer rows.Close()
	var out []query.Hit
	for rows.Next() {
		var h query.Hit
		var text string
		if err := rows.Scan(&h.ArticleID, &h.Story, &h.Title, &h.Outlet, &h.Published, &text, &h.Events); err != nil {
			return nil, fmt.Errorf("reading hits: %w", err)
		}
		h.Snippet = store.Snippet(text, stems, 200)
		h.Score = 1 / float64(len(out)+1)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading hits: %w", err)
	}
	return out, nil
}

// Actors returns the actor codes of events matching f, most frequent first.
func (s *DB) Actors(ctx context.Context, f query.Filter) ([]query.Actor, error) {
	w := s.groupFilter(f)
	ws := w.sql()
	args := append(append([]any{}, w.args...), w.args...)
	qs := `SELECT x.code, COALESCE(ac.country, ''), COALESCE(ac.role, ''), COALESCE(ac.name, ''), SUM(x.n) FROM (
SELECT g.source_code AS code, COUNT(*) AS n FROM event_groups g` + ws + ` GROUP BY g.source_code
UNION ALL SELECT g.target_code AS code, COUNT(*) AS n FROM event_groups g` + ws + ` GROUP BY g.target_code) x
LEFT JOIN actors ac ON ac.code = x.code WHERE x.code <> ''
GROUP BY x.code, ac.country, ac.role, ac.name ORDER BY SUM(x.n) DESC, x.code` + s.limitSQL(f)
	rows, err := s.db.QueryContext(ctx, s.q(qs), args...)
	if err != nil {
		return nil, fmt.Errorf("querying actors: %w", err)
	}
	defer rows.Close()
	var out []query.Actor
	for rows.Next() {
		var a query.Actor
		if err := rows.Scan(&a.Code, &a.Country, &a.Role, &a.Name, &a.Events); err != nil {
			return nil, fmt.Errorf("reading actors: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading actors: %w", err)
	}
	return out, nil
}

// Places returns the locations of events matching f, most frequent first.
func (s *DB) Places(ctx context.Context, f query.Filter) ([]query.Place, error) {
	w := s.groupFilter(f)
	w.add("e.has_location = 1")
	qs := `SELECT e.location_text, e.location_country, MAX(e.lat), MAX(e.lon), COUNT(DISTINCT g.id)
FROM events e JOIN event_groups g ON g.id = e.group_id` + w.sql() + `
GROUP BY e.location_text, e.location_country ORDER BY COUNT(DISTINCT g.id) DESC, e.location_text` + s.limitSQL(f)
	rows, err := s.db.QueryContext(ctx, s.q(qs), w.args...)
	if err != nil {
		return nil, fmt.Errorf("querying places: %w", err)
	}
	defer rows.Close()
	var out []query.Place
	for rows.Next() {
		var p query.Place
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&p.Text, &p.Country, &lat, &lon, &p.Events); err != nil {
			return nil, fmt.Errorf("reading places: %w", err)
		}
		if lat.Valid && lon.Valid {
			p.Lat, p.Lon = &lat.Float64, &lon.Float64
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading places: %w", err)
	}
	return out, nil
}

// Network returns the actor graph: the f.Limit strongest dyads with a
// target, and their actors as nodes.
func (s *DB) Network(ctx context.Context, f query.Filter) (query.Network, error) {
	w := s.groupFilter(f)
	w.add("g.target_code <> ''")
	qs := `SELECT g.source_code, g.source_country, g.target_code, g.target_country, COUNT(*), AVG(g.goldstein)
FROM event_groups g` + w.sql() + ` GROUP BY g.source_code, g.source_country, g.target_code, g.target_country
ORDER BY COUNT(*) DESC, g.source_code, g.target_code` + s.limitSQL(f)
	rows, err := s.db.QueryContext(ctx, s.q(qs), w.args...)
	if err != nil {
		return query.Network{}, fmt.Errorf("querying network: %w", err)
	}
	defer rows.Close()
	net := query.Network{Nodes: []query.Node{}, Edges: []query.Edge{}}
	nodes := map[string]int{}
	node := func(id, country string, n int) {
		i, ok := nodes[id]
		if !ok {
			i = len(net.Nodes)
			nodes[id] = i
			net.Nodes = append(net.Nodes, query.Node{ID: id, Country: country})
		}
		net.Nodes[i].Events += n
	}
	for rows.Next() {
		var e query.Edge
		var sc, tc string
		if err := rows.Scan(&e.Source, &sc, &e.Target, &tc, &e.Events, &e.MeanGoldstein); err != nil {
			return query.Network{}, fmt.Errorf("reading network: %w", err)
		}
		node(e.Source, sc, e.Events)
		node(e.Target, tc, e.Events)
		net.Edges = append(net.Edges, e)
	}
	if err := rows.Err(); err != nil {
		return query.Network{}, fmt.Errorf("reading network: %w", err)
	}
	return net, nil
}

// Stats counts what the store holds.
func (s *DB) Stats(ctx context.Context) (query.Stats, error) {
	var st query.Stats
	for _, c := range []struct {
		dst *int
		sql string
	}{
		{&st.Articles, `SELECT COUNT(*) FROM articles`},
		{&st.Stories, `SELECT COUNT(*) FROM stories`},
		{&st.Events, `SELECT COUNT(*) FROM event_groups`},
		{&st.Mentions, `SELECT COUNT(*) FROM events`},
		{&st.Actors, `SELECT COUNT(*) FROM actors`},
		{&st.Places, `SELECT COUNT(*) FROM (SELECT DISTINCT location_text, location_country FROM events WHERE has_location = 1) p`},
		{&st.Runs, `SELECT COUNT(*) FROM runs`},
	} {
		if err := s.db.QueryRowContext(ctx, c.sql).Scan(c.dst); err != nil {
			return query.Stats{}, fmt.Errorf("counting: %w", err)
		}
	}
	return st, nil
}

// Runs lists ingestion runs, latest first.
func (s *DB) Runs(ctx context.Context) ([]store.Run, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, started, COALESCE(finished, ''), command, new, duplicate, failed, events FROM runs ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("listing runs: %w", err)
	}
	defer rows.Close()
	var out []store.Run
	for rows.Next() {
		var r store.Run
		var started, finished string
		if err := rows.Scan(&r.ID, &started, &finished, &r.Command, &r.New, &r.Duplicate, &r.Failed, &r.Events); err != nil {
			return nil, fmt.Errorf("listing runs: %w", err)
		}
		r.Started = parseTime(started)
		r.Finished = parseTime(finished)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("listing runs: %w", err)
	}
	return out, nil
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return t
}
