package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver, to check the worker's store
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, to check the file as it is

	"github.com/marsad/marsad/internal/query"
)

// The crash tests kill `marsad ingest` and `marsad worker` with SIGKILL at
// random points, again and again on the same store, then let a last run
// finish, and check after every kill that the store opens and is whole
// and at the end that it holds exactly what a clean run stores.
//
//	MARSAD_CRASH_RUNS  kills per test (default 3; issue 13 asks for 20)
//	MARSAD_CRASH_SEED  seed of the kill points (default: from the clock; logged)
//	MARSAD_CRASH_ARTICLES  articles of the corpus (default 1500)
//	MARSAD_ANT         the ANT corpus (default ../../../shared/data/corpus/ant.jsonl;
//	                   when missing, articles made from testdata/ant_slice.jsonl)

// crashEnv returns the integer in environment variable name, or def.
func crashEnv(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q: want a whole number", name, v)
	}
	return n
}

// crashRand returns the seeded generator of the kill points, logging the
// seed so that a failure can be replayed.
func crashRand(t *testing.T) *mrand.Rand {
	t.Helper()
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("MARSAD_CRASH_SEED"); v != "" {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("MARSAD_CRASH_SEED=%q: %v", v, err)
		}
		seed = s
	}
	t.Logf("MARSAD_CRASH_SEED=%d", seed)
	return mrand.New(mrand.NewPCG(seed, 13))
}

// crashCorpus writes the first n articles of the ANT corpus (with its
// exact duplicates) to a file, or n articles made from the slice in
// testdata when the corpus is not there.
func crashCorpus(t *testing.T, n int) string {
	t.Helper()
	path := os.Getenv("MARSAD_ANT")
	if path == "" {
		path = filepath.Join("..", "..", "..", "shared", "data", "corpus", "ant.jsonl")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Logf("ANT corpus not found (%v): %d articles made from testdata/ant_slice.jsonl", err, n)
		return bigCorpus(t, n)
	}
	defer f.Close()
	var b bytes.Buffer
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for k := 0; k < n && sc.Scan(); k++ {
		b.Write(sc.Bytes())
		b.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("the first %d articles of %s", n, path)
	return writeFile(t, t.TempDir(), "ant.jsonl", b.Bytes())
}

// startMarsad starts the test binary as `marsad args...`; its output goes
// to out.
func startMarsad(t *testing.T, out *bytes.Buffer, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "MARSAD_TEST_MAIN=1")
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// errKilled is what waitOrKilled returns for a process killed by SIGKILL.
var errKilled = errors.New("killed by SIGKILL")

// waitOrKilled waits for cmd: nil when it exited with 0, errKilled when
// SIGKILL ended it, else the error.
func waitOrKilled(cmd *exec.Cmd) error {
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
		return errKilled
	}
	return err
}

// kill sends SIGKILL and reaps the process; it reports whether the process
// was still running (false: it had finished on its own).
func kill(t *testing.T, cmd *exec.Cmd) bool {
	t.Helper()
	cmd.Process.Signal(syscall.SIGKILL) // an error: it has exited, Wait says how
	switch err := waitOrKilled(cmd); err {
	case errKilled:
		return true
	case nil:
		return false
	default:
		t.Fatalf("%v failed before the kill: %v", cmd.Args, err)
		return false
	}
}

