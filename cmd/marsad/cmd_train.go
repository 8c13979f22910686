package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/ner"
)

// newTrainCommand builds `marsad train`, the parent of model trainers.
func newTrainCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train the statistical models shipped with marsad",
	}
	cmd.AddCommand(newTrainNERCommand())
	return cmd
}

// trainNEROptions are the flags of `marsad train ner`.
type trainNEROptions struct {
	train      []string // training CoNLL files; the first one is split for dev
	dev        string   // dev CoNLL file; "" means use --dev-split
	devSplit   float64  // fraction of the first training file's sentences held out (the last ones)
	writeDev   string   // write the dev sentences here (CoNLL) and exit
	out        string   // model file to write
	epochs     int      // perceptron epochs
	seed       uint64   // shuffling seed
	bits       uint     // log2 hashed feature rows
	corpus     string   // raw JSON Lines corpus for word clusters
	clusters   int      // number of fine clusters
	gazetteers []string // KIND=PATH
	clText     []string // more CoNLL files whose tokens feed the clusters
	extra      []string // CoNLL files of other domains, trained with feature augmentation
}

const trainNERExample = `  # reproduce the shipped model internal/ner/model/ner.bin byte for byte (about half a minute):
  D=../shared/data   # the shared data beside the checkout
  marsad train ner \
    --train $D/ner/anercorp/ANERCorp_CamelLab_train.txt --dev-split 0.1 \
    --extra $D/ner/fane/NewsFANE_Gold_2014_170K.txt \
    --corpus $D/corpus/ant.jsonl \
    --cluster-text $D/ner/fane/NewsFANE_Gold_2014_170K.txt \
    --cluster-text $D/ner/fane/WikiFANE_Gold_2014_500K.txt \
    --gazetteer fane=$D/kb/names/fane_entities.tsv \
    --gazetteer names=$D/kb/names/arabic_given_names_ar_en.tsv \
    --gazetteer countries=$D/kb/places/countries_ar.tsv \
    --gazetteer cities=$D/kb/places/cities_ar.tsv \
    --gazetteer kb-actors=kb/actors.tsv --gazetteer kb-actors=kb/actors_more.tsv \
    --gazetteer kb-actors=kb/actors_more2.tsv --gazetteer kb-actors=kb/actors_petrarch.tsv \
    --gazetteer kb-roles=kb/roles.tsv --gazetteer kb-countries=kb/countries.tsv \
    --gazetteer kb-outlets=kb/outlets.tsv --gazetteer triggers=internal/ner/model/triggers.tsv \
    --epochs 12 --seed 1 --out internal/ner/model/ner.bin

  # write the held-out dev split (last tenth of ANERcorp's sentences) for 'marsad eval ner':
  marsad train ner --train $D/ner/anercorp/ANERCorp_CamelLab_train.txt \
    --dev-split 0.1 --write-dev anercorp-dev.conll`

