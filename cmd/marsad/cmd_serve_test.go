package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad/marsad/internal/demodb"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/server"
	"github.com/marsad/marsad/internal/store/sqlite"
)

// TestServeExport: /api/export writes what `marsad export` writes, in the
// three formats.
func TestServeExport(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lex, err := pipeline.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demodb.Load(ctx, pipeline.New(lex), st); err != nil {
		t.Fatal(err)
	}
	h := server.New(st, nil, server.Options{Exporters: exporters()})
	for _, c := range []struct{ format, prefix string }{{"parquet", "PAR1"}, {"csv", ""}, {"jsonl", "{"}} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/export?format="+c.format+"&country=SYR", nil))
		if rec.Code != http.StatusOK || rec.Body.Len() < 100 || !bytes.HasPrefix(rec.Body.Bytes(), []byte(c.prefix)) {
			t.Errorf("%s: status %d, %d bytes, starts %q", c.format, rec.Code, rec.Body.Len(), rec.Body.String()[:min(20, rec.Body.Len())])
		}
		if c.format == "csv" && !strings.Contains(rec.Body.String(), "SYR") {
			t.Errorf("csv export lacks SYR")
		}
	}
}