// storeInvariants are queries that count what would be wrong in a store
// (each must give 0), on SQLite and PostgreSQL alike.
var storeInvariants = []struct{ what, sql string }{
	{"content hashes stored twice", `SELECT COUNT(*) FROM (SELECT hash FROM articles GROUP BY hash HAVING COUNT(*) > 1) d`},
	{"event mentions stored twice", `SELECT COUNT(*) FROM (SELECT article_id, idx FROM events GROUP BY article_id, idx HAVING COUNT(*) > 1) d`},
	{"events whose article is missing", `SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.article_id)`},
	{"events whose group is missing", `SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_groups g WHERE g.id = e.group_id)`},
	{"articles whose story is missing", `SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)`},
	{"articles whose event count is wrong", `SELECT COUNT(*) FROM articles a WHERE a.events <> (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)`},
	{"stories whose article count is wrong", `SELECT COUNT(*) FROM stories s WHERE s.articles <> (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)`},
	{"events (groups) whose mentions are wrong", `SELECT COUNT(*) FROM event_groups g WHERE g.mentions <> (SELECT COUNT(*) FROM events e WHERE e.group_id = g.id)`},
	{"events (groups) whose articles are wrong", `SELECT COUNT(*) FROM event_groups g WHERE g.articles <> (SELECT COUNT(DISTINCT e.article_id) FROM events e WHERE e.group_id = g.id)`},
	{"events (groups) whose sources are wrong", `SELECT COUNT(*) FROM event_groups g WHERE g.sources <> (SELECT COUNT(DISTINCT e.story_id) FROM events e WHERE e.group_id = g.id)`},
	{"events (groups) whose source stories are wrong", `SELECT COUNT(*) FROM event_groups g WHERE g.sources <> (SELECT COUNT(*) FROM group_stories s WHERE s.group_id = g.id)`},
	{"events (groups) with no mention", `SELECT COUNT(*) FROM event_groups g WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.group_id = g.id)`},
	{"pairs whose dyad summary is wrong", `SELECT COUNT(*) FROM (SELECT source_code, target_code, COUNT(*) AS n, SUM(mentions) AS m,
SUM(CASE WHEN quad IN (1, 2) THEN 1 ELSE 0 END) AS c, SUM(CASE WHEN quad IN (3, 4) THEN 1 ELSE 0 END) AS k
FROM event_groups GROUP BY source_code, target_code) x WHERE NOT EXISTS (SELECT 1 FROM dyad_sums s WHERE s.level = 0 AND s.period = ''
AND s.source_code = x.source_code AND s.target_code = x.target_code AND s.events = x.n AND s.mentions = x.m AND s.cooperation = x.c AND s.conflict = x.k)`},
	{"dyad summary pairs with no event", `SELECT COUNT(*) FROM dyad_sums s WHERE NOT EXISTS (SELECT 1 FROM event_groups g WHERE g.source_code = s.source_code AND g.target_code = s.target_code)`},
	{"dyad summary levels whose totals are wrong", `SELECT COUNT(*) FROM (SELECT level, SUM(events) AS n, SUM(mentions) AS m FROM dyad_sums WHERE level IN (1, 2, 3) GROUP BY level) x
WHERE x.n + (SELECT COALESCE(SUM(events), 0) FROM dyad_sums WHERE level = 4) <> (SELECT COUNT(*) FROM event_groups WHERE day <> '')
OR x.m + (SELECT COALESCE(SUM(mentions), 0) FROM dyad_sums WHERE level = 4) <> (SELECT COALESCE(SUM(mentions), 0) FROM event_groups WHERE day <> '')`},
}

