package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/store"
	"github.com/marsad/marsad/internal/store/sqlstore"
	"github.com/marsad/marsad/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "m.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestSchemaVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "m.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != 7 {
		t.Fatalf("schema version %d, want 7", v)
	}
	if _, err := s.SQL().ExecContext(ctx, `INSERT INTO schema_version (version, applied) VALUES (99, 'future')`); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, path); !errors.Is(err, store.ErrSchema) {
		t.Fatalf("opening a newer schema: %v, want ErrSchema", err)
	}
}

// TestCreateIsWhole checks that a new store file has its 16 KiB pages and
// WAL mode from the moment it exists (it is made under another name), and
// that no temporary file is left beside it.
func TestCreateIsWhole(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	if err := create(ctx, path); err != nil {
		t.Fatal(err)
	}
	if err := create(ctx, path); err != nil { // made meanwhile by another: kept
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var page int
	var mode string
	if err := s.SQL().QueryRowContext(ctx, `SELECT (SELECT page_size FROM pragma_page_size), (SELECT journal_mode FROM pragma_journal_mode)`).Scan(&page, &mode); err != nil {
		t.Fatal(err)
	}
	if page != 16384 || mode != "wal" {
		t.Fatalf("page size %d, journal mode %s; want 16384, wal", page, mode)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if n := e.Name(); n != "m.db" && n != "m.db-wal" && n != "m.db-shm" {
			t.Errorf("file %s left beside the store", n)
		}
	}
}

var _ storetest.DyadPaths = (*sqlstore.DB)(nil)

// TestMigrate takes a store back to schema 4 (no dyad summary, sentences
// and entities in their tables) and opens it again: the migrations to
// schema 7 fill the summary and the article lists.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	open := func(t *testing.T) store.Store {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	storetest.TestMigrate(t, open(t), storetest.Downgrade{
		SQL: `DROP TABLE dyad_sums;
CREATE INDEX groups_pair ON event_groups(source_code, target_code, quad, goldstein, mentions);
CREATE TABLE sentences (
  article_id INTEGER NOT NULL, idx INTEGER NOT NULL, start_off INTEGER NOT NULL, end_off INTEGER NOT NULL,
  PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
CREATE TABLE entities (
  article_id INTEGER NOT NULL, idx INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
  start_off INTEGER NOT NULL, end_off INTEGER NOT NULL, code TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
ALTER TABLE articles DROP COLUMN sentence_list;
ALTER TABLE articles DROP COLUMN entity_list;
DELETE FROM schema_version WHERE version > 4`,
		Version: 4,
		Latest:  7,
		Rebind:  func(q string) string { return q },
		Reopen:  open,
		Article: func(ctx context.Context, s store.Store, id string) (pipeline.Doc, error) {
			return s.(*sqlstore.DB).Article(ctx, id)
		},
		Database: func(s store.Store) *sql.DB { return s.(*sqlstore.DB).SQL() },
	})
}
