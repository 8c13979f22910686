package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/read"
)

func newExplainCommand() *cobra.Command {
	var (
		o         codeOptions
		published string
	)
	cmd := &cobra.Command{
		Use:   "explain [--kb DIR] [--published DATE] [--format text|json] SENTENCE...|-",
		Short: "Show how Marsad reads a sentence: tokens, mentions, actors, triggers, events",
		Long: `Explain runs the whole pipeline on one sentence or a short text (the words
given, or standard input with "-" or no argument) and prints every stage:
tokens (as written, normalised, kind, clitic readings), sentences, mentions
with the knowledge-base lines behind them (FILE:LINE), the actors of each
sentence with how their codes were reached, the trigger lines found (with
the cue, when one is needed, and why a trigger taken codes no event) and
the events coded, with their rule, source and target codes, modality,
location and date.`,
		Example: `  marsad explain زار الرئيس المصري عبد الفتاح السيسي دمشق أمس.
  marsad explain --published 2019-05-03 --format json - < paragraph.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.format != "text" && o.format != "json" {
				return &exitError{2, fmt.Errorf("unknown --format %q: want text or json", o.format)}
			}
			text := strings.Join(args, " ")
			if len(args) == 0 || len(args) == 1 && args[0] == "-" {
				// the same limit as code's: memory is a multiple of the text
				b, err := io.ReadAll(io.LimitReader(cmd.InOrStdin(), read.DefaultMaxBytes+1))
				if err != nil {
					return &exitError{1, fmt.Errorf("read standard input: %w", err)}
				}
				if int64(len(b)) > read.DefaultMaxBytes {
					return &exitError{1, fmt.Errorf("-: %w: more than %d bytes", read.ErrTooLarge, read.DefaultMaxBytes)}
				}
				text = string(b)
			}
			text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
			if text == "" {
				return &exitError{2, fmt.Errorf("nothing to explain: give a sentence or text on standard input")}
			}
			art := &extract.Article{Text: text, Published: published}
			if err := (pipeline.Budget{}).CheckText(art); err != nil {
				return &exitError{1, fmt.Errorf("-: %w", err)}
			}
			if published != "" {
				if art.PublishedAt = extract.ParseDate(published); art.PublishedAt.IsZero() {
					return &exitError{2, fmt.Errorf("bad --published %q: want a date such as 2019-05-03", published)}
				}
			}
			p, err := newPipeline(o)
			if err != nil {
				return err
			}
			if o.format == "json" {
				return p.ExplainJSON(art, cmd.OutOrStdout())
			}
			return p.Explain(art, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.kbDir, "kb", "", "read the knowledge base from this directory instead of the embedded one")
	f.BoolVar(&o.noNER, "no-ner", false, "do not use the learned name tagger")
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.StringVar(&published, "published", "", "the text's publication date, for actor validity and relative dates")
	return cmd
}