// checkStore fails the test when db breaks an invariant; on SQLite it
// also runs PRAGMA integrity_check and FTS5's integrity check, and
// counts one full-text row per article. It reports whether the store has
// its tables (false: a new file killed before its first migration).
func checkStore(t *testing.T, db *sql.DB, sqlite bool) bool {
	t.Helper()
	ctx := context.Background()
	if sqlite {
		rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
		if err != nil {
			t.Fatalf("integrity_check: %v", err)
		}
		var msgs []string
		for rows.Next() {
			var m string
			if err := rows.Scan(&m); err != nil {
				t.Fatal(err)
			}
			msgs = append(msgs, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if len(msgs) != 1 || msgs[0] != "ok" {
			t.Fatalf("PRAGMA integrity_check: %q", msgs)
		}
		var page, tables int
		if err := db.QueryRowContext(ctx, `SELECT (SELECT page_size FROM pragma_page_size), (SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version')`).Scan(&page, &tables); err != nil {
			t.Fatal(err)
		}
		if page != 16384 {
			t.Errorf("page size %d, want the 16384 a new store is made with", page)
		}
		if tables == 0 {
			// killed before the first migration was committed: the file
			// is a fresh empty store, migrated when opened
			return false
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`); err != nil {
			t.Fatalf("FTS5 integrity-check: %v", err)
		}
		var fts, arts int
		if err := db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM articles_fts), (SELECT COUNT(*) FROM articles)`).Scan(&fts, &arts); err != nil {
			t.Fatal(err)
		}
		if fts != arts {
			t.Errorf("%d full-text rows for %d articles", fts, arts)
		}
	}
	for _, c := range storeInvariants {
		var n int
		if err := db.QueryRowContext(ctx, c.sql).Scan(&n); err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if n != 0 {
			t.Errorf("%d %s", n, c.what)
		}
	}
	return true
}

// storeDigest sums up what a store holds independently of ids and of the
// order articles were written in: the content hashes, and every event
// (source, target, CAMEO code, day) with its mentions, articles and
// sources.
func storeDigest(t *testing.T, db *sql.DB) string {
	t.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT hash FROM articles ORDER BY hash`,
		`SELECT gkey || ' ' || CAST(mentions AS TEXT) || ' ' || CAST(articles AS TEXT) || ' ' || CAST(sources AS TEXT) FROM event_groups ORDER BY gkey`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// openSQLite opens a store file as it is (as a reader would after a
// crash: SQLite recovers the WAL), without Marsad's migrations.
func openSQLite(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=rw&_pragma=busy_timeout(10000)") // rw: never create it
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// checkSQLiteFile checks a store file and returns its digest and stats; a
// file that is not there yet (a run killed before it made one) has none.
func checkSQLiteFile(t *testing.T, path string) (string, query.Stats) {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return "", query.Stats{}
	}
	db := openSQLite(t, path)
	defer db.Close()
	if !checkStore(t, db, true) {
		return "", query.Stats{}
	}
	d := storeDigest(t, db)
	return d, statsOf(t, path)
}

// sameCounts fails unless got and want count the same (runs aside).
func sameCounts(t *testing.T, what string, got, want query.Stats) {
	t.Helper()
	got.Runs, want.Runs = 0, 0
	if got != want {
		t.Fatalf("%s: %+v, a clean run: %+v", what, got, want)
	}
}

// TestIngestCrashes kills `marsad ingest --db F` at random moments,
// MARSAD_CRASH_RUNS times on the same file, then ingests again to the end.
func TestIngestCrashes(t *testing.T) {
	runs := crashEnv(t, "MARSAD_CRASH_RUNS", 3)
	corpus := crashCorpus(t, crashEnv(t, "MARSAD_CRASH_ARTICLES", 1500))
	r := crashRand(t)
	dir := t.TempDir()
	clean, crashed := filepath.Join(dir, "clean.db"), filepath.Join(dir, "crashed.db")

	var out bytes.Buffer
	start := time.Now()
	cmd := startMarsad(t, &out, "ingest", "--db", clean, "--quiet", "--input", "jsonl", corpus)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, out.String())
	}
	took := time.Since(start)
	wantDigest, want := checkSQLiteFile(t, clean)
	t.Logf("clean ingest: %s %+v", took.Round(time.Millisecond), want)

	// the number of articles in the file being written (-1 before the
	// ingest has made its tables)
	var reader *sql.DB
	defer func() {
		if reader != nil {
			reader.Close()
		}
	}()
	stored := func() int {
		if reader == nil {
			if _, err := os.Stat(crashed); err != nil {
				return -1
			}
			reader = openSQLite(t, crashed)
		}
		var n int
		if err := reader.QueryRow(`SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
			return -1
		}
		return n
	}
	killed := 0
	for i := range runs {
		// a fifth of the runs are killed at a random moment before the
		// articles stored already are coded again (starting, or coding
		// and skipping them); the others up to 10 ms after the file holds a
		// random number of articles more than before, at most its share
		// of what is left (a run writes a few batches more before it
		// dies): while a batch is coded or written.
		// Batches of 10 to 250 articles.
		s0 := max(stored(), 0)
		target, jitter := -1, time.Duration(r.Int64N(int64(took)*int64(s0)/int64(want.Articles)+int64(took/10)))
		if r.IntN(5) != 0 {
			left := max(want.Articles-s0-1, 0)
			target = min(s0+1+int(r.Float64()*float64(left)/float64(runs-i)), want.Articles-1)
			jitter = time.Duration(r.Int64N(int64(10 * time.Millisecond)))
		}
		batch := []string{"10", "50", "100", "250"}[r.IntN(4)]
		out.Reset()
		cmd := startMarsad(t, &out, "ingest", "--db", crashed, "--quiet", "--batch", batch, "--input", "jsonl", corpus)
		exited := make(chan error, 1)
		go func() { exited <- waitOrKilled(cmd) }()
		alive := true
	poll:
		for stored() < target {
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("run %d: ingest: %v\n%s", i+1, err, out.String())
				}
				alive = false
				break poll
			case <-time.After(2 * time.Millisecond):
			}
		}
		if alive {
			select {
			case err := <-exited:
				if err != nil {
					t.Fatalf("run %d: ingest: %v\n%s", i+1, err, out.String())
				}
				alive = false
			case <-time.After(jitter):
				cmd.Process.Signal(syscall.SIGKILL)
				if err := <-exited; err != errKilled {
					// it finished as the signal was sent
					alive = false
				}
			}
		}
		if alive {
			killed++
		}
		if reader != nil {
			reader.Close()
			reader = nil
		}
		_, part := checkSQLiteFile(t, crashed)
		t.Logf("run %d: --batch %s, SIGKILL at %d articles + %s (still running: %v): %d articles, %d mentions", i+1, batch, target, jitter.Round(time.Millisecond), alive, part.Articles, part.Mentions)
		if part.Articles > want.Articles || part.Mentions > want.Mentions {
			t.Fatalf("after run %d the store holds more than a clean run: %+v, clean %+v", i+1, part, want)
		}
	}
	out.Reset()
	cmd = startMarsad(t, &out, "ingest", "--db", crashed, "--quiet", "--input", "jsonl", corpus)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("final ingest: %v\n%s", err, out.String())
	}
	t.Logf("final ingest: %s", strings.TrimSpace(out.String()))
	gotDigest, got := checkSQLiteFile(t, crashed)
	sameCounts(t, fmt.Sprintf("after %d kills (%d while running) and a last ingest", runs, killed), got, want)
	if gotDigest != wantDigest {
		t.Fatalf("after %d kills the articles or events (mentions, articles, sources) differ from a clean run's", runs)
	}
	if runs > 0 && killed == 0 {
		t.Errorf("no run was killed while running: the test proved nothing")
	}
}

