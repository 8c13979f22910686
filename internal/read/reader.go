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
	curName string         // the RawDoc.Name of cur's documents
	closer  io.Closer      // closes the file behind cur, or nil
	now     func() time.Time
}

// pendingInput is an input path still to be read, or an error found while
// listing a directory, to be reported in its place.
type pendingInput struct {
	path string
	name string // RawDoc.Name: the path relative to the directory argument, "" for an argument
	err  error
	feed bool // path is the URL of a feed (Options.Feeds)
}

// source yields the documents of one opened input; next returns io.EOF
// after the last one and a *DocError for a document that failed.
type source interface {
	next() (RawDoc, error)
}

// Open returns a Reader over inputs: file paths, directories (read
// recursively in lexical order, skipping names that start with "."), "-"
// for standard input (Options.Stdin), and URLs (an input that starts with
// http:// or https://, fetched through Options.Fetcher: one page each),
// then Options.Feeds. No inputs and no feeds means standard input. A file
// named *.warc or *.warc.gz (or any input, with FormatWARC) is a WARC file.
// Nothing is opened or fetched until the first call to Next.
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
	if len(inputs) == 0 && len(opts.Feeds) == 0 {
		inputs = []string{"-"}
	}
	r := &Reader{ctx: ctx, opts: opts, now: time.Now}
	for _, in := range inputs {
		r.pending = append(r.pending, pendingInput{path: in})
	}
	for _, f := range opts.Feeds {
		r.pending = append(r.pending, pendingInput{path: f, feed: true})
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
				doc.Name = r.curName
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
		if err := r.open(in); err != nil {
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
func (r *Reader) open(in pendingInput) error {
	path := in.path
	r.curName = in.name
	switch {
	case in.feed:
		return r.openFeed(path)
	case in.name == "" && hasScheme(path): // refused unless http or https
		return r.openURL(path)
	case path == "-" && r.opts.Format == FormatWARC:
		return r.openWARC("-", r.opts.Stdin, nil)
	case path == "-":
		return r.openStream("-", r.opts.Stdin, nil)
	}
	fi, err := os.Stat(path) // a symbolic link is followed
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
	if !fi.Mode().IsRegular() && in.name != "" {
		return nil // a device or a pipe found in a directory is not an article
	}
	f, err := os.Open(path)
	if err != nil {
		return &DocError{URI: path, Err: pathErr(err)}
	}
	if r.opts.Format == FormatWARC || (r.opts.Format == FormatAuto && IsWARCName(path)) {
		return r.openWARC(path, f, f)
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

// ErrLinkLoop is the reason given for a symbolic link, inside a directory
// being read, to a directory that is read already: a loop, or a second way
// to the same files. The directory is not read again.
var ErrLinkLoop = errors.New("symbolic link to a directory read already (a loop?): skipped")

// listDir lists the files under dir, recursively, in lexical order,
// skipping hidden files and directories. Symbolic links are followed, to
// files and to directories; a link to a directory read already is reported
// (ErrLinkLoop), as is a broken link, and reading goes on. Each file's name
// is its path relative to dir, with "/" between its parts.
func listDir(dir string) ([]pendingInput, error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	w := dirWalker{seen: map[string]bool{real: true}}
	if err := w.walk(dir, ""); err != nil {
		return nil, err
	}
	return w.files, nil
}

// dirWalker lists the files under a directory (listDir).
type dirWalker struct {
	files []pendingInput
	seen  map[string]bool // directories read, by their path with every link resolved
}

// walk lists the directory at path, whose name relative to the top is rel.
// Only an error reading the top directory itself is returned.
func (w *dirWalker) walk(path, rel string) error {
	entries, err := os.ReadDir(path)
	if err != nil {
		if rel == "" {
			return err
		}
		w.files = append(w.files, pendingInput{path: path, name: rel, err: pathErr(err)})
		return nil
	}
	for _, e := range entries { // sorted by name
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p, name := filepath.Join(path, e.Name()), e.Name()
		if rel != "" {
			name = rel + "/" + name
		}
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			if err != nil {
				w.files = append(w.files, pendingInput{path: p, name: name, err: fmt.Errorf("broken symbolic link: %w", pathErr(err))})
				continue
			}
			typ = fi.Mode().Type()
		}
		switch {
		case typ.IsDir():
			real, err := filepath.EvalSymlinks(p)
			if err != nil {
				w.files = append(w.files, pendingInput{path: p, name: name, err: pathErr(err)})
				continue
			}
			if w.seen[real] {
				w.files = append(w.files, pendingInput{path: p, name: name, err: ErrLinkLoop})
				continue
			}
			w.seen[real] = true
			w.walk(p, name)
		case typ.IsRegular():
			w.files = append(w.files, pendingInput{path: p, name: name})
		}
	}
	return nil
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
	if endian, ok := sniffUTF16(peek); ok {
		dec := unicode.UTF16(endian, unicode.IgnoreBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
		if peek, err = br.Peek(sniffLen); err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return fail(err)
		}
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
	case FormatWARC:
		return fail(errors.New("a WARC file cannot be read here"))
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

// hasScheme reports whether an input is written as a URL ("scheme://…"),
// not a path: an http or https URL is fetched, any other scheme refused.
func hasScheme(s string) bool {
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	for j, c := range s[:i] {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case j > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}
