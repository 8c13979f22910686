package read

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// sniffLen is how many leading bytes are examined for binary data, format
// and an HTML charset declaration.
const sniffLen = 8 << 10

// IsBinary reports whether data looks like binary data rather than text: it
// holds a NUL byte, or more than 10% of its first 8 KiB are control bytes
// other than tab, newline, carriage return, form feed and escape.
func IsBinary(data []byte) bool {
	if len(data) > sniffLen {
		data = data[:sniffLen]
	}
	ctl := 0
	for _, c := range data {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b:
			ctl++
		case c == 0x7f:
			ctl++
		}
	}
	return ctl*10 > len(data)
}

// Decode converts one document to UTF-8 and returns the name of the charset
// it was read as ("utf-8", "windows-1256", "iso-8859-6", …).
//
// In order: a byte order mark wins; then, when html is true, a charset
// declared in a <meta> tag in the first 8 KiB (unless the bytes are valid
// UTF-8, which a legacy single-byte Arabic page never is); valid UTF-8 is
// returned as is (data itself, not a copy); UTF-8 with a few stray invalid
// bytes has them replaced by U+FFFD; otherwise Windows-1256 and ISO-8859-6
// are tried and the more plausible Arabic reading is kept. Bytes that are
// neither give an error naming the offset of the first invalid byte.
//
// Decode does not check for binary data or emptiness; see IsBinary.
func Decode(data []byte, html bool) ([]byte, string, error) {
	if enc, name, n := bomEncoding(data); enc != nil {
		if name == "utf-8" {
			data = data[n:]
			if utf8.Valid(data) {
				return data, name, nil
			}
			return bytes.ToValidUTF8(data, []byte("\uFFFD")), name, nil
		}
		out, err := enc.NewDecoder().Bytes(data[n:])
		if err != nil {
			return nil, name, fmt.Errorf("decoding %s: %w", name, err)
		}
		return bytes.ToValidUTF8(out, []byte("\uFFFD")), name, nil
	}
	valid := utf8.Valid(data)
	if html && !valid {
		if name := metaCharset(data); name != "" {
			if enc, canon := charset.Lookup(name); enc != nil && canon != "utf-8" {
				out, err := enc.NewDecoder().Bytes(data)
				if err == nil {
					return bytes.ToValidUTF8(out, []byte("\uFFFD")), canon, nil
				}
			}
		}
	}
	if valid {
		return data, "utf-8", nil
	}
	multi, bad, firstBad := utf8Stats(data)
	if multi >= 10*bad {
		return bytes.ToValidUTF8(data, []byte("\uFFFD")), "utf-8", nil
	}
	if out, name, ok := decodeLegacyArabic(data); ok {
		return out, name, nil
	}
	return nil, "", fmt.Errorf("invalid UTF-8 at byte offset %d, and not Windows-1256 or ISO-8859-6 Arabic", firstBad)
}

// bomEncoding recognises a UTF-8 or UTF-16 byte order mark and returns the
// encoding, its name and the BOM's length, or a nil encoding.
func bomEncoding(data []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, "utf-8", 3
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le", 0
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be", 0
	}
	return nil, "", 0
}

// metaCharset finds the charset declared by <meta charset=…> or
// <meta http-equiv="Content-Type" content="…; charset=…"> in the first 8 KiB
// of an HTML page, or "".
func metaCharset(data []byte) string {
	if len(data) > sniffLen {
		data = data[:sniffLen]
	}
	lower := bytes.ToLower(data)
	for off := 0; ; {
		i := bytes.Index(lower[off:], []byte("<meta"))
		if i < 0 {
			return ""
		}
		off += i + 5
		end := bytes.IndexByte(lower[off:], '>')
		if end < 0 {
			return ""
		}
		tag := lower[off : off+end]
		j := bytes.Index(tag, []byte("charset"))
		if j < 0 {
			continue
		}
		rest := bytes.TrimLeft(tag[j+7:], " \t\r\n")
		if len(rest) == 0 || rest[0] != '=' {
			continue
		}
		rest = bytes.TrimLeft(rest[1:], " \t\r\n\"'")
		k := bytes.IndexAny(rest, " \t\r\n\"';/>")
		if k >= 0 {
			rest = rest[:k]
		}
		if len(rest) > 0 {
			return string(rest)
		}
	}
}

// utf8Stats counts valid multi-byte sequences and invalid bytes, and returns
// the offset of the first invalid byte (-1 if none).
func utf8Stats(data []byte) (multi, bad, firstBad int) {
	firstBad = -1
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			if firstBad < 0 {
				firstBad = i
			}
			bad++
		} else {
			multi++
		}
		i += n
	}
	return multi, bad, firstBad
}

