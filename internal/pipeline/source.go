package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/marsad/marsad/internal/extract"
	"github.com/marsad/marsad/internal/read"
)

// ArticleError reports an input (a file, a line of a JSON Lines file, a
// record of a TREC file) that could not be read or extracted. The batch
// goes on after it.
type ArticleError struct {
	URI string // the input, as read.DocError names it
	Err error  // the reason
}

// Error returns "URI: reason".
func (e *ArticleError) Error() string { return e.URI + ": " + e.Err.Error() }

// Unwrap returns the reason, for errors.Is and errors.As.
func (e *ArticleError) Unwrap() error { return e.Err }

// ReadArticles reads inputs (files, directories, "-" for opts.Stdin; none
// means standard input), extracts every document and calls fn with each
// article, in input order. This is the read → extract loop that every
// command that codes (code, bench, ingest, serve) shares.
//
// An input that cannot be read or extracted, or whose text is longer than
// the default Budget allows (DefaultMaxText), goes to onErr as an
// *ArticleError and reading goes on; ReadArticles returns how many did.
// An error from fn, from onErr or from ctx stops reading and is returned
// as it is; the article fn was given is not reused, so fn may keep it.
func ReadArticles(ctx context.Context, inputs []string, opts read.Options, onErr func(*ArticleError) error, fn func(*extract.Article) error) (failed int, err error) {
	r := read.Open(ctx, inputs, opts)
	defer r.Close()
	for {
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		doc, err := r.Next()
		if errors.Is(err, io.EOF) {
			return failed, nil
		}
		if err != nil {
			var de *read.DocError
			if !errors.As(err, &de) {
				return failed, fmt.Errorf("reading inputs: %w", err)
			}
			failed++
			if err := onErr(&ArticleError{URI: de.URI, Err: de.Err}); err != nil {
				return failed, err
			}
			continue
		}
		art, err := extract.Extract(doc, extract.Options{})
		if err == nil {
			err = Budget{}.CheckText(&art)
		}
		if err != nil {
			failed++
			if err := onErr(&ArticleError{URI: doc.URI, Err: err}); err != nil {
				return failed, err
			}
			continue
		}
		if err := fn(&art); err != nil {
			return failed, err
		}
	}
}
