package sqlstore

import (
	"errors"
	"reflect"
	"testing"

	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/store"
)

func TestListsRoundTrip(t *testing.T) {
	spans := []store.Span{{Start: 0, End: 12}, {Start: 13, End: 40}, {Start: 40, End: 41}, {Start: 300, End: 1 << 20}}
	got, err := decodeSentences(appendSentences(nil, spans))
	if err != nil || !reflect.DeepEqual(got, spans) {
		t.Fatalf("sentences %v (%v), want %v", got, err, spans)
	}
	if got, err := decodeSentences(nil); err != nil || got != nil {
		t.Fatalf("no sentences: %v %v", got, err)
	}
	ents := []pipeline.Entity{{Text: "دمشق", Type: "LOC", Start: 10, End: 18, Code: "SYR"}, {Text: "الرئيس المصري", Type: "PERS", Start: 2, End: 27},
		{Text: "", Type: "", Start: 0, End: 0}}
	gotE, err := decodeEntities(appendEntities(nil, ents))
	if err != nil || !reflect.DeepEqual(gotE, ents) {
		t.Fatalf("entities %+v (%v), want %+v", gotE, err, ents)
	}
	if got, err := decodeEntities(nil); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("no entities: %#v %v, want an empty list", got, err)
	}
	b := appendEntities(nil, ents)
	for n := 1; n < len(b); n++ {
		if _, err := decodeEntities(b[:n]); err == nil {
			// a cut may fall between two entities
			if got, _ := decodeEntities(b[:n]); len(got) == len(ents) {
				t.Fatalf("cut at %d decodes whole", n)
			}
			continue
		} else if !errors.Is(err, errList) {
			t.Fatalf("cut at %d: %v", n, err)
		}
	}
}

func FuzzEntityList(f *testing.F) {
	f.Add([]byte{2, 4, 1, 'a', 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		ents, err := decodeEntities(b)
		if err != nil {
			return
		}
		again, err := decodeEntities(appendEntities(nil, ents))
		if err != nil || !reflect.DeepEqual(again, ents) {
			t.Fatalf("re-encoded %+v: %+v, %v", ents, again, err)
		}
	})
}
