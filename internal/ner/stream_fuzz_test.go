package ner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// FuzzTagJSONL tags any input as JSON Lines with a small line limit: no
// panic; one output object per line that is not blank and within the
// limit, each line over it reported once with its number; every entity
// inside its document's text.
func FuzzTagJSONL(f *testing.F) {
	f.Add([]byte(`{"id":1,"text":"التقى الرئيس المصري عبد الفتاح السيسي في القاهرة"}`+"\nنص خام عن دمشق\n\n{\"text\":null}\n"), uint16(0))
	f.Add([]byte(strings.Repeat("زار حفتر دمشق.\n", 5)), uint16(20))
	f.Add([]byte("\r\n \n{\"text\":\"\\u0627\"}"), uint16(3))
	tg, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, max uint16) {
		if len(data) > 1<<13 {
			return
		}
		limit := int(max)
		want, wantBad := 0, 0
		lines := bytes.Split(data, []byte("\n"))
		for i, l := range lines {
			if i == len(lines)-1 && len(l) == 0 {
				break
			}
			switch {
			case limit > 0 && len(l) > limit:
				wantBad++
			case len(strings.TrimSpace(strings.TrimRight(string(l), "\r\n"))) > 0:
				want++
			}
		}
		var out bytes.Buffer
		bad := 0
		n, err := TagJSONLWith(context.Background(), tg, bytes.NewReader(data), &out, JSONLOptions{
			MaxLine: limit,
			OnLineError: func(line int, err error) error {
				if !errors.Is(err, ErrLineTooLong) || line < 1 || line > len(lines) {
					t.Fatalf("line %d: %v", line, err)
				}
				bad++
				return nil
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		if n != want || bad != wantBad {
			t.Fatalf("%d documents and %d long lines, want %d and %d", n, bad, want, wantBad)
		}
		sc := bufio.NewScanner(&out)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var d jsonDoc
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				t.Fatalf("output line %q: %v", sc.Bytes(), err)
			}
			for _, e := range d.Entities {
				if e.Start < 0 || e.End > len(d.Text) || e.Start > e.End || d.Text[e.Start:e.End] != e.Text {
					t.Fatalf("entity %+v outside %q", e, d.Text)
				}
			}
		}
	})
}
