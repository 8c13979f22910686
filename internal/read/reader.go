package read

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Reader yields the documents of a list of inputs, one at a time, in input
// order. It is not safe for concurrent use.
type Reader struct {
	ctx     context.Context
	opts    Options
	pending []pendingInput // inputs not opened yet, in order
	cur     source         // the open multi-document input, or nil
	closer  io.Closer      // closes the file behind cur, or nil
	now     func() time.Time
}

// pendingInput is an input path still to be read, or an error found while
// listing a directory, to be reported in its place.
type pendingInput struct {
	path string
	err  error
}

// source yields the documents of one opened input; next returns io.EOF
// after the last one and a *DocError for a document that failed.
type source interface {
	next() (RawDoc, error)
}

// Open returns a Reader over inputs: file paths, directories (read
// recursively in lexical order, skipping names that start with "."), and "-"
// for standard input (Options.Stdin). No inputs at all means standard input.
// Nothing is opened until the first call to Next.
func Open(ctx context.Context, inputs []string, opts Options) *Reader {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Format == "" {
		opts.Format = FormatAuto
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	r := &Reader{ctx: ctx, opts: opts, now: time.Now}
	for _, in := range inputs {
		r.pending = append(r.pending, pendingInput{path: in})
	}
	return r
}

// Next returns the next document.
//
// The contract:
//   - (doc, nil): a document; doc.Data is UTF-8 and owned by the caller.
//   - (RawDoc{}, *DocError): one document, or one whole input (missing file,
//     binary data, empty input, undecodable bytes), could not be read. The
//     error names the input ("path", or "path#N" for line or record N). Call
//     Next again to go on with the rest.
//   - (RawDoc{}, io.EOF): every input has been read; later calls return io.EOF too.
//   - (RawDoc{}, ctx.Err()): the context was cancelled; reading stops.
//
// Documents come in input order: inputs in the order given, directory
// entries sorted, records in file order.
func (r *Reader) Next() (RawDoc, error) {
	for {
		if err := r.ctx.Err(); err != nil {
			r.Close()
			return RawDoc{}, err
		}
		if r.cur != nil {
			doc, err := r.cur.next()
			if err == io.EOF {
				r.closeCurrent()
				continue
			}
			if err == nil {
				doc.FetchedAt = r.now()
			}
			return doc, err
		}
		if len(r.pending) == 0 {
			return RawDoc{}, io.EOF
		}
		in := r.pending[0]
		r.pending = r.pending[1:]
		if in.err != nil {
			return RawDoc{}, &DocError{URI: in.path, Err: in.err}
		}
		if err := r.open(in.path); err != nil {
			return RawDoc{}, err
		}
	}
}

// Close releases the open input, if any. Next returns io.EOF afterwards.
func (r *Reader) Close() error {
	r.pending = nil
	return r.closeCurrent()
}

func (r *Reader) closeCurrent() error {
	r.cur = nil
	if r.closer == nil {
		return nil
	}
	err := r.closer.Close()
	r.closer = nil
	return err
}

// open prepares one input: it expands a directory into pending inputs, or
// sets r.cur to the input's documents. The error is a *DocError.
func (r *Reader) open(path string) error {
	if path == "-" {
		return r.openStream("-", r.opts.Stdin, nil)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return &DocError{URI: path, Err: pathErr(err)}
	}
	if fi.IsDir() {
		files, err := listDir(path)
		if err != nil {
			return &DocError{URI: path, Err: pathErr(err)}
		}
		r.pending = append(files, r.pending...)
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return &DocError{URI: path, Err: pathErr(err)}
	}
	return r.openStream(path, f, f)
}

// pathErr drops the "open path:" prefix of a *fs.PathError, since DocError
// already names the path.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// listDir lists the regular files under dir, recursively, in lexical order,
// skipping hidden files and directories.
func listDir(dir string) ([]pendingInput, error) {
	var files []pendingInput
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			files = append(files, pendingInput{path: p, err: pathErr(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, pendingInput{path: p})
		}
		return nil
	})
	return files, err
}

