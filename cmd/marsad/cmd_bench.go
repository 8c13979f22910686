package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/extract"
)

func newBenchCommand() *cobra.Command {
	var (
		o       codeOptions
		workers int
		profile string
	)
	cmd := &cobra.Command{
		Use:   "bench [FILE|DIR|-]...",
		Short: "Measure coding speed (MB/s, articles/s) on a corpus, whole process included",
		Long: `Bench reads and codes every article of its inputs, like "marsad code", but
discards the output, and reports MB/s of article text and articles/s, per run
and per worker. Use GOMAXPROCS=1 --workers 1 for the one-core figure.`,
		Example: "  GOMAXPROCS=1 marsad bench --input jsonl ../shared/data/corpus/ant.jsonl",
		RunE: func(cmd *cobra.Command, args []string) error {
			if profile != "" {
				f, err := os.Create(profile)
				if err != nil {
					return &exitError{2, err}
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			return runBench(cmd.Context(), o, workers, args, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd)
	o.addInputFlag(cmd)
	cmd.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles coded in parallel")
	cmd.Flags().StringVar(&profile, "cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	return cmd
}

// inputSize returns the bytes of the input files (0 for standard input).
func inputSize(args []string) int64 {
	var n int64
	for _, a := range args {
		if fi, err := os.Stat(a); err == nil && fi.Mode().IsRegular() {
			n += fi.Size()
		}
	}
	return n
}

func runBench(ctx context.Context, o codeOptions, workers int, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if err := checkWorkers(workers); err != nil {
		return err
	}
	if err := o.checkInputs(); err != nil {
		return err
	}
	start := time.Now()
	p, err := newPipeline(o)
	if err != nil {
		return err
	}
	loaded := time.Since(start)
	jobs := make(chan *extract.Article, 64)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		events int
	)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for art := range jobs {
				n += len(p.Code(art).Events)
			}
			mu.Lock()
			events += n
			mu.Unlock()
		}()
	}
	var bytes, articles int
	err = forEachArticle(ctx, args, o.readOptions(stdin), stderr, func(art *extract.Article) error {
		bytes += len(art.Text)
		articles++
		jobs <- art
		return nil
	})
	close(jobs)
	wg.Wait()
	el := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "articles=%d events=%d text_bytes=%d input_bytes=%d workers=%d load=%s elapsed=%.2fs\n",
		articles, events, bytes, inputSize(args), workers, loaded.Round(time.Millisecond), el)
	fmt.Fprintf(stdout, "speed %.1f MB/s of article text, %.1f MB/s of input, %.0f articles/s (per worker: %.1f MB/s of text, %.0f articles/s)\n",
		float64(bytes)/1e6/el, float64(inputSize(args))/1e6/el, float64(articles)/el, float64(bytes)/1e6/el/float64(workers), float64(articles)/el/float64(workers))
	return err
}