// decodeLegacyArabic tries Windows-1256 and ISO-8859-6 and keeps the reading
// that looks most like Arabic text; ok is false when neither is plausible.
func decodeLegacyArabic(data []byte) (out []byte, name string, ok bool) {
	type cand struct {
		name string
		cm   *charmap.Charmap
	}
	best, bestScore := -1, 0
	var outs [2][]byte
	for i, c := range [2]cand{{"windows-1256", charmap.Windows1256}, {"iso-8859-6", charmap.ISO8859_6}} {
		dec, err := c.cm.NewDecoder().Bytes(data)
		if err != nil {
			continue
		}
		score, plausible := arabicScore(dec)
		if !plausible {
			continue
		}
		outs[i] = dec
		if best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	switch best {
	case 0:
		return outs[0], "windows-1256", true
	case 1:
		return outs[1], "iso-8859-6", true
	}
	return nil, "", false
}

// arabicScore rates decoded text as Arabic: Arabic letters count for it,
// Latin-1 letters, harakat (rare in news, but what Windows-1256 letters
// become when read as ISO-8859-6), control characters and U+FFFD against it.
// The text is plausible when most non-ASCII characters are Arabic letters,
// Arabic punctuation or common typographic marks.
func arabicScore(s []byte) (score int, plausible bool) {
	var nonASCII, good int
	prevLatin := false // the previous rune was an ASCII letter
	prevArabic := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		i += n
		if r < utf8.RuneSelf {
			latin := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if latin && prevArabic {
				// An Arabic letter glued to a Latin one: Latin-1 text
				// read as Arabic ("caf\xe9" → "cafى").
				score -= 5
				good--
			}
			prevLatin, prevArabic = latin, false
			continue
		}
		nonASCII++
		arabic := false
		switch {
		case r >= 0x0621 && r <= 0x064A, r >= 0x0671 && r <= 0x06D3: // letters
			arabic = true
			if prevLatin {
				score -= 5
			} else {
				score++
				good++
			}
		case r >= 0x064B && r <= 0x0652: // harakat
			arabic = true
			score -= 2
			good++
		case r == 0x060C || r == 0x061B || r == 0x061F || r == 0x0640 || (r >= 0x0660 && r <= 0x066D):
			good++
		case r == 0xA0 || r == 0xAB || r == 0xBB || r == 0xD7 || r == 0xF7 || (r >= 0x200C && r <= 0x200F) ||
			(r >= 0x2013 && r <= 0x2026) || r == 0x20AC:
			good++
		case r < 0xA0, r == utf8.RuneError:
			score -= 5
		case r >= 0xC0 && r <= 0xFF:
			score -= 3
		}
		prevLatin, prevArabic = false, arabic
	}
	return score, nonASCII > 0 && good*10 >= nonASCII*8
}

// sniffUTF16 recognises UTF-16 text without a byte order mark from its
// first bytes: every NUL byte stands at odd offsets (little-endian: the
// high byte of ASCII characters) or at even ones (big-endian), and at
// least 90% of the code units are characters of text — ASCII, Latin-1,
// Arabic, Arabic presentation forms, general punctuation. ok is false for
// anything else (UTF-8 has no NUL byte at all).
func sniffUTF16(head []byte) (endian unicode.Endianness, ok bool) {
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	head = head[:len(head)&^1]
	var nul [2]int
	for i, c := range head {
		if c == 0 {
			nul[i&1]++
		}
	}
	switch {
	case nul[1] > 0 && nul[0] == 0:
		endian = unicode.LittleEndian
	case nul[0] > 0 && nul[1] == 0:
		endian = unicode.BigEndian
	default:
		return endian, false
	}
	units, good := len(head)/2, 0
	for i := 0; i < len(head); i += 2 {
		u := uint16(head[i]) | uint16(head[i+1])<<8
		if endian == unicode.BigEndian {
			u = uint16(head[i])<<8 | uint16(head[i+1])
		}
		switch {
		case u == '\t' || u == '\n' || u == '\r' || u == '\f',
			u >= 0x20 && u < 0x7f, u >= 0xa0 && u <= 0xff,
			u >= 0x0600 && u <= 0x06ff, u >= 0x0750 && u <= 0x077f,
			u >= 0x2000 && u <= 0x206f, u >= 0xfb50 && u <= 0xfeff:
			good++
		}
	}
	return endian, good*10 >= units*9
}
