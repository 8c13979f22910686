package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/ner"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/read"
)

// Manifest is sample.json: how the samples were drawn.
type Manifest struct {
	Seed          uint64   `json:"seed"`
	Corpus        string   `json:"corpus"`
	CorpusSHA256  string   `json:"corpus_sha256"`
	Binary        string   `json:"binary"`
	Commit        string   `json:"commit,omitempty"` // git HEAD of the tree the tool ran in
	Drawn         string   `json:"drawn"`            // UTC date
	Excluded      []string `json:"excluded_dirs"`    // gold sets whose article ids are left out
	ExcludedIDs   int      `json:"excluded_ids"`     // ids read from them
	Articles      int      `json:"articles"`         // articles coded
	Skipped       int      `json:"skipped_articles"` // excluded ids, or the same text as an earlier article
	EventsAll     int      `json:"events_all"`       // events `marsad code` writes (default --min-confidence 0)
	EventsCounted int      `json:"events_counted"`   // of those, what `marsad eval events` scores: the event pool
	Sentences     int      `json:"sentences_pool"`   // distinct sentences that name two actors: the sentence pool
	EventSample   int      `json:"event_sample"`
	SentSample    int      `json:"sentence_sample"`
	Definitions   []string `json:"definitions"`
}

func runSample(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bin := fs.String("bin", "", "marsad binary to code the corpus with (required)")
	corpus := fs.String("corpus", "../shared/data/corpus/ant.jsonl", "corpus, JSON Lines")
	out := fs.String("out", "testdata/audit", "directory for events.jsonl, sentences.jsonl and sample.json")
	seed := fs.Uint64("seed", 20261207, "seed of the draw")
	nEvents := fs.Int("events", 200, "events to draw")
	nSents := fs.Int("sentences", 100, "sentences to draw")
	force := fs.Bool("force", false, "overwrite samples that exist (their judgements are lost)")
	var exclude multiFlag
	fs.Var(&exclude, "exclude", "directory of gold files whose article ids are left out (repeatable); only the id field is read")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *bin == "" {
		return usageError{"sample: -bin is required"}
	}
	if !*force {
		for _, f := range []string{fileEvents, fileSents} {
			if _, err := os.Stat(filepath.Join(*out, f)); err == nil {
				return usageError{fmt.Sprintf("sample: %s exists (judged?): use -force to draw again", filepath.Join(*out, f))}
			}
		}
	}
	excl := map[string]bool{}
	for _, d := range exclude {
		if err := readIDs(d, excl); err != nil {
			return err
		}
	}
	coded, err := codeCorpus(*bin, *corpus)
	if err != nil {
		return err
	}
	m := Manifest{Seed: *seed, Corpus: *corpus, Binary: *bin, Commit: gitHead(), Drawn: time.Now().UTC().Format("2006-01-02"),
		Excluded: exclude, ExcludedIDs: len(excl), EventSample: *nEvents, SentSample: *nSents, Definitions: definitions}
	if m.CorpusSHA256, err = fileSHA256(*corpus); err != nil {
		return err
	}
	sents, err := twoActorSentences(*corpus, coded, excl, &m)
	if err != nil {
		return err
	}
	// the event pool, in corpus order
	var pool []EventItem
	for _, c := range coded {
		m.EventsAll += len(c.Events)
		if c.skip {
			continue
		}
		for i := range c.Events {
			e := &c.Events[i]
			if counted(e) {
				pool = append(pool, eventItem(c.ID, e))
			}
		}
	}
	m.EventsCounted = len(pool)
	evs := draw(pool, *nEvents, newRNG(*seed))
	ss := draw(sents, *nSents, newRNG(*seed+1))
	for i := range evs {
		evs[i].N = i + 1
	}
	for i := range ss {
		ss[i].N = i + 1
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	if err := writeJSONL(filepath.Join(*out, fileEvents), evs); err != nil {
		return err
	}
	if err := writeJSONL(filepath.Join(*out, fileSents), ss); err != nil {
		return err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, fileSample), b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "articles %d (skipped %d), events %d, counted %d → drew %d; two-actor sentences %d → drew %d\n",
		m.Articles, m.Skipped, m.EventsAll, m.EventsCounted, len(evs), m.Sentences, len(ss))
	return nil
}

// definitions say what the samples are, for sample.json.
var definitions = []string{
	"event pool: every event `marsad code --input jsonl` writes for an article that is not excluded, with confidence >= 0.5 and none of the modalities negated, hypothetical, intended, background (what `marsad eval events` scores)",
	"sentence pool: every distinct sentence (Marsad's sentence split, white space collapsed) of an article that is not excluded, in which Marsad resolves at least two actors that differ (namesTwoActors: non-overlapping phrases whose actor codes differ, or that are not the same words once a leading proclitic و ف ب ك ل and the article ال are set aside)",
	"excluded articles: ids found in the gold files of the excluded directories (the id field of JSON Lines, the id column of CSV, also without its -N sentence suffix), and articles whose text repeats an earlier article's",
	"draw: a partial Fisher-Yates shuffle of the pool (in corpus order) driven by splitmix64 from the seed (events) and the seed + 1 (sentences); the drawn items are put back in corpus order",
}

