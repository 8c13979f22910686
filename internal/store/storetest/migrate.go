package storetest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"testing"

	"github.com/marsad/marsad/internal/demo"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/store"
	"github.com/marsad/marsad/internal/store/sqlstore"
)

// Downgrade describes how a backend's store goes back to the schema before
// the dyad summary and the article lists, for TestMigrate: SQL run on the
// store, the version it leaves, and how to write a row of the old tables.
type Downgrade struct {
	SQL      string // drops dyad_sums and the list columns, recreates groups_pair, sentences and entities, deletes the newer versions
	Version  int    // the schema version after Downgrade.SQL
	Latest   int    // the schema version after migrating again
	Rebind   func(string) string
	Reopen   func(t *testing.T) store.Store
	Article  func(ctx context.Context, s store.Store, docID string) (pipeline.Doc, error)
	Database func(s store.Store) *sql.DB
}

// TestMigrate writes a store, takes it back to the old schema (the
// sentences and entities of its first articles in their tables, no dyad
// summary), opens it again and checks that the migrations rebuilt the
// article lists as Write makes them and a dyad summary that answers as
// the event table does.
func TestMigrate(t *testing.T, s store.Store, d Downgrade) {
	ctx := context.Background()
	arts := CodeTexts(t, string(demo.Seed), CopyOfSeed())
	write(t, s, arts...) // ids 1 and 2
	DyadCorpus(t, s, 1, true)
	db := d.Database(s)
	lists := map[int64][2][]byte{}
	if err := sqlstore.EachRow(ctx, db, `SELECT id, sentence_list, entity_list FROM articles`, func(r *sql.Rows) error {
		var id int64
		var sl, el []byte
		if err := r.Scan(&id, &sl, &el); err != nil {
			return err
		}
		lists[id] = [2][]byte{sl, el}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, d.SQL); err != nil {
		t.Fatalf("downgrading: %v", err)
	}
	for i, a := range arts {
		id := int64(i + 1)
		for k, sp := range a.Sentences {
			if _, err := db.ExecContext(ctx, d.Rebind(`INSERT INTO sentences (article_id, idx, start_off, end_off) VALUES (?, ?, ?, ?)`), id, k, sp.Start, sp.End); err != nil {
				t.Fatal(err)
			}
		}
		for k, e := range a.Doc.Entities {
			if _, err := db.ExecContext(ctx, d.Rebind(`INSERT INTO entities (article_id, idx, text, type, start_off, end_off, code) VALUES (?, ?, ?, ?, ?, ?, ?)`),
				id, k, e.Text, e.Type, e.Start, e.End, e.Code); err != nil {
				t.Fatal(err)
			}
		}
	}
	var v int
	if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&v); err != nil || v != d.Version {
		t.Fatalf("downgraded to version %d (%v), want %d", v, err, d.Version)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = d.Reopen(t)
	defer s.Close()
	db = d.Database(s)
	if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&v); err != nil || v != d.Latest {
		t.Fatalf("migrated to version %d (%v), want %d", v, err, d.Latest)
	}
	n := 0
	if err := sqlstore.EachRow(ctx, db, `SELECT id, sentence_list, entity_list FROM articles`, func(r *sql.Rows) error {
		var id int64
		var sl, el []byte
		if err := r.Scan(&id, &sl, &el); err != nil {
			return err
		}
		want := lists[id]
		if id > int64(len(arts)) {
			want = [2][]byte{} // no rows in the old tables
		}
		if !bytes.Equal(sl, want[0]) || !bytes.Equal(el, want[1]) {
			return fmt.Errorf("article %d: lists %x %x, want %x %x", id, sl, el, want[0], want[1])
		}
		n++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != len(lists) || len(arts[0].Sentences) == 0 || len(arts[0].Doc.Entities) == 0 {
		t.Fatalf("%d articles after migrating, %d before; %d sentences, %d entities", n, len(lists), len(arts[0].Sentences), len(arts[0].Doc.Entities))
	}
	doc, err := d.Article(ctx, s, arts[0].Doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc.Entities, arts[0].Doc.Entities) {
		t.Fatalf("entities after migrating:\n%+v\nwant\n%+v", doc.Entities, arts[0].Doc.Entities)
	}
	CheckDyadPaths(t, s)
	DyadCorpus(t, s, 2, true) // more articles, whose events join stored groups
	CheckDyadPaths(t, s)
}
