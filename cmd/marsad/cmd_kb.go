package main

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/kb"
	kbfiles "github.com/marsad/marsad/kb"
)

func newKBCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kb",
		Short: "Tools for the knowledge base: lint it, look up what a phrase resolves to",
		Long: `The knowledge base (actors, countries, role words, triggers, places) is plain
text under kb/ (see kb/FORMAT.md), embedded in the binary; --kb DIR reads
another copy instead.`,
	}
	cmd.AddCommand(
		newKBLintCommand(),
		newKBLookupCommand(),
		newKBBuildCommand(), // cmd_kb_build.go
		newKBMineCommand(),  // cmd_kb_mine.go
	)
	return cmd
}

// kbFS returns the knowledge base to read: dir, or the embedded one.
func kbFS(dir string) fs.FS {
	if dir != "" {
		return os.DirFS(dir)
	}
	return kbfiles.FS
}

func newKBLintCommand() *cobra.Command {
	var (
		dir        string
		noWarnings bool
	)
	cmd := &cobra.Command{
		Use:   "lint [--kb DIR]",
		Short: "Check the knowledge base for mistakes (one line per problem: FILE:LINE: severity: message)",
		Long: `Lint loads the knowledge base and reports malformed lines, duplicate lines,
unknown country codes and roles, phrases that mean two codes at once in
overlapping periods (also after normalisation: «أميركا» = «اميركا»), trigger
codes missing from cameo_eventcodes.tsv or outside the 16 PLOVER categories,
one-letter surfaces, surfaces written with a proclitic («والجيش»), and places
at 0,0.

Exit status: 0 when there are no errors (warnings allowed), 1 otherwise.`,
		Example: `  marsad kb lint
  marsad kb lint --kb kb/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			name := dir
			if name == "" {
				name = "embedded"
			}
			return runKBLint(name, kbFS(dir), noWarnings, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&dir, "kb", "", "lint the knowledge base in this directory instead of the embedded one")
	cmd.Flags().BoolVar(&noWarnings, "no-warnings", false, "print errors only")
	return cmd
}

// runKBLint lints the knowledge base fsys, called name in messages. A
// directory that is not a knowledge base (missing, unreadable, no *.tsv)
// is a usage error (exit status 2); a knowledge base with errors, a
// missing required table among them, exits with status 1.
func runKBLint(name string, fsys fs.FS, noWarnings bool, stdout io.Writer) error {
	start := time.Now()
	k, err := kb.Load(fsys)
	if k == nil {
		return &exitError{2, fmt.Errorf("--kb %s: %w", name, err)}
	}
	problems := append(kb.LoadProblems(err), kb.Lint(k)...)
	w := bufio.NewWriter(stdout)
	errs, warns := 0, 0
	for _, p := range problems {
		if p.Severity == kb.SevError {
			errs++
		} else {
			warns++
			if noWarnings {
				continue
			}
		}
		if p.Pos.File == "" {
			fmt.Fprintf(w, "%s: %s\n", p.Severity, p.Msg)
		} else {
			fmt.Fprintln(w, p)
		}
	}
	fmt.Fprintf(w, "%d error(s), %d warning(s) in %d countries, %d actors, %d roles, %d triggers, %d places (%v)\n",
		errs, warns, len(k.Countries), len(k.Actors), len(k.Roles), len(k.Triggers), len(k.Places),
		time.Since(start).Round(time.Millisecond))
	if err := w.Flush(); err != nil {
		return err
	}
	if errs > 0 {
		return &exitError{1, fmt.Errorf("knowledge base %s has %d error(s)", name, errs)}
	}
	return nil
}

func newKBLookupCommand() *cobra.Command {
	var dir, date, format string
	cmd := &cobra.Command{
		Use:   "lookup [--kb DIR] [--date YYYY-MM-DD] WORDS...",
		Short: "Show what an Arabic phrase resolves to, and why",
		Long: `Lookup tokenises the phrase, shows each token's normalised form and clitic
readings, the knowledge-base lines it matches (FILE:LINE, surfaces, code,
dates), the actors they resolve to as of --date, and the trigger lines with
their CAMEO and PLOVER codes.`,
		Example: `  marsad kb lookup خليفة حفتر
  marsad kb lookup --date 2013-05-01 عبد الفتاح السيسي
  marsad kb lookup --format json والجيش المصري`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return &exitError{2, fmt.Errorf("unknown --format %q: want text or json", format)}
			}
			d, err := parseDay(date)
			if err != nil {
				return &exitError{2, err}
			}
			p, err := newPipeline(codeOptions{kbDir: dir, noNER: true})
			if err != nil {
				return err
			}
			ex := p.Lookup(strings.Join(args, " "), d)
			if format == "json" {
				return ex.WriteJSON(cmd.OutOrStdout())
			}
			return ex.Write(cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&dir, "kb", "", "read the knowledge base from this directory instead of the embedded one")
	cmd.Flags().StringVar(&date, "date", "", "resolve actors as of this day (YYYY, YYYY-MM or YYYY-MM-DD); default: no date")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

// parseDay reads YYYY, YYYY-MM or YYYY-MM-DD; "" is the zero time.
func parseDay(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
}
