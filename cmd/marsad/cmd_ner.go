package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/ner"
	"github.com/marsad/marsad/internal/read"
)

// nerOptions are the flags of `marsad ner`.
type nerOptions struct {
	format string // conll or jsonl
	model  string // model file; "" for the embedded model
}

func newNERCommand() *cobra.Command {
	var o nerOptions
	cmd := &cobra.Command{
		Use:   "ner [--format conll|jsonl] [FILE|-]",
		Short: "Tag named entities (PERS, LOC, ORG, MISC) with the learned tagger",
		Long: `Tag named entities with the learned tagger (the model embedded in the binary,
or --model FILE).

--format conll reads CoNLL (token in the first column, other columns
ignored, blank line between sentences) and writes each line back with its
predicted BIO tag (B-PERS, I-LOC, O, ...) as the last column, sentences kept.

--format jsonl reads one document per line, either raw text or a JSON object
with "text" (and optional "id"), and writes one JSON object per document:
{"id"?, "text", "entities": [{"text", "type", "start", "end"}]}, with byte
offsets into text.

With no FILE, or with -, input comes from standard input.`,
		Example: `  marsad ner --format conll sentences.conll
  echo 'التقى الرئيس المصري عبد الفتاح السيسي في القاهرة' | marsad ner --format jsonl`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNER(cmd.Context(), o, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "conll", "input/output format: conll or jsonl")
	cmd.Flags().StringVar(&o.model, "model", "", "model `FILE` (default: the embedded model)")
	return cmd
}

// loadNERTagger returns the model at path, or the embedded one when path is "".
func loadNERTagger(path string) (*ner.Tagger, error) {
	if path == "" {
		return ner.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ner.Load(f)
}

// openNERInput opens FILE, or returns stdin for no argument or "-".
func openNERInput(args []string, stdin io.Reader) (io.Reader, func() error, error) {
	if len(args) == 0 || args[0] == "-" {
		return stdin, func() error { return nil }, nil
	}
	f, err := os.Open(args[0])
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// runNER tags one input. Like code, it exits with status 1 when its input
// could not be read, is empty, or has a line (JSON Lines) longer than
// read.DefaultMaxBytes, which is skipped and named on stderr while the
// other lines are tagged; 2 is for usage errors.
func runNER(ctx context.Context, o nerOptions, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if o.format != "conll" && o.format != "jsonl" {
		return fmt.Errorf("ner: unknown --format %q (want conll or jsonl)", o.format)
	}
	t, err := loadNERTagger(o.model)
	if err != nil {
		return fmt.Errorf("ner: %w", err)
	}
	name := "-"
	if len(args) > 0 {
		name = args[0]
	}
	in, closeIn, err := openNERInput(args, stdin)
	if err != nil {
		return &exitError{1, fmt.Errorf("ner: %w", err)}
	}
	defer closeIn()
	out := &countingWriter{w: stdout}
	bad := 0
	if o.format == "jsonl" {
		_, err = ner.TagJSONLWith(ctx, t, in, out, ner.JSONLOptions{
			MaxLine: int(read.DefaultMaxBytes),
			OnLineError: func(n int, lerr error) error {
				bad++
				_, err := fmt.Fprintf(stderr, "marsad: %s#%d: %v\n", name, n, lerr)
				return err
			},
		})
	} else {
		err = ner.TagCoNLL(ctx, t, in, out)
	}
	var ee *exitError
	switch {
	case errors.As(err, &ee), ctx.Err() != nil:
		return err // writing failed, or a signal
	case err != nil:
		return &exitError{1, fmt.Errorf("ner: %s: %w", name, err)}
	case bad > 0:
		return &exitError{1, fmt.Errorf("ner: %s: %d line(s) not tagged", name, bad)}
	case out.n == 0:
		return &exitError{1, fmt.Errorf("ner: %s: %w", name, read.ErrEmpty)}
	}
	return nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// evalNEROptions are the flags of `marsad eval ner`.
type evalNEROptions struct {
	gold  string  // gold CoNLL file ("-" for stdin)
	model string  // model file; "" for the embedded model
	minF1 float64 // quality gate; 0 disables it
}

// newEvalNERCommand builds `marsad eval ner`, mounted under `marsad eval`.
func newEvalNERCommand() *cobra.Command {
	var o evalNEROptions
	cmd := &cobra.Command{
		Use:   "ner --gold FILE.conll [--min-f1 X]",
		Short: "Score the named-entity tagger against gold CoNLL (entity-level P/R/F1)",
		Long: `Tag the tokens of a gold CoNLL file ("token TAG", blank line between
sentences) and score the entities conlleval-style: an entity counts when its
span and type both match. Prints one line per type and, last,
"ner F1=0.xxxx P=0.xxxx R=0.xxxx" (micro-averaged over entities).

With --min-f1 X the command exits with status 2 when F1 < X (a CI quality
gate). The held-out dev split of ANERcorp is written by
'marsad train ner --write-dev FILE' (see 'marsad train ner --help').`,
		Example: `  marsad train ner --train ANERCorp_CamelLab_train.txt --dev-split 0.1 --write-dev dev.conll
  marsad eval ner --gold dev.conll --min-f1 0.80`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runEvalNER(cmd.Context(), o, cmd.InOrStdin(), cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&o.gold, "gold", "", "gold CoNLL `FILE` (- for standard input)")
	cmd.Flags().StringVar(&o.model, "model", "", "model `FILE` (default: the embedded model)")
	cmd.Flags().Float64Var(&o.minF1, "min-f1", 0, "exit with status 2 when entity F1 is below `X`")
	return cmd
}

func runEvalNER(ctx context.Context, o evalNEROptions, stdin io.Reader, stdout io.Writer) error {
	if o.gold == "" {
		return fmt.Errorf("eval ner: --gold is required")
	}
	t, err := loadNERTagger(o.model)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	in, closeIn, err := openNERInput([]string{o.gold}, stdin)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	defer closeIn()
	gold, err := ner.ReadCoNLLAll(ctx, in)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	sc := ner.Evaluate(t, gold)
	if err := sc.Write(stdout); err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	if f1 := sc.Overall.F1(); o.minF1 > 0 && f1 < o.minF1 {
		return &exitError{code: 2, err: fmt.Errorf("eval ner: F1 %.4f is below --min-f1 %.4f", f1, o.minF1)}
	}
	return nil
}
