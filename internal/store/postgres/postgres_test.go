package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/store"
	"github.com/marsad/marsad/internal/store/sqlstore"
	"github.com/marsad/marsad/internal/store/storetest"
)

// testDSN is the server the tests use: MARSAD_POSTGRES, else the local
// test database.
func testDSN() string {
	if d := os.Getenv(EnvDSN); d != "" {
		return d
	}
	return "postgres://root@127.0.0.1:5432/test?sslmode=disable"
}

// openTest opens a store in a fresh schema dropped at the end of the test;
// it skips when the server is down, except in CI.
func openTest(t *testing.T) store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	schema := "marsad_test_" + hex.EncodeToString(b)
	s, err := Open(ctx, testDSN(), Options{Schema: schema})
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("postgres: %v", err)
		}
		t.Skipf("postgres not available: %v", err)
	}
	t.Cleanup(func() {
		if err := DropSchema(context.Background(), testDSN(), schema); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, openTest)
}

var _ storetest.DyadPaths = (*sqlstore.DB)(nil)

// TestMigrate takes a store back to schema 3 (no dyad summary, sentences
// and entities in their tables) and opens it again: the migrations to
// schema 6 fill the summary and the article lists.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var schema string
	if err := s.(*sqlstore.DB).SQL().QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	storetest.TestMigrate(t, s, storetest.Downgrade{
		SQL: `DROP TABLE dyad_sums;
CREATE INDEX groups_pair ON event_groups(source_code, target_code, quad, goldstein, mentions);
CREATE TABLE sentences (
  article_id BIGINT NOT NULL, idx BIGINT NOT NULL, start_off BIGINT NOT NULL, end_off BIGINT NOT NULL,
  PRIMARY KEY (article_id, idx));
CREATE TABLE entities (
  article_id BIGINT NOT NULL, idx BIGINT NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
  start_off BIGINT NOT NULL, end_off BIGINT NOT NULL, code TEXT NOT NULL,
  PRIMARY KEY (article_id, idx));
ALTER TABLE articles DROP COLUMN sentence_list;
ALTER TABLE articles DROP COLUMN entity_list;
DELETE FROM schema_version WHERE version > 3`,
		Version: 3,
		Latest:  6,
		Rebind:  sqlstore.Rebind,
		Reopen: func(t *testing.T) store.Store {
			db, err := Open(ctx, testDSN(), Options{Schema: schema})
			if err != nil {
				t.Fatal(err)
			}
			return db
		},
		Article: func(ctx context.Context, s store.Store, id string) (pipeline.Doc, error) {
			return s.(*sqlstore.DB).Article(ctx, id)
		},
		Database: func(s store.Store) *sql.DB { return s.(*sqlstore.DB).SQL() },
	})
}