// TestWorkerCrashes publishes a corpus to a fresh work queue, then starts
// `marsad worker` on a fresh PostgreSQL schema and kills it at a random
// point of the stream, MARSAD_CRASH_RUNS times, before a last worker drains
// the queue; the store must equal a clean local ingest.
func TestWorkerCrashes(t *testing.T) {
	natsURL, dsn := needServers(t)
	runs := crashEnv(t, "MARSAD_CRASH_RUNS", 3)
	corpus := crashCorpus(t, crashEnv(t, "MARSAD_CRASH_ARTICLES", 1500))
	r := crashRand(t)
	clean := filepath.Join(t.TempDir(), "clean.db")
	if res := runCLI(t, "", "ingest", "--db", clean, "--quiet", "--input", "jsonl", corpus); res.err != nil {
		t.Fatal(res.err)
	}
	wantDigest, want := checkSQLiteFile(t, clean)

	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	subject := "marsad.crash." + hex.EncodeToString(b)
	nc, err := nats.Connect(natsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { js.DeleteStream(context.Background(), streamName(subject)) })
	if res := runCLI(t, "", "ingest", "--nats", natsURL, "--subject", subject, "--input", "jsonl", corpus); res.err != nil {
		t.Fatalf("publish: %v %s", res.err, res.stderr)
	}
	pg, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	stored := func() int {
		var n int
		if err := pg.QueryRow(`SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
			return -1 // not migrated yet
		}
		return n
	}
	workerArgs := []string{"worker", "--nats", natsURL, "--subject", subject, "--postgres", dsn, "--batch", "25", "--ack-wait", "2s"}
	var out bytes.Buffer
	killed := 0
	for i := range runs {
		// kill once the store holds a random share of the corpus, spread
		// over the runs, plus up to 100 ms: inside a batch's coding or
		// its transaction
		target := int(float64(want.Articles) * (float64(i) + r.Float64()) / float64(runs))
		jitter := time.Duration(r.Int64N(int64(100 * time.Millisecond)))
		out.Reset()
		cmd := startMarsad(t, &out, workerArgs...)
		deadline := time.Now().Add(60 * time.Second)
		for stored() < target {
			if time.Now().After(deadline) {
				kill(t, cmd)
				t.Fatalf("run %d: the worker stored %d of %d articles in 60 s\n%s", i+1, stored(), target, out.String())
			}
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(jitter)
		if kill(t, cmd) {
			killed++
		} else {
			t.Fatalf("run %d: the worker exited on its own\n%s", i+1, out.String())
		}
		checkStore(t, pg, false)
		part := statsOf(t, dsnFlag(dsn))
		t.Logf("run %d: SIGKILL at %d articles + %s: %d articles, %d mentions stored", i+1, target, jitter.Round(time.Millisecond), part.Articles, part.Mentions)
		if part.Articles > want.Articles || part.Mentions > want.Mentions {
			t.Fatalf("after run %d the store holds more than a clean run: %+v, clean %+v", i+1, part, want)
		}
	}
	out.Reset()
	cmd := startMarsad(t, &out, append(workerArgs, "--exit-when-idle", "5s")...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("last worker: %v\n%s", err, out.String())
	}
	t.Logf("last worker: %s", strings.TrimSpace(out.String()))
	checkStore(t, pg, false)
	got := statsOf(t, dsnFlag(dsn))
	sameCounts(t, fmt.Sprintf("after %d workers killed and a last one", killed), got, want)
	if d := storeDigest(t, pg); d != wantDigest {
		t.Fatalf("after %d workers killed the articles or events (mentions, articles, sources) differ from a clean local ingest's", killed)
	}
	s, err := js.Stream(context.Background(), streamName(subject))
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 0 {
		t.Errorf("%d articles left in the work queue", info.State.Msgs)
	}
}
