package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xitongsys/parquet-go-source/local"
	"github.com/xitongsys/parquet-go/reader"
)

// TestParquetExportReadByAnotherLibrary writes the Parquet export with
// parquet-go/parquet-go and reads it back with xitongsys/parquet-go.
func TestParquetExportReadByAnotherLibrary(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "m.db"), filepath.Join(dir, "events.parquet")
	if r := runCLI(t, "", "ingest", "--db", db, "--quiet", "--input", "jsonl", filepath.Join("..", "..", "testdata", "ant_slice.jsonl")); r.err != nil {
		t.Fatal(r.err)
	}
	want := statsOf(t, db).Events
	if r := runCLI(t, "", "export", "--db", db, "--format", "parquet", "--out", out); r.err != nil {
		t.Fatal(r.err)
	}
	fr, err := local.NewLocalFileReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer fr.Close()
	pr, err := reader.NewParquetColumnReader(fr, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer pr.ReadStop()
	if got := int(pr.GetNumRows()); got != want || want == 0 {
		t.Fatalf("%d rows read back, want %d events", got, want)
	}
	path := ""
	for _, c := range pr.SchemaHandler.ValueColumns {
		if strings.HasSuffix(strings.ToLower(c), "event_code") {
			path = c
		}
	}
	if path == "" {
		t.Fatalf("no event_code column in %q", pr.SchemaHandler.ValueColumns)
	}
	codes, _, _, err := pr.ReadColumnByPath(path, int64(want))
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != want {
		t.Fatalf("%d event codes, want %d", len(codes), want)
	}
	for i, c := range codes {
		s, ok := c.(string)
		if !ok || len(s) < 3 {
			t.Fatalf("row %d: event code %v (%T)", i, c, c)
		}
	}
}
