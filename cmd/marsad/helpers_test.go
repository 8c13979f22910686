package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The article most tests code: an Egyptian president visiting Damascus.
const (
	sisiTitle    = "زيارة السيسي إلى دمشق"
	sisiSentence = "زار الرئيس المصري عبد الفتاح السيسي دمشق أمس."
	sisiArticle  = sisiTitle + "\n" + sisiSentence + "\n"
)

// cliResult is what one run of the command line gave.
type cliResult struct {
	stdout, stderr string
	err            error
}

// runCLI runs `marsad args...` in-process with stdin as standard input.
func runCLI(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	root := newRootCommand()
	root.SetArgs(args)
	root.SetIn(strings.NewReader(stdin))
	root.SetOut(&out)
	root.SetErr(&errb)
	err := root.ExecuteContext(context.Background())
	return cliResult{stdout: out.String(), stderr: errb.String(), err: err}
}

// exitCode maps an error to the process exit status exactly as main does.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 2
}

// wantExitError fails unless err carries an *exitError with the given code.
func wantExitError(t *testing.T, err error, code int) {
	t.Helper()
	var ee *exitError
	if !errors.As(err, &ee) {
		t.Fatalf("error %v (%T) is not an *exitError, want exit code %d", err, err, code)
	}
	if ee.code != code {
		t.Fatalf("exit code %d (%v), want %d", ee.code, err, code)
	}
}

// The output of `marsad code`, decoded independently of the Go types that
// produce it, so that the JSON contract itself is checked.
type outSpan struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type outPlace struct {
	outSpan
	Country string `json:"country"`
}

type outActor struct {
	Text    string `json:"text"`
	Code    string `json:"code"`
	Country string `json:"country"`
	Role    string `json:"role"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

type outEvent struct {
	Source outActor  `json:"source"`
	Target *outActor `json:"target"`
	CAMEO  string    `json:"cameo"`
	Root   string    `json:"root"`
	Quad   int       `json:"quad"`
	Plover struct {
		Category string `json:"category"`
		Mode     string `json:"mode"`
	} `json:"plover"`
	Modality   []string  `json:"modality"`
	Location   *outPlace `json:"location"`
	Date       *string   `json:"date"`
	Trigger    outSpan   `json:"trigger"`
	Evidence   outSpan   `json:"evidence"`
	Confidence float64   `json:"confidence"`
}

type outEntity struct {
	Text  string `json:"text"`
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Code  string `json:"code"`
}

type outDoc struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Published   string      `json:"published"`
	Outlet      string      `json:"outlet"`
	Attribution string      `json:"attribution"`
	Text        *string     `json:"text"`
	Entities    []outEntity `json:"entities"`
	Events      []outEvent  `json:"events"`

	raw map[string]json.RawMessage
}

// decodeDocs reads JSON Lines output: one object a line, nothing else.
func decodeDocs(t *testing.T, out string) []outDoc {
	t.Helper()
	var docs []outDoc
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		var d outDoc
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatalf("output line %d is not a JSON object: %v\n%.300s", n, err, line)
		}
		if err := json.Unmarshal(line, &d.raw); err != nil {
			t.Fatalf("output line %d: %v", n, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read output: %v", err)
	}
	return docs
}

// hasEvent reports whether d has an event from source country src (and to
// target country tgt unless tgt is "").
func hasEvent(d outDoc, src, tgt string) bool {
	for _, e := range d.Events {
		if e.Source.Country != src {
			continue
		}
		if tgt == "" || e.Target != nil && e.Target.Country == tgt {
			return true
		}
	}
	return false
}

// writeFile writes data to dir/name and returns the path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// nonEmptyLines splits s into its non-empty lines.
func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}
