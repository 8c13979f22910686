package read

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// flatField is one member of a flat JSON object: a key and a scalar value.
type flatField struct {
	key   []byte // the key, unescaped
	val   []byte // a string value unescaped, or a number or boolean as written
	null  bool   // the value is null
	isStr bool   // the value was a string
}

// parseFlat is the fast path of ParseJSONLine: it parses a JSON object whose
// values are all strings, numbers, booleans or null, appending its members
// to fields. It reports false for anything else (nested values, invalid
// JSON), and the caller then falls back to encoding/json, which also gives
// the error message. Unescaped values may share memory with scratch, which
// is reused.
func parseFlat(b []byte, fields []flatField, scratch []byte) ([]flatField, []byte, bool) {
	i := skipWS(b, 0)
	if i >= len(b) || b[i] != '{' {
		return fields, scratch, false
	}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return fields, scratch, skipWS(b, i+1) == len(b)
	}
	for {
		var f flatField
		var ok bool
		if i >= len(b) || b[i] != '"' {
			return fields, scratch, false
		}
		f.key, scratch, i, ok = scanString(b, i+1, scratch)
		if !ok {
			return fields, scratch, false
		}
		i = skipWS(b, i)
		if i >= len(b) || b[i] != ':' {
			return fields, scratch, false
		}
		i = skipWS(b, i+1)
		if i >= len(b) {
			return fields, scratch, false
		}
		switch c := b[i]; {
		case c == '"':
			f.isStr = true
			f.val, scratch, i, ok = scanString(b, i+1, scratch)
			if !ok {
				return fields, scratch, false
			}
		case c == 'n' && hasLit(b, i, "null"):
			f.null, i = true, i+4
		case c == 't' && hasLit(b, i, "true"):
			f.val, i = b[i:i+4], i+4
		case c == 'f' && hasLit(b, i, "false"):
			f.val, i = b[i:i+5], i+5
		case c == '-' || c >= '0' && c <= '9':
			j, ok := scanNumber(b, i)
			if !ok {
				return fields, scratch, false
			}
			f.val, i = b[i:j], j
		default:
			return fields, scratch, false
		}
		fields = append(fields, f)
		i = skipWS(b, i)
		if i >= len(b) {
			return fields, scratch, false
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case '}':
			return fields, scratch, skipWS(b, i+1) == len(b)
		default:
			return fields, scratch, false
		}
	}
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
// Without escapes the result is a sub-slice of b; with escapes it is
// appended to scratch.
func scanString(b []byte, i int, scratch []byte) (s, _ []byte, next int, ok bool) {
	start := i
	for i < len(b) {
		c := b[i]
		if c == '"' {
			return b[start:i], scratch, i + 1, true
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return nil, scratch, i, false
		}
		i++
	}
	if i >= len(b) {
		return nil, scratch, i, false
	}
	off := len(scratch)
	scratch = append(scratch, b[start:i]...)
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			return scratch[off:], scratch, i + 1, true
		case c < 0x20:
			return nil, scratch, i, false
		case c != '\\':
			j := i + 1
			for j < len(b) && b[j] != '"' && b[j] != '\\' && b[j] >= 0x20 {
				j++
			}
			scratch = append(scratch, b[i:j]...)
			i = j
			continue
		}
		if i+1 >= len(b) {
			return nil, scratch, i, false
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
				return nil, scratch, i, false
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
			return nil, scratch, i, false
		}
		i += 2
	}
	return nil, scratch, i, false
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
