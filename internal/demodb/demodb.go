// Package demodb builds the demo database of `marsad demo`: the canonical
// article of package demo and a few hundred articles of the ANT corpus
// (Apache-2.0, see NOTICE.md), coded and written into a store.
package demodb

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/marsad/marsad/internal/demo"
	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/read"
	"github.com/marsad/marsad/internal/store"
)

//go:embed ant_demo.jsonl
var corpus []byte

// SeedID is the id the canonical article is stored under.
const SeedID = "seed-000_d61fa5c1789e1101"

// Docs returns the demo corpus as raw documents: the canonical article
// first, then the ANT articles in file order.
func Docs() ([]read.RawDoc, error) {
	now := time.Now()
	docs := []read.RawDoc{{URI: demo.SeedName, ID: SeedID, Format: read.FormatText, Data: demo.Seed, FetchedAt: now}}
	sc := bufio.NewScanner(bytes.NewReader(corpus))
	sc.Buffer(make([]byte, 0, 1<<20), 8<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		d, err := read.ParseJSONLine(bytes.Clone(line))
		if err != nil {
			return nil, fmt.Errorf("demo corpus line %d: %w", n, err)
		}
		d.URI = "ant_demo.jsonl#" + strconv.Itoa(n)
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("demo corpus: %w", err)
	}
	return docs, nil
}

// Load codes the demo corpus with p on every core and writes it into st in
// one run. It returns what the write did.
func Load(ctx context.Context, p *pipeline.Pipeline, st store.Store) (store.WriteResult, error) {
	docs, err := Docs()
	if err != nil {
		return store.WriteResult{}, err
	}
	arts := make([]store.Article, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				art, err := extract.Extract(docs[i], extract.Options{})
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", docs[i].URI, err)
					continue
				}
				if art.ID == "" {
					art.ID = docs[i].ID
				}
				arts[i] = store.NewArticle(p.Code(&art), art.PublishedAt)
			}
		}()
	}
	for i := range docs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return store.WriteResult{}, err
	}
	for _, err := range errs {
		if err != nil {
			return store.WriteResult{}, err
		}
	}
	run, err := st.BeginRun(ctx, "marsad demo")
	if err != nil {
		return store.WriteResult{}, err
	}
	res, err := st.Write(ctx, run, arts)
	if err != nil {
		return res, err
	}
	err = st.FinishRun(ctx, store.Run{ID: run, Finished: time.Now(), Command: "marsad demo", New: res.New, Duplicate: res.Duplicate, Events: res.Events})
	return res, err
}
