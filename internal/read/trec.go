package read

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
)

// trecSource yields the <DOC>…</DOC> records of a TREC-style input (as in the
// ANT corpus). It is tolerant: tags need not be on lines of their own, "&"
// need not be escaped, a field without its closing tag ends at the next tag.
// A record cut short (no </DOC> before the next <DOC> or the end of input)
// is reported as ErrTruncated; the records before and after it are kept.
type trecSource struct {
	uri   string
	br    *bufio.Reader
	max   int64
	buf   []byte // unconsumed input
	eof   bool   // br is exhausted
	n     int    // records seen so far
	chunk []byte
}

func newTRECSource(uri string, br *bufio.Reader, max int64) *trecSource {
	return &trecSource{uri: uri, br: br, max: max, chunk: make([]byte, 64<<10)}
}

var (
	tagDoc    = []byte("<DOC>")
	tagDocEnd = []byte("</DOC>")
)

// fill reads more input into s.buf.
func (s *trecSource) fill() error {
	n, err := s.br.Read(s.chunk)
	s.buf = append(s.buf, s.chunk[:n]...)
	if err == io.EOF {
		s.eof = true
		return nil
	}
	return err
}

func (s *trecSource) next() (RawDoc, error) {
	for {
		start := bytes.Index(s.buf, tagDoc)
		if start < 0 {
			if s.eof {
				rest := bytes.TrimSpace(s.buf)
				s.buf = nil
				if len(rest) > 0 && s.n == 0 {
					s.n++
					return RawDoc{}, &DocError{URI: s.uri, Err: errors.New("no <DOC> record")}
				}
				return RawDoc{}, io.EOF
			}
			// Keep a tail that may hold the start of a split "<DOC>".
			if len(s.buf) > len(tagDoc) {
				s.buf = append(s.buf[:0], s.buf[len(s.buf)-len(tagDoc):]...)
			}
			if err := s.fill(); err != nil {
				return RawDoc{}, s.fatal(err)
			}
			continue
		}
		if start > 0 {
			s.buf = append(s.buf[:0], s.buf[start:]...)
		}
		body := s.buf[len(tagDoc):]
		end := bytes.Index(body, tagDocEnd)
		again := bytes.Index(body, tagDoc)
		if again >= 0 && (end < 0 || again < end) {
			s.n++
			uri := s.recURI()
			s.buf = append(s.buf[:0], body[again:]...)
			return RawDoc{}, &DocError{URI: uri, Err: fmt.Errorf("%w: no </DOC> before the next <DOC>", ErrTruncated)}
		}
		if end >= 0 {
			s.n++
			rec := body[:end]
			doc, err := parseTREC(rec)
			s.buf = append(s.buf[:0], body[end+len(tagDocEnd):]...)
			if err != nil {
				return RawDoc{}, &DocError{URI: s.recURI(), Err: err}
			}
			doc.URI = s.recURI()
			return doc, nil
		}
		if s.eof {
			s.n++
			s.buf = nil
			return RawDoc{}, &DocError{URI: s.recURI(), Err: fmt.Errorf("%w: input ends before </DOC>", ErrTruncated)}
		}
		if int64(len(s.buf)) > s.max {
			s.n++
			uri := s.recURI()
			// Drop the record, its own <DOC> first: skip to the next
			// <DOC> or the end.
			s.buf = append(s.buf[:0], s.buf[len(tagDoc):]...)
			for {
				if i := bytes.Index(s.buf, tagDoc); i >= 0 || s.eof {
					if i < 0 {
						s.buf = nil
					} else {
						s.buf = append(s.buf[:0], s.buf[i:]...)
					}
					break
				}
				// keep a tail that may hold the start of a split "<DOC>"
				if k := len(tagDoc) - 1; len(s.buf) > k {
					s.buf = append(s.buf[:0], s.buf[len(s.buf)-k:]...)
				}
				if err := s.fill(); err != nil {
					return RawDoc{}, s.fatal(err)
				}
			}
			return RawDoc{}, &DocError{URI: uri, Err: fmt.Errorf("%w: record longer than %d bytes", ErrTooLarge, s.max)}
		}
		if err := s.fill(); err != nil {
			return RawDoc{}, s.fatal(err)
		}
	}
}

func (s *trecSource) recURI() string { return s.uri + "#" + strconv.Itoa(s.n) }

// fatal reports a read error and ends the input.
func (s *trecSource) fatal(err error) error {
	s.eof, s.buf = true, nil
	return &DocError{URI: s.uri, Err: err}
}

