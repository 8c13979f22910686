package read

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// jsonlSource yields one document per non-blank line of a JSON Lines input.
type jsonlSource struct {
	uri  string
	br   *bufio.Reader
	max  int64
	line int    // number of the last line read, 1-based
	buf  []byte // reused for lines longer than the bufio buffer
	done bool
}

func newJSONLSource(uri string, br *bufio.Reader, max int64) *jsonlSource {
	return &jsonlSource{uri: uri, br: br, max: max}
}

func (s *jsonlSource) next() (RawDoc, error) {
	for !s.done {
		line, err := s.readLine()
		s.line++
		if err == io.EOF {
			s.done = true
			if len(line) == 0 {
				break
			}
		} else if err != nil {
			uri := s.uri + "#" + strconv.Itoa(s.line)
			if errors.Is(err, ErrTooLarge) {
				return RawDoc{}, &DocError{URI: uri, Err: err}
			}
			s.done = true
			return RawDoc{}, &DocError{URI: uri, Err: err}
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		uri := s.uri + "#" + strconv.Itoa(s.line)
		doc, err := ParseJSONLine(line)
		if err != nil {
			return RawDoc{}, &DocError{URI: uri, Err: err}
		}
		doc.URI = uri
		return doc, nil
	}
	return RawDoc{}, io.EOF
}

// readLine returns the next line without its newline. The slice is valid
// until the next call. A line longer than s.max is skipped up to its end and
// reported as ErrTooLarge, without being held in memory.
func (s *jsonlSource) readLine() ([]byte, error) {
	line, err := s.br.ReadSlice('\n')
	if err == nil || err == io.EOF {
		line = bytes.TrimSuffix(line, []byte("\n"))
		if int64(len(line)) > s.max {
			// a limit smaller than the buffer: the line is in it already
			return nil, fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, s.max)
		}
		return line, err
	}
	if err != bufio.ErrBufferFull {
		return nil, err
	}
	s.buf = append(s.buf[:0], line...)
	for {
		line, err = s.br.ReadSlice('\n')
		if int64(len(s.buf)+len(bytes.TrimSuffix(line, []byte("\n")))) > s.max {
			// Too long: skip to the end of the line.
			for err == bufio.ErrBufferFull {
				_, err = s.br.ReadSlice('\n')
			}
			s.buf = nil
			if err != nil && err != io.EOF {
				return nil, err
			}
			return nil, fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, s.max)
		}
		s.buf = append(s.buf, line...)
		if err == nil || err == io.EOF {
			return bytes.TrimSuffix(s.buf, []byte("\n")), err
		}
		if err != bufio.ErrBufferFull {
			return nil, err
		}
	}
}

// ParseJSONLine turns one JSON Lines object into a RawDoc (without URI).
// The body is the "text" field (or "body", or "content"); "id" becomes the
// ID; every other field goes into Meta: strings as they are, numbers and
// booleans as written, objects and arrays as compact JSON, nulls left out.
// A line that is not UTF-8 is decoded like a document (Windows-1256 or
// ISO-8859-6) first.
func ParseJSONLine(line []byte) (RawDoc, error) {
	// the fast path checks UTF-8 as it goes and gives up on any doubt: a
	// flat object it takes is all valid
	if doc, ok := parseJSONLineFast(line); ok {
		return doc, nil
	}
	if !utf8.Valid(line) {
		dec, _, err := Decode(line, false)
		if err != nil {
			return RawDoc{}, err
		}
		line = dec
	}
	if doc, ok := parseJSONLineFast(line); ok {
		return doc, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			return RawDoc{}, errors.New("not a JSON object")
		}
		return RawDoc{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if obj == nil {
		return RawDoc{}, errors.New("not a JSON object")
	}
	doc := RawDoc{Format: FormatJSONL, Meta: make(map[string]string, len(obj)), ContentType: "application/x-ndjson"}
	body := ""
	found := false
	for _, k := range [...]string{"text", "body", "content"} {
		if v, ok := obj[k]; ok {
			s, err := jsonString(v)
			if err != nil {
				return RawDoc{}, fmt.Errorf("field %q: %w", k, err)
			}
			body, found = s, true
			delete(obj, k)
			break
		}
	}
	if !found {
		return RawDoc{}, errors.New(`no "text" field`)
	}
	doc.Data = []byte(body)
	for k, v := range obj {
		s, err := jsonString(v)
		if err != nil {
			return RawDoc{}, fmt.Errorf("field %q: %w", k, err)
		}
		if k == "id" {
			doc.ID = s
			continue
		}
		if s != "" {
			doc.Meta[k] = s
		}
	}
	return doc, nil
}

// jsonString renders a JSON value as a string: strings unquoted, null as "",
// anything else as its compact JSON text.
func jsonString(v json.RawMessage) (string, error) {
	if len(v) == 0 {
		return "", nil
	}
	switch v[0] {
	case '"':
		if bytes.IndexByte(v, '\\') < 0 {
			return string(v[1 : len(v)-1]), nil
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return "", err
		}
		return s, nil
	case 'n':
		return "", nil
	case '{', '[':
		var b bytes.Buffer
		if err := json.Compact(&b, v); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	return string(v), nil
}

// parseJSONLineFast is ParseJSONLine for flat objects; ok is false when the
// line needs encoding/json (nested values, invalid JSON, no text field) or
// is not valid UTF-8.
func parseJSONLineFast(line []byte) (RawDoc, bool) {
	var arr [12]flatField
	fields, ok := parseFlat(line, arr[:0])
	if !ok {
		return RawDoc{}, false
	}
	body := -1
	rank := 4
	for i, f := range fields {
		r := 4
		switch string(f.key) {
		case "text":
			r = 1
		case "body":
			r = 2
		case "content":
			r = 3
		}
		if r < rank || r == rank && r < 4 {
			body, rank = i, r
		}
	}
	if body < 0 || !fields[body].isStr && !fields[body].null {
		return RawDoc{}, false
	}
	// parseFlat checked the line's UTF-8 and unescaping writes only valid UTF-8
	doc := RawDoc{Format: FormatJSONL, Meta: make(map[string]string, len(fields)), ContentType: "application/x-ndjson", ValidUTF8: true}
	if b := &fields[body]; b.owned {
		doc.Data = b.val // unescaped into a slice of its own
	} else {
		doc.Data = append([]byte(nil), b.val...)
	}
	for i, f := range fields {
		k := string(f.key)
		if i == body || k == "text" || k == "body" && rank <= 2 || k == "content" && rank <= 3 {
			continue
		}
		if k == "id" {
			doc.ID = string(f.val)
			continue
		}
		if f.null || len(f.val) == 0 {
			delete(doc.Meta, k)
			continue
		}
		doc.Meta[k] = string(f.val)
	}
	return doc, true
}
