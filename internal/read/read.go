// Package read turns sources (files, directories, standard input, JSON Lines,
// TREC-style XML, HTML pages, URLs, RSS and Atom feeds, WARC files) into RawDocs: the bytes of one document each,
// converted to UTF-8, with what is known about where they came from.
//
// A Reader (Open, then Next) yields documents one by one. A document that cannot be read
// (binary data, undecodable bytes, a truncated record) is reported as an
// error naming its input, and reading goes on with the next one.
package read

import (
	"errors"
	"io"
	"time"

	"github.com/marsad/marsad/internal/fetch"
)

// Format names the shape of an input.
type Format string

// Input formats understood by Marsad.
const (
	FormatAuto  Format = "auto"  // decide per input from its name and first bytes
	FormatText  Format = "text"  // plain UTF-8 (or legacy Arabic charset) text, one article
	FormatHTML  Format = "html"  // one HTML page
	FormatJSONL Format = "jsonl" // one {"id","title","published","text",…} object a line
	FormatTREC  Format = "trec"  // <DOC><DOCNO>…</DOCNO>…<TEXT>…</TEXT></DOC> records
	FormatWARC  Format = "warc"  // a WARC file (.warc, .warc.gz): one document per HTML or text HTTP response record
)

// RawDoc is one document as read, before any extraction.
type RawDoc struct {
	URI         string            // where it came from: a path, "-" for stdin, with "#N" for the Nth record of a multi-record file
	Name        string            // for a file found in a directory argument, its path relative to that directory ("x/a.txt"); "" otherwise
	ID          string            // identifier given by the input (JSONL "id", TREC DOCNO), or "" to derive one
	Format      Format            // the concrete format (never FormatAuto)
	Data        []byte            // the document, UTF-8 (converted from its charset when needed)
	ValidUTF8   bool              // Data is known to be valid UTF-8 (the reader checked it as it went)
	ContentType string            // MIME type when known ("text/html; charset=windows-1256")
	FetchedAt   time.Time         // when it was read
	Meta        map[string]string // fields given by the input: "title", "published", "outlet", "url", …
}

// DefaultMaxBytes is the largest document (or JSON Lines line, or TREC
// record) read when Options.MaxBytes is zero: 16 MiB. A longer one is
// skipped without being held in memory and reported (ErrTooLarge). Every
// command that reads articles (code, ner, explain, ingest) has this limit.
const DefaultMaxBytes int64 = 16 << 20

// Options controls a Reader. The zero value reads standard input (or the
// given paths) with per-input format detection and the default size limit.
type Options struct {
	Format   Format         // FormatAuto (or "") to detect per input; any other value forces that format on every input (for a URL: text or html only)
	MaxBytes int64          // largest document, line or record in bytes; 0 means DefaultMaxBytes
	Stdin    io.Reader      // what "-" (and an empty input list) reads; nil means os.Stdin
	Fetcher  *fetch.Fetcher // what URL inputs and Feeds are fetched through; nil means one with fetch's defaults (public addresses only, robots.txt, 1 s per host)
	Feeds    []string       // RSS or Atom feeds (URLs) read after the inputs: the page of each item, with the item's title and date where the page has none
}

// DocError reports a document (or a whole input) that could not be read.
// Reading goes on after a DocError: the caller may call Reader.Next again.
type DocError struct {
	URI string // the input, with "#N" naming the line (JSON Lines) or record (TREC) when inside a multi-document input
	Err error  // the reason
}

// Error returns "URI: reason".
func (e *DocError) Error() string { return e.URI + ": " + e.Err.Error() }

// Unwrap returns the reason, for errors.Is and errors.As.
func (e *DocError) Unwrap() error { return e.Err }

// Reasons carried by DocError.Err; compare with errors.Is.
var (
	ErrEmpty     = errors.New("empty input")
	ErrBinary    = errors.New("binary data, not text")
	ErrTooLarge  = errors.New("document too large")
	ErrTruncated = errors.New("truncated record")
)
