// Command audit draws, re-codes and scores Marsad's corpus audit (issue 10):
// a fixed-seed sample of coded events from the ANT corpus, judged right,
// wrong actor, wrong code or no event against ../shared/eval/GUIDELINES.md,
// and a sample of sentences that name two actors, with the events the
// guidelines say they report, for recall.
//
//	go run ./scripts/audit sample -bin /tmp/marsad -corpus ../shared/data/corpus/ant.jsonl \
//	    -exclude ../shared/eval/dev -exclude ../shared/eval/check -out testdata/audit
//	go run ./scripts/audit report -dir testdata/audit
//	go run ./scripts/audit recode -bin /tmp/marsad-new -corpus … -dir testdata/audit -out /tmp/audit-new
//
// The samples are JSON Lines (events.jsonl, sentences.jsonl) with a
// judgement column that a person fills in; sample.json records how they
// were drawn. See the README, "Corpus audit".
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a bad command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `usage: audit sample|report|recode [flags]

  sample   code the corpus with a marsad binary and draw the two samples
  report   precision and recall with Wilson 95% intervals, errors by kind
  recode   code the sampled articles with a new binary; keep the judgements
           of the events that match a judged one, list the others as unjudged
Run "audit COMMAND -h" for its flags.
`

// run is main without the exit: 0 success, 1 failure, 2 bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "sample":
		err = runSample(args[1:], stdout, stderr)
	case "report":
		err = runReport(args[1:], stdout, stderr)
	case "recode":
		err = runRecode(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "audit: unknown command %q\n%s", args[0], usage)
		return 2
	}
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "audit:", err)
		return 2
	default:
		fmt.Fprintln(stderr, "audit:", err)
		return 1
	}
}

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
