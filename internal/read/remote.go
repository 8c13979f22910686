package read

import (
	"errors"
	"fmt"
	"io"

	"github.com/marsad/marsad/internal/fetch"
)

// fetcher returns the Fetcher URL inputs and feeds are read through:
// Options.Fetcher, or one with fetch's defaults (public addresses only)
// made on first use, with the Reader's size limit.
func (r *Reader) fetcher() *fetch.Fetcher {
	if r.opts.Fetcher == nil {
		r.opts.Fetcher = fetch.New(fetch.Options{MaxBytes: r.opts.MaxBytes})
	}
	return r.opts.Fetcher
}

// fetchDoc fetches one page and turns it into a RawDoc named by its URL;
// meta, if not nil, becomes the document's Meta (what a feed said of it).
// The error does not name the URL: the caller's DocError does.
func (r *Reader) fetchDoc(rawURL string, meta map[string]string) (RawDoc, error) {
	page, err := r.fetcher().Get(r.ctx, rawURL)
	if err != nil {
		var fe *fetch.Error
		if errors.As(err, &fe) {
			return RawDoc{}, fe.Err
		}
		return RawDoc{}, err
	}
	doc, err := webDoc(page.URL, page.ContentType, page.Body, r.opts.Format, r.opts.MaxBytes)
	if err != nil {
		return RawDoc{}, err
	}
	if meta == nil {
		meta = map[string]string{}
	}
	meta["url"] = page.FinalURL
	doc.Meta = meta
	return doc, nil
}

// openURL reads a URL input: one page, one document.
func (r *Reader) openURL(rawURL string) error {
	uri := rawURL
	if n, err := fetch.Normalize(rawURL); err == nil {
		uri = n
	}
	doc, err := r.fetchDoc(rawURL, nil)
	if err != nil {
		return &DocError{URI: uri, Err: err}
	}
	r.cur = &oneDoc{doc: doc}
	return nil
}

// openFeed reads a feed input: the feed, then the page of each item.
func (r *Reader) openFeed(feedURL string) error {
	uri := feedURL
	if n, err := fetch.Normalize(feedURL); err == nil {
		uri = n
	}
	page, err := r.fetcher().Get(r.ctx, feedURL)
	if err != nil {
		var fe *fetch.Error
		if errors.As(err, &fe) {
			err = fe.Err
		}
		return &DocError{URI: uri, Err: fmt.Errorf("feed: %w", err)}
	}
	items, err := fetch.ParseFeed(page.Body, page.FinalURL)
	if err != nil {
		return &DocError{URI: uri, Err: err}
	}
	if len(items) == 0 {
		return &DocError{URI: uri, Err: fmt.Errorf("%w: the feed has no items", ErrEmpty)}
	}
	r.cur = &feedSource{r: r, uri: uri, items: items}
	return nil
}

// feedSource yields the pages of a feed's items, in feed order. An item
// whose page cannot be fetched is a DocError naming its link (or the feed
// and the item's number, for an item without a usable link).
type feedSource struct {
	r     *Reader
	uri   string // the feed
	items []fetch.Item
	i     int // the next item
}

func (s *feedSource) next() (RawDoc, error) {
	if s.i >= len(s.items) {
		return RawDoc{}, io.EOF
	}
	it := s.items[s.i]
	s.i++
	if it.Err != nil {
		return RawDoc{}, &DocError{URI: fmt.Sprintf("%s#%d", s.uri, s.i), Err: it.Err}
	}
	meta := map[string]string{"feed": s.uri}
	if it.Title != "" {
		meta["title"] = it.Title
	}
	if it.Published != "" {
		meta["published"] = it.Published
	}
	doc, err := s.r.fetchDoc(it.Link, meta)
	if err != nil {
		return RawDoc{}, &DocError{URI: it.Link, Err: err}
	}
	return doc, nil
}
