package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/read"
)

// TestReadArticles: a missing input and a broken JSON line are reported by
// name, and the articles around them are still read, in order.
func TestReadArticles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(good, []byte("زار الرئيس المصري دمشق أمس."), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := filepath.Join(dir, "b.jsonl")
	body := `{"id":"1","text":"قال الوزير."}` + "\n{broken\n" + `{"id":"3","text":"التقى الوزير نظيره."}` + "\n"
	if err := os.WriteFile(lines, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var got, bad []string
	failed, err := ReadArticles(context.Background(), []string{good, filepath.Join(dir, "missing.txt"), lines}, read.Options{},
		func(e *ArticleError) error { bad = append(bad, e.URI); return nil },
		func(a *extract.Article) error { got = append(got, a.ID); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if failed != 2 || len(bad) != 2 || !strings.HasSuffix(bad[0], "missing.txt") || !strings.Contains(bad[1], "b.jsonl#2") {
		t.Errorf("failed = %d, reported %q; want the missing file and line 2", failed, bad)
	}
	if strings.Join(got, ",") != "a,1,3" {
		t.Errorf("articles %q, want a,1,3", got)
	}
}

// TestReadArticlesStops: an error from fn stops reading and is returned.
func TestReadArticlesStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	_, err := ReadArticles(context.Background(), []string{"-"}, read.Options{Format: read.FormatJSONL, Stdin: strings.NewReader("{\"id\":\"1\",\"text\":\"أ\"}\n{\"id\":\"2\",\"text\":\"ب\"}\n")},
		func(*ArticleError) error { return nil },
		func(*extract.Article) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err = %v after %d articles, want stop after 1", err, n)
	}
}
