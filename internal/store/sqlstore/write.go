package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/store"
)

func nowText() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// BeginRun records the start of an ingestion run.
func (s *DB) BeginRun(ctx context.Context, command string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, s.q(`INSERT INTO runs (started, command) VALUES (?, ?) RETURNING id`), nowText(), command).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("beginning run: %w", err)
	}
	return id, nil
}

// FinishRun records the totals of a run.
func (s *DB) FinishRun(ctx context.Context, r store.Run) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE runs SET finished = ?, new = ?, duplicate = ?, failed = ?, events = ? WHERE id = ?`),
		nowText(), r.New, r.Duplicate, r.Failed, r.Events, r.ID)
	if err != nil {
		return fmt.Errorf("finishing run %d: %w", r.ID, err)
	}
	return nil
}

// Has reports which of the content hashes are stored.
func (s *DB) Has(ctx context.Context, hashes []string) (map[string]bool, error) {
	out := make(map[string]bool, len(hashes))
	const chunk = 500
	for i := 0; i < len(hashes); i += chunk {
		part := hashes[i:min(i+chunk, len(hashes))]
		args := make([]any, len(part))
		for k, h := range part {
			args[k] = h
		}
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT hash FROM articles WHERE hash IN (`+marks(len(part))+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("looking up hashes: %w", err)
		}
		for rows.Next() {
			var h string
			if err := rows.Scan(&h); err != nil {
				rows.Close()
				return nil, fmt.Errorf("looking up hashes: %w", err)
			}
			out[h] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("looking up hashes: %w", err)
		}
	}
	return out, nil
}

// marks returns n comma-separated placeholders.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// writer holds a batch's transaction and prepared statements.
type writer struct {
	s        *DB
	tx       *sql.Tx
	stmts    map[string]*sql.Stmt
	outlets  map[string]int64
	bulk     map[string]*bulk         // rows inserted many at a time, by table
	next     map[string]int64         // last id given, by table (SQLite)
	actors   map[string]bool          // actor codes written in this transaction
	storyInc map[int64]int            // articles to add to stored stories
	batch    []batchArticle           // the batch's new articles so far
	groups   map[string]*pendingGroup // the batch's event groups by key
	dyads    dyadDeltas               // what the batch adds to the dyad summary
	order    []*pendingGroup          // the same, in order of first mention
}

// bulk collects the rows of one table, inserted with multi-row VALUES:
// far fewer statements, and SQLite's FTS5 flushes its pending terms once
// per statement.
type bulk struct {
	head string // INSERT INTO t (a, b)
	cols int
	args []any
}

// bulkChunk is how many rows one bulk statement inserts.
const bulkChunk = 200

// add queues one row of table; the rows are written by flushBulk.
func (w *writer) add(ctx context.Context, head string, row ...any) error {
	b := w.bulk[head]
	if b == nil {
		b = &bulk{head: head, cols: len(row)}
		w.bulk[head] = b
	}
	b.args = append(b.args, row...)
	if len(b.args) >= bulkChunk*b.cols && head != ftsInsert {
		return w.flushOne(ctx, b)
	}
	return nil
}

const ftsInsert = `INSERT INTO articles_fts (rowid, stems)`

// flushBulk writes every queued row.
// The full-text rows go last, when nothing else is left to write: SQLite's
// FTS5 writes its pending terms to disk at every statement savepoint of the
// transaction, so a statement after them would cut the index into many
// small segments that it must then merge.
func (w *writer) flushBulk(ctx context.Context) error {
	for _, b := range w.bulk {
		if b.head == ftsInsert {
			continue
		}
		if err := w.flushOne(ctx, b); err != nil {
			return err
		}
	}
	return nil
}

// flushFTS writes the queued full-text rows (SQLite): the batch's last
// statement.
func (w *writer) flushFTS(ctx context.Context) error {
	if b := w.bulk[ftsInsert]; b != nil {
		return w.flushOne(ctx, b)
	}
	return nil
}

