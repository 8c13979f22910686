package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/read"
)

// bigLineFile writes good, a JSON line longer than read.DefaultMaxBytes,
// and good again, and returns the path.
func bigLineFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mid.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(`{"id":"first","text":"` + sisiSentence + `"}` + "\n" + `{"id":"big","text":"`)
	chunk := strings.Repeat(sisiSentence+" ", 1000)
	for n := 0; int64(n) <= read.DefaultMaxBytes; n += len(chunk) {
		w.WriteString(chunk)
	}
	w.WriteString(`"}` + "\n" + `{"id":"last","text":"` + sisiSentence + `"}` + "\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBigLineBetweenGoodLines: a JSON line over the input limit between
// two good ones: the good ones are coded (or tagged), the big one is named
// by its line number, quickly, and the exit status is 1 — for code and
// for ner --format jsonl.
func TestBigLineBetweenGoodLines(t *testing.T) {
	path := bigLineFile(t)
	for _, args := range [][]string{{"code", "--input", "jsonl", path}, {"ner", "--format", "jsonl", path}} {
		t.Run(args[0], func(t *testing.T) {
			start := time.Now()
			r := runCLI(t, "", args...)
			if el := time.Since(start); el > 20*time.Second {
				t.Errorf("took %v", el)
			}
			wantExitError(t, r.err, 1)
			lines := nonEmptyLines(r.stdout)
			if len(lines) != 2 || !strings.Contains(lines[0], `"first"`) || !strings.Contains(lines[1], `"last"`) {
				t.Errorf("output has %d lines, want first and last:\n%.300s", len(lines), r.stdout)
			}
			if !strings.Contains(r.stderr, "mid.jsonl#2") || !strings.Contains(r.stderr, "16777216") {
				t.Errorf("stderr does not name line 2 and the limit:\n%s", r.stderr)
			}
		})
	}
}

// TestExplainInputLimit: explain reads at most read.DefaultMaxBytes of
// standard input, and a text over the pipeline's budget is refused.
func TestExplainInputLimit(t *testing.T) {
	big := strings.Repeat("ا", int(read.DefaultMaxBytes)/2+1)
	r := runCLI(t, big, "explain", "-")
	wantExitError(t, r.err, 1)
	if !errors.Is(r.err, read.ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", r.err)
	}
	r = runCLI(t, strings.Repeat(sisiSentence+"\n", 100000), "explain", "-") // 5 MB
	wantExitError(t, r.err, 1)
	if !strings.Contains(r.err.Error(), "budget") {
		t.Errorf("err = %v, want over the budget", r.err)
	}
}

// TestFlagRanges: a confidence outside [0, 1] and fewer than one worker
// are usage errors.
func TestFlagRanges(t *testing.T) {
	for _, args := range [][]string{
		{"code", "--min-confidence", "2", "-"},
		{"code", "--min-confidence", "-0.1", "-"},
		{"code", "--min-confidence", "NaN", "-"},
		{"eval", "events", "--gold", "x.jsonl", "--min-confidence", "2"},
		{"eval", "gsr", "--gold", "x.csv", "--min-confidence", "1.5"},
		{"bench", "--workers", "-5", "-"},
		{"bench", "--workers", "0", "-"},
		{"ingest", "--workers", "-5", "--db", filepath.Join(t.TempDir(), "x.db"), "-"},
	} {
		r := runCLI(t, sisiArticle, args...)
		if exitCode(r.err) != 2 {
			t.Errorf("marsad %s: exit %d (%v), want 2", strings.Join(args, " "), exitCode(r.err), r.err)
		}
	}
	r := runCLI(t, sisiArticle, "code", "--min-confidence", "1", "-")
	if r.err != nil {
		t.Errorf("--min-confidence 1: %v", r.err)
	}
}

// TestNEREmptyInput: like code, ner exits with status 1 on an empty input.
func TestNEREmptyInput(t *testing.T) {
	for _, format := range []string{"jsonl", "conll"} {
		r := runCLI(t, "", "ner", "--format", format)
		wantExitError(t, r.err, 1)
		if !errors.Is(r.err, read.ErrEmpty) {
			t.Errorf("%s: err = %v, want empty input", format, r.err)
		}
		r = runCLI(t, "\n\n", "ner", "--format", format, "-")
		wantExitError(t, r.err, 1)
	}
}

// TestFullDisk: output that cannot be written (/dev/full) is exit status
// 1 with an error saying so, not 2 (usage), and not 0.
func TestFullDisk(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	for _, args := range [][]string{{"code", "-"}, {"code", "--format", "pretty", "-"}, {"ner", "--format", "jsonl"}, {"explain", sisiSentence}} {
		root := newRootCommand()
		root.SetArgs(args)
		root.SetIn(strings.NewReader(sisiArticle))
		root.SetOut(&outputWriter{w: full, name: "standard output"})
		root.SetErr(io.Discard)
		err := root.ExecuteContext(context.Background())
		wantExitError(t, err, 1)
		if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "writing standard output") {
			t.Errorf("%v: err = %v, want no space left on the output", args, err)
		}
	}
}