// trecMeta maps TREC field names to RawDoc.Meta keys; other fields are kept
// under their lower-cased name.
var trecMeta = map[string]string{
	"TITLE":     "title",
	"HEADLINE":  "title",
	"HEADER":    "title",
	"TIME":      "published",
	"DATE":      "published",
	"DATE_TIME": "published",
	"URL":       "url",
	"SRC":       "outlet",
	"SOURCE":    "outlet",
	"CAT":       "category",
	"AUTHOR":    "author",
	"ABSTRACT":  "abstract",
}

// ParseTREC parses the inside of one <DOC>…</DOC> record (without those
// tags) into a RawDoc (without URI): DOCNO is the ID, TEXT (or BODY) the
// data, the other fields go into Meta (TITLE/HEADLINE as "title",
// TIME/DATE_TIME/DATE as "published", SRC as "outlet", URL as "url", …).
// Entities are unescaped; a bare "&" is left alone; tags inside TEXT (<P>)
// become paragraph breaks.
func ParseTREC(rec []byte) (RawDoc, error) { return parseTREC(rec) }

func parseTREC(rec []byte) (RawDoc, error) {
	if IsBinary(rec) {
		return RawDoc{}, ErrBinary
	}
	dec, cs, err := Decode(rec, false)
	if err != nil {
		return RawDoc{}, err
	}
	rec = dec
	doc := RawDoc{Format: FormatTREC, Meta: map[string]string{}, ContentType: "text/plain; charset=" + cs}
	var text []byte
	hasText := false
	for i := 0; i < len(rec); {
		name, after, ok := openTag(rec, i)
		if !ok {
			j := bytes.IndexByte(rec[i+1:], '<')
			if j < 0 {
				break
			}
			i += 1 + j
			continue
		}
		closing := []byte("</" + name + ">")
		var val []byte
		if k := bytes.Index(rec[after:], closing); k >= 0 {
			val = rec[after : after+k]
			i = after + k + len(closing)
		} else {
			k := nextFieldTag(rec, after)
			val = rec[after:k]
			i = k
		}
		switch name {
		case "TEXT", "BODY":
			text = append(text, cleanTRECText(val)...)
			hasText = true
		case "DOCNO", "DOCID":
			if doc.ID == "" {
				doc.ID = string(bytes.TrimSpace(val))
			}
		default:
			key, ok := trecMeta[name]
			if !ok {
				key = strings.ToLower(name)
			}
			v := strings.TrimSpace(html.UnescapeString(string(val)))
			if v != "" && doc.Meta[key] == "" {
				doc.Meta[key] = v
			}
		}
	}
	if !hasText {
		return RawDoc{}, errors.New("record has no <TEXT>")
	}
	doc.Data = text
	return doc, nil
}

// openTag recognises "<NAME>" at rec[i], NAME made of upper-case ASCII
// letters, digits and "_", and returns NAME and the offset after ">".
func openTag(rec []byte, i int) (string, int, bool) {
	if i >= len(rec) || rec[i] != '<' {
		return "", 0, false
	}
	return tagName(rec, i+1)
}

// tagName recognises "NAME>" at rec[i] and returns NAME and the offset
// after ">".
func tagName(rec []byte, i int) (string, int, bool) {
	j := i
	for j < len(rec) && (rec[j] >= 'A' && rec[j] <= 'Z' || rec[j] == '_' || (j > i && rec[j] >= '0' && rec[j] <= '9')) {
		j++
	}
	if j == i || j >= len(rec) || rec[j] != '>' {
		return "", 0, false
	}
	return string(rec[i:j]), j + 1, true
}

// nextFieldTag returns the offset of the next "<NAME>" field tag at or after
// from, or len(rec).
func nextFieldTag(rec []byte, from int) int {
	for i := from; i < len(rec); {
		j := bytes.IndexByte(rec[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if name, _, ok := openTag(rec, i); ok && name != "P" {
			return i
		}
		i++
	}
	return len(rec)
}

// cleanTRECText unescapes entities, turns <P> and </P> into blank lines and
// drops other upper-case tags.
func cleanTRECText(val []byte) []byte {
	val = bytes.TrimSpace(val)
	if bytes.IndexByte(val, '<') >= 0 {
		var b []byte
		for i := 0; i < len(val); {
			j := bytes.IndexByte(val[i:], '<')
			if j < 0 {
				b = append(b, val[i:]...)
				break
			}
			b = append(b, val[i:i+j]...)
			i += j
			k := i + 1
			if k < len(val) && val[k] == '/' {
				k++
			}
			name, after, ok := tagName(val, k)
			if !ok {
				b = append(b, '<')
				i++
				continue
			}
			if name == "P" {
				b = append(b, "\n\n"...)
			}
			i = after
		}
		val = bytes.TrimSpace(b)
	}
	if bytes.IndexByte(val, '&') >= 0 {
		return []byte(html.UnescapeString(string(val)))
	}
	return val
}