// chunkRows are the row counts of bulk statements: a few fixed sizes, so
// that every statement is prepared once per connection, not per batch.
var chunkRows = [...]int{bulkChunk, 50, 10, 1}

// rowsFor returns the rows of the next statement for n queued rows.
func rowsFor(n, most int) int {
	if n >= most {
		return most
	}
	for _, c := range chunkRows {
		if c <= n {
			return c
		}
	}
	return n
}

// valuesSQL returns head followed by n rows of cols placeholders.
func valuesSQL(head string, cols, n int) string {
	row := "(" + marks(cols) + ")"
	return head + " VALUES " + strings.TrimSuffix(strings.Repeat(row+",", n), ",")
}

func (w *writer) flushOne(ctx context.Context, b *bulk) error {
	for len(b.args) > 0 {
		n := rowsFor(len(b.args)/b.cols, bulkChunk)
		if b.head == ftsInsert {
			// one statement for the batch's full text (FTS5 flushes its
			// terms once per statement), prepared for its row count
			n = min(len(b.args)/b.cols, 1000)
		}
		if _, err := w.exec(ctx, valuesSQL(b.head, b.cols, n), b.args[:n*b.cols]...); err != nil {
			return err
		}
		b.args = b.args[n*b.cols:]
	}
	return nil
}

// stmt returns query prepared within the writer's transaction. Statements
// are prepared once on the database (DB.prepared) and bound to each
// transaction, which reuses the connection's prepared statement: parsing
// a bulk insert of thousands of placeholders costs more than running it.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	ps, ok := w.s.prepared[query]
	if !ok {
		var err error
		if ps, err = w.s.db.PrepareContext(ctx, w.s.q(query)); err != nil {
			return nil, err
		}
		if w.s.prepared == nil {
			w.s.prepared = map[string]*sql.Stmt{}
		}
		w.s.prepared[query] = ps
	}
	st := w.tx.StmtContext(ctx, ps)
	w.stmts[query] = st
	return st, nil
}

func (w *writer) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (w *writer) row(ctx context.Context, query string, args ...any) (*sql.Row, error) {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryRowContext(ctx, args...), nil
}

