package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/mine"
	"github.com/marsad/marsad/internal/pipeline"
)

// reviewedFile lists the mined predicates reviewed as no political act.
const reviewedFile = "predicates_reviewed.tsv"

func newKBMineCommand() *cobra.Command {
	var (
		dir     string
		curve   string
		workers int
	)
	cmd := &cobra.Command{
		Use:   "mine [--kb DIR] [--curve FILE] CORPUS.jsonl",
		Short: "Rank the predicates of a corpus's two-actor sentences, with what the lexicon makes of them",
		Long: `Mine reads a JSON Lines corpus ({"id", "title", "text", "outlet", "published"} a
line), finds the sentences where resolution names at least two actors with a
country, and takes their predicates (kb/FORMAT.md, "Mined predicates", says
exactly what counts): verbs, verbal nouns, participles, support verb + noun
pairs. It writes a TSV ranked by frequency, one line per lemma-ish key:

  rank  key  count  share  cumulative  status  lexicon  reviewed  new  support  surfaces

status is what most of the key's occurrences are: "lexicon" (a trigger
matches), "reviewed" (listed in predicates_reviewed.tsv as no political
act) or "new". On standard error (or --curve FILE) it prints the coverage:
the share of occurrences the lexicon and the reviewed list cover, and the
curves of trigger lines and of keys against the share of occurrences.`,
		Example: `  marsad kb mine ../shared/data/corpus/ant.jsonl > /tmp/predicates.tsv`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ew := cmd.ErrOrStderr()
			if curve != "" {
				f, err := os.Create(curve)
				if err != nil {
					return err
				}
				defer f.Close()
				ew = f
			}
			return runKBMine(kbFS(dir), args[0], workers, cmd.OutOrStdout(), ew)
		},
	}
	cmd.Flags().StringVar(&dir, "kb", "", "use the knowledge base in this directory instead of the embedded one")
	cmd.Flags().StringVar(&curve, "curve", "", "write the coverage summary and curves to this file instead of standard error")
	cmd.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles mined in parallel")
	return cmd
}

// corpusLine is one article of a JSON Lines corpus.
type corpusLine struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
}

func runKBMine(fsys fs.FS, corpus string, workers int, stdout, stderr io.Writer) error {
	lex, err := pipeline.LoadLexicon(fsys)
	if err != nil {
		return err
	}
	reviewed, err := readReviewed(fsys)
	if err != nil {
		return err
	}
	m := mine.New(pipeline.New(lex), reviewed)
	f, err := os.Open(corpus)
	if err != nil {
		return err
	}
	defer f.Close()
	arts := make(chan *extract.Article, 64)
	var (
		mu   sync.Mutex
		occs []mine.Occurrence
		wg   sync.WaitGroup
	)
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mineOut []mine.Occurrence
			for a := range arts {
				mineOut = append(mineOut, m.Article(a)...)
			}
			mu.Lock()
			occs = append(occs, mineOut...)
			mu.Unlock()
		}()
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n, bad := 0, 0
	for sc.Scan() {
		var l corpusLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			bad++
			continue
		}
		a := &extract.Article{ID: l.ID, Title: l.Title, Outlet: l.Outlet, Published: l.Published, Text: l.Title + "\n\n" + l.Text}
		if t, err := time.Parse(time.RFC3339, l.Published); err == nil {
			a.PublishedAt = t
		}
		arts <- a
		n++
	}
	close(arts)
	wg.Wait()
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", corpus, err)
	}
	rows := mine.Rank(occs)
	cov := mine.Cover(rows)
	w := bufio.NewWriter(stdout)
	fmt.Fprintln(w, "rank\tkey\tcount\tshare\tcumulative\tstatus\tlexicon\treviewed\tnew\tsupport\tsurfaces")
	cum := 0
	for i, r := range rows {
		cum += r.Count
		sup := ""
		if r.Support {
			sup = "yes"
		}
		fmt.Fprintf(w, "%d\t%s\t%d\t%.4f\t%.4f\t%s\t%d\t%d\t%d\t%s\t%s\n", i+1, r.Key, r.Count,
			float64(r.Count)/float64(cov.Total), float64(cum)/float64(cov.Total), r.Status,
			r.ByStatus[mine.Lexicon], r.ByStatus[mine.Reviewed], r.ByStatus[mine.Unknown], sup, strings.Join(r.TopSurfaces(5), "|"))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return printCoverage(stderr, n, bad, len(rows), cov)
}

func printCoverage(w io.Writer, articles, bad, keys int, c mine.Coverage) error {
	bw := bufio.NewWriter(w)
	share := func(x int) float64 { return float64(x) / float64(max(c.Total, 1)) }
	fmt.Fprintf(bw, "articles %d (unreadable %d), predicate occurrences %d, keys %d\n", articles, bad, c.Total, keys)
	fmt.Fprintf(bw, "covered: lexicon %.3f, reviewed non-acts %.3f, together %.3f\n",
		share(c.Lexicon), share(c.Reviewed), share(c.Lexicon+c.Reviewed))
	fmt.Fprintln(bw, "trigger lines (most productive first) → share of occurrences they match:")
	for _, p := range c.ByTrigger {
		fmt.Fprintf(bw, "  %6d  %.3f\n", p.N, p.Share)
	}
	fmt.Fprintln(bw, "keys (most frequent first) → share of occurrences they hold:")
	for _, p := range c.ByKey {
		fmt.Fprintf(bw, "  %6d  %.3f\n", p.N, p.Share)
	}
	return bw.Flush()
}

// readReviewed returns the surfaces of predicates_reviewed.tsv (none when
// the knowledge base has no such file).
func readReviewed(fsys fs.FS) ([]string, error) {
	data, err := fs.ReadFile(fsys, reviewedFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		for _, s := range strings.Split(f[0], "|") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out, nil
}
