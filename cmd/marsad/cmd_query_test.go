package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/marsad/marsad/internal/query"
)

// TestTimelineLimit: --limit keeps the latest periods in time order,
// --offset skips the latest ones (it was ignored).
func TestTimelineLimit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	slice := filepath.Join("..", "..", "testdata", "ant_slice.jsonl")
	if r := runCLI(t, "", "ingest", "--db", db, "--quiet", "--input", "jsonl", slice); r.err != nil {
		t.Fatal(r.err)
	}
	buckets := func(args ...string) []query.Bucket {
		t.Helper()
		r := runCLI(t, "", append([]string{"timeline", "--db", db, "--format", "jsonl", "--interval", "day"}, args...)...)
		if r.err != nil {
			t.Fatal(r.err)
		}
		var out []query.Bucket
		for _, l := range nonEmptyLines(r.stdout) {
			var b query.Bucket
			if err := json.Unmarshal([]byte(l), &b); err != nil {
				t.Fatal(err)
			}
			out = append(out, b)
		}
		return out
	}
	all := buckets("--limit", "-1")
	if len(all) < 5 {
		t.Fatalf("%d days in the slice's timeline, want at least 5", len(all))
	}
	got := buckets("--limit", "3")
	if len(got) != 3 || got[0] != all[len(all)-3] || got[2] != all[len(all)-1] {
		t.Errorf("--limit 3: %v, want the latest three of %v", got, all)
	}
	got = buckets("--limit", "2", "--offset", "1")
	if len(got) != 2 || got[0] != all[len(all)-3] || got[1] != all[len(all)-2] {
		t.Errorf("--limit 2 --offset 1: %v, want the two before the latest", got)
	}
}
