package query

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// FuzzFromValues parses any URL query, as the API does: no panic; an error
// is a validation error (ErrInvalid) or names the numeric parameter; a
// Filter that parses is normalised once and for all — written back as
// values (Values) and parsed again, it is the same Filter.
func FuzzFromValues(f *testing.F) {
	for _, s := range []string{
		"actor=syr&side=source&cameo=04&from=2017-01-01&to=2017-12-31",
		"country=SYR&root=19&limit=-1&offset=20&interval=month",
		"actor=%20lbymil%20&other=SYR&modality=Asserted&plover=consult&quad=4",
		"quad=5", "side=up", "from=2017-02-30", "limit=9999999999999999999999", "cameo=0x4",
		"text=%D8%AD%D9%81%D8%AA%D8%B1&place=%20%D8%AF%D9%85%D8%B4%D9%82", "a=%zz", ";;&&==",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil && len(v) == 0 {
			return
		}
		q, err := FromValues(v)
		if err != nil {
			if !errors.Is(err, ErrInvalid) && !strings.HasPrefix(err.Error(), "query parameter ") {
				t.Fatalf("FromValues(%q): unexpected error %v", raw, err)
			}
			return
		}
		again, err := FromValues(q.Values())
		if err != nil {
			t.Fatalf("FromValues(%q).Values() does not parse: %v", raw, err)
		}
		if !reflect.DeepEqual(q, again) {
			t.Fatalf("round trip of %q:\n %+v\n %+v", raw, q, again)
		}
		_ = q.RowLimit()
	})
}
