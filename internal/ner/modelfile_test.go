package ner

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"strings"
	"testing"
)

// smallModel trains a model with clusters and gazetteers on the test
// sentences and returns its file.
func smallModel(tb testing.TB) []byte {
	tb.Helper()
	sents := readTestSentences(tb, "sentences.conll")
	toks := make([][]string, len(sents))
	for i, s := range sents {
		toks[i] = s.Tokens
	}
	res, err := BuildResources(context.Background(), ResourceOptions{Sentences: toks, MinFreq: 2})
	if err != nil {
		tb.Fatal(err)
	}
	res.addPhrase("دمشق", gazLOC)
	res.addPhrase("عبد الفتاح السيسي", gazPERS)
	tg, _, err := Train(context.Background(), sents, nil, res, TrainOptions{Epochs: 2, Seed: 3, Bits: 10})
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// Offsets of the fields of a model file.
const (
	offBits     = len(modelMagic)
	offGazMax   = offBits + 4
	offScale    = offBits + 8
	offTrans    = offBits + 12
	offRows     = offTrans + 4*(numTags+1)*numTags
	offClSlots  = offRows + 4
	offClProbe  = offRows + 8
	offGazSlots = offRows + 12
	offGazProbe = offRows + 16
	offRank     = len(modelMagic) + headerSize
)

func u32At(m []byte, off int) uint32 { return binary.LittleEndian.Uint32(m[off:]) }

// withU32 returns a copy of model file m with the uint32 at off set to v,
// its checksum made right again.
func withU32(m []byte, off int, v uint32) []byte {
	c := bytes.Clone(body(m))
	binary.LittleEndian.PutUint32(c[off:], v)
	return seal(c)
}

// body returns model file m without its checksum.
func body(m []byte) []byte { return m[:len(m)-checksumSize] }

// seal returns b with the checksum of a model file appended.
func seal(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(bytes.Clone(b), crc32.Checksum(b, castagnoli))
}

// sectionOffsets returns where the weight rows, the cluster table and the
// gazetteer table of model file m start.
func sectionOffsets(m []byte) (rows, clusters, gaz int) {
	rows = offRank + (1<<u32At(m, offBits))/rankBlock*rankSize
	clusters = rows + int(u32At(m, offRows))*rowSize
	gaz = clusters + int(u32At(m, offClSlots))*slotSize
	return rows, clusters, gaz
}

type corruptModel struct {
	name string
	in   []byte
}

// badModels returns malformed copies of model file m, which must have a
// cluster and a gazetteer table.
func badModels(m []byte) []corruptModel {
	rows, clusters, gaz := sectionOffsets(m)
	b := body(m)
	bitmap := bytes.Clone(b)
	for i := range 8 { // a bit more in the first block with a zero row
		if bitmap[offRank+i] != 0xff {
			bitmap[offRank+i] |= bitmap[offRank+i] + 1
			break
		}
	}
	oldVersion := bytes.Clone(m)
	oldVersion[len(modelMagic)-1] = 1
	damaged := bytes.Clone(m)
	damaged[rows+3] ^= 0x10 // a weight changed, the checksum not
	return []corruptModel{
		{"empty", nil},
		{"bad magic", []byte("NOTAMODEL\x02xxxxxxxx")},
		{"old version", oldVersion},
		{"magic only", m[:len(modelMagic)]},
		{"no checksum", b},
		{"damaged weight", damaged},
		{"short header", seal(b[:offRank-1])},
		{"truncated rank", seal(b[:offRank+7])},
		{"truncated weights", seal(b[:rows+rowSize/2])},
		{"truncated clusters", seal(b[:clusters+slotSize])},
		{"truncated gazetteer", seal(b[:len(b)-1])},
		{"byte after the end", seal(append(bytes.Clone(b), 0))},
		{"bits 7", withU32(m, offBits, 7)},
		{"bits 27", withU32(m, offBits, 27)},
		{"bits huge", withU32(m, offBits, 1<<31)},
		{"gazMax 65", withU32(m, offGazMax, 65)},
		{"scale NaN", withU32(m, offScale, math.Float32bits(float32(math.NaN())))},
		{"transition Inf", withU32(m, offTrans+8, math.Float32bits(float32(math.Inf(1))))},
		{"one row more", withU32(m, offRows, u32At(m, offRows)+1)},
		{"one row less", withU32(m, offRows, u32At(m, offRows)-1)},
		{"rows beyond the table", withU32(m, offRows, 1<<30)},
		{"rank count", withU32(m, offRank+rankSize+8, u32At(m, offRank+rankSize+8)+1)},
		{"rank bitmap", seal(bitmap)},
		{"cluster slots not a power of 2", withU32(m, offClSlots, u32At(m, offClSlots)-1)},
		{"cluster slots doubled", withU32(m, offClSlots, 2*u32At(m, offClSlots))},
		{"cluster slots huge", withU32(m, offClSlots, 1<<31)},
		{"cluster probe = slots", withU32(m, offClProbe, u32At(m, offClSlots))},
		{"gazetteer slots halved", withU32(m, offGazSlots, u32At(m, offGazSlots)/2)},
		{"no gazetteer but probe", withU32(withU32(seal(b[:gaz]), offGazSlots, 0), offGazProbe, 1)},
	}
}

func TestLoadErrors(t *testing.T) {
	m := smallModel(t)
	if u32At(m, offClSlots) == 0 || u32At(m, offGazSlots) == 0 {
		t.Fatal("the small model needs a cluster and a gazetteer table")
	}
	for _, tt := range badModels(m) {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(tt.in))
			if !errors.Is(err, errBadModel) {
				t.Fatalf("Load error = %v, want errBadModel", err)
			}
			if tt.name == "old version" && !strings.Contains(err.Error(), "format version 1, want 3") {
				t.Errorf("Load error = %v, want the format version", err)
			}
			if tt.name == "damaged weight" && !strings.Contains(err.Error(), "damaged") {
				t.Errorf("Load error = %v, want the checksum", err)
			}
		})
	}
	t.Run("no gazetteer", func(t *testing.T) {
		_, _, gaz := sectionOffsets(m)
		if _, err := Load(bytes.NewReader(withU32(withU32(seal(body(m)[:gaz]), offGazSlots, 0), offGazProbe, 0))); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSaveLoadBytes(t *testing.T) {
	for name, m := range map[string][]byte{"small": smallModel(t), "embedded": embeddedModel} {
		t.Run(name, func(t *testing.T) {
			tg, err := Load(bytes.NewReader(m))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := tg.Save(&buf); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), m) {
				t.Fatal("saving a loaded model does not give back its file")
			}
		})
	}
}

