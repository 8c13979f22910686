package main

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/demo"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/read"
)

func newDemoCommand() *cobra.Command {
	var o codeOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Code the canonical article shipped with Marsad and print its events as a table",
		Long: `Demo codes the canonical article shipped inside the binary (Haftar's secret
visit to Damascus) with the embedded knowledge base and name tagger, and prints
the article's structure and its events as a readable table. Nothing to install,
nothing downloaded.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDemo(cmd.Context(), o, cmd.OutOrStdout())
		},
	}
	o.addFlags(cmd)
	return cmd
}

func runDemo(_ context.Context, o codeOptions, w io.Writer) error {
	p, err := newPipeline(o)
	if err != nil {
		return err
	}
	doc := read.RawDoc{URI: demo.SeedName, Format: read.FormatText, Data: demo.Seed, FetchedAt: time.Now()}
	art, err := extract.Extract(doc, extract.Options{})
	if err != nil {
		return err
	}
	coded := p.Code(&art)
	if err := writePretty(w, &coded); err != nil {
		return err
	}
	_, err = io.WriteString(w, "dropped as boilerplate: «"+strings.Join(art.Dropped, "», «")+"»\n")
	return err
}
