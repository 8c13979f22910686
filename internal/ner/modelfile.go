package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"

	_ "embed" // the shipped model
)

// modelMagic starts every model file; the last byte is the format version.
const modelMagic = "MARSADNER\x01"

//go:embed model/ner.bin
var embeddedModel []byte

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the model shipped inside the binary (see
// internal/ner/model/README.md). It is loaded on first use and shared.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		defaultTagger, defaultErr = Load(bytes.NewReader(embeddedModel))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("load embedded ner model: %w", defaultErr)
		}
	})
	return defaultTagger, defaultErr
}

// quantScale returns the step of the int16 quantisation of w.
func quantScale(w []float32) float32 {
	var m float32
	for _, v := range w {
		if v > m {
			m = v
		} else if -v > m {
			m = -v
		}
	}
	if m == 0 {
		return 1
	}
	return m / 32767
}

// dense returns the weights as float32 (a loaded model keeps them as int16).
func (t *Tagger) dense() []float32 {
	if t.q == nil {
		return t.w
	}
	w := make([]float32, len(t.q))
	for i, v := range t.q {
		w[i] = float32(v) * t.qs
	}
	return w
}

// quantize rounds every weight to the int16 grid that Save uses, so that a
// tagger scores the same before and after a save/load round trip.
func (t *Tagger) quantize() {
	sc := quantScale(t.w)
	for i, v := range t.w {
		t.w[i] = float32(math.Round(float64(v/sc))) * sc
	}
}

// Save writes the tagger in the model file format: a magic string, then a
// gzip stream with the feature table size, transition weights, cluster and
// gazetteer tables (sorted by key) and the non-zero weight rows quantised
// to int16. The output depends only on the tagger's contents.
func (t *Tagger) Save(w io.Writer) error {
	if _, err := io.WriteString(w, modelMagic); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	sv := func(x int64) { bw.Write(tmp[:binary.PutVarint(tmp[:], x)]) }
	u64 := func(x uint64) { binary.LittleEndian.PutUint64(tmp[:8], x); bw.Write(tmp[:8]) }
	f32 := func(x float32) { binary.LittleEndian.PutUint32(tmp[:4], math.Float32bits(x)); bw.Write(tmp[:4]) }

	uv(uint64(t.bits))
	for p := range t.trans {
		for c := range t.trans[p] {
			f32(t.trans[p][c])
		}
	}
	keys := make([]uint64, 0, len(t.res.clusters))
	for k := range t.res.clusters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	uv(uint64(len(keys)))
	for _, k := range keys {
		u64(k)
		uv(uint64(t.res.clusters[k]))
	}
	keys = keys[:0]
	for k := range t.res.gaz {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	uv(uint64(t.res.gazMax))
	uv(uint64(len(keys)))
	for _, k := range keys {
		u64(k)
		uv(uint64(t.res.gaz[k]))
	}
	wts := t.dense()
	sc := quantScale(wts)
	f32(sc)
	rows := 1 << t.bits
	var q [numTags]int64
	nz := 0
	for r := 0; r < rows; r++ {
		if rowNonZero(wts[r*numTags:(r+1)*numTags], sc) {
			nz++
		}
	}
	uv(uint64(nz))
	last := 0
	for r := 0; r < rows; r++ {
		row := wts[r*numTags : (r+1)*numTags]
		if !rowNonZero(row, sc) {
			continue
		}
		uv(uint64(r - last))
		last = r
		for c, v := range row {
			q[c] = int64(math.Round(float64(v / sc)))
			sv(q[c])
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

func rowNonZero(row []float32, sc float32) bool {
	for _, v := range row {
		if math.Round(float64(v/sc)) != 0 {
			return true
		}
	}
	return false
}

// errBadModel reports a model file that is not in the expected format.
var errBadModel = errors.New("not a marsad ner model")

// Load reads a model written by Save.
func Load(r io.Reader) (*Tagger, error) {
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(r, magic); err != nil {
		return nil, fmt.Errorf("load model: %w: %w", errBadModel, err)
	}
	if string(magic) != modelMagic {
		return nil, fmt.Errorf("load model: %w", errBadModel)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	// decode from memory: varint by varint through a buffered gzip stream
	// costs ten times more than from a byte slice
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	var rerr error
	uv := func() uint64 {
		if rerr != nil {
			return 0
		}
		x, n := binary.Uvarint(data)
		if n <= 0 {
			rerr = io.ErrUnexpectedEOF
			return 0
		}
		data = data[n:]
		return x
	}
	sv := func() int64 {
		if rerr != nil {
			return 0
		}
		x, n := binary.Varint(data)
		if n <= 0 {
			rerr = io.ErrUnexpectedEOF
			return 0
		}
		data = data[n:]
		return x
	}
	u64 := func() uint64 {
		if rerr != nil || len(data) < 8 {
			rerr = io.ErrUnexpectedEOF
			return 0
		}
		x := binary.LittleEndian.Uint64(data)
		data = data[8:]
		return x
	}
	f32 := func() float32 {
		if rerr != nil || len(data) < 4 {
			rerr = io.ErrUnexpectedEOF
			return 0
		}
		x := math.Float32frombits(binary.LittleEndian.Uint32(data))
		data = data[4:]
		return x
	}
	bits := uv()
	if rerr == nil && (bits < 8 || bits > 26) {
		return nil, fmt.Errorf("load model: %w: table size 2^%d", errBadModel, bits)
	}
	t := &Tagger{bits: uint(bits)} // the weights go to the int16 table below
	for p := range t.trans {
		for c := range t.trans[p] {
			t.trans[p][c] = f32()
		}
	}
	n := uv()
	if n > 1<<26 {
		return nil, fmt.Errorf("load model: %w: %d clusters", errBadModel, n)
	}
	if n > 0 {
		t.res.clusters = make(map[uint64]uint32, n)
	}
	for i := uint64(0); i < n && rerr == nil; i++ {
		k := u64()
		t.res.clusters[k] = uint32(uv())
	}
	t.res.gazMax = int(uv())
	n = uv()
	if n > 1<<26 || t.res.gazMax > 64 {
		return nil, fmt.Errorf("load model: %w: %d gazetteer entries", errBadModel, n)
	}
	if n > 0 {
		t.res.gaz = make(map[uint64]uint16, n)
	}
	for i := uint64(0); i < n && rerr == nil; i++ {
		k := u64()
		t.res.gaz[k] = uint16(uv())
	}
	t.qs = f32()
	n = uv()
	rows := uint64(1) << bits
	// the weights stay on Save's int16 grid: half the memory of float32, so
	// half the start-up time spent clearing and filling it
	t.q = make([]int16, rows*numTags)
	r0 := uint64(0)
	for i := uint64(0); i < n && rerr == nil; i++ {
		r0 += uv()
		if r0 >= rows {
			return nil, fmt.Errorf("load model: %w: row %d out of range", errBadModel, r0)
		}
		row := t.q[r0*numTags : (r0+1)*numTags]
		for c := range row {
			row[c] = int16(sv())
		}
	}
	if rerr != nil {
		return nil, fmt.Errorf("load model: %w", rerr)
	}
	return t, nil
}