// openStream sniffs an input and sets r.cur to its documents.
func (r *Reader) openStream(uri string, in io.Reader, closer io.Closer) error {
	fail := func(err error) error {
		if closer != nil {
			closer.Close()
		}
		return &DocError{URI: uri, Err: err}
	}
	br := bufio.NewReaderSize(in, 64<<10)
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	}
	peek, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return fail(err)
	}
	if len(bytes.TrimSpace(peek)) == 0 && len(peek) < sniffLen {
		return fail(ErrEmpty)
	}
	if IsBinary(peek) {
		return fail(ErrBinary)
	}
	format := r.opts.Format
	if format == FormatAuto {
		format = Detect(uri, peek)
	}
	switch format {
	case FormatJSONL:
		r.cur, r.closer = newJSONLSource(uri, br, r.opts.MaxBytes), closer
		return nil
	case FormatTREC:
		r.cur, r.closer = newTRECSource(uri, br, r.opts.MaxBytes), closer
		return nil
	case FormatText, FormatHTML:
	default:
		return fail(fmt.Errorf("unknown format %q", format))
	}
	data, err := io.ReadAll(io.LimitReader(br, r.opts.MaxBytes+1))
	if closer != nil {
		closer.Close()
	}
	if err != nil {
		return &DocError{URI: uri, Err: err}
	}
	doc, err := wholeDoc(uri, format, data, r.opts.MaxBytes)
	if err != nil {
		return &DocError{URI: uri, Err: err}
	}
	r.cur = &oneDoc{doc: doc}
	return nil
}

// wholeDoc checks and decodes a single-document input.
func wholeDoc(uri string, format Format, data []byte, max int64) (RawDoc, error) {
	if int64(len(data)) > max {
		return RawDoc{}, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return RawDoc{}, ErrEmpty
	}
	if IsBinary(data) {
		return RawDoc{}, ErrBinary
	}
	out, cs, err := Decode(data, format == FormatHTML)
	if err != nil {
		return RawDoc{}, err
	}
	ct := "text/plain; charset=" + cs
	if format == FormatHTML {
		ct = "text/html; charset=" + cs
	}
	return RawDoc{URI: uri, Format: format, Data: out, ContentType: ct}, nil
}

// oneDoc is the source of a single-document input.
type oneDoc struct {
	doc  RawDoc
	done bool
}

func (o *oneDoc) next() (RawDoc, error) {
	if o.done {
		return RawDoc{}, io.EOF
	}
	o.done = true
	return o.doc, nil
}

// Detect decides the format of an input from its name and first bytes
// (after any byte order mark): the extensions .jsonl, .ndjson and .json mean
// JSON Lines, .html, .htm and .xhtml mean HTML; otherwise the content decides:
// "{" is JSON Lines, "<DOC>" is TREC, "<html", "<!doctype", "<head" or
// "<body" is HTML, and anything else is plain text (TREC for a .xml name).
func Detect(name string, head []byte) Format {
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	}
	h := bytes.TrimLeft(head, " \t\r\n\f\v")
	if len(h) > 0 && h[0] == '{' {
		return FormatJSONL
	}
	if hasPrefixFold(h, "<doc>") {
		return FormatTREC
	}
	if hasPrefixFold(h, "<?xml") || hasPrefixFold(h, "<!--") {
		if bytes.Contains(h, []byte("<DOC>")) {
			return FormatTREC
		}
		if containsFold(h, "<html") {
			return FormatHTML
		}
	}
	for _, p := range []string{"<html", "<!doctype", "<head", "<body", "<meta"} {
		if hasPrefixFold(h, p) {
			return FormatHTML
		}
	}
	if ext == ".xml" {
		return FormatTREC
	}
	return FormatText
}

func hasPrefixFold(b []byte, p string) bool {
	return len(b) >= len(p) && bytes.EqualFold(b[:len(p)], []byte(p))
}

func containsFold(b []byte, s string) bool {
	if len(b) > 1024 {
		b = b[:1024]
	}
	return bytes.Contains(bytes.ToLower(b), []byte(s))
}