// codedArticle is one article of the binary's output.
type codedArticle struct {
	Coded
	skip bool // excluded, or a repeat of an earlier text
}

// codeCorpus runs `bin code --input jsonl corpus` and reads its output.
func codeCorpus(bin, corpus string) ([]codedArticle, error) {
	cmd := exec.Command(bin, "code", "--input", "jsonl", corpus)
	cmd.Stderr = os.Stderr
	outp, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	var out []codedArticle
	sc := bufio.NewScanner(outp)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		var c Coded
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			_ = cmd.Wait()
			return nil, fmt.Errorf("%s output line %d: %w", bin, len(out)+1, err)
		}
		out = append(out, codedArticle{Coded: c})
	}
	if err := sc.Err(); err != nil {
		_ = cmd.Wait()
		return nil, err
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("%s code: %w", bin, err)
	}
	return out, nil
}

// twoActorSentences marks the coded articles to skip and returns the
// sentence pool: every distinct sentence that names two actors, in corpus
// order, with the counted events Marsad coded in it. It reads the corpus
// again through Marsad's own pipeline, in explain mode, so that every
// sentence has its actors (coding resolves only the sentences with a
// trigger).
func twoActorSentences(corpus string, coded []codedArticle, excl map[string]bool, m *Manifest) ([]SentenceItem, error) {
	lex, err := pipeline.DefaultLexicon()
	if err != nil {
		return nil, err
	}
	p := pipeline.New(lex)
	if p.Tagger, err = ner.Default(); err != nil {
		return nil, err
	}
	byID := map[string]*codedArticle{}
	for i := range coded {
		byID[coded[i].ID] = &coded[i]
	}
	seenText := map[[32]byte]bool{}
	seenSent := map[string]bool{}
	var pool []SentenceItem
	onErr := func(e *pipeline.ArticleError) error { return e }
	_, err = pipeline.ReadArticles(context.Background(), []string{corpus}, read.Options{Format: read.FormatJSONL}, onErr, func(art *extract.Article) error {
		m.Articles++
		c := byID[art.ID]
		if c == nil {
			return fmt.Errorf("article %q: not in the binary's output", art.ID)
		}
		h := sha256.Sum256([]byte(normSpace(art.Text)))
		if excl[art.ID] || seenText[h] {
			c.skip = true
			m.Skipped++
			return nil
		}
		seenText[h] = true
		if art.Text != c.Text {
			return fmt.Errorf("article %q: the binary coded another text than the tool's pipeline reads (rebuild the binary from this tree)", art.ID)
		}
		ex := p.Explanation(art)
		for _, s := range ex.Sentences {
			if s.End <= s.Start || !namesTwoActors(s.Actors) {
				continue
			}
			start, end := ex.Tokens[s.Start].Start, ex.Tokens[s.End-1].End
			text := art.Text[start:end]
			if seenSent[normSpace(text)] {
				continue
			}
			seenSent[normSpace(text)] = true
			it := SentenceItem{ID: art.ID, Sentence: text, Actors: []SentActor{}, Marsad: foundIn(c.Events, start, end), Gold: []GoldEvent{}}
			for _, a := range s.Actors {
				it.Actors = append(it.Actors, SentActor{Text: a.Text, Code: a.Code})
			}
			pool = append(pool, it)
		}
		return nil
	})
	m.Sentences = len(pool)
	return pool, err
}

// foundIn returns the counted events whose trigger starts in [start, end).
func foundIn(evs []Event, start, end int) []Found {
	out := []Found{}
	for i := range evs {
		e := &evs[i]
		if !counted(e) || e.Trigger.Start < start || e.Trigger.Start >= end {
			continue
		}
		t := "---"
		if e.Target != nil {
			t = e.Target.Code
		}
		out = append(out, Found{Source: e.Source.Code, Target: t, CAMEO: e.CAMEO, Trigger: e.Trigger.Text})
	}
	return out
}

// eventItem is a coded event as a sample line, unjudged.
func eventItem(id string, e *Event) EventItem {
	it := EventItem{ID: id, Sentence: e.Evidence.Text, Source: e.Source, Target: e.Target, CAMEO: e.CAMEO, Root: e.Root,
		Trigger: e.Trigger.Text, Evidence: e.Evidence.Text, Modality: e.Modality, Confidence: e.Confidence, Rule: e.Rule}
	it.Source.Start, it.Source.End = 0, 0
	if it.Target != nil {
		t := *it.Target
		t.Start, t.End = 0, 0
		it.Target = &t
	}
	if it.Modality == nil {
		it.Modality = []string{}
	}
	return it
}

