// Command marsad turns Arabic news into coded political events.
//
// Exit status: 0 when every input was processed, 1 when some input failed
// (the others are still processed and written) or the output could not be
// written, 2 for usage errors, 130 after SIGINT and 143 after SIGTERM (the
// output written until then ends with a whole line).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"

	"github.com/spf13/cobra"
)

// exitError carries an exit status through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// errPartial reports that some inputs failed while the rest were processed.
var errPartial = errors.New("some inputs failed")

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "marsad",
		Short: "Marsad (مرصد) turns Arabic news into coded political events (CAMEO, PLOVER)",
		Long: `Marsad reads Arabic news and codes who did what to whom, where and when,
in CAMEO and PLOVER, with every event tied to the words that support it.

Exit status: 0 success; 1 some inputs failed (the rest were processed)
or the output could not be written (a full disk); 2 bad usage or a failed
quality gate; 130 interrupted (SIGINT, Ctrl-C) and 143 terminated
(SIGTERM): the document in hand is finished or dropped, never written in
part, and the output is flushed before exiting.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newCodeCommand(),
		newEvalCommand(),
		newDemoCommand(),
		newServeCommand(),
		newBenchCommand(),
		newNERCommand(),
		newTrainCommand(),
		newKBCommand(),
		newExplainCommand(),
		newIngestCommand(),
		newEventsCommand(),
		newDyadsCommand(),
		newTimelineCommand(),
		newSearchCommand(),
		newStatsCommand(),
		newExportCommand(),
		newStoreCommand(),
		newWorkerCommand(),
	)
	return root
}

// gcPercent is the garbage collector's target when GOGC is not set. Marsad
// keeps its knowledge base live (about 40 MB of tables) and allocates little
// per article next to it, so at Go's default (100) most collection work is
// marking that same knowledge base again; at 400 the heap may grow to five
// times the live data before a collection, which cuts the instructions of
// coding ANT by an eighth for about 60 MB more memory.
const gcPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signalContext(context.Background())
	defer stop()
	root := newRootCommand()
	root.SetOut(&outputWriter{w: os.Stdout, name: "standard output"})
	root.SetIn(stdinReader(os.Stdin))
	err := root.ExecuteContext(ctx)
	if sig, ok := context.Cause(ctx).(*signalError); ok {
		// whatever the command returned, it stopped because of the signal
		fmt.Fprintf(os.Stderr, "marsad: stopped by %v\n", sig.sig)
		stop()
		os.Exit(sig.exitCode())
	}
	if err == nil {
		return
	}
	code := 2
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if !errors.Is(err, errPartial) {
		fmt.Fprintln(os.Stderr, "marsad:", err)
	}
	os.Exit(code)
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e *signalError) Error() string { return "stopped by " + e.sig.String() }

// exitCode is 128 + the signal's number, as shells report it: 130 for
// SIGINT, 143 for SIGTERM.
func (e *signalError) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// signalContext returns a context cancelled, with a *signalError as its
// cause, by the first SIGINT or SIGTERM (what Ctrl-C, kill, timeout and
// container stops send). A second signal has its default effect: it ends
// the process at once.
func signalContext(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	quit := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			signal.Stop(sigs)
			cancel(&signalError{sig: s})
		case <-quit:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(quit)
			cancel(nil)
		})
	}
}
