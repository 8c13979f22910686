package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/marsad/marsad/internal/store"
)

// nearIndex is the SimHash band index of the stored articles, kept in
// memory by the SQLite writer. Each Write first reads the articles added
// since the last one (by any process: the writer holds the database lock),
// so the index is never stale within a transaction.
type nearIndex struct {
	last    int64             // largest article id read
	entries []nearEntry       // stored articles
	bands   map[int64][]int32 // band key (band number << 13 | value) → entries
}

type nearEntry struct {
	simhash uint64
	story   int64
}

func bandKey(band int, v int64) int64 { return int64(band)<<13 | v }

// sync reads the articles added since the last call.
func (n *nearIndex) sync(ctx context.Context, tx *sql.Tx) error {
	if n.bands == nil {
		n.bands = map[int64][]int32{}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, simhash, story_id FROM articles WHERE id > ? ORDER BY id`, n.last)
	if err != nil {
		return fmt.Errorf("reading story fingerprints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, h, story int64
		if err := rows.Scan(&id, &h, &story); err != nil {
			return fmt.Errorf("reading story fingerprints: %w", err)
		}
		n.add(uint64(h), story)
		n.last = id
	}
	return rows.Err()
}

// added records the article id just committed by this writer, whose id
// is above every id read: the next sync starts after it.
func (n *nearIndex) added(id int64, h uint64, story int64) {
	if id <= n.last {
		return
	}
	n.add(h, story)
	n.last = id
}

func (n *nearIndex) add(h uint64, story int64) {
	i := int32(len(n.entries))
	n.entries = append(n.entries, nearEntry{h, story})
	for b, v := range store.Bands(h) {
		k := bandKey(b, v)
		n.bands[k] = append(n.bands[k], i)
	}
}

// find returns the oldest story of a stored near duplicate of h, or 0.
func (n *nearIndex) find(h uint64) int64 {
	found := int64(0)
	for b, v := range store.Bands(h) {
		for _, i := range n.bands[bandKey(b, v)] {
			e := n.entries[i]
			if store.Near(e.simhash, h) && (found == 0 || e.story < found) {
				found = e.story
			}
		}
	}
	return found
}
