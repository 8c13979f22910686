package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/marsad/marsad/internal/store/postgres"
)

// needServers returns the NATS URL and a PostgreSQL DSN on a fresh schema,
// skipping when a server is down, except in CI.
func needServers(t *testing.T) (natsURL, dsn string) {
	t.Helper()
	down := func(what string, err error) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: %v", what, err)
		}
		t.Skipf("%s not available: %v", what, err)
	}
	natsURL = "nats://127.0.0.1:4222"
	nc, err := nats.Connect(natsURL, nats.Timeout(3*time.Second))
	if err != nil {
		down("NATS", err)
	}
	nc.Close()
	base := os.Getenv(postgres.EnvDSN)
	if base == "" {
		base = "postgres://root@127.0.0.1:5432/test?sslmode=disable"
	}
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	schema := "marsad_worker_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := postgres.Open(ctx, base, postgres.Options{Schema: schema})
	if err != nil {
		down("postgres", err)
	}
	s.Close()
	t.Cleanup(func() {
		if err := postgres.DropSchema(context.Background(), base, schema); err != nil {
			t.Error(err)
		}
	})
	return natsURL, base + "&search_path=" + schema
}

// TestTwoWorkersOneKilled publishes a corpus, codes it with two workers,
// kills one with SIGKILL mid-run, and checks that every article was stored
// exactly once with the events of a clean local ingest.
func TestTwoWorkersOneKilled(t *testing.T) {
	natsURL, dsn := needServers(t)
	corpus := bigCorpus(t, 1500)
	clean := filepath.Join(t.TempDir(), "clean.db")
	if r := runCLI(t, "", "ingest", "--db", clean, "--quiet", "--input", "jsonl", corpus); r.err != nil {
		t.Fatal(r.err)
	}
	want := statsOf(t, clean)
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	subject := "marsad.test." + hex.EncodeToString(b)
	t.Cleanup(func() {
		nc, err := nats.Connect(natsURL)
		if err != nil {
			return
		}
		defer nc.Close()
		if js, err := jetstream.New(nc); err == nil {
			js.DeleteStream(context.Background(), streamName(subject))
		}
	})
	if r := runCLI(t, "", "ingest", "--nats", natsURL, "--subject", subject, "--input", "jsonl", corpus); r.err != nil {
		t.Fatalf("publish: %v %s", r.err, r.stderr)
	}
	worker := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "worker", "--nats", natsURL, "--subject", subject, "--postgres", dsn,
			"--batch", "25", "--ack-wait", "2s", "--exit-when-idle", "5s")
		cmd.Env = append(os.Environ(), "MARSAD_TEST_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	victim, survivor := worker(), worker()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if s := statsOf(t, dsnFlag(dsn)); s.Articles > 100 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("workers stored nothing in 60s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := victim.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := victim.Wait(); err == nil {
		t.Fatal("the killed worker exited cleanly: it had finished, the test proves nothing")
	}
	if err := survivor.Wait(); err != nil {
		t.Fatalf("surviving worker: %v", err)
	}
	got := statsOf(t, dsnFlag(dsn))
	if got.Articles != want.Articles || got.Events != want.Events || got.Mentions != want.Mentions {
		t.Fatalf("after two workers, one killed: %+v; a clean local ingest: %+v", got, want)
	}
}
