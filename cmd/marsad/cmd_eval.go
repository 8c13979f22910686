package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/eval"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/read"
)

// evalOptions are the flags shared by the eval subcommands.
type evalOptions struct {
	gold    string
	verbose bool
	minF1   float64
	minP    float64
	minR    float64
	minConf float64
	skipMod []string
	code    codeOptions
}

func (o *evalOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.gold, "gold", "", "gold file (required)")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "list misses and false alarms")
	f.Float64Var(&o.minF1, "min-f1", 0, "exit with status 2 when F1 is below this floor")
	f.Float64Var(&o.minP, "min-p", 0, "exit with status 2 when precision is below this floor")
	f.Float64Var(&o.minR, "min-r", 0, "exit with status 2 when recall is below this floor")
	o.code.addFlags(cmd)
	_ = cmd.MarkFlagRequired("gold")
}

// addSelectFlags adds --min-confidence and --skip-modality with defaults
// suited to the command: which coded events count as asserted events.
func (o *evalOptions) addSelectFlags(cmd *cobra.Command, conf float64, why string, skip []string) {
	cmd.Flags().Float64Var(&o.minConf, "min-confidence", conf, "score only events with at least this confidence ("+why+")")
	cmd.Flags().StringSliceVar(&o.skipMod, "skip-modality", skip, "do not score events with any of these modalities (they did not happen as reported)")
}

// gate turns a score below a floor into exit status 2.
func (o *evalOptions) gate(name string, c eval.Counts) error {
	var low []string
	if c.F1() < o.minF1 {
		low = append(low, fmt.Sprintf("F1 %.4f < %.4f", c.F1(), o.minF1))
	}
	if c.P() < o.minP {
		low = append(low, fmt.Sprintf("P %.4f < %.4f", c.P(), o.minP))
	}
	if c.R() < o.minR {
		low = append(low, fmt.Sprintf("R %.4f < %.4f", c.R(), o.minR))
	}
	if len(low) > 0 {
		return &exitError{2, fmt.Errorf("%s below the floor: %s", name, strings.Join(low, ", "))}
	}
	return nil
}

func newEvalCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score Marsad against gold data (events, GSR sentences, named entities)",
		Long: `Eval scores Marsad against gold data. The last line of output is the score,
"events F1=… P=… R=…" (or gsr, ner). With --min-f1/--min-p/--min-r it is a
quality gate: exit status 2 when a score is below its floor.`,
	}
	cmd.AddCommand(newEvalEventsCommand(), newEvalGSRCommand(), newEvalNERCommand())
	return cmd
}

