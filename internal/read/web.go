package read

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http/httputil"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/marsad/marsad/internal/fetch"
)

// errNotArticle is the reason for a web response that is not a page of
// text: an image, a PDF, a script. In a WARC file such records are skipped
// silently; fetched on purpose, they are reported.
var errNotArticle = errors.New("not HTML or text")

// webFormat decides the format of a web response from its Content-Type,
// its URL and its first bytes: HTML for text/html and
// application/xhtml+xml, plain text (or HTML, if it looks like HTML) for
// other text/* types and for a response without a type. A forced format
// (--input text or html) wins over the type. Anything else wraps
// errNotArticle.
func webFormat(mediaType, uri string, head []byte, forced Format) (Format, error) {
	if forced == FormatText || forced == FormatHTML {
		return forced, nil
	}
	switch {
	case mediaType == "text/html", mediaType == "application/xhtml+xml":
		return FormatHTML, nil
	case mediaType == "text/xml", mediaType == "application/xml", strings.HasSuffix(mediaType, "+xml"):
		return "", fmt.Errorf("%w: %s (a feed? read it with --feed)", errNotArticle, mediaType)
	case mediaType == "" || strings.HasPrefix(mediaType, "text/"):
		path := uri
		if u, err := url.Parse(uri); err == nil {
			path = u.Path
		}
		if Detect(path, head) == FormatHTML {
			return FormatHTML, nil
		}
		return FormatText, nil
	}
	return "", fmt.Errorf("%w: content type %s", errNotArticle, mediaType)
}

// webDoc turns the body of a web response into a RawDoc: its format from
// webFormat, its text decoded to UTF-8 (a charset in the Content-Type header
// is used for bytes that are not UTF-8; otherwise Decode decides, from a
// <meta> charset or the bytes themselves). uri names the document (the URL)
// and becomes its ID.
func webDoc(uri, contentType string, body []byte, forced Format, max int64) (RawDoc, error) {
	if int64(len(body)) > max {
		return RawDoc{}, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	mediaType, charset := fetch.MediaType(contentType)
	head := body[:min(len(body), sniffLen)]
	format, err := webFormat(mediaType, uri, head, forced)
	if err != nil {
		return RawDoc{}, err
	}
	if IsBinary(head) {
		return RawDoc{}, ErrBinary
	}
	if charset != "" && charset != "utf-8" && !utf8.Valid(body) {
		if enc, err := htmlindex.Get(charset); err == nil {
			if out, err := enc.NewDecoder().Bytes(body); err == nil {
				body = out
			}
		}
	}
	doc, err := wholeDoc(uri, format, body, max)
	if err != nil {
		return RawDoc{}, err
	}
	doc.ID = uri
	if contentType != "" {
		doc.ContentType = contentType
	}
	return doc, nil
}

// decodeBody undoes the transfer and content encodings of an HTTP body as
// it was stored (a WARC record keeps the bytes as they came over the
// wire): chunked; gzip, x-gzip, deflate. Another content encoding is an
// error.
func decodeBody(body io.Reader, transferEncoding, contentEncoding string) (io.Reader, error) {
	if strings.Contains(strings.ToLower(transferEncoding), "chunked") {
		body = httputil.NewChunkedReader(body)
	}
	switch ce := strings.ToLower(strings.TrimSpace(contentEncoding)); ce {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		return zr, nil
	case "deflate":
		// servers send zlib-wrapped or raw deflate under this name
		br := bufioPeeker{r: body}
		if zr, err := br.zlib(); err == nil {
			return zr, nil
		}
		return flate.NewReader(br.rest()), nil
	default:
		return nil, fmt.Errorf("content encoding %q not supported", ce)
	}
}

// readLimited reads at most max bytes of r; more is ErrTooLarge, and
// nothing beyond max+1 bytes is read.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return data, nil
}

// bufioPeeker reads the first two bytes of a deflate body to tell zlib
// from raw deflate.
type bufioPeeker struct {
	r    io.Reader
	head []byte
}

// zlib returns a zlib reader when the body starts with a zlib header.
func (p *bufioPeeker) zlib() (io.Reader, error) {
	p.head = make([]byte, 2)
	n, err := io.ReadFull(p.r, p.head)
	p.head = p.head[:n]
	if err != nil {
		return nil, err
	}
	if (uint16(p.head[0])<<8|uint16(p.head[1]))%31 != 0 || p.head[0]&0x0f != 8 {
		return nil, errors.New("not zlib")
	}
	return zlib.NewReader(p.rest())
}

// rest returns the whole body again, the peeked bytes first.
func (p *bufioPeeker) rest() io.Reader { return io.MultiReader(bytes.NewReader(p.head), p.r) }
