package kb

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"unsafe"
)

// The lexicon's lookups go through two compact hash tables of its own
// rather than Go maps: one that gives every distinct word a dense id, and
// one that maps (node, word id) pairs to trie nodes. Both are flat arrays
// of integers, cheap to build and to scan, and their misses (most words of
// a text) cost one hash and a probe or two in a small array.

// hashString hashes a word for wordTable: strings of up to 16 bytes (most
// words) with two overlapping loads and one multiplication, longer ones
// with maphash.
func hashString(s string) uint64 {
	n := len(s)
	if n > 16 {
		return maphash.String(hashSeed, s)
	}
	p := unsafe.StringData(s)
	var a, b uint64
	switch {
	case n >= 8:
		a, b = load64(p, 0), load64(p, n-8)
	case n >= 4:
		a, b = uint64(load32(p, 0)), uint64(load32(p, n-4))
	case n > 0:
		a = uint64(*p)<<16 | uint64(*(*byte)(unsafe.Add(unsafe.Pointer(p), n>>1)))<<8 | uint64(*(*byte)(unsafe.Add(unsafe.Pointer(p), n-1)))
	}
	hi, lo := bits.Mul64(a^hashK1, b^hashK2^uint64(n))
	return hi ^ lo
}

// Keys of hashString's multiplication (the fractional parts of sqrt(2)
// and sqrt(3)): any odd constants with mixed bits will do.
const (
	hashK1 = 0x6a09e667f3bcc909
	hashK2 = 0xbb67ae8584caa73b
)

// hashSeed seeds the hash of long words; the tables live only in this process.
var hashSeed = maphash.MakeSeed()

// load64 and load32 read 8 and 4 bytes at p+i, which the caller knows are
// in bounds, as one load (through an array pointer, which has no
// alignment and costs no length check).
func load64(p *byte, i int) uint64 {
	return binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(unsafe.Pointer(p), i))[:])
}

func load32(p *byte, i int) uint32 {
	return binary.LittleEndian.Uint32((*[4]byte)(unsafe.Add(unsafe.Pointer(p), i))[:])
}

// hashBytes hashes a word held in a byte slice: hashBytes(b) == hashString(string(b)).
func hashBytes(b []byte) uint64 {
	return hashString(unsafe.String(unsafe.SliceData(b), len(b)))
}

// wordTable gives every distinct string added to it a dense id, 0, 1, 2, …
// in order of addition. It is an open-addressing table with linear probing,
// at most half full, of 32-bit slots: the id+1 in the low bits (as many as
// it takes to number the slots) and a fingerprint, bits of the key's hash,
// above. The keys themselves are stored back to back, and each word has a
// value for the table's user next to where its key starts.
type wordTable struct {
	slots  []uint32 // 0: empty; else fingerprint | id+1
	idBits uint32   // log2(len(slots)): the low bits of a slot that hold id+1
	mask   uint64   // len(slots)-1
	recs   []wordRec
	data   []byte
}

// wordRec is a word of a wordTable: key id is data[recs[id].off:recs[id+1].off]
// (the last record only ends the last key) and its value is recs[id].val.
type wordRec struct {
	off uint32
	val int32
}

// newWordTable returns a table with room for about n words before it grows.
func newWordTable(n int) wordTable {
	t := wordTable{recs: make([]wordRec, 1, n+1), data: make([]byte, 0, 10*n)}
	size := 8
	for size < 2*n {
		size *= 2
	}
	t.setSize(size)
	return t
}

// setSize gives the table size empty slots.
func (t *wordTable) setSize(size int) {
	t.slots = make([]uint32, size)
	t.mask = uint64(size - 1)
	t.idBits = uint32(bits.TrailingZeros(uint(size)))
}

// fingerprint returns the bits of hash h that go above the id in a slot.
func (t *wordTable) fingerprint(h uint64) uint32 { return uint32(h>>32) >> t.idBits << t.idBits }

// len returns the number of words.
func (t *wordTable) len() int { return len(t.recs) - 1 }

// key returns word id.
func (t *wordTable) key(id int32) []byte { return t.data[t.recs[id].off:t.recs[id+1].off] }

// val returns the value of word id; set sets it.
func (t *wordTable) val(id int32) int32    { return t.recs[id].val }
func (t *wordTable) set(id int32, v int32) { t.recs[id].val = v }

// find returns the id of s, or -1.
func (t *wordTable) find(s string) int32 { return t.findHash(s, hashString(s)) }

