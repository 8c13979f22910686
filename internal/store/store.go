// Package store keeps coded articles and their events: the Store interface,
// the records it writes, and the parts both implementations share (content
// hashes, near-duplicate fingerprints, full-text stems). Implementations
// live in store/sqlite (embedded, the default) and store/postgres; the
// conformance suite in store/storetest runs against both.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/marsad/marsad/internal/arabic"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/query"
)

// Article is one coded article ready to be written.
type Article struct {
	Doc       pipeline.Doc // the output contract of `marsad code`
	Hash      string       // content hash (ContentHash of the text): the identity of an article
	SimHash   uint64       // near-duplicate fingerprint of the text (SimHash)
	Stems     string       // the distinct normalised light stems of the text, space separated, for full text (Stems)
	Sentences []Span       // sentences as byte offsets into Doc.Text
	Day       string       // publication day, YYYY-MM-DD, "" when unknown
	Bytes     int          // size of the article text
}

// Features are what the store derives from an article's tokens.
type Features struct {
	Stems     string
	SimHash   uint64
	Sentences []Span
}

// FeaturesOf derives Features from the tokens and sentences the pipeline
// made of a text (pipeline.Pipeline.CodeWith), so the text is not
// tokenised again.
func FeaturesOf(toks []arabic.Token, sents []arabic.Span) Features {
	var f Features
	f.Stems, f.SimHash, f.Sentences = analyseTokens(toks, sents)
	return f
}

// NewArticleFeatures is NewArticle with the features already derived.
func NewArticleFeatures(doc pipeline.Doc, published time.Time, f Features) Article {
	return Article{Doc: doc, Hash: ContentHash(doc), Bytes: len(doc.Text), Day: day(doc, published),
		Stems: f.Stems, SimHash: f.SimHash, Sentences: f.Sentences}
}

func day(doc pipeline.Doc, published time.Time) string {
	if !published.IsZero() {
		return published.UTC().Format("2006-01-02")
	}
	if p := doc.Published; len(p) >= 10 && p[4] == '-' && p[7] == '-' {
		return p[:10]
	}
	return ""
}

// Span is a half-open range of byte offsets into an article's text.
type Span struct{ Start, End int }

// NewArticle fills the derived fields of an Article from a coded document
// and its parsed publication time (zero when unknown). It tokenises the text
// once; call it where the coding happens, on every core.
func NewArticle(doc pipeline.Doc, published time.Time) Article {
	a := Article{Doc: doc, Hash: ContentHash(doc), Bytes: len(doc.Text), Day: day(doc, published)}
	a.Stems, a.SimHash, a.Sentences = analyse(doc.Text)
	return a
}

// Run describes one ingestion run.
type Run struct {
	ID        int64     `json:"id"`
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished"` // zero while running, or when the run was killed
	Command   string    `json:"command"`  // what was run («marsad ingest corpus.jsonl»)
	New       int       `json:"new"`
	Duplicate int       `json:"duplicate"`
	Failed    int       `json:"failed"`
	Events    int       `json:"events"`
}

// WriteResult says what a batch write did.
type WriteResult struct {
	New       int // articles written
	Duplicate int // articles already in the store (same content hash), skipped
	Events    int // event mentions written
}

// Store keeps articles, their entities and events, stories and runs, and
// answers queries. Implementations are safe for concurrent use. Every
// error is wrapped with %w.
type Store interface {
	// BeginRun records the start of an ingestion run and returns its id.
	BeginRun(ctx context.Context, command string) (int64, error)
	// FinishRun records the totals of a run.
	FinishRun(ctx context.Context, r Run) error
	// Write stores a batch of articles in one transaction: either all of
	// them (less the duplicates) are written or, on error, none. An article
	// whose content hash is already stored is counted as a duplicate and
	// skipped, so writing the same batch twice adds nothing. Articles that
	// are near duplicates of a stored one join its story.
	Write(ctx context.Context, run int64, arts []Article) (WriteResult, error)
	// Has reports which of the content hashes are stored.
	Has(ctx context.Context, hashes []string) (map[string]bool, error)

	// Events returns deduplicated events matching f, latest day first.
	Events(ctx context.Context, f query.Filter) ([]query.Event, error)
	// EachEvent calls fn with every deduplicated event matching f (no
	// limit unless f.Limit > 0), streaming: memory does not grow with the
	// number of events. An error from fn stops and is returned.
	EachEvent(ctx context.Context, f query.Filter, fn func(*query.Event) error) error
	// Dyads returns actor pairs matching f, most events first.
	Dyads(ctx context.Context, f query.Filter) ([]query.Dyad, error)
	// Timeline returns deduplicated events matching f per f.Interval, by
	// QuadClass, in time order; events with no day are left out.
	Timeline(ctx context.Context, f query.Filter) ([]query.Bucket, error)
	// Search returns articles whose text contains f.Text (on stems), latest
	// ingested first; the other fields of f narrow by article (outlet, dates).
	Search(ctx context.Context, f query.Filter) ([]query.Hit, error)
	// Actors returns actor codes of events matching f, most frequent first.
	Actors(ctx context.Context, f query.Filter) ([]query.Actor, error)
	// Places returns the locations of events matching f, most frequent first.
	Places(ctx context.Context, f query.Filter) ([]query.Place, error)
	// Network returns the actor graph of events matching f (f.Limit edges).
	Network(ctx context.Context, f query.Filter) (query.Network, error)
	// Stats counts what the store holds.
	Stats(ctx context.Context) (query.Stats, error)
	// Runs lists ingestion runs, latest first.
	Runs(ctx context.Context) ([]Run, error)

	// Close releases the store.
	Close() error
}

// ErrSchema is wrapped by the error of opening a store whose schema is
// newer than this program knows.
var ErrSchema = errors.New("store schema version not supported")
