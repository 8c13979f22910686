package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

// ErrNotFound is wrapped by the error of Article when no article has the id.
var ErrNotFound = errors.New("not found")

// Article returns the stored article with input id docID as the output
// contract of `marsad code` (text, entities, and every coded event mention
// in text order). The first stored article wins when several share the id.
// Added for the HTTP API (issue 12).
func (s *DB) Article(ctx context.Context, docID string) (pipeline.Doc, error) {
	var doc pipeline.Doc
	var id int64
	var ents []byte
	err := s.db.QueryRowContext(ctx, s.q(`SELECT a.id, a.doc_id, a.title, a.published, COALESCE(o.name, ''), a.attribution, a.text, a.entity_list
FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.doc_id = ? ORDER BY a.id LIMIT 1`), docID).
		Scan(&id, &doc.ID, &doc.Title, &doc.Published, &doc.Outlet, &doc.Attribution, &doc.Text, &ents)
	if errors.Is(err, sql.ErrNoRows) {
		return doc, fmt.Errorf("article %q: %w", docID, ErrNotFound)
	}
	if err != nil {
		return doc, fmt.Errorf("reading article %q: %w", docID, err)
	}
	if doc.Entities, err = decodeEntities(ents); err != nil {
		return doc, fmt.Errorf("reading entities of %q: %w", docID, err)
	}
	doc.Events = []code.Event{}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+eventCols+` FROM events e JOIN event_groups g ON g.id = e.group_id
JOIN articles a ON a.id = e.article_id LEFT JOIN outlets o ON o.id = a.outlet_id WHERE e.article_id = ? ORDER BY e.idx`), id)
	if err != nil {
		return doc, fmt.Errorf("reading events of %q: %w", docID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var ev query.Event
		if err := scanEvent(rows, &ev); err != nil {
			return doc, fmt.Errorf("reading events of %q: %w", docID, err)
		}
		doc.Events = append(doc.Events, ev.Event)
	}
	if err := rows.Err(); err != nil {
		return doc, fmt.Errorf("reading events of %q: %w", docID, err)
	}
	return doc, nil
}

var _ store.Store = (*DB)(nil)
