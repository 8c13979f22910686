package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

// queryOptions are the flags of the commands that query the store.
type queryOptions struct {
	store  storeOptions
	filter query.Filter
	format string
}

// queryCommand builds a query command with the store, filter and --format
// flags; run gets the opened store and the normalised filter.
func queryCommand(use, short, long string, formats []string, run func(ctx context.Context, st store.Store, o queryOptions, args []string, w io.Writer) error) *cobra.Command {
	var o queryOptions
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !contains(formats, o.format) {
				return &exitError{2, fmt.Errorf("unknown --format %q: want %s", o.format, strings.Join(formats, ", "))}
			}
			if err := o.filter.Normalize(); err != nil {
				return &exitError{2, err}
			}
			st, err := o.store.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			return run(cmd.Context(), st, o, args, cmd.OutOrStdout())
		},
	}
	o.store.addFlags(cmd)
	o.filter.AddFlags(cmd.Flags())
	cmd.Flags().StringVar(&o.format, "format", formats[0], "output format: "+strings.Join(formats, ", "))
	return cmd
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func newEventsCommand() *cobra.Command {
	return queryCommand("events [flags]", "List deduplicated events from the store",
		`Events lists the events of the store that match the filters, one line per
deduplicated event (same source, target, CAMEO code and day), most reported
first, with its mentions, articles and sources (stories) counts.`,
		[]string{"table", "jsonl", "csv"}, func(ctx context.Context, st store.Store, o queryOptions, _ []string, w io.Writer) error {
			evs, err := st.Events(ctx, o.filter)
			if err != nil {
				return err
			}
			switch o.format {
			case "jsonl":
				return writeJSONL(w, evs)
			case "csv":
				cw := newEventCSV(w)
				for i := range evs {
					if err := cw.write(&evs[i]); err != nil {
						return err
					}
				}
				return cw.flush()
			}
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "DAY\tSOURCE\tCAMEO\tTARGET\tPLOVER\tQUAD\tMENTIONS\tARTICLES\tSOURCES\tTRIGGER")
			for _, e := range evs {
				tgt := "---"
				if e.Target != nil {
					tgt = e.Target.Code
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", e.Day, e.Source.Code, e.CAMEO, tgt, e.Plover.Category, e.Quad, e.Mentions, e.Articles, e.Sources, short(e.Trigger.Text, 30))
			}
			return tw.Flush()
		})
}

func writeJSONL[T any](w io.Writer, rows []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range rows {
		if err := enc.Encode(&rows[i]); err != nil {
			return err
		}
	}
	return nil
}

func newDyadsCommand() *cobra.Command {
	return queryCommand("dyads [flags]", "Actor pairs with counts, cooperation/conflict balance and mean Goldstein",
		`Dyads lists ordered actor pairs (source → target) of the events matching the
filters: deduplicated events, mentions, cooperation (QuadClass 1-2) and
conflict (3-4) counts, balance (cooperation − conflict) / events and mean
Goldstein score.`,
		[]string{"table", "jsonl"}, func(ctx context.Context, st store.Store, o queryOptions, _ []string, w io.Writer) error {
			ds, err := st.Dyads(ctx, o.filter)
			if err != nil {
				return err
			}
			if o.format == "jsonl" {
				return writeJSONL(w, ds)
			}
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SOURCE\tTARGET\tEVENTS\tMENTIONS\tCOOP\tCONFLICT\tBALANCE\tGOLDSTEIN")
			for _, d := range ds {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%+.2f\t%+.2f\n", d.Source, orDash(d.Target), d.Events, d.Mentions, d.Cooperation, d.Conflict, d.Balance, d.MeanGoldstein)
			}
			return tw.Flush()
		})
}

func orDash(s string) string {
	if s == "" {
		return "---"
	}
	return s
}

func newTimelineCommand() *cobra.Command {
	return queryCommand("timeline [flags]", "Events per day, week or month by QuadClass",
		`Timeline counts deduplicated events per --interval (day, week or month) by
QuadClass, for the events matching the filters: --actor SYR for a country,
--actor SYR --other TUR for a pair. --limit keeps the latest periods (100
by default, -1 for all), in time order; --offset skips the latest ones.`,
		[]string{"table", "jsonl", "csv"}, func(ctx context.Context, st store.Store, o queryOptions, _ []string, w io.Writer) error {
			bs, err := st.Timeline(ctx, o.filter)
			if err != nil {
				return err
			}
			from, to := o.filter.LatestPage(len(bs))
			bs = bs[from:to]
			switch o.format {
			case "jsonl":
				return writeJSONL(w, bs)
			case "csv":
				cw := csv.NewWriter(w)
				cw.Write([]string{"period", "quad1", "quad2", "quad3", "quad4", "total"})
				for _, b := range bs {
					cw.Write([]string{b.Period, strconv.Itoa(b.Quad[0]), strconv.Itoa(b.Quad[1]), strconv.Itoa(b.Quad[2]), strconv.Itoa(b.Quad[3]), strconv.Itoa(b.Total)})
				}
				cw.Flush()
				return cw.Error()
			}
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "PERIOD\tVERBAL COOP\tMATERIAL COOP\tVERBAL CONFLICT\tMATERIAL CONFLICT\tTOTAL")
			for _, b := range bs {
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\n", b.Period, b.Quad[0], b.Quad[1], b.Quad[2], b.Quad[3], b.Total)
			}
			return tw.Flush()
		})
}

func newSearchCommand() *cobra.Command {
	cmd := queryCommand("search [flags] WORDS...", "Full-text search of the stored articles (Arabic, on Marsad's stems)",
		`Search finds the articles that contain every word (matched on Marsad's
normalised light stems: «السفارة» finds «بالسفارة» and «سفارات»). --outlet,
--from and --to narrow the articles.`,
		[]string{"table", "jsonl"}, func(ctx context.Context, st store.Store, o queryOptions, args []string, w io.Writer) error {
			f := o.filter
			f.Text = strings.TrimSpace(strings.Join(append([]string{f.Text}, args...), " "))
			if f.Text == "" {
				return &exitError{2, errors.New("search: no words")}
			}
			hits, err := st.Search(ctx, f)
			if err != nil {
				return err
			}
			if o.format == "jsonl" {
				return writeJSONL(w, hits)
			}
			for _, h := range hits {
				fmt.Fprintf(w, "%s\t%s\t%s\tstory %d\t%d events\n  %s\n  … %s …\n", h.ArticleID, h.Published, h.Outlet, h.Story, h.Events, h.Title, h.Snippet)
			}
			return nil
		})
	return cmd
}

func newStatsCommand() *cobra.Command {
	cmd := queryCommand("stats", "Count what the store holds",
		`Stats counts articles, stories (near-duplicate groups), deduplicated events,
event mentions, actors, places and ingestion runs. --format json writes one
object with the keys articles, stories, events, mentions, actors, places, runs.`,
		[]string{"text", "json"}, func(ctx context.Context, st store.Store, o queryOptions, _ []string, w io.Writer) error {
			s, err := st.Stats(ctx)
			if err != nil {
				return err
			}
			if o.format == "json" {
				enc := json.NewEncoder(w)
				return enc.Encode(s)
			}
			_, err = fmt.Fprintf(w, "articles %d\nstories  %d\nevents   %d\nmentions %d\nactors   %d\nplaces   %d\nruns     %d\n",
				s.Articles, s.Stories, s.Events, s.Mentions, s.Actors, s.Places, s.Runs)
			return err
		})
	return cmd
}
