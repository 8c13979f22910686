package main

import (
	"crypto/md5"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestCodeWorkersSameOutput: coding a sample of ANT on 1 and on 4 workers
// writes the same bytes (same md5), in input order, in both formats.
func TestCodeWorkersSameOutput(t *testing.T) {
	slice := filepath.Join("..", "..", "testdata", "ant_slice.jsonl")
	for _, format := range []string{"jsonl", "pretty"} {
		sums := map[string]string{}
		var one string
		for _, w := range []string{"1", "4"} {
			r := runCLI(t, "", "code", "--workers", w, "--format", format, "--input", "jsonl", slice)
			if r.err != nil {
				t.Fatalf("--workers %s: %v %s", w, r.err, r.stderr)
			}
			sums[w] = fmt.Sprintf("%x", md5.Sum([]byte(r.stdout)))
			if w == "1" {
				one = r.stdout
			}
		}
		if sums["1"] != sums["4"] {
			t.Errorf("--format %s: md5 %s with 1 worker, %s with 4", format, sums["1"], sums["4"])
		}
		if format == "jsonl" {
			docs := decodeDocs(t, one)
			if len(docs) < 500 {
				t.Fatalf("%d documents coded from the slice, want its 509", len(docs))
			}
		}
	}
}

func TestCodeWorkersFlagChecked(t *testing.T) {
	for _, w := range []string{"-5", "0"} {
		r := runCLI(t, sisiArticle, "code", "--workers", w)
		wantExitError(t, r.err, 2)
		if !strings.Contains(r.err.Error(), "--workers") {
			t.Errorf("--workers %s: error %q does not name the flag", w, r.err)
		}
		if r.stdout != "" {
			t.Errorf("--workers %s: wrote %q", w, r.stdout)
		}
	}
}