// findHash is find with the hash of s computed by the caller.
func (t *wordTable) findHash(s string, h uint64) int32 {
	fp, idMask := t.fingerprint(h), uint32(1)<<t.idBits-1
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		v := t.slots[i]
		if v == 0 {
			return -1
		}
		if v&^idMask == fp {
			if id := int32(v&idMask) - 1; equalKey(t.key(id), s) {
				return id
			}
		}
	}
}

// equalKey reports whether key and s are the same bytes, comparing words
// of 4 to 16 bytes with four loads.
func equalKey(key []byte, s string) bool {
	n := len(s)
	if len(key) != n {
		return false
	}
	p, q := unsafe.SliceData(key), unsafe.StringData(s)
	switch {
	case n > 16 || n < 4:
		return string(key) == s
	case n >= 8:
		return load64(p, 0) == load64(q, 0) && load64(p, n-8) == load64(q, n-8)
	}
	return load32(p, 0) == load32(q, 0) && load32(p, n-4) == load32(q, n-4)
}

// add returns the id of s, adding s when it is new; added reports whether it was.
func (t *wordTable) add(s string) (id int32, added bool) {
	h := hashString(s)
	if id := t.findHash(s, h); id >= 0 {
		return id, false
	}
	if 2*(t.len()+1) > len(t.slots) {
		t.grow()
	}
	id = int32(t.len())
	t.data = append(t.data, s...)
	t.recs = append(t.recs, wordRec{off: uint32(len(t.data))})
	t.put(h, id)
	return id, true
}

// put stores id under hash h in the first free slot.
func (t *wordTable) put(h uint64, id int32) {
	i := h & t.mask
	for t.slots[i] != 0 {
		i = (i + 1) & t.mask
	}
	t.slots[i] = t.fingerprint(h) | uint32(id+1)
}

// grow doubles the slots and puts every word back.
func (t *wordTable) grow() {
	t.setSize(2 * len(t.slots))
	for id := range t.len() {
		t.put(hashBytes(t.key(int32(id))), int32(id))
	}
}

// edgeTable maps a (parent node, word) pair to the child node, for the
// tokens of a phrase after its first. It is keyed by the parent and the
// word's hash, so that a lookup needs no word id: one probe, and a
// comparison of the word with the key of the edge's word id in a
// wordTable. Open addressing with linear probing, at most three quarters
// full; node 0 is no node, so a slot whose parent is 0 is empty.
type edgeTable struct {
	slots []edge
	n     int    // edges stored
	shift uint32 // 64 - log2(len(slots))
}

type edge struct {
	parent int32
	hash   uint32 // the high half of the word's hash
	word   int32  // the word's id, to check the word itself
	child  int32
}

func newEdgeTable(n int) edgeTable {
	t := edgeTable{}
	t.setSize(n)
	return t
}

// setSize gives the table empty slots for n edges.
func (t *edgeTable) setSize(n int) {
	size, bits := 8, uint32(3)
	for 3*size < 4*n {
		size, bits = size*2, bits+1
	}
	t.slots, t.shift = make([]edge, size), 64-bits
}

// home returns the first slot to probe for an edge.
func (t *edgeTable) home(parent int32, h uint32) int {
	key := uint64(uint32(parent))<<32 | uint64(h)
	return int((key * 0x9E3779B97F4A7C15) >> t.shift)
}

// get returns the child of parent by word w of hash h, whose keys are in
// words, or 0.
func (t *edgeTable) get(parent int32, w string, h uint64, words *wordTable) int32 {
	mask := len(t.slots) - 1
	hh := uint32(h >> 32)
	for i := t.home(parent, hh); ; i = (i + 1) & mask {
		e := &t.slots[i]
		switch {
		case e.parent == 0:
			return 0
		case e.parent == parent && e.hash == hh && equalKey(words.key(e.word), w):
			return e.child
		}
	}
}

// set records child as the child of parent (not 0) by word id, of hash h,
// which has no child yet.
func (t *edgeTable) set(parent, word int32, h uint64, child int32) {
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	t.put(edge{parent, uint32(h >> 32), word, child})
	t.n++
}

// put stores e in the first free slot from its home.
func (t *edgeTable) put(e edge) {
	mask := len(t.slots) - 1
	i := t.home(e.parent, e.hash)
	for t.slots[i].parent != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = e
}

func (t *edgeTable) grow() {
	old := t.slots
	t.setSize(2 * len(old) * 3 / 4)
	for _, e := range old {
		if e.parent != 0 {
			t.put(e)
		}
	}
}
