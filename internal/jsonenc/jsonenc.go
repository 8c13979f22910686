// Package jsonenc appends JSON scalars to a byte slice exactly as
// encoding/json writes them through an Encoder with SetEscapeHTML(false),
// for the hand-written AppendJSON methods of Marsad's output types
// (pipeline.Doc and the code types it holds).
//
// Each function appends to dst and returns the extended slice, as the
// strconv Append functions do; dst may be nil.
package jsonenc

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// hex is the digit set of \u00XX escapes (lower case, as encoding/json).
const hex = "0123456789abcdef"

// isSafe reports whether ASCII byte b stands in a JSON string as itself
// when HTML escaping is off: every byte from 0x20 on except " and \.
func isSafe(b byte) bool {
	return b >= 0x20 && b != '"' && b != '\\'
}

// String appends s as a quoted JSON string, escaped as encoding/json does
// with HTML escaping off: " and \ with a backslash; \b \f \n \r \t by
// name; other bytes below 0x20 as \u00XX; U+2028 and U+2029 as \u2028 and
// \u2029; each byte of invalid UTF-8 as \ufffd. Everything else, <, > and
// & included, is copied as it is.
func String(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i, stop := 0, 0; i < len(s); {
		if i >= stop {
			// the plain runs eight bytes at a time, then the next eight
			// bytes (which hold whatever stopped the run) one by one
			i += PlainPrefix(s[i:])
			stop = i + 8
			if i >= len(s) {
				break
			}
		}
		b := s[i]
		if b < utf8.RuneSelf {
			if isSafe(b) {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		// a well-formed two-byte sequence (all of Arabic): nothing to escape
		if b >= 0xC2 && b <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i++
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// Int appends n in decimal.
func Int(dst []byte, n int) []byte {
	return strconv.AppendInt(dst, int64(n), 10)
}

// Float appends f as encoding/json writes a float64: the shortest decimal
// that reads back as f, in 'f' notation, or in 'e' notation when |f| is
// below 1e-6 or at least 1e21, with a one-digit negative exponent unpadded
// (1e-7, not 1e-07).
//
// encoding/json refuses NaN and ±Inf with an error; Float writes 0 for
// them instead, so that one bad score cannot cost an article its line and
// the field stays a number for strict readers. Marsad's scores are never
// NaN or infinite.
func Float(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, '0')
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9
		n := len(dst)
		if n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}