// Write stores a batch of articles in one transaction.
func (s *DB) Write(ctx context.Context, run int64, arts []store.Article) (res store.WriteResult, err error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("writing batch: %w", err)
	}
	w := &writer{s: s, tx: tx, stmts: map[string]*sql.Stmt{}, outlets: map[string]int64{}, bulk: map[string]*bulk{},
		next: map[string]int64{}, actors: map[string]bool{}, storyInc: map[int64]int{}, groups: map[string]*pendingGroup{}, dyads: dyadDeltas{}}
	defer func() {
		for _, st := range w.stmts {
			st.Close()
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if s.dialect == SQLite {
		if err := s.near.sync(ctx, tx); err != nil {
			return res, err
		}
	}
	hashes := make([]string, len(arts))
	for i := range arts {
		hashes[i] = arts[i].Hash
	}
	stored, err := s.has(ctx, tx, hashes)
	if err != nil {
		return res, err
	}
	for i := range arts {
		a := &arts[i]
		if stored[a.Hash] {
			res.Duplicate++
			continue
		}
		stored[a.Hash] = true // a second copy within the batch
		if err := w.article(ctx, run, a); err != nil {
			return store.WriteResult{}, fmt.Errorf("writing article %s: %w", a.Doc.ID, err)
		}
		res.New++
		res.Events += len(a.Doc.Events)
	}
	if err := w.writeGroups(ctx); err != nil {
		return store.WriteResult{}, fmt.Errorf("writing event groups: %w", err)
	}
	if err := w.flushBulk(ctx); err != nil {
		return store.WriteResult{}, fmt.Errorf("writing batch: %w", err)
	}
	for id, n := range w.storyInc {
		if _, err := w.exec(ctx, `UPDATE stories SET articles = articles + ? WHERE id = ?`, n, id); err != nil {
			return store.WriteResult{}, fmt.Errorf("writing batch: %w", err)
		}
	}
	// the summary's rows are shared by many batches: on PostgreSQL they
	// stay locked from here to the commit, so they come last
	if err := w.dyads.flush(ctx, func(ctx context.Context, q string, args ...any) error {
		_, err := w.exec(ctx, q, args...)
		return err
	}); err != nil {
		return store.WriteResult{}, fmt.Errorf("writing batch: %w", err)
	}
	if err := w.flushFTS(ctx); err != nil {
		return store.WriteResult{}, fmt.Errorf("writing batch: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return store.WriteResult{}, fmt.Errorf("committing batch: %w", err)
	}
	for a := range w.actors {
		s.actors.Store(a, true)
	}
	if s.dialect == SQLite {
		// the batch's articles follow every article the index had read
		// (this transaction held the database), so the next sync need
		// not read them back
		for _, a := range w.batch {
			s.near.added(a.id, a.simhash, a.story)
		}
	}
	return res, nil
}

// nextID returns a new id for a row of table. On SQLite the writer owns the
// database for the transaction (BEGIN IMMEDIATE), so ids count up from the
// largest; on PostgreSQL they come from the identity sequence.
func (w *writer) nextID(ctx context.Context, table string) (int64, error) {
	if w.s.dialect == Postgres {
		r, err := w.row(ctx, `SELECT nextval(pg_get_serial_sequence('`+table+`', 'id'))`)
		if err != nil {
			return 0, err
		}
		var id int64
		err = r.Scan(&id)
		return id, err
	}
	id, ok := w.next[table]
	if !ok {
		r, err := w.row(ctx, `SELECT COALESCE(MAX(id), 0) FROM `+table)
		if err != nil {
			return 0, err
		}
		if err := r.Scan(&id); err != nil {
			return 0, err
		}
	}
	id++
	w.next[table] = id
	return id, nil
}

// article queues one new article (with its sentences and entities) and
// its events.
func (w *writer) article(ctx context.Context, run int64, a *store.Article) error {
	id, err := w.nextID(ctx, "articles")
	if err != nil {
		return err
	}
	story, err := w.story(ctx, id, a)
	if err != nil {
		return err
	}
	outlet, err := w.outlet(ctx, a.Doc.Outlet)
	if err != nil {
		return err
	}
	b := store.Bands(a.SimHash)
	d := &a.Doc
	cols := `id, hash, doc_id, title, published, day, outlet_id, attribution, text, bytes, simhash, band0, band1, band2, band3, band4, story_id, run_id, events,
sentence_list, entity_list`
	args := []any{id, a.Hash, d.ID, d.Title, d.Published, a.Day, outlet, d.Attribution, d.Text, a.Bytes, int64(a.SimHash), b[0], b[1], b[2], b[3], b[4], story, run, len(d.Events),
		appendSentences([]byte{}, a.Sentences), appendEntities([]byte{}, d.Entities)}
	if w.s.dialect == Postgres {
		cols += `, stems`
		args = append(args, strings.Fields(a.Stems))
	}
	if err := w.add(ctx, `INSERT INTO articles (`+cols+`)`, args...); err != nil {
		return err
	}
	if w.s.dialect == SQLite {
		if err := w.add(ctx, ftsInsert, id, a.Stems); err != nil {
			return err
		}
	}
	return w.events(ctx, id, story, a)
}

// has returns the stored hashes among hashes, within tx.
func (s *DB) has(ctx context.Context, tx *sql.Tx, hashes []string) (map[string]bool, error) {
	out := make(map[string]bool, len(hashes))
	const chunk = 500
	for i := 0; i < len(hashes); i += chunk {
		part := hashes[i:min(i+chunk, len(hashes))]
		args := make([]any, len(part))
		for k, h := range part {
			args[k] = h
		}
		rows, err := tx.QueryContext(ctx, s.q(`SELECT hash FROM articles WHERE hash IN (`+marks(len(part))+`)`), args...)
		if err != nil {
			return nil, fmt.Errorf("looking up hashes: %w", err)
		}
		for rows.Next() {
			var h string
			if err := rows.Scan(&h); err != nil {
				rows.Close()
				return nil, fmt.Errorf("looking up hashes: %w", err)
			}
			out[h] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("looking up hashes: %w", err)
		}
	}
	return out, nil
}

// story returns the story of new article id: the oldest story of a near
// duplicate, stored or earlier in the batch, or a new story numbered id.
func (w *writer) story(ctx context.Context, id int64, a *store.Article) (int64, error) {
	found := int64(0)
	for _, p := range w.batch {
		if store.Near(p.simhash, a.SimHash) && (found == 0 || p.story < found) {
			found = p.story
		}
	}
	if w.s.dialect == SQLite {
		if f := w.s.near.find(a.SimHash); f != 0 && (found == 0 || f < found) {
			found = f
		}
	} else if err := w.storyQuery(ctx, a.SimHash, &found); err != nil {
		return 0, err
	}
	if found != 0 {
		w.storyInc[found]++
	} else {
		found = id
		if err := w.add(ctx, `INSERT INTO stories (id, articles, title)`, id, 1, a.Doc.Title); err != nil {
			return 0, err
		}
	}
	w.batch = append(w.batch, batchArticle{id, a.SimHash, found})
	return found, nil
}

// storyQuery looks the stored near duplicates of h up by band (PostgreSQL,
// where several workers write) and lowers *found to the oldest story.
func (w *writer) storyQuery(ctx context.Context, h uint64, found *int64) error {
	b := store.Bands(h)
	st, err := w.stmt(ctx, `SELECT simhash, story_id FROM articles WHERE band0 = ? OR band1 = ? OR band2 = ? OR band3 = ? OR band4 = ?`)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(ctx, b[0], b[1], b[2], b[3], b[4])
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sh, story int64
		if err := rows.Scan(&sh, &story); err != nil {
			return err
		}
		if store.Near(uint64(sh), h) && (*found == 0 || story < *found) {
			*found = story
		}
	}
	return rows.Err()
}

// batchArticle is an article written earlier in the batch.
type batchArticle struct {
	id      int64
	simhash uint64
	story   int64
}

// outlet returns the id of an outlet, adding it when new; nil for none.
func (w *writer) outlet(ctx context.Context, name string) (any, error) {
	if name == "" {
		return nil, nil
	}
	if id, ok := w.outlets[name]; ok {
		return id, nil
	}
	if _, err := w.exec(ctx, `INSERT INTO outlets (name) VALUES (?) ON CONFLICT (name) DO NOTHING`, name); err != nil {
		return nil, err
	}
	r, err := w.row(ctx, `SELECT id FROM outlets WHERE name = ?`, name)
	if err != nil {
		return nil, err
	}
	var id int64
	if err := r.Scan(&id); err != nil {
		return nil, err
	}
	w.outlets[name] = id
	return id, nil
}

// groupKey is the identity of a deduplicated event.
func groupKey(e *code.Event, day string) (key, tcode, tcountry string) {
	if e.Target != nil {
		tcode, tcountry = e.Target.Code, e.Target.Country
	}
	return e.Source.Code + "|" + tcode + "|" + e.CAMEO + "|" + day, tcode, tcountry
}

// pendingGroup is an event group (same source, target, CAMEO code and
// day) as the batch adds to it.
type pendingGroup struct {
	key, tcode, tcountry, day string
	first                     *code.Event // the first mention in the batch
	mentions, articles        int
	stories                   []int64 // distinct stories of the batch's mentions, in order
	events                    []pendingEvent
}

// pendingEvent is an event mention waiting for its group's id.
type pendingEvent struct {
	id, article, story int64
	idx                int
	e                  *code.Event
}

// events adds an article's events to the batch's groups: mentions by the
// article's mentions, articles by one, and its story when new to the
// group. The groups are written once per batch (writeGroups).
func (w *writer) events(ctx context.Context, article, story int64, a *store.Article) error {
	var touched []*pendingGroup // the groups of this article
	for i := range a.Doc.Events {
		e := &a.Doc.Events[i]
		day := store.EventDay(e.Date, a.Day)
		key, tc, tcn := groupKey(e, day)
		g := w.groups[key]
		if g == nil {
			g = &pendingGroup{key: key, tcode: tc, tcountry: tcn, day: day, first: e}
			w.groups[key] = g
			w.order = append(w.order, g)
		}
		if !slices.Contains(touched, g) {
			touched = append(touched, g)
			g.articles++
			if !slices.Contains(g.stories, story) {
				g.stories = append(g.stories, story)
			}
		}
		id, err := w.nextID(ctx, "events")
		if err != nil {
			return err
		}
		g.mentions++
		g.events = append(g.events, pendingEvent{id: id, article: article, story: story, idx: i, e: e})
		if err := w.actor(ctx, &e.Source); err != nil {
			return err
		}
		if e.Target != nil {
			if err := w.actor(ctx, e.Target); err != nil {
				return err
			}
		}
	}
	return nil
}

const groupUpsert = `INSERT INTO event_groups (gkey, source_code, source_country, target_code, target_country, cameo, root, quad, plover, goldstein, day, mentions, articles, sources, first_event)`

// writeGroups upserts the batch's event groups, many rows a statement (in
// key order, so that writers on PostgreSQL lock rows in the same order),
// then queues their stories and their event mentions. A group that was
// stored already gains the batch's mentions and articles, and a source for
// each story new to it.
func (w *writer) writeGroups(ctx context.Context) error {
	gs := slices.Clone(w.order)
	slices.SortFunc(gs, func(a, b *pendingGroup) int { return strings.Compare(a.key, b.key) })
	ids := make(map[string]int64, len(gs))
	var stored []*pendingGroup
	dyads := w.dyads
	const cols = 15
	args := make([]any, 0, bulkChunk*cols)
	for len(gs) > 0 {
		n := rowsFor(len(gs), bulkChunk)
		args = args[:0]
		for _, g := range gs[:n] {
			e := g.first
			args = append(args, g.key, e.Source.Code, e.Source.Country, g.tcode, g.tcountry, e.CAMEO, e.Root, e.Quad, e.Plover.Category,
				e.Goldstein, g.day, g.mentions, g.articles, len(g.stories), g.events[0].id)
		}
		q := valuesSQL(groupUpsert, cols, n) + ` ON CONFLICT (gkey) DO UPDATE SET mentions = event_groups.mentions + excluded.mentions,
articles = event_groups.articles + excluded.articles RETURNING id, gkey, articles, source_code, target_code, day, quad, goldstein`
		st, err := w.stmt(ctx, q)
		if err != nil {
			return err
		}
		rows, err := st.QueryContext(ctx, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var key, source, target, day string
			var articles, quad int
			var goldstein float64
			if err := rows.Scan(&id, &key, &articles, &source, &target, &day, &quad, &goldstein); err != nil {
				rows.Close()
				return err
			}
			ids[key] = id
			g := w.groups[key]
			if g == nil {
				rows.Close()
				return fmt.Errorf("group %q: not of this batch", key)
			}
			old := articles > g.articles // it had articles before this batch
			if old {
				stored = append(stored, g)
			}
			// the stored row's pair, day, quad and score: a group that
			// was stored keeps those of its first mention
			dyads.add(day, source, target, quad, goldstein, g.mentions, !old)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		gs = gs[n:]
	}
	isStored := make(map[*pendingGroup]bool, len(stored))
	for _, g := range stored {
		isStored[g] = true
		if err := w.newSources(ctx, ids[g.key], g.stories); err != nil {
			return err
		}
	}
	for _, g := range w.order {
		gid, ok := ids[g.key]
		if !ok {
			return fmt.Errorf("group %q: no id returned", g.key)
		}
		if !isStored[g] {
			for _, story := range g.stories {
				if err := w.add(ctx, `INSERT INTO group_stories (group_id, story_id)`, gid, story); err != nil {
					return err
				}
			}
		}
		for _, pe := range g.events {
			if err := w.add(ctx, eventInsert, eventArgs(pe.id, pe.article, pe.idx, gid, pe.story, g.day, pe.e)...); err != nil {
				return err
			}
		}
	}
	return nil
}

// newSources counts each of stories not yet a source of the stored group
// gid as one more source.
func (w *writer) newSources(ctx context.Context, gid int64, stories []int64) error {
	added := int64(0)
	for _, story := range stories {
		res, err := w.exec(ctx, `INSERT INTO group_stories (group_id, story_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, gid, story)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		added += n
	}
	if added == 0 {
		return nil
	}
	_, err := w.exec(ctx, `UPDATE event_groups SET sources = sources + ? WHERE id = ?`, added, gid)
	return err
}

const eventInsert = `INSERT INTO events (id, article_id, idx, group_id, story_id, day,
source_text, source_code, source_country, source_role, source_name, source_start, source_end,
has_target, target_text, target_code, target_country, target_role, target_name, target_start, target_end,
cameo, root, quad, goldstein, plover, plover_mode, modality,
has_location, location_text, location_country, lat, lon, location_start, location_end,
date, trigger_text, trigger_start, trigger_end, evidence_text, evidence_start, evidence_end, confidence, rule)`

func (w *writer) actor(ctx context.Context, a *code.ActorRef) error {
	if a.Code == "" || w.actors[a.Code] {
		return nil
	}
	if _, ok := w.s.actors.Load(a.Code); ok {
		return nil
	}
	w.actors[a.Code] = true
	name := a.Name
	if name == "" {
		name = a.Text
	}
	_, err := w.exec(ctx, `INSERT INTO actors (code, country, role, name) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`, a.Code, a.Country, a.Role, name)
	return err
}

// modalityText stores modalities as ",a,b," so one LIKE finds each.
func modalityText(m []string) string {
	if len(m) == 0 {
		return ""
	}
	return "," + strings.Join(m, ",") + ","
}

func eventArgs(id, article int64, idx int, group, story int64, day string, e *code.Event) []any {
	t := code.ActorRef{}
	hasT := 0
	if e.Target != nil {
		t, hasT = *e.Target, 1
	}
	var l code.Location
	hasL := 0
	if e.Location != nil {
		l, hasL = *e.Location, 1
	}
	var lat, lon, date any
	if l.Lat != nil {
		lat = *l.Lat
	}
	if l.Lon != nil {
		lon = *l.Lon
	}
	if e.Date != nil {
		date = *e.Date
	}
	s := e.Source
	return []any{id, article, idx, group, story, day,
		s.Text, s.Code, s.Country, s.Role, s.Name, s.Start, s.End,
		hasT, t.Text, t.Code, t.Country, t.Role, t.Name, t.Start, t.End,
		e.CAMEO, e.Root, e.Quad, e.Goldstein, e.Plover.Category, e.Plover.Mode, modalityText(e.Modality),
		hasL, l.Text, l.Country, lat, lon, l.Start, l.End,
		date, e.Trigger.Text, e.Trigger.Start, e.Trigger.End, e.Evidence.Text, e.Evidence.Start, e.Evidence.End, e.Confidence, e.Rule}
}
