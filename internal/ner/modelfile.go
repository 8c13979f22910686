package ner

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"math/bits"
	"sync"

	_ "embed" // the shipped model
)

// modelMagic starts every model file; the last byte is the format version.
const modelMagic = "MARSADNER\x03"

// The model file is laid out to be used where it lies: Load checks its
// structure and keeps slices of it, without decoding or copying, so the
// model embedded in the binary costs next to nothing to load. All numbers
// are little-endian; there is no padding.
//
//	magic      modelMagic
//	header     u32 bits          log2 of the number of feature rows, 8..26
//	           u32 gazMax        longest gazetteer phrase in words, <= 64
//	           f32 scale         weight = int16 value × scale
//	           f32 trans[10][9]  transition weights; row 9 is the start
//	           u32 rows          number of non-zero weight rows
//	           u32 clusterSlots, u32 clusterProbe    (see hashTable; 0 slots: no clusters)
//	           u32 gazSlots, u32 gazProbe
//	rank       per block of 64 feature rows: u64 bitmap of the non-zero
//	           rows, u32 number of non-zero rows in the blocks before
//	weights    the non-zero rows in order, numTags × i16 each
//	clusters   clusterSlots × (u64 word hash, u32 packed clusters)
//	gazetteer  gazSlots × (u64 phrase hash, u32 gazetteer type bits)
//	checksum   u32 CRC-32C (Castagnoli) of every byte before it
const (
	headerSize = 4 + 4 + 4 + 4*(numTags+1)*numTags + 4 + 4*4
	rankBlock  = 64          // feature rows per rank block
	rankSize   = 8 + 4       // bytes per rank block
	rowSize    = 2 * numTags // bytes per weight row
	maxGazMax  = 64          // longest gazetteer phrase a model file may declare
	minBits    = 8           // smallest feature table, 2^minBits rows
	maxBits    = 26          // largest feature table, 2^maxBits rows
)

//go:embed model/ner.bin
var embeddedModel []byte

var (
	defaultOnce   sync.Once
	defaultTagger *Tagger
	defaultErr    error
)

// Default returns the model shipped inside the binary (see
// internal/ner/model/README.md). It is loaded on first use and shared; it
// reads the embedded bytes in place.
func Default() (*Tagger, error) {
	defaultOnce.Do(func() {
		defaultTagger, defaultErr = parseModel(embeddedModel)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("load embedded ner model: %w", defaultErr)
		}
	})
	return defaultTagger, defaultErr
}

// packedWeights are the weights of a saved model, quantised to int16, in
// the layout of the model file: a rank directory over the feature rows and
// the non-zero rows. Looking up a row is a bit test and a popcount.
type packedWeights struct {
	rank  []byte  // per block of rankBlock rows: u64 bitmap of non-zero rows, u32 non-zero rows before it
	rows  []byte  // the non-zero rows, numTags little-endian int16 each
	scale float32 // weight = int16 value × scale
}