func newEvalEventsCommand() *cobra.Command {
	var o evalOptions
	cmd := &cobra.Command{
		Use:   "events --gold FILE.jsonl",
		Short: "Score coded events against a gold events file (source country, target country, CAMEO root)",
		Long: `Events codes every article of a gold file and compares, per article, the unique
(source country, target country, CAMEO root) triples with the core gold triples.
Non-core gold events are neither required nor penalised; symmetric ones match in
either direction. Precision, recall and F1 are summed over all articles.`,
		Example: "  marsad eval events --gold ../shared/eval/dev/gold_events.jsonl --verbose",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalEvents(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	o.addFlags(cmd)
	o.addSelectFlags(cmd, 0.5, "0.5 keeps the complete events, with source and target known", []string{"negated", "hypothetical", "intended", "background"})
	return cmd
}

func runEvalEvents(ctx context.Context, o evalOptions, w io.Writer) error {
	if err := checkConfidence("min-confidence", o.minConf); err != nil {
		return err
	}
	f, err := os.Open(o.gold)
	if err != nil {
		return &exitError{2, err}
	}
	defer f.Close()
	gold, err := eval.ReadGold(f)
	if err != nil {
		return &exitError{2, fmt.Errorf("%s: %w", o.gold, err)}
	}
	p, err := newPipeline(o.code)
	if err != nil {
		return err
	}
	var total eval.Counts
	for i, g := range gold {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc := read.RawDoc{URI: fmt.Sprintf("%s#%d", o.gold, i+1), ID: g.ID, Format: read.FormatJSONL,
			Data: []byte(g.Text), Meta: map[string]string{"title": g.Title, "published": g.Published, "outlet": g.Outlet}}
		art, err := extract.Extract(doc, extract.Options{})
		if err != nil {
			return fmt.Errorf("%s: %w", doc.URI, err)
		}
		coded := p.Code(&art)
		coded.Events = selectEvents(coded.Events, o.minConf, o.skipMod)
		res := eval.ScoreArticle(g.Events, triples(&coded))
		total.Add(res.Counts)
		if o.verbose {
			fmt.Fprintf(w, "%s  P=%d/%d R=%d/%d\n", g.ID, res.Counts.TP, res.Counts.Predicted, res.Counts.Matched, res.Counts.Gold)
			for _, t := range res.Missed {
				fmt.Fprintf(w, "  miss   %s\n", t)
			}
			for _, t := range res.FalseAlarms {
				fmt.Fprintf(w, "  false  %s%s\n", t, evidenceOf(&coded, t))
			}
		}
	}
	fmt.Fprintf(w, "articles=%d gold=%d predicted=%d correct=%d\n", len(gold), total.Gold, total.Predicted, total.TP)
	fmt.Fprintf(w, "events F1=%.4f P=%.4f R=%.4f\n", total.F1(), total.P(), total.R())
	return o.gate("events", total)
}

// selectEvents keeps the events with at least the given confidence and
// none of the skipped modalities.
func selectEvents(evs []code.Event, min float64, skip []string) []code.Event {
	out := evs[:0:0]
next:
	for _, e := range evs {
		if e.Confidence < min {
			continue
		}
		for _, m := range e.Modality {
			for _, s := range skip {
				if m == s {
					continue next
				}
			}
		}
		out = append(out, e)
	}
	return out
}

// triples returns the scored triples of a coded article.
func triples(d *pipeline.Doc) []eval.Triple {
	out := make([]eval.Triple, 0, len(d.Events))
	for _, e := range d.Events {
		t := eval.Triple{Source: e.Source.Country, Target: eval.NoTarget, Root: e.Root}
		if e.Target != nil {
			t.Target = e.Target.Country
		}
		out = append(out, t)
	}
	return out
}

// evidenceOf shows the trigger and actors behind a triple, for --verbose.
func evidenceOf(d *pipeline.Doc, t eval.Triple) string {
	for _, e := range d.Events {
		tc := eval.NoTarget
		tt := ""
		if e.Target != nil {
			tc, tt = e.Target.Country, e.Target.Text
		}
		if e.Source.Country == t.Source && tc == t.Target && e.Root == t.Root {
			return fmt.Sprintf("   [%s] %s → %s  «%s»", e.Trigger.Text, short(e.Source.Text, 30), short(tt, 30), short(e.Evidence.Text, 90))
		}
	}
	return ""
}

func newEvalGSRCommand() *cobra.Command {
	var o evalOptions
	cmd := &cobra.Command{
		Use:   "gsr --gold FILE.csv",
		Short: "Score sentence detection of assault or protest events against a GSR file",
		Long: `GSR codes every sentence of a GSR file on its own; a sentence is predicted
positive when an event of the file's type is coded (ASSAULT: roots 18-20;
PROTEST: root 14). Gold "yes" is positive, "easy no" and "difficult no" are
negative, "ambiguous" is left out.`,
		Example: "  marsad eval gsr --gold ../shared/eval/dev/gsr_protest.csv",
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvalGSR(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	o.addFlags(cmd)
	o.addSelectFlags(cmd, 0, "0 counts every event: a sentence reporting an attack is positive even when the attacker is not named", []string{"negated", "hypothetical", "intended", "planned", "background"})
	return cmd
}

func runEvalGSR(ctx context.Context, o evalOptions, w io.Writer) error {
	if err := checkConfidence("min-confidence", o.minConf); err != nil {
		return err
	}
	f, err := os.Open(o.gold)
	if err != nil {
		return &exitError{2, err}
	}
	defer f.Close()
	rows, err := eval.ReadGSR(f)
	if err != nil {
		return &exitError{2, fmt.Errorf("%s: %w", o.gold, err)}
	}
	p, err := newPipeline(o.code)
	if err != nil {
		return err
	}
	var total eval.Counts
	for _, row := range rows {
		if err := ctx.Err(); err != nil {
			return err
		}
		roots, err := eval.GSRRoots(row.EventType)
		if err != nil {
			return &exitError{2, fmt.Errorf("%s: %s: %w", o.gold, row.ID, err)}
		}
		art := extract.Article{ID: row.ID, Text: row.Text}
		coded := p.Code(&art)
		hit := ""
		for _, e := range selectEvents(coded.Events, o.minConf, o.skipMod) {
			if roots[e.Root] {
				hit = e.CAMEO + " " + e.Trigger.Text
				break
			}
		}
		if !eval.ScoreGSR(&total, row.Label, hit != "") || !o.verbose {
			continue
		}
		switch {
		case row.Label == "yes" && hit == "":
			fmt.Fprintf(w, "miss   %s  %s\n", row.ID, short(row.Text, 140))
		case row.Label != "yes" && hit != "":
			fmt.Fprintf(w, "false  %s  [%s] (%s) %s\n", row.ID, hit, row.Label, short(row.Text, 140))
		}
	}
	fmt.Fprintf(w, "sentences: positive=%d predicted=%d correct=%d\n", total.Gold, total.Predicted, total.TP)
	fmt.Fprintf(w, "gsr F1=%.4f P=%.4f R=%.4f\n", total.F1(), total.P(), total.R())
	return o.gate("gsr", total)
}
