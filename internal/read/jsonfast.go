package read

import (
	"bytes"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/marsad/marsad/internal/jsonenc"
)

// flatField is one member of a flat JSON object: a key and a scalar value.
type flatField struct {
	key   []byte // the key, unescaped
	val   []byte // a string value unescaped, or a number or boolean as written
	null  bool   // the value is null
	isStr bool   // the value was a string
	owned bool   // val is a new slice (the string had escapes), not a part of the line
}

// parseFlat is the fast path of ParseJSONLine: it parses a JSON object whose
// values are all strings, numbers, booleans or null, appending its members
// to fields. It reports false for anything else (nested values, invalid
// JSON), and the caller then falls back to encoding/json, which also gives
// the error message. Values without escapes share memory with b.
func parseFlat(b []byte, fields []flatField) ([]flatField, bool) {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return fields, false
	}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return fields, skipWS(b, i+1) == len(b)
	}
	for {
		var f flatField
		var ok bool
		if i >= len(b) || b[i] != '"' {
			return fields, false
		}
		f.key, _, i, ok = scanString(b, i+1)
		if !ok {
			return fields, false
		}
		i = skipWS(b, i)
		if i >= len(b) || b[i] != ':' {
			return fields, false
		}
		if i, ok = scanValue(b, skipWS(b, i+1), &f); !ok {
			return fields, false
		}
		fields = append(fields, f)
		i = skipWS(b, i)
		if i >= len(b) {
			return fields, false
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case '}':
			return fields, skipWS(b, i+1) == len(b)
		default:
			return fields, false
		}
	}
}

// scanValue scans the scalar value starting at b[i] into f and returns its end.
func scanValue(b []byte, i int, f *flatField) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	ok := true
	switch c := b[i]; {
	case c == '"':
		f.isStr = true
		f.val, f.owned, i, ok = scanString(b, i+1)
	case c == 'n' && hasLit(b, i, "null"):
		f.null, i = true, i+4
	case c == 't' && hasLit(b, i, "true"):
		f.val, i = b[i:i+4], i+4
	case c == 'f' && hasLit(b, i, "false"):
		f.val, i = b[i:i+5], i+5
	case c == '-' || c >= '0' && c <= '9':
		var j int
		j, ok = scanNumber(b, i)
		f.val, i = b[i:j], j
	default:
		ok = false
	}
	return i, ok
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func hasLit(b []byte, i int, lit string) bool {
	return len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit
}

// scanNumber checks a JSON number starting at b[i] and returns its end.
func scanNumber(b []byte, i int) (int, bool) {
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return i, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i == j {
			return i, false
		}
	}
	return i, true
}

// scanString scans a JSON string whose opening quote is just before b[i].
// Without escapes the result is a sub-slice of b; with escapes it is a new
// slice (owned is true), allocated once: unescaping never lengthens a string.
// A string that is not valid UTF-8 is not ok either.
func scanString(b []byte, i int) (s []byte, owned bool, next int, ok bool) {
	start := i
	i, ok = plainRun(b, i)
	if !ok || i >= len(b) || b[i] < 0x20 {
		return nil, false, i, false
	}
	if b[i] == '"' {
		return b[start:i], false, i + 1, true
	}
	end := rawStringEnd(b, i)
	if end < 0 {
		return nil, false, i, false
	}
	s, next, ok = unescape(make([]byte, 0, end-start), b, start, i)
	return s, true, next, ok
}

// plainRun returns the end of the run of b from i that holds no quote,
// backslash or control character, and whether the run is valid UTF-8 (it
// stops at the first invalid byte).
func plainRun(b []byte, i int) (int, bool) {
	for stop := 0; i < len(b); {
		if i >= stop {
			// the plain runs eight bytes at a time, then the next eight
			// bytes (which hold whatever stopped the run) one by one
			i += jsonenc.PlainPrefix(unsafe.String(unsafe.SliceData(b[i:]), len(b)-i))
			stop = i + 8
			if i >= len(b) {
				break
			}
		}
		c := b[i]
		switch {
		case c < utf8.RuneSelf:
			if c == '"' || c == '\\' || c < 0x20 {
				return i, true
			}
			i++
		case c >= 0xC2 && c <= 0xDF && i+1 < len(b) && b[i+1]&0xC0 == 0x80:
			i += 2 // a two-byte rune, as in Arabic text
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return i, false
			}
			i += n
		}
	}
	return i, true
}

// rawStringEnd returns the index of the quote that closes a JSON string,
// searching from b[i], which is a backslash after no other, or -1. A quote
// closes the string unless an odd number of backslashes stands before it.
func rawStringEnd(b []byte, i int) int {
	for from := i; ; {
		j := bytes.IndexByte(b[from:], '"')
		if j < 0 {
			return -1
		}
		j += from
		k := j
		for k > i && b[k-1] == '\\' {
			k--
		}
		if (j-k)%2 == 0 {
			return j
		}
		from = j + 1
	}
}

// unescape appends to scratch the JSON string b[start:] (its opening quote
// just before start) up to its closing quote, where b[start:i] has no
// escapes, and returns the result and the index after the closing quote.
func unescape(scratch, b []byte, start, i int) (s []byte, next int, ok bool) {
	scratch = append(scratch, b[start:i]...)
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			return scratch, i + 1, true
		case c < 0x20:
			return nil, i, false
		case c != '\\':
			j, valid := plainRun(b, i)
			if !valid {
				return nil, j, false
			}
			scratch = append(scratch, b[i:j]...)
			i = j
			continue
		}
		if i+1 >= len(b) {
			return nil, i, false
		}
		switch b[i+1] {
		case '"', '\\', '/':
			scratch = append(scratch, b[i+1])
		case 'b':
			scratch = append(scratch, '\b')
		case 'f':
			scratch = append(scratch, '\f')
		case 'n':
			scratch = append(scratch, '\n')
		case 'r':
			scratch = append(scratch, '\r')
		case 't':
			scratch = append(scratch, '\t')
		case 'u':
			r, ok := hex4(b, i+2)
			if !ok {
				return nil, i, false
			}
			i += 6
			if utf16.IsSurrogate(r) {
				r2, ok2 := rune(-1), false
				if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
					r2, ok2 = hex4(b, i+2)
				}
				if d := utf16.DecodeRune(r, r2); ok2 && d != utf8.RuneError {
					r = d
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			scratch = utf8.AppendRune(scratch, r)
			continue
		default:
			return nil, i, false
		}
		i += 2
	}
	return nil, i, false
}

func hex4(b []byte, i int) (rune, bool) {
	if len(b)-i < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[i:i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}