// runMain runs the test binary as marsad (TestMain) through sh, so that
// the shell can close its standard input.
func runMain(t *testing.T, shell string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command("sh", append([]string{"-c", shell, os.Args[0]}, args...)...)
	cmd.Env = append(os.Environ(), "MARSAD_TEST_MAIN=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

// TestClosedStdin: a closed standard input is an error saying so, not
// «empty input», for code and ner; /dev/null is an empty input.
func TestClosedStdin(t *testing.T) {
	for _, args := range [][]string{{"code"}, {"ner", "--format", "jsonl"}} {
		_, stderr, code := runMain(t, `exec "$0" "$@" <&-`, args...)
		if code != 1 || !strings.Contains(stderr, "standard input is closed") {
			t.Errorf("%v with stdin closed: exit %d, %q", args, code, stderr)
		}
		_, stderr, code = runMain(t, `exec "$0" "$@" </dev/null`, args...)
		if code != 1 || !strings.Contains(stderr, "empty input") {
			t.Errorf("%v with stdin /dev/null: exit %d, %q", args, code, stderr)
		}
	}
}

// TestSignalFinishesLine: SIGTERM or SIGINT in the middle of a stream: the
// output ends with a whole JSON line, everything coded is flushed, and the
// exit status is 143 (SIGTERM) or 130 (SIGINT).
func TestSignalFinishesLine(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, 143}, {syscall.SIGINT, 130}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "code", "--input", "jsonl")
			cmd.Env = append(os.Environ(), "MARSAD_TEST_MAIN=1")
			in, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			outp, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// feed articles, more than a 64 KiB buffer of output, without end
			stopFeed := make(chan struct{})
			go func() {
				line := []byte(`{"id":"x","text":"` + strings.Repeat(sisiSentence+" ", 20) + `"}` + "\n")
				for {
					select {
					case <-stopFeed:
						in.Close()
						return
					default:
					}
					if _, err := in.Write(line); err != nil {
						return
					}
				}
			}()
			var out bytes.Buffer
			got := make(chan error, 1)
			go func() { _, err := io.Copy(&out, outp); got <- err }()
			time.Sleep(1500 * time.Millisecond)
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			<-got
			err = cmd.Wait()
			close(stopFeed)
			if code := cmd.ProcessState.ExitCode(); code != tc.code {
				t.Errorf("exit status %d (%v), want %d; stderr %s", code, err, tc.code, errb.String())
			}
			if out.Len() < 64<<10 {
				t.Fatalf("only %d bytes written before the signal", out.Len())
			}
			if !bytes.HasSuffix(out.Bytes(), []byte("\n")) {
				t.Errorf("the output ends in the middle of a line: …%q", out.Bytes()[max(0, out.Len()-80):])
			}
			decodeDocs(t, out.String()) // every line whole
		})
	}
}

// TestUniqueIDs: x/a.txt and y/a.txt of a directory get different ids, and
// every output line says where its article came from (uri).
func TestUniqueIDs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "x/a.txt", []byte(sisiArticle))
	writeFile(t, dir, "y/a.txt", []byte(sisiArticle))
	writeFile(t, dir, "b.jsonl", []byte(`{"text":"`+sisiSentence+`"}`+"\n"))
	r := runCLI(t, "", "code", dir)
	if r.err != nil {
		t.Fatal(r.err)
	}
	var ids, uris []string
	for _, d := range decodeDocs(t, r.stdout) {
		ids = append(ids, d.ID)
		var uri string
		if err := json.Unmarshal(d.raw["uri"], &uri); err != nil {
			t.Fatalf("no uri in %s", r.stdout)
		}
		uris = append(uris, uri)
	}
	if want := "b-1 x/a y/a"; strings.Join(ids, " ") != want {
		t.Errorf("ids %q, want %s", ids, want)
	}
	for i, want := range []string{"b.jsonl#1", "x/a.txt", "y/a.txt"} {
		if i >= len(uris) || uris[i] != filepath.Join(dir, filepath.FromSlash(want)) {
			t.Errorf("uri %d = %q, want %s", i, uris, want)
		}
	}
}
