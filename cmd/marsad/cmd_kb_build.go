package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/marsad/marsad/internal/kb/kbbuild"
	"github.com/spf13/cobra"
)

// newKBBuildCommand returns `build [places|actors|all]`, mounted under `marsad kb`.
// It regenerates the generated knowledge-base files from the third-party data
// in shared/data (never at run time: the outputs are committed and embedded).
func newKBBuildCommand() *cobra.Command {
	var dataDir, kbDir string
	cmd := &cobra.Command{
		Use:   "build [places|actors|all]",
		Short: "Regenerate kb/places.tsv and kb/actors_petrarch.tsv from shared/data",
		Long: `Regenerate the generated knowledge-base files, deterministically:
  places  kb/places.tsv from kb/places/{countries_ar.tsv,world_countries_ar.tsv,cities_ar.tsv,states.csv}
          (dr5hn countries-states-cities database and npm world-countries, ODbL 1.0)
  actors  kb/actors_petrarch.tsv from kb/petrarch_arabic/actor_dict_ar_v4.txt (MIT), cleaned
  all     both (the default)`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: []string{"places", "actors", "all"},
		RunE: func(cmd *cobra.Command, args []string) error {
			what := "all"
			if len(args) == 1 {
				what = args[0]
			}
			switch what {
			case "places", "actors", "all":
			default:
				return fmt.Errorf("kb build: unknown target %q (want places, actors or all)", what)
			}
			if what == "places" || what == "all" {
				in := kbbuild.DefaultPlacesInput(dataDir)
				in.KBCountries = filepath.Join(kbDir, "countries.tsv")
				in.Extra = filepath.Join(kbDir, "places_extra.tsv")
				places, st, err := kbbuild.BuildPlaces(in)
				if err != nil {
					return &exitError{code: 1, err: fmt.Errorf("kb build places: %w", err)}
				}
				out := filepath.Join(kbDir, "places.tsv")
				if err := kbWriteFileAtomic(out, func(f *os.File) error { return kbbuild.WritePlaces(f, places, st) }); err != nil {
					return &exitError{code: 1, err: err}
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "%s: %d places (%d countries, %d capitals, %d states, %d cities; %d homonyms dropped)\n",
					out, len(places), st.Countries, st.Capitals, st.States, st.Cities, st.Homonyms)
			}
			if what == "actors" || what == "all" {
				in := kbbuild.DefaultActorsInput(dataDir, kbDir)
				rows, st, err := kbbuild.BuildActors(in)
				if err != nil {
					return &exitError{code: 1, err: fmt.Errorf("kb build actors: %w", err)}
				}
				out := filepath.Join(kbDir, "actors_petrarch.tsv")
				if err := kbWriteFileAtomic(out, func(f *os.File) error { return kbbuild.WriteActors(f, rows, st) }); err != nil {
					return &exitError{code: 1, err: err}
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "%s: %d actors kept, %d entries dropped\n", out, len(rows), st.Dropped)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", filepath.Join("..", "shared", "data"), "directory holding the shared data (kb/places, kb/petrarch_arabic, kb/names)")
	cmd.Flags().StringVar(&kbDir, "kb", "kb", "knowledge-base directory to write into")
	return cmd
}

// kbWriteFileAtomic writes path through a temporary file in the same directory,
// so that a reader never sees a half-written knowledge-base file.
func kbWriteFileAtomic(path string, write func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