// ActorLike is what namesTwoActors needs of an actor phrase.
type ActorLike = pipeline.ActorInfo

// namesTwoActors reports whether a sentence's resolved actors include two
// that differ: non-overlapping phrases (token ranges) whose actor codes
// differ, or that are not the same words (samePhrase), so «تونس … بتونس»
// is one actor named twice, while «رئيس الحكومة … وزير الداخلية», both
// TUNGOV, are two.
func namesTwoActors(as []ActorLike) bool {
	for i := range as {
		for j := i + 1; j < len(as); j++ {
			a, b := &as[i], &as[j]
			if a.Start < b.End && b.Start < a.End {
				continue
			}
			if a.Code != b.Code || !samePhrase(a.Text, b.Text) {
				return true
			}
		}
	}
	return false
}

// samePhrase reports whether two phrases are the same words, word by word,
// once a leading proclitic (و ف ب ك ل) and the article ال may be set aside
// (wordForms): «تونس» and «بتونس», «الحكومة», «والحكومة» and «للحكومة».
func samePhrase(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) != len(wb) {
		return false
	}
	for i := range wa {
		va, vb := wordForms(wa[i]), wordForms(wb[i])
		if !slices.ContainsFunc(va, func(v string) bool { return slices.Contains(vb, v) }) {
			return false
		}
	}
	return true
}

// wordForms returns a word as written; without its first letter when that
// is a proclitic (و ف ب ك ل) and three or more letters remain; and, of
// those, without a leading ال (when more than three letters) or else
// without a leading ل (when more than two): «للحكومة» gives «لحكومة» and
// «حكومة».
func wordForms(w string) []string {
	forms := []string{w}
	if r := []rune(w); len(r) > 2 && strings.ContainsRune("وفبكل", r[0]) {
		forms = append(forms, string(r[1:]))
	}
	for _, f := range forms {
		switch {
		case strings.HasPrefix(f, "ال") && len([]rune(f)) > 3:
			forms = append(forms, strings.TrimPrefix(f, "ال"))
		case strings.HasPrefix(f, "ل") && len([]rune(f)) > 2: // «للحكومة» = ل + (ا)ل + حكومة
			forms = append(forms, strings.TrimPrefix(f, "ل"))
		}
	}
	return forms
}

// readIDs adds to ids the article ids of every gold file in dir: the "id"
// field of each JSON Lines record, the "id" column of each CSV file (also
// without a trailing "-N" sentence number). It reads nothing else and
// prints nothing of the files (the held-out set must not be looked at).
func readIDs(dir string, ids map[string]bool) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		path := filepath.Join(dir, e.Name())
		switch filepath.Ext(e.Name()) {
		case ".jsonl":
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 1<<20), 256<<20)
			for sc.Scan() {
				var v struct {
					ID string `json:"id"`
				}
				if json.Unmarshal(sc.Bytes(), &v) == nil && v.ID != "" {
					ids[v.ID] = true
				}
			}
			err = sc.Err()
			f.Close()
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		case ".csv":
			if err := csvIDs(path, ids); err != nil {
				return err
			}
		}
	}
	return nil
}

func csvIDs(path string, ids map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	col := slices.IndexFunc(head, func(h string) bool { return strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) == "id" })
	if col < 0 {
		return nil
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if col < len(rec) {
			id := rec[col]
			ids[id] = true
			if k := strings.LastIndexByte(id, '-'); k > 0 {
				ids[id[:k]] = true
			}
		}
	}
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func gitHead() string {
	b, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// rng is splitmix64: a tiny generator whose stream never changes, so a
// seed draws the same sample with any Go version.
type rng struct{ s uint64 }

func newRNG(seed uint64) *rng { return &rng{seed} }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a uniform integer in [0, n) (rejection sampling, no modulo bias).
func (r *rng) intn(n int) int {
	lim := ^uint64(0) - ^uint64(0)%uint64(n)
	for {
		if v := r.next(); v < lim {
			return int(v % uint64(n))
		}
	}
}

// draw picks k items of pool without replacement (all of them if k ≥
// len(pool)) and returns them in pool order.
func draw[T any](pool []T, k int, r *rng) []T {
	idx := make([]int, len(pool))
	for i := range idx {
		idx[i] = i
	}
	k = min(k, len(pool))
	for i := 0; i < k; i++ {
		j := i + r.intn(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	chosen := slices.Clone(idx[:k])
	slices.Sort(chosen)
	out := make([]T, k)
	for i, c := range chosen {
		out[i] = pool[c]
	}
	return out
}
