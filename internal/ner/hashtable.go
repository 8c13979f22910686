package ner

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"slices"
)

// hashTable maps 64-bit keys (which are already hashes) to non-zero uint32
// values. It is an open-addressing table with linear probing kept as a
// byte slice in the layout of the model file, so that a loaded model uses
// it in place: slot i is bytes [i*slotSize, (i+1)*slotSize), a
// little-endian uint64 key followed by a little-endian uint32 value, and a
// value of 0 marks an empty slot. A key sits in the first free slot at or
// after its home slot (wrapping around), at most probe slots after it.
//
// Lookups give 0 for a missing key, which is what the tables need: a word
// without cluster and a phrase in no gazetteer are the same as an entry
// with value 0, so such entries are not stored.
type hashTable struct {
	slots []byte // the slots; empty for no table
	shift uint   // 64 - log2(number of slots)
	mask  uint64 // number of slots - 1
	probe uint64 // the longest distance of a key from its home slot
}

// slotSize is the size of a hashTable slot in bytes.
const slotSize = 12

// maxTableSlots bounds the number of slots of a table in a model file.
const maxTableSlots = 1 << 28

// home returns the first slot where key k may be.
func (t *hashTable) home(k uint64) uint64 { return k * 0x9e3779b97f4a7c15 >> t.shift }

// numSlots returns the number of slots of t.
func (t *hashTable) numSlots() int { return len(t.slots) / slotSize }

// get returns the value of key k, 0 when k is not in the table.
func (t *hashTable) get(k uint64) uint32 {
	if len(t.slots) == 0 {
		return 0
	}
	i := t.home(k)
	for d := uint64(0); d <= t.probe; d++ {
		off := int((i+d)&t.mask) * slotSize
		s := (*[slotSize]byte)(t.slots[off : off+slotSize])
		v := binary.LittleEndian.Uint32(s[8:])
		if v == 0 {
			return 0
		}
		if binary.LittleEndian.Uint64(s[:8]) == k {
			return v
		}
	}
	return 0
}

// newHashTable stores the non-zero values of m in a table at most 3/4
// full. A nil map gives no table (no slots); a non-nil map always gives at
// least one slot, so that "no table" and "empty table" stay apart. Keys
// are inserted in increasing order, so the table depends only on m.
func newHashTable[V uint16 | uint32](m map[uint64]V) hashTable {
	if m == nil {
		return hashTable{}
	}
	keys := make([]uint64, 0, len(m))
	for k, v := range m {
		if v != 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	lg := 0
	for 3<<lg < 4*len(keys) {
		lg++
	}
	t := hashTable{slots: make([]byte, slotSize<<lg), shift: uint(64 - lg), mask: 1<<lg - 1}
	for _, k := range keys {
		t.put(k, uint32(m[k]))
	}
	return t
}

// put stores a key with a non-zero value in the first free slot from its
// home; the table must have a free slot and must not hold k yet.
func (t *hashTable) put(k uint64, v uint32) {
	i := t.home(k)
	for d := uint64(0); ; d++ {
		s := t.slots[int((i+d)&t.mask)*slotSize:]
		if binary.LittleEndian.Uint32(s[8:]) != 0 {
			continue
		}
		binary.LittleEndian.PutUint64(s, k)
		binary.LittleEndian.PutUint32(s[8:], v)
		t.probe = max(t.probe, d)
		return
	}
}

// readHashTable takes the table (named name in errors) of a model file
// with the given number of slots and longest probe distance off r. It
// checks the shape only: whatever the bytes, lookups stay in range and end.
func readHashTable(r *modelReader, name string, slots, probe uint32) (hashTable, error) {
	if slots == 0 {
		if probe != 0 {
			return hashTable{}, fmt.Errorf("%w: empty %s table with probe %d", errBadModel, name, probe)
		}
		return hashTable{}, nil
	}
	if slots > maxTableSlots || slots&(slots-1) != 0 || probe >= slots {
		return hashTable{}, fmt.Errorf("%w: %s table of %d slots, probe %d", errBadModel, name, slots, probe)
	}
	b := r.next(uint64(slots) * slotSize)
	if b == nil {
		return hashTable{}, fmt.Errorf("%w: %s table: %w", errBadModel, name, io.ErrUnexpectedEOF)
	}
	lg := bits.TrailingZeros32(slots)
	return hashTable{slots: b, shift: uint(64 - lg), mask: uint64(slots) - 1, probe: uint64(probe)}, nil
}
