package pipeline

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/marsad/marsad/internal/code"
	"github.com/marsad/marsad/internal/ner"
)

// encodeStd writes d as `marsad code` wrote it before AppendJSON: with
// encoding/json's Encoder, HTML escaping off.
func encodeStd(tb testing.TB, d *Doc) []byte {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// finite is f, or 0 when f is NaN or infinite: what AppendJSON writes.
func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

// fuzzDoc builds a document whose every field comes from the fuzzer's
// values; the bits of shape choose nil or present pointers, nil, empty or
// full slices, and empty omitempty fields.
func fuzzDoc(s1, s2, s3 string, n1, n2 int, f1, f2 float64, shape uint16) Doc {
	bit := func(k uint) bool { return shape&(1<<k) != 0 }
	pick := func(k uint, s string) string {
		if bit(k) {
			return ""
		}
		return s
	}
	d := Doc{ID: s1, URI: pick(8, s3+"#"+s1), Title: s2, Published: s3, Outlet: s1 + s3, Attribution: s2 + s1, Text: pick(0, s3+s2)}
	if !bit(1) {
		d.Entities = []Entity{}
		if !bit(2) {
			d.Entities = append(d.Entities,
				Entity{Text: s1, Type: "PERS", Start: n1, End: n2, Code: pick(3, s2)},
				Entity{Text: s3, Type: s2, Start: -n2, End: n1, Code: s1})
		}
	}
	if bit(4) {
		return d // nil events
	}
	d.Events = []code.Event{}
	if bit(5) {
		return d // empty events
	}
	date := s3
	lat, lon := f1, f2
	e := code.Event{
		Source:     code.ActorRef{Text: s1, Code: s2, Country: s3, Role: s1, Name: pick(6, s2), Start: n1, End: n2},
		CAMEO:      s2,
		Root:       s3,
		Quad:       n1 ^ n2,
		Goldstein:  f1,
		Plover:     code.Plover{Category: s1, Mode: pick(7, s3)},
		Trigger:    code.Span{Text: s2, Start: n2, End: n1},
		Evidence:   code.Span{Text: s1 + s2 + s3, Start: n1, End: n2},
		Confidence: f2,
		Rule:       pick(8, s1),
	}
	if !bit(9) {
		e.Target = &code.ActorRef{Text: s3, Code: s1, Country: s2, Role: s3, Name: pick(10, s1), Start: n2, End: n1}
	}
	if !bit(11) {
		e.Modality = []string{}
		if !bit(12) {
			e.Modality = append(e.Modality, s1, s2)
		}
	}
	if !bit(13) {
		e.Location = &code.Location{Text: s2, Country: s3, Start: n1, End: n2}
		if !bit(14) {
			e.Location.Lat, e.Location.Lon = &lat, &lon
		}
	}
	if !bit(15) {
		e.Date = &date
	}
	d.Events = append(d.Events, e, code.Event{Source: e.Source, Goldstein: f2, Confidence: f1})
	return d
}

// withFiniteScores returns a copy of d whose NaN and infinite floats are 0.
func withFiniteScores(d Doc) Doc {
	if d.Events == nil {
		return d
	}
	evs := make([]code.Event, len(d.Events))
	for i, e := range d.Events {
		e.Goldstein, e.Confidence = finite(e.Goldstein), finite(e.Confidence)
		if l := e.Location; l != nil {
			c := *l
			if c.Lat != nil {
				lat := finite(*c.Lat)
				c.Lat = &lat
			}
			if c.Lon != nil {
				lon := finite(*c.Lon)
				c.Lon = &lon
			}
			e.Location = &c
		}
		evs[i] = e
	}
	d.Events = evs
	return d
}

// FuzzAppendJSON checks that AppendJSON writes the bytes encoding/json
// writes, for any strings (invalid UTF-8, control characters, U+2028 and
// U+2029, HTML characters), integers, floats and shape of the document.
// Where encoding/json fails — a NaN or infinite float — AppendJSON writes
// 0, so its output is compared with encoding/json's for the same document
// with those floats set to 0.
func FuzzAppendJSON(f *testing.F) {
	f.Add("زار الرئيس المصري", "«دمشق»\n\tأمس", "2017-06-05", 0, 42, -7.0, 0.85, uint16(0))
	f.Add("\xff\xfe\xc0\x80\xed\xa0\x80", "\u2028\u2029\u2027", "\x00\x01\x1f\x7f", -1, math.MaxInt, 1e-7, 1e21, uint16(0xAAAA))
	f.Add(`<a href="x">&amp;</a>`, `back\slash "quote"`, "\b\f\r", math.MinInt, 3, 123456789.125, 5e-324, uint16(0x5555))
	f.Add("", "", "", 0, 0, math.Copysign(0, -1), 1e-6, uint16(0xFFFF))
	f.Add("\U0001F600\uFFFD\uFEFF", "ا\xd8", "\xe2\x80", 1, 2, math.NaN(), math.Inf(-1), uint16(0x0F0F))
	f.Add("x", "y", "z", 9, 10, 1e20, 9.999999999999999e20, uint16(0x00F0))
	f.Add("x", "y", "z", 9, 10, -1.5e-300, math.MaxFloat64, uint16(0x0102))
	f.Fuzz(func(t *testing.T, s1, s2, s3 string, n1, n2 int, f1, f2 float64, shape uint16) {
		d := fuzzDoc(s1, s2, s3, n1, n2, f1, f2, shape)
		got := d.AppendJSON(nil)
		fd := withFiniteScores(d)
		want := encodeStd(t, &fd)
		if !bytes.Equal(got, want) {
			t.Fatalf("AppendJSON differs from encoding/json\n got: %q\nwant: %q", got, want)
		}
		// appending keeps what the buffer held
		prefix := []byte("prefix")
		if got2 := d.AppendJSON(prefix); !bytes.Equal(got2[len(prefix):], want) || string(got2[:len(prefix)]) != "prefix" {
			t.Fatalf("AppendJSON on a non-empty buffer: %q", got2)
		}
	})
}

// TestAppendJSONNonFinite: NaN and ±Inf, which encoding/json refuses, are
// written as 0.
func TestAppendJSONNonFinite(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    float64
	}{{"NaN", math.NaN()}, {"+Inf", math.Inf(1)}, {"-Inf", math.Inf(-1)}} {
		t.Run(tc.name, func(t *testing.T) {
			lat := tc.f
			e := code.Event{Goldstein: tc.f, Confidence: tc.f, Location: &code.Location{Lat: &lat, Lon: &lat}}
			got := string(e.AppendJSON(nil))
			want := `{"source":{"text":"","code":"","country":"","role":"","start":0,"end":0},"target":null,` +
				`"cameo":"","root":"","quad":0,"goldstein":0,"plover":{"category":""},"modality":null,` +
				`"location":{"text":"","country":"","lat":0,"lon":0,"start":0,"end":0},"date":null,` +
				`"trigger":{"text":"","start":0,"end":0},"evidence":{"text":"","start":0,"end":0},"confidence":0}`
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// sliceDocs codes the ANT slice as `marsad code` does by default (name
// tagger on).
func sliceDocs(tb testing.TB) []Doc {
	tb.Helper()
	arts := loadSlice(tb)
	lex, err := DefaultLexicon()
	if err != nil {
		tb.Fatal(err)
	}
	p := New(lex)
	if p.Tagger, err = ner.Default(); err != nil {
		tb.Fatal(err)
	}
	docs := make([]Doc, len(arts))
	for i := range arts {
		docs[i] = p.Code(&arts[i])
	}
	return docs
}

// TestAppendJSONSlice: on real coded news, with and without the text,
// AppendJSON writes the bytes encoding/json writes.
func TestAppendJSONSlice(t *testing.T) {
	docs := sliceDocs(t)
	events := 0
	var line []byte
	for _, noText := range []bool{false, true} {
		for i := range docs {
			d := docs[i]
			if noText {
				d.Text = ""
			}
			events += len(d.Events)
			line = d.AppendJSON(line[:0])
			if want := encodeStd(t, &d); !bytes.Equal(line, want) {
				t.Fatalf("article %s (no text: %v): AppendJSON differs from encoding/json at byte %d\n got: %q\nwant: %q",
					d.ID, noText, firstDiff(line, want), line, want)
			}
		}
	}
	if events == 0 {
		t.Fatal("no events coded from the slice: the comparison proves little")
	}
}

// firstDiff is the index of the first byte where a and b differ.
func firstDiff(a, b []byte) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// BenchmarkAppendJSON measures AppendJSON on the coded ANT slice, in MB/s
// of output; BenchmarkEncodeJSON is encoding/json on the same documents.
func BenchmarkAppendJSON(b *testing.B) {
	docs := sliceDocs(b)
	var line []byte
	benchmarkEncode(b, docs, func(d *Doc) int {
		line = d.AppendJSON(line[:0])
		return len(line)
	})
}

// BenchmarkEncodeJSON is the encoding/json baseline of BenchmarkAppendJSON.
func BenchmarkEncodeJSON(b *testing.B) {
	docs := sliceDocs(b)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	benchmarkEncode(b, docs, func(d *Doc) int {
		buf.Reset()
		if err := enc.Encode(d); err != nil {
			b.Fatal(err)
		}
		return buf.Len()
	})
}

func benchmarkEncode(b *testing.B, docs []Doc, encode func(*Doc) int) {
	size := 0
	for i := range docs {
		size += encode(&docs[i])
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		for j := range docs {
			n += encode(&docs[j])
		}
		if n != size {
			b.Fatalf("wrote %d bytes, want %d", n, size)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}
