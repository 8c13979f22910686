package jsonenc

// Bytes of every lane of a 64-bit word, for the eight-at-a-time scan of
// PlainPrefix.
const (
	lanes1  = 0x0101010101010101 // 0x01 in every byte
	lanes80 = 0x8080808080808080 // the top bit of every byte
)

// PlainPrefix returns the length n of a prefix of s made only of
// characters that a JSON string holds as themselves and that are well-formed
// UTF-8 of one or two bytes: ASCII from 0x20 on except " and \, and U+0080
// to U+07FF (all of Arabic). It reads s eight bytes at a time and stops at
// the first eight that hold anything else, so n may end before the longest
// such prefix (but is always at a character boundary): it is a fast path,
// after which the caller goes on byte by byte. Both String and the JSON
// Lines reader use it to skip the plain runs of news text.
func PlainPrefix(s string) int {
	n := len(s)
	for len(s) >= 8 {
		w := s[:8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// ASCII lanes below 0x20 or holding " or \ (the borrows of the
		// subtractions start only in such a lane, so any lane set is one);
		// every lane's top bit is read at the end
		nx := ^x
		special := ((x - 0x20*lanes1) | (x ^ '"'*lanes1 - lanes1) | (x ^ '\\'*lanes1 - lanes1)) & nx
		lead := x & (x << 1) & lanes80  // 11xxxxxx
		cont := x & (nx << 1) & lanes80 // 10xxxxxx
		// a lead of three or four bytes (bit 5 set); an overlong lead,
		// 0xC0 or 0xC1 (bits 1-4 clear: a borrow may add false alarms,
		// which only end the fast path); a continuation byte that follows
		// no lead or a lead that no continuation byte follows, but for a
		// lead in the last lane, which waits for the next word
		y := x & (0x1E * lanes1)
		if (special|lead&(x<<2|(y-lanes1)&^y))&lanes80|(cont^lead<<8) != 0 {
			break
		}
		s = s[8-lead>>63:] // a lead in the last lane: go on from it
	}
	return n - len(s)
}