func TestEmbeddedModelShape(t *testing.T) {
	tg := mustDefault(t)
	if tg.bits != 20 || tg.res.gazMax == 0 || !tg.res.hasClusters() || len(tg.res.gaz.slots) == 0 {
		t.Fatalf("bits %d, gazMax %d, %d cluster and %d gazetteer slots",
			tg.bits, tg.res.gazMax, tg.res.clusters.numSlots(), tg.res.gaz.numSlots())
	}
	if &tg.p.rows[0] != &embeddedModel[len(embeddedModel)-checksumSize-len(tg.res.gaz.slots)-len(tg.res.clusters.slots)-len(tg.p.rows)] {
		t.Error("the default tagger does not use the embedded bytes in place")
	}
}

func TestHashTable(t *testing.T) {
	m := map[uint64]uint16{0: 5, 42: 0} // key 0 is a key like any other; value 0 is no entry
	for i := range 1000 {
		m[mix(uint64(i), 1)] = uint16(i%7 + 1)
	}
	h := newHashTable(m)
	if 4*len(m) > 3*h.numSlots() {
		t.Errorf("%d entries in %d slots: more than 3/4 full", len(m), h.numSlots())
	}
	for k, v := range m {
		if got := h.get(k); got != uint32(v) {
			t.Errorf("get(%#x) = %d, want %d", k, got, v)
		}
	}
	for i := 1000; i < 100000; i++ {
		if k := mix(uint64(i), 1); h.get(k) != 0 {
			t.Fatalf("get(%#x) found a missing key", k)
		}
	}
	if none := newHashTable[uint32](nil); none.numSlots() != 0 {
		t.Errorf("no map: %d slots, want 0", none.numSlots())
	}
	if e := newHashTable(map[uint64]uint32{}); e.numSlots() != 1 || e.get(0) != 0 {
		t.Errorf("empty map: %d slots, want 1", e.numSlots())
	}
}

// FuzzLoad checks that Load never panics, that every error is
// errBadModel, and that a model it accepts tags without going out of range
// and saves back to the same bytes.
func FuzzLoad(f *testing.F) {
	small := smallModel(f)
	f.Add(small)
	for _, c := range badModels(small) {
		f.Add(c.in)
	}
	_, cl, gaz := sectionOffsets(small)
	f.Add(withU32(small, offClProbe, 0))                 // loads: some keys are lost
	f.Add(withU32(small, offGazProbe, 0))                // same
	f.Add(withU32(small, offScale, math.Float32bits(1))) // loads: other scores
	keys := bytes.Clone(body(small))
	for i := cl; i < gaz; i += slotSize {
		keys[i] ^= 0x5a // loads: other words have clusters
	}
	f.Add(seal(keys))
	f.Add(embeddedModel)
	f.Add(embeddedModel[:len(embeddedModel)/2])
	sents := readTestSentences(f, "sentences.conll")
	f.Fuzz(func(t *testing.T, data []byte) {
		// as it is (a changed byte fails the checksum), and sealed, so the
		// structure checks see what the fuzzer changes
		for _, in := range [][]byte{data, seal(data)} {
			tg, err := Load(bytes.NewReader(in))
			if err != nil {
				if !errors.Is(err, errBadModel) {
					t.Fatalf("Load error %v is not errBadModel", err)
				}
				continue
			}
			for _, s := range sents {
				if tags := tg.Tag(s.Tokens); len(tags) != len(s.Tokens) {
					t.Fatalf("%d tags for %d tokens", len(tags), len(s.Tokens))
				}
			}
			var buf bytes.Buffer
			if err := tg.Save(&buf); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), in) {
				t.Fatal("saving a loaded model does not give back its file")
			}
		}
	})
}

// BenchmarkLoad measures what Default does: check the embedded model and
// use it in place.
func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := parseModel(embeddedModel); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadReader measures Load from a reader (marsad ner --model
// FILE): a copy of the file, then the same.
func BenchmarkLoadReader(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(bytes.NewReader(embeddedModel)); err != nil {
			b.Fatal(err)
		}
	}
}
