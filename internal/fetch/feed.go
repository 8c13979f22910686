package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Item is one entry of a feed: the page it links to and what the feed says
// of it.
type Item struct {
	Link      string // the item's page, absolute and normalised; "" when the item has none usable
	Title     string // the item's title, "" if none
	Published string // its publication (or, failing that, update) time, RFC 3339 when the feed's date could be read, else as written; "" if none
	Err       error  // why Link is "" (no link, not http or https), or nil
}

// ParseFeed reads an RSS, Atom or JSON feed (gofeed) fetched from base and
// returns its items in feed order, their links resolved against base. An
// item without a usable link is returned with Err set, so that it can be
// reported and the others read. An error means data is not a feed.
func ParseFeed(data []byte, base string) (items []Item, err error) {
	defer func() {
		// a feed parser must not bring the batch down on a hostile feed
		if r := recover(); r != nil {
			items, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("not an RSS, Atom or JSON feed: %w", err)
	}
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		item := Item{Title: strings.TrimSpace(it.Title), Published: itemDate(it)}
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		if link == "" {
			item.Err = errors.New("feed item has no link")
		} else if ref, err := url.Parse(link); err != nil {
			item.Err = fmt.Errorf("feed item link %q: %w", link, err)
		} else if item.Link, err = Normalize(baseURL.ResolveReference(ref).String()); err != nil {
			item.Err = fmt.Errorf("feed item link %q: %w", link, err)
		}
		items = append(items, item)
	}
	return items, nil
}

// itemDate returns an item's publication time (else its update time).
func itemDate(it *gofeed.Item) string {
	switch {
	case it.PublishedParsed != nil:
		return it.PublishedParsed.Format(time.RFC3339)
	case it.Published != "":
		return strings.TrimSpace(it.Published)
	case it.UpdatedParsed != nil:
		return it.UpdatedParsed.Format(time.RFC3339)
	}
	return strings.TrimSpace(it.Updated)
}