// row returns the weights of feature row f, nil when they are all zero.
// f must be below the number of feature rows.
func (p *packedWeights) row(f uint32) *[rowSize]byte {
	b := int(f/rankBlock) * rankSize
	blk := (*[rankSize]byte)(p.rank[b : b+rankSize])
	bm := binary.LittleEndian.Uint64(blk[:8])
	bit := uint64(1) << (f % rankBlock)
	if bm&bit == 0 {
		return nil
	}
	o := (int(binary.LittleEndian.Uint32(blk[8:])) + bits.OnesCount64(bm&(bit-1))) * rowSize
	return (*[rowSize]byte)(p.rows[o : o+rowSize])
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

// quantize rounds every weight to the int16 grid that Save uses, so that a
// tagger scores the same before and after a save/load round trip.
func (t *Tagger) quantize() {
	sc := quantScale(t.w)
	for i, v := range t.w {
		t.w[i] = float32(math.Round(float64(v/sc))) * sc
	}
}

// packWeights quantises w, 2^lg rows of numTags weights, to int16 and
// packs the non-zero rows.
func packWeights(w []float32, lg uint) packedWeights {
	sc := quantScale(w)
	rows := 1 << lg
	p := packedWeights{rank: make([]byte, rows/rankBlock*rankSize), scale: sc}
	nz := 0
	for r := 0; r < rows; r++ {
		blk := p.rank[r/rankBlock*rankSize:]
		if r%rankBlock == 0 {
			binary.LittleEndian.PutUint32(blk[8:], uint32(nz))
		}
		row := w[r*numTags : (r+1)*numTags]
		if !rowNonZero(row, sc) {
			continue
		}
		binary.LittleEndian.PutUint64(blk, binary.LittleEndian.Uint64(blk)|1<<(r%rankBlock))
		for _, v := range row {
			p.rows = binary.LittleEndian.AppendUint16(p.rows, uint16(int16(int64(math.Round(float64(v/sc))))))
		}
		nz++
	}
	return p
}

func rowNonZero(row []float32, sc float32) bool {
	for _, v := range row {
		if math.Round(float64(v/sc)) != 0 {
			return true
		}
	}
	return false
}

// Save writes the tagger in the model file format (see modelMagic). The
// output depends only on the tagger's contents; a loaded model is written
// back byte for byte.
func (t *Tagger) Save(w io.Writer) error {
	p := t.p
	if t.w != nil {
		p = packWeights(t.w, t.bits)
	}
	head := t.header(&p)
	sum := crc32.New(castagnoli)
	for _, b := range [][]byte{[]byte(modelMagic), head, p.rank, p.rows, t.res.clusters.slots, t.res.gaz.slots} {
		sum.Write(b)
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("save model: %w", err)
		}
	}
	if _, err := w.Write(binary.LittleEndian.AppendUint32(nil, sum.Sum32())); err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// castagnoli is the CRC-32C table of the model file's checksum (computed
// with the CPU's CRC instructions where it has them).
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksumSize is the size of the checksum that ends a model file.
const checksumSize = 4

// header returns the header of the model file of t with weights p.
func (t *Tagger) header(p *packedWeights) []byte {
	le := binary.LittleEndian
	b := make([]byte, 0, headerSize)
	b = le.AppendUint32(b, uint32(t.bits))
	b = le.AppendUint32(b, uint32(t.res.gazMax))
	b = le.AppendUint32(b, math.Float32bits(p.scale))
	for i := range t.trans {
		for _, v := range t.trans[i] {
			b = le.AppendUint32(b, math.Float32bits(v))
		}
	}
	b = le.AppendUint32(b, uint32(len(p.rows)/rowSize))
	for _, h := range [2]*hashTable{&t.res.clusters, &t.res.gaz} {
		b = le.AppendUint32(b, uint32(h.numSlots()))
		b = le.AppendUint32(b, uint32(h.probe))
	}
	return b
}

// errBadModel reports a model file that is not in the expected format.
var errBadModel = errors.New("not a marsad ner model")

// Load reads a model written by Save.
func Load(r io.Reader) (*Tagger, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	t, err := parseModel(data)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	return t, nil
}

// maxSizeHint bounds the buffer readAll allocates before reading.
const maxSizeHint = 64 << 20

// readAll reads r to the end into a buffer sized from r's length when r
// tells it (a file, a bytes.Reader), saving the copies of a growing buffer.
func readAll(r io.Reader) ([]byte, error) {
	var size int64
	switch v := r.(type) {
	case interface{ Len() int }:
		size = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	var buf bytes.Buffer
	buf.Grow(int(min(max(size, 0), maxSizeHint)) + bytes.MinRead)
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// modelHeader is the header of a model file.
type modelHeader struct {
	bits, gazMax, rows uint32
	scale              float32
	trans              [numTags + 1][numTags]float32
	tables             [2][2]uint32 // slots and probe of the cluster and gazetteer tables
}

// parseModel returns the tagger stored in data. The tagger keeps slices of
// data, which must not change afterwards. Any data gives either a tagger
// whose lookups stay in range or an error.
func parseModel(data []byte) (*Tagger, error) {
	if !bytes.HasPrefix(data, []byte(modelMagic)) {
		return nil, badMagic(data)
	}
	if len(data) < len(modelMagic)+checksumSize {
		return nil, fmt.Errorf("%w: no checksum", errBadModel)
	}
	body := data[:len(data)-checksumSize]
	if got, want := crc32.Checksum(body, castagnoli), binary.LittleEndian.Uint32(data[len(body):]); got != want {
		return nil, fmt.Errorf("%w: checksum %08x, the file says %08x (the file is damaged)", errBadModel, got, want)
	}
	r := &modelReader{b: body[len(modelMagic):]}
	h, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	t := &Tagger{bits: uint(h.bits), trans: h.trans}
	t.res.gazMax = int(h.gazMax)
	if t.p, err = readWeights(r, h); err != nil {
		return nil, err
	}
	if t.res.clusters, err = readHashTable(r, "cluster", h.tables[0][0], h.tables[0][1]); err != nil {
		return nil, err
	}
	if t.res.gaz, err = readHashTable(r, "gazetteer", h.tables[1][0], h.tables[1][1]); err != nil {
		return nil, err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the end", errBadModel, len(r.b))
	}
	return t, nil
}

// badMagic explains why data does not start with modelMagic.
func badMagic(data []byte) error {
	n := len(modelMagic) - 1
	if len(data) > n && string(data[:n]) == modelMagic[:n] {
		return fmt.Errorf("%w: format version %d, want %d", errBadModel, data[n], modelMagic[n])
	}
	return errBadModel
}

// readHeader takes the header off r and checks its fields.
func readHeader(r *modelReader) (modelHeader, error) {
	var h modelHeader
	h.bits, h.gazMax = r.u32(), r.u32()
	h.scale = math.Float32frombits(r.u32())
	for i := range h.trans {
		for j := range h.trans[i] {
			h.trans[i][j] = math.Float32frombits(r.u32())
		}
	}
	h.rows = r.u32()
	for i := range h.tables {
		h.tables[i] = [2]uint32{r.u32(), r.u32()}
	}
	switch {
	case r.short:
		return h, fmt.Errorf("%w: header: %w", errBadModel, io.ErrUnexpectedEOF)
	case h.bits < minBits || h.bits > maxBits:
		return h, fmt.Errorf("%w: table size 2^%d", errBadModel, h.bits)
	case h.gazMax > maxGazMax:
		return h, fmt.Errorf("%w: gazetteer phrases of %d words", errBadModel, h.gazMax)
	case h.rows > 1<<h.bits:
		return h, fmt.Errorf("%w: %d non-zero rows of %d", errBadModel, h.rows, 1<<h.bits)
	case !finite(h.scale):
		return h, fmt.Errorf("%w: weight scale %v", errBadModel, h.scale)
	}
	for i := range h.trans {
		for _, v := range h.trans[i] {
			if !finite(v) {
				return h, fmt.Errorf("%w: transition weight %v", errBadModel, v)
			}
		}
	}
	return h, nil
}

func finite(x float32) bool { return !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0) }

// readWeights takes the rank directory and the weight rows off r and
// checks that the directory counts exactly the rows present.
func readWeights(r *modelReader, h modelHeader) (packedWeights, error) {
	blocks := uint64(1) << h.bits / rankBlock
	p := packedWeights{rank: r.next(blocks * rankSize), scale: h.scale}
	p.rows = r.next(uint64(h.rows) * rowSize)
	if r.short {
		return p, fmt.Errorf("%w: weights: %w", errBadModel, io.ErrUnexpectedEOF)
	}
	n := uint64(0)
	for b := 0; b < len(p.rank); b += rankSize {
		if uint64(binary.LittleEndian.Uint32(p.rank[b+8:])) != n {
			return p, fmt.Errorf("%w: rank block %d does not count the rows before it", errBadModel, b/rankSize)
		}
		n += uint64(bits.OnesCount64(binary.LittleEndian.Uint64(p.rank[b:])))
	}
	if n != uint64(h.rows) {
		return p, fmt.Errorf("%w: %d non-zero rows marked, %d stored", errBadModel, n, h.rows)
	}
	return p, nil
}

// modelReader takes fields off the front of a model file. After a short
// read it returns zeros and nil slices, and sets short.
type modelReader struct {
	b     []byte
	short bool
}

// next returns the next n bytes, nil when fewer are left.
func (r *modelReader) next(n uint64) []byte {
	if r.short || n > uint64(len(r.b)) {
		r.short = true
		return nil
	}
	p := r.b[:n:n]
	r.b = r.b[n:]
	return p
}

func (r *modelReader) u32() uint32 {
	if p := r.next(4); p != nil {
		return binary.LittleEndian.Uint32(p)
	}
	return 0
}
