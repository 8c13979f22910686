package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/read"
)

const visit = "زار الرئيس المصري عبد الفتاح السيسي دمشق أمس. "

func budgetPipeline(t *testing.T) *Pipeline {
	t.Helper()
	lex, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	return New(lex)
}

// TestCodeWithin: within its budget an article is coded as Code codes it;
// a text over the size budget, or coding over the time budget, is an error
// wrapping ErrOverBudget (and fn is not called); a cancelled context stops
// it.
func TestCodeWithin(t *testing.T) {
	p := budgetPipeline(t)
	ctx := context.Background()
	small := &extract.Article{Text: visit}
	long := &extract.Article{Text: strings.Repeat(visit, 2000)} // 180 KB: watched by the clock
	for _, art := range []*extract.Article{small, long} {
		called := false
		got, err := p.CodeWithin(ctx, art, Budget{}, func([]arabic.Token, []arabic.Span) { called = true })
		if err != nil {
			t.Fatalf("%d bytes: %v", len(art.Text), err)
		}
		want := p.Code(art)
		if string(got.AppendJSON(nil)) != string(want.AppendJSON(nil)) || !called {
			t.Errorf("%d bytes: CodeWithin differs from Code (fn called: %v)", len(art.Text), called)
		}
	}

	_, err := p.CodeWithin(ctx, long, Budget{MaxText: 1000}, nil)
	if !errors.Is(err, ErrOverBudget) || !strings.Contains(err.Error(), "more than 1000") {
		t.Errorf("text over budget: %v", err)
	}
	if _, err := p.CodeWithin(ctx, long, Budget{MaxText: -1, MaxTime: -1}, nil); err != nil {
		t.Errorf("no budget: %v", err)
	}

	start := time.Now()
	called := false
	_, err = p.CodeWithin(ctx, long, Budget{MaxTime: time.Microsecond}, func([]arabic.Token, []arabic.Span) { called = true })
	if !errors.Is(err, ErrOverBudget) || !strings.Contains(err.Error(), "took more than") {
		t.Errorf("time over budget: %v", err)
	}
	if el := time.Since(start); el > time.Second {
		t.Errorf("giving up took %v", el)
	}
	// more articles over their time than maxOverrun: all are errors, none stalls for ever
	// (an article whose coding ends while it is being given up, when its
	// goroutine got the processor first, is delivered whole: that is fine)
	over := 0
	for range 2 * maxOverrun {
		doc, err := p.CodeWithin(ctx, long, Budget{MaxTime: time.Microsecond}, nil)
		switch {
		case errors.Is(err, ErrOverBudget):
			over++
		case err != nil || len(doc.Events) == 0:
			t.Errorf("time over budget: %v (%d events)", err, len(doc.Events))
		}
	}
	if over == 0 {
		t.Error("no article was over its time budget")
	}
	time.Sleep(50 * time.Millisecond)
	if called {
		t.Error("fn was called for an article given up")
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.CodeWithin(cctx, small, Budget{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestReadArticlesTextBudget: an article whose text is over DefaultMaxText
// is reported by name (its line) and the articles around it are read.
func TestReadArticlesTextBudget(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.jsonl")
	big := strings.Repeat("ا", DefaultMaxText/2+10) // 2 bytes a letter: just over the budget
	body := `{"id":"1","text":"قال الوزير."}` + "\n" + `{"id":"2","text":"` + big + `"}` + "\n" + `{"id":"3","text":"التقى الوزير نظيره."}` + "\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	var bad []error
	failed, err := ReadArticles(context.Background(), []string{path}, read.Options{},
		func(e *ArticleError) error { bad = append(bad, e); return nil },
		func(a *extract.Article) error { got = append(got, a.ID); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if failed != 1 || len(bad) != 1 || !errors.Is(bad[0], ErrOverBudget) || !strings.Contains(bad[0].Error(), "big.jsonl#2") {
		t.Errorf("failed = %d, %v; want line 2 over the budget", failed, bad)
	}
	if strings.Join(got, ",") != "1,3" {
		t.Errorf("articles %q, want 1,3", got)
	}
}
