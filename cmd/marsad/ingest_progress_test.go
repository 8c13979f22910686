package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/marsad/marsad/internal/store/sqlite"
)

// TestIngestProgressReaches100: after the last article of a JSON Lines
// file, of a directory of texts and of both, the bar stands at 100%
// (it stopped at about 81% on JSON Lines when it counted text bytes).
func TestIngestProgressReaches100(t *testing.T) {
	slice := filepath.Join("..", "..", "testdata", "ant_slice.jsonl")
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", []byte(sisiArticle))
	writeFile(t, dir, "b.txt", []byte("زار وزير الخارجية التركي موسكو.\n"))
	writeFile(t, filepath.Join(dir, "sub"), "c.html", []byte("<html><body><p>"+sisiSentence+"</p></body></html>"))
	cases := []struct {
		name, input string
		args        []string
	}{
		{"jsonl", "jsonl", []string{slice}},
		{"jsonl auto", "auto", []string{slice}},
		{"directory", "auto", []string{dir}},
		{"both", "auto", []string{dir, slice}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			p, err := newPipeline(codeOptions{noNER: true})
			if err != nil {
				t.Fatal(err)
			}
			st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			run, err := st.BeginRun(ctx, "test")
			if err != nil {
				t.Fatal(err)
			}
			var bar bytes.Buffer
			plan := planInputs(c.args, c.input)
			if plan.total <= 0 {
				t.Fatalf("plan total %d", plan.total)
			}
			prog := newProgressBar(&bar, plan)
			o := ingestOptions{code: codeOptions{input: c.input, workers: 2}, batch: 100}
			tot, err := ingest(ctx, p, st, run, o, c.args, ingestIO{nil, &bytes.Buffer{}}, prog)
			if err != nil {
				t.Fatal(err)
			}
			if tot.read == 0 {
				t.Fatal("nothing read")
			}
			if got := prog.percent(); got != 1 {
				t.Errorf("after %d articles the bar stands at %.1f%%, want 100%%", tot.read, 100*got)
			}
		})
	}
}

func TestCountRecords(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, data, format string
		want               int
	}{
		{"x.jsonl", "{}\n{}\n\n{}\n", "auto", 4},
		{"y.jsonl", "{}\n{}", "auto", 2},
		{"z.txt", "{}\n{}\n", "jsonl", 2},
		{"t.txt", "plain\ntext\n", "auto", 0},
		{"r.xml", "<DOC>\n<DOCNO>1</DOCNO></DOC>\n<DOC>\n<DOCNO>2</DOCNO></DOC>\n", "auto", 2},
	}
	for _, c := range cases {
		path := writeFile(t, dir, c.name, []byte(c.data))
		if got := countRecords(path, c.format); got != c.want {
			t.Errorf("%s (--input %s): %d records, want %d", c.name, c.format, got, c.want)
		}
	}
}
