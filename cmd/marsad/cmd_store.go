package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/store/storegen"
)

func newStoreCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "store", Short: "Maintain the store (generate a synthetic one for benchmarks)"}
	cmd.AddCommand(newStoreGenCommand())
	return cmd
}

func newStoreGenCommand() *cobra.Command {
	var (
		so     storeOptions
		events int
		seed   uint64
	)
	cmd := &cobra.Command{
		Use:   "gen --events N [--db FILE|--postgres DSN]",
		Short: "Fill a store with N synthetic events (10 per article, 2018-2020), to measure queries at scale",
		Example: `  marsad store gen --events 1000000 --db /tmp/bench.db
  MARSAD_BENCH_DB=/tmp/bench.db go test ./internal/store/sqlite -run '^$' -bench Queries`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := so.open(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			start := time.Now()
			last := 0
			_, err = storegen.Generate(ctx, st, storegen.Options{Events: events, Seed: seed, Progress: func(n int) {
				if n-last >= 100000 {
					last = n
					fmt.Fprintf(cmd.ErrOrStderr(), "%d events, %.0fs\n", n, time.Since(start).Seconds())
				}
			}})
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "generated %d events in %.1fs\n", events, time.Since(start).Seconds())
			return nil
		},
	}
	so.addFlags(cmd)
	cmd.Flags().IntVar(&events, "events", 1000000, "events to generate")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	return cmd
}
