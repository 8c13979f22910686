package read

import (
	"errors"
	"fmt"
	"io"
	"strings"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/marsad/marsad/internal/fetch"
)

// IsWARCName reports whether a path names a WARC file: it ends in .warc or
// .warc.gz (in any case).
func IsWARCName(path string) bool {
	p := strings.ToLower(path)
	return strings.HasSuffix(p, ".warc") || strings.HasSuffix(p, ".warc.gz")
}

// openWARC sets r.cur to the articles of a WARC file (plain or with one
// gzip member per record), read with nlnwa/gowarc.
func (r *Reader) openWARC(uri string, in io.Reader, closer io.Closer) error {
	// wr would close a reader that is an io.Closer: the file is ours to close
	wr, err := gowarc.NewWarcFileReaderFromStream(struct{ io.Reader }{in}, 0)
	if err != nil {
		if closer != nil {
			closer.Close()
		}
		return &DocError{URI: uri, Err: fmt.Errorf("WARC: %w", err)}
	}
	s := &warcSource{uri: uri, wr: wr, file: closer, max: r.opts.MaxBytes, forced: r.opts.Format}
	r.cur, r.closer = s, s
	return nil
}

// warcSource yields one document for each HTTP response record of a WARC
// file whose status is 2xx and whose body is HTML or text; its URI and ID
// are the record's WARC-Target-URI. Other records (requests, metadata,
// images, redirects, revisits) are skipped without a word. A record whose
// body cannot be read or is over the size limit is a DocError naming its
// target URI; a file that cannot be parsed any further ends with a
// DocError naming the file and the record ("file#N").
type warcSource struct {
	uri    string // the WARC file
	wr     *gowarc.WarcFileReader
	file   io.Closer // the file under wr, or nil for standard input
	max    int64
	forced Format // FormatWARC or FormatAuto, or a forced body format
	n      int    // records read
	docs   int    // documents and errors yielded
	done   bool
}

func (s *warcSource) next() (RawDoc, error) {
	for !s.done {
		rec, err := s.wr.Next()
		if errors.Is(err, io.EOF) {
			s.done = true
			if s.docs == 0 {
				return RawDoc{}, &DocError{URI: s.uri, Err: fmt.Errorf("%w: no HTTP response record with HTML or text (of %d records)", ErrEmpty, s.n)}
			}
			break
		}
		s.n++
		if err != nil {
			// the parser has lost its place in the file
			rec.Close()
			s.done = true
			return RawDoc{}, &DocError{URI: fmt.Sprintf("%s#%d", s.uri, s.n), Err: fmt.Errorf("WARC record: %w", err)}
		}
		doc, ok, err := s.record(rec.WarcRecord)
		rec.Close()
		if err != nil {
			s.docs++
			return RawDoc{}, err
		}
		if ok {
			s.docs++
			return doc, nil
		}
	}
	return RawDoc{}, io.EOF
}

// record turns one record into a document; ok is false for a record that
// is not an article (skipped). The error is a *DocError.
func (s *warcSource) record(rec gowarc.WarcRecord) (doc RawDoc, ok bool, err error) {
	if rec == nil || rec.Type() != gowarc.Response {
		return RawDoc{}, false, nil
	}
	block, isHTTP := rec.Block().(gowarc.HttpResponseBlock)
	if !isHTTP {
		return RawDoc{}, false, nil // dns:, whois: … responses
	}
	if c := block.HttpStatusCode(); c < 200 || c > 299 {
		return RawDoc{}, false, nil
	}
	target := strings.Trim(strings.TrimSpace(rec.WarcHeader().Get(gowarc.WarcTargetURI)), "<>")
	uri := target
	if n, err := fetch.Normalize(target); err == nil {
		uri = n
	}
	if uri == "" {
		uri = fmt.Sprintf("%s#%d", s.uri, s.n)
	}
	fail := func(err error) (RawDoc, bool, error) {
		return RawDoc{}, false, &DocError{URI: uri, Err: err}
	}
	var ct, te, ce string
	if h := block.HttpHeader(); h != nil {
		ct, ce = h.Get("Content-Type"), h.Get("Content-Encoding")
	}
	// net/http takes Transfer-Encoding out of the parsed header: look in the raw one
	te = rawHeader(block.ProtocolHeaderBytes(), "Transfer-Encoding")
	forced := s.forced
	if forced == FormatWARC {
		forced = FormatAuto
	}
	mediaType, _ := fetch.MediaType(ct)
	if _, err := webFormat(mediaType, uri, nil, forced); errors.Is(err, errNotArticle) {
		return RawDoc{}, false, nil // an image, a script, a feed: not an article
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		return fail(fmt.Errorf("WARC record body: %w", err))
	}
	body, err := decodeBody(payload, te, ce)
	if err != nil {
		return fail(err)
	}
	data, err := readLimited(body, s.max)
	if err != nil {
		return fail(err)
	}
	doc, err = webDoc(uri, ct, data, forced, s.max)
	if errors.Is(err, errNotArticle) {
		return RawDoc{}, false, nil
	}
	if err != nil {
		return fail(err)
	}
	if d, derr := rec.Date(); derr == nil && !d.IsZero() {
		doc.Meta = map[string]string{"url": target, "captured": d.UTC().Format("2006-01-02T15:04:05Z")}
	} else {
		doc.Meta = map[string]string{"url": target}
	}
	return doc, true, nil
}

// Close releases the WARC reader and closes the file.
func (s *warcSource) Close() error {
	s.done = true
	if s.wr == nil {
		return nil
	}
	err := s.wr.Close() // gives back its buffer
	s.wr = nil
	if s.file != nil {
		if cerr := s.file.Close(); err == nil {
			err = cerr
		}
		s.file = nil
	}
	return err
}

// rawHeader returns the value of the first header field called name in an
// HTTP message head (status line, then "Name: value" lines), or "".
func rawHeader(head []byte, name string) string {
	for _, line := range strings.Split(string(head), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
