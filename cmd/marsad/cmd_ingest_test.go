package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/query"
)

// TestMain lets the tests run the test binary as the marsad command (for
// kill -9), when MARSAD_TEST_MAIN is set.
func TestMain(m *testing.M) {
	if os.Getenv("MARSAD_TEST_MAIN") != "" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// dsnFlag marks a PostgreSQL DSN for statsOf.
func dsnFlag(dsn string) string { return "postgres:" + dsn }

// statsOf returns `marsad stats` of a SQLite file, or of dsnFlag(DSN).
func statsOf(t *testing.T, db string) query.Stats {
	t.Helper()
	args := []string{"stats", "--db", db, "--format", "json"}
	if dsn, ok := strings.CutPrefix(db, "postgres:"); ok {
		args = []string{"stats", "--postgres", dsn, "--format", "json"}
	}
	r := runCLI(t, "", args...)
	if r.err != nil {
		t.Fatalf("stats: %v %s", r.err, r.stderr)
	}
	var s query.Stats
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("stats output %q: %v", r.stdout, err)
	}
	for _, k := range []string{`"articles"`, `"stories"`, `"events"`, `"actors"`, `"places"`, `"runs"`} {
		if !strings.Contains(r.stdout, k) {
			t.Errorf("stats JSON lacks %s: %s", k, r.stdout)
		}
	}
	return s
}

func TestIngestIdempotentAndExports(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	slice := filepath.Join("..", "..", "testdata", "ant_slice.jsonl")
	first := runCLI(t, "", "ingest", "--db", db, "--quiet", "--input", "jsonl", slice)
	if first.err != nil {
		t.Fatalf("ingest: %v %s", first.err, first.stderr)
	}
	if first.stderr != "" {
		t.Errorf("--quiet ingest wrote to stderr: %q", first.stderr)
	}
	st := statsOf(t, db)
	if st.Articles == 0 || st.Events == 0 || st.Runs != 1 {
		t.Fatalf("after one ingest: %+v", st)
	}
	if !strings.Contains(first.stdout, fmt.Sprintf("%d new", st.Articles)) {
		t.Errorf("summary %q does not say %d new", first.stdout, st.Articles)
	}
	again := runCLI(t, "", "ingest", "--db", db, "--input", "jsonl", slice)
	if again.err != nil {
		t.Fatal(again.err)
	}
	if !strings.Contains(again.stdout, " 0 new,") {
		t.Fatalf("second ingest added articles: %s", again.stdout)
	}
	if st2 := statsOf(t, db); st2.Articles != st.Articles || st2.Events != st.Events || st2.Runs != 2 {
		t.Fatalf("after a second ingest %+v, want %+v with 2 runs", st2, st)
	}
	tests := []struct {
		format string
		rows   func(string) (int, error)
	}{
		{"csv", func(s string) (int, error) {
			recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
			if err != nil {
				return 0, err
			}
			if len(recs) == 0 || recs[0][0] != "GlobalEventID" || len(recs[0]) != len(eventCSVHeader) {
				return 0, fmt.Errorf("bad header %v", recs[:1])
			}
			return len(recs) - 1, nil
		}},
		{"jsonl", func(s string) (int, error) {
			n := 0
			sc := bufio.NewScanner(strings.NewReader(s))
			sc.Buffer(make([]byte, 1<<20), 1<<24)
			for sc.Scan() {
				var e query.Event
				if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
					return n, err
				}
				if e.CAMEO == "" || e.Mentions < 1 {
					return n, fmt.Errorf("bad event %s", sc.Text())
				}
				n++
			}
			return n, sc.Err()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			r := runCLI(t, "", "export", "--db", db, "--format", tt.format)
			if r.err != nil {
				t.Fatal(r.err)
			}
			n, err := tt.rows(r.stdout)
			if err != nil {
				t.Fatal(err)
			}
			if n != st.Events {
				t.Fatalf("%d rows, want %d events", n, st.Events)
			}
		})
	}
}

// bigCorpus writes n articles made from the ANT slice, each made unique.
func bigCorpus(t *testing.T, n int) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ant_slice.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := nonEmptyLines(string(data))
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		var m map[string]any
		if err := json.Unmarshal([]byte(lines[i%len(lines)]), &m); err != nil {
			t.Fatal(err)
		}
		m["id"] = fmt.Sprintf("%v-%d", m["id"], i)
		m["text"] = fmt.Sprintf("%v\n\nنسخة %d", m["text"], i/len(lines))
		line, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return writeFile(t, t.TempDir(), "big.jsonl", b.Bytes())
}

func TestIngestSurvivesKill9(t *testing.T) {
	corpus := bigCorpus(t, 4000)
	dir := t.TempDir()
	clean, killed := filepath.Join(dir, "clean.db"), filepath.Join(dir, "killed.db")
	if r := runCLI(t, "", "ingest", "--db", clean, "--quiet", "--input", "jsonl", corpus); r.err != nil {
		t.Fatal(r.err)
	}
	want := statsOf(t, clean)
	cmd := exec.Command(os.Args[0], "ingest", "--db", killed, "--batch", "50", "--quiet", "--input", "jsonl", corpus)
	cmd.Env = append(os.Environ(), "MARSAD_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// kill it once some batches are in, long before the end
	deadline := time.Now().Add(30 * time.Second)
	for {
		fi, err := os.Stat(killed + "-wal")
		if err == nil && fi.Size() > 2<<20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("ingest wrote nothing in 30s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("the ingest finished before it was killed: the test proves nothing")
	}
	part := statsOf(t, killed)
	if part.Articles == 0 || part.Articles >= want.Articles {
		t.Fatalf("killed ingest stored %d articles, want some of %d", part.Articles, want.Articles)
	}
	if r := runCLI(t, "", "ingest", "--db", killed, "--quiet", "--input", "jsonl", corpus); r.err != nil {
		t.Fatal(r.err)
	}
	got := statsOf(t, killed)
	got.Runs, want.Runs = 0, 0
	if got != want {
		t.Fatalf("after kill -9 and a second ingest %+v, clean run %+v", got, want)
	}
}
