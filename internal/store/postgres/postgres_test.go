package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/store"
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
