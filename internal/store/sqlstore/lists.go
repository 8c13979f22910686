package sqlstore

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/store"
)

// An article's sentences and entities are kept in two columns of its row
// (articles.sentence_list and entity_list, SQLite schema 6, PostgreSQL 5)
// rather than a row each: writing ten rows an article cost the ingest more
// than the lists are ever read. The lists are varints:
//
//	sentence_list: for each sentence, start − end of the one before (0
//	               before the first), end − start
//	entity_list:   for each entity, start − start of the one before,
//	               end − start, then text, type and code, each as its
//	               length and bytes
//
// An empty list is zero bytes.

// errList is wrapped by the errors of decoding a list that is not one.
var errList = errors.New("malformed list")

func appendSentences(b []byte, spans []store.Span) []byte {
	prev := 0
	for _, s := range spans {
		b = binary.AppendVarint(b, int64(s.Start-prev))
		b = binary.AppendVarint(b, int64(s.End-s.Start))
		prev = s.End
	}
	return b
}

func appendEntities(b []byte, ents []pipeline.Entity) []byte {
	prev := 0
	for _, e := range ents {
		b = binary.AppendVarint(b, int64(e.Start-prev))
		b = binary.AppendVarint(b, int64(e.End-e.Start))
		for _, s := range []string{e.Text, e.Type, e.Code} {
			b = binary.AppendUvarint(b, uint64(len(s)))
			b = append(b, s...)
		}
		prev = e.Start
	}
	return b
}

// listReader reads the varints and strings of a list.
type listReader struct {
	b   []byte
	err error
}

func (r *listReader) int() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errList
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *listReader) str() string {
	if r.err != nil {
		return ""
	}
	l, n := binary.Uvarint(r.b)
	if n <= 0 || l > uint64(len(r.b)-n) {
		r.err = errList
		return ""
	}
	s := string(r.b[n : n+int(l)])
	r.b = r.b[n+int(l):]
	return s
}

func decodeSentences(b []byte) ([]store.Span, error) {
	r := listReader{b: b}
	var out []store.Span
	prev := 0
	for len(r.b) > 0 && r.err == nil {
		start := prev + r.int()
		end := start + r.int()
		out = append(out, store.Span{Start: start, End: end})
		prev = end
	}
	if r.err != nil {
		return nil, fmt.Errorf("sentence list: %w", r.err)
	}
	return out, nil
}

func decodeEntities(b []byte) ([]pipeline.Entity, error) {
	r := listReader{b: b}
	out := []pipeline.Entity{}
	prev := 0
	for len(r.b) > 0 && r.err == nil {
		var e pipeline.Entity
		e.Start = prev + r.int()
		e.End = e.Start + r.int()
		e.Text, e.Type, e.Code = r.str(), r.str(), r.str()
		out = append(out, e)
		prev = e.Start
	}
	if r.err != nil {
		return nil, fmt.Errorf("entity list: %w", r.err)
	}
	return out, nil
}

// fillArticleLists fills articles.sentence_list and entity_list from the
// tables sentences and entities, within the migration's transaction (after
// the migration named NNN_article_lists.sql). The rows are read whole
// before writing (a PostgreSQL connection cannot write while it reads).
func fillArticleLists(ctx context.Context, tx *sql.Tx, d Dialect) error {
	sents := map[int64][]byte{}
	prevEnd := map[int64]int{}
	err := EachRow(ctx, tx, `SELECT article_id, start_off, end_off FROM sentences ORDER BY article_id, idx`, func(rows *sql.Rows) error {
		var id int64
		var start, end int
		if err := rows.Scan(&id, &start, &end); err != nil {
			return err
		}
		b := binary.AppendVarint(sents[id], int64(start-prevEnd[id]))
		sents[id] = binary.AppendVarint(b, int64(end-start))
		prevEnd[id] = end
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading sentences: %w", err)
	}
	ents := map[int64][]pipeline.Entity{}
	err = EachRow(ctx, tx, `SELECT article_id, text, type, start_off, end_off, code FROM entities ORDER BY article_id, idx`, func(rows *sql.Rows) error {
		var id int64
		var e pipeline.Entity
		if err := rows.Scan(&id, &e.Text, &e.Type, &e.Start, &e.End, &e.Code); err != nil {
			return err
		}
		ents[id] = append(ents[id], e)
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading entities: %w", err)
	}
	update := func(col string, id int64, b []byte) error {
		q := `UPDATE articles SET ` + col + ` = ? WHERE id = ?`
		if d == Postgres {
			q = Rebind(q)
		}
		_, err := tx.ExecContext(ctx, q, b, id)
		return err
	}
	for id, b := range sents {
		if err := update("sentence_list", id, b); err != nil {
			return fmt.Errorf("writing sentence lists: %w", err)
		}
	}
	for id, es := range ents {
		if err := update("entity_list", id, appendEntities(nil, es)); err != nil {
			return fmt.Errorf("writing entity lists: %w", err)
		}
	}
	return nil
}

// Querier is what EachRow reads from: a *sql.DB or a *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// EachRow calls fn for each row of query, stopping at fn's first error.
func EachRow(ctx context.Context, q Querier, query string, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