func newTrainNERCommand() *cobra.Command {
	var o trainNEROptions
	cmd := &cobra.Command{
		Use:   "ner --train FILE... [--dev FILE | --dev-split F] --out MODEL",
		Short: "Train the named-entity tagger (averaged perceptron)",
		Long: `Train the named-entity tagger: an averaged structured perceptron over hashed
word, affix, context, word-cluster and gazetteer features, with Viterbi
decoding over BIO tags for PERS, LOC, ORG and MISC.

Training files are CoNLL ("token TAG", blank line between sentences). Tags
of ANERcorp, AQMAR (PER, MIS0-3) and FANE (fine classes such as Politician,
Nation, Government) are mapped to PERS, LOC, ORG, MISC. Without --dev, the
last --dev-split of the first training file's sentences is held out as the
dev set; the epoch with the best dev F1 is kept. Progress goes to stderr.
The same data, flags and seed give a byte-identical model.

Gazetteers (--gazetteer KIND=PATH, repeatable): fane (TSV fine_type,
surface), names (given names), countries (name_ar column), cities
(name_ar column); from Marsad's knowledge base: kb-actors (kb/actors*.tsv,
by kind: people, organisations, groups), kb-roles (kb/roles.tsv:
institutions and titles), kb-countries (kb/countries.tsv: names, capitals,
demonyms with their inflected forms), kb-outlets (kb/outlets.tsv); and
triggers (internal/ner/model/triggers.tsv: head nouns such as «وزارة»,
«حزب», «كأس» that open a name; the words up to five tokens after one get
trigger features).`,
		Example: trainNERExample,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTrainNER(cmd.Context(), o, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.train, "train", nil, "training CoNLL `FILE` (repeatable; the first is split for dev)")
	f.StringVar(&o.dev, "dev", "", "dev CoNLL `FILE` (default: hold out --dev-split of the first --train file)")
	f.Float64Var(&o.devSplit, "dev-split", 0.1, "fraction of the first training file's sentences (the last ones) held out as dev")
	f.StringVar(&o.writeDev, "write-dev", "", "write the dev split to `FILE` as CoNLL and exit without training")
	f.StringVar(&o.out, "out", "", "model `FILE` to write")
	f.IntVar(&o.epochs, "epochs", 12, "training epochs (the best on dev is kept)")
	f.Uint64Var(&o.seed, "seed", 1, "random seed for shuffling")
	f.UintVar(&o.bits, "bits", 20, "log2 of the number of hashed feature rows")
	f.StringVar(&o.corpus, "corpus", "", "JSON Lines news corpus (title, text) for word clusters")
	f.IntVar(&o.clusters, "clusters", 512, "number of fine word clusters")
	f.StringArrayVar(&o.extra, "extra", nil, "CoNLL `FILE` from another domain (FANE, AQMAR), learnt with feature augmentation (repeatable)")
	f.StringArrayVar(&o.clText, "cluster-text", nil, "CoNLL `FILE` whose tokens are added to the cluster corpus (repeatable; the training sentences always are)")
	f.StringArrayVar(&o.gazetteers, "gazetteer", nil, "gazetteer `KIND=PATH` (fane, names, countries, cities, kb-actors, kb-roles, kb-countries, kb-outlets, triggers; repeatable)")
	return cmd
}

func readNERCoNLLFile(ctx context.Context, path string) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ner.ReadCoNLLAll(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func runTrainNER(ctx context.Context, o trainNEROptions, log io.Writer) error {
	if len(o.train) == 0 {
		return fmt.Errorf("train ner: --train is required")
	}
	if o.out == "" && o.writeDev == "" {
		return fmt.Errorf("train ner: --out (or --write-dev) is required")
	}
	var train, dev []ner.Sentence
	for i, path := range o.train {
		s, err := readNERCoNLLFile(ctx, path)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		if i == 0 && o.dev == "" {
			s, dev = ner.SplitDev(s, o.devSplit)
		}
		fmt.Fprintf(log, "train: %s: %d sentences\n", path, len(s))
		train = append(train, s...)
	}
	if o.dev != "" {
		s, err := readNERCoNLLFile(ctx, o.dev)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		dev = s
	}
	fmt.Fprintf(log, "dev: %d sentences\n", len(dev))
	if o.writeDev != "" {
		f, err := os.Create(o.writeDev)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		if err := ner.WriteCoNLL(f, dev); err != nil {
			f.Close()
			return fmt.Errorf("train ner: %w", err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		if o.out == "" {
			return nil
		}
	}
	ro := ner.ResourceOptions{Corpus: o.corpus, Clusters: o.clusters, Log: log}
	if o.corpus != "" {
		for _, path := range o.clText {
			s, err := readNERCoNLLFile(ctx, path)
			if err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			for _, x := range s {
				ro.Sentences = append(ro.Sentences, x.Tokens)
			}
		}
		for _, x := range train {
			ro.Sentences = append(ro.Sentences, x.Tokens)
		}
	}
	for _, g := range o.gazetteers {
		kind, path, ok := strings.Cut(g, "=")
		if !ok {
			return fmt.Errorf("train ner: --gazetteer %q: want KIND=PATH", g)
		}
		ro.Gazetteers = append(ro.Gazetteers, ner.GazetteerSource{Kind: kind, Path: path})
	}
	res, err := ner.BuildResources(ctx, ro)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	topts := ner.TrainOptions{Epochs: o.epochs, Seed: o.seed, Bits: o.bits, Log: log}
	for _, path := range o.extra {
		s, err := readNERCoNLLFile(ctx, path)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		fmt.Fprintf(log, "extra: %s: %d sentences\n", path, len(s))
		topts.Extra = append(topts.Extra, s)
	}
	t, f1, err := ner.Train(ctx, train, dev, res, topts)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	var buf bytes.Buffer
	if err := t.Save(&buf); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	fmt.Fprintf(log, "wrote %s (%d bytes), dev F1 %.4f\n", o.out, buf.Len(), f1)
	return nil
}
