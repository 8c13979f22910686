package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

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

// TestDyadSumsBackfill opens a store of schema 3 (no dyad summary) that
// holds events: the migration to schema 4 fills the summary, which then
// answers as the event table does, and keeps doing so as more is written.
func TestDyadSumsBackfill(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	db := s.(*sqlstore.DB)
	storetest.DyadCorpus(t, s, 1, true)
	var schema string
	if err := db.SQL().QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `DROP TABLE dyad_sums; CREATE INDEX groups_pair ON event_groups(source_code, target_code, quad, goldstein, mentions);
DELETE FROM schema_version WHERE version = 4`); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, testDSN(), Options{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.SchemaVersion(ctx); err != nil || v != 4 {
		t.Fatalf("schema version %d (%v), want 4", v, err)
	}
	storetest.CheckDyadPaths(t, db)
	storetest.DyadCorpus(t, db, 2, true) // more articles, whose events join stored groups
	storetest.CheckDyadPaths(t, db)
}
