package server_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/read"
	"github.com/marsad/marsad/internal/store"
	"github.com/marsad/marsad/internal/store/sqlite"
	"github.com/marsad/marsad/internal/store/sqlstore"
)

// oneArticleStore is a fresh store holding one coded article.
func oneArticleStore(t *testing.T, id, text string) *sqlstore.DB {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "one.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	lex, err := pipeline.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	art, err := extract.Extract(read.RawDoc{URI: id + ".txt", ID: id, Format: read.FormatText, Data: []byte(text), FetchedAt: time.Now()}, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	art.ID = id
	run, err := st.BeginRun(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Write(ctx, run, []store.Article{store.NewArticle(pipeline.New(lex).Code(&art), art.PublishedAt)}); err != nil {
		t.Fatal(err)
	}
	return st
}

var testDir string

// tempDir is a directory for the demo database that lives as long as the
// test binary (the database is shared by the tests); TestMain removes it.
func tempDir() (string, error) {
	d, err := os.MkdirTemp("", "marsad-server-test-")
	testDir = d
	return d, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if testDir != "" {
		os.RemoveAll(testDir)
	}
	os.Exit(code)
}
