package query

import (
	"errors"
	"net/url"
	"reflect"
	"testing"

	"github.com/spf13/pflag"
)

func TestFiltersFromFlagsAndValuesAgree(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want Filter
	}{
		{"empty", nil, Filter{Side: SideAny, Interval: Day}},
		{"actor side period", []string{"--actor", "syr", "--side", "source", "--from", "2020-01-01", "--to", "2020-12-31"},
			Filter{Actor: "SYR", Side: SideSource, From: "2020-01-01", To: "2020-12-31", Interval: Day}},
		{"codes", []string{"--cameo", "04", "--plover", "consult", "--quad", "1", "--modality", "Reported", "--limit", "5"},
			Filter{CAMEO: "04", Plover: "CONSULT", Quad: 1, Modality: "reported", Limit: 5, Side: SideAny, Interval: Day}},
		{"pair and text", []string{"--actor", "EGYGOV", "--other", "SYR", "--text", " السفارة ", "--interval", "month", "--outlet", "Jawhara FM"},
			Filter{Actor: "EGYGOV", Other: "SYR", Text: "السفارة", Interval: Month, Outlet: "Jawhara FM", Side: SideAny}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f Filter
			fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
			f.AddFlags(fs)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if err := f.Normalize(); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f, tt.want) {
				t.Fatalf("flags: got %+v, want %+v", f, tt.want)
			}
			g, err := FromValues(f.Values())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, tt.want) {
				t.Fatalf("values: got %+v, want %+v", g, tt.want)
			}
		})
	}
}

func TestFromValuesRejects(t *testing.T) {
	tests := []struct {
		name, query string
		invalid     bool // wraps ErrInvalid (else a number parse error)
	}{
		{"side", "side=both", true},
		{"quad", "quad=7", true},
		{"date", "from=2020-13-01", true},
		{"cameo", "cameo=abc", true},
		{"interval", "interval=year", true},
		{"limit", "limit=ten", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			_, err = FromValues(v)
			if err == nil {
				t.Fatalf("%s: no error", tt.query)
			}
			if errors.Is(err, ErrInvalid) != tt.invalid {
				t.Fatalf("%s: %v: ErrInvalid %v, want %v", tt.query, err, !tt.invalid, tt.invalid)
			}
		})
	}
}

func TestRowLimit(t *testing.T) {
	for _, tt := range []struct{ limit, want int }{{0, DefaultLimit}, {-1, -1}, {7, 7}} {
		if got := (Filter{Limit: tt.limit}).RowLimit(); got != tt.want {
			t.Errorf("RowLimit(%d) = %d, want %d", tt.limit, got, tt.want)
		}
	}
}

func TestLatestPage(t *testing.T) {
	tests := []struct {
		limit, offset, n, from, to int
	}{
		{0, 0, 10, 0, 10},     // default limit 100
		{0, 0, 250, 150, 250}, // the latest 100
		{3, 0, 10, 7, 10},
		{3, 2, 10, 5, 8},
		{3, 9, 10, 0, 1},
		{3, 20, 10, 0, 0},
		{-1, 4, 10, 0, 6},
		{5, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		f := Filter{Limit: tt.limit, Offset: tt.offset}
		if from, to := f.LatestPage(tt.n); from != tt.from || to != tt.to {
			t.Errorf("limit %d offset %d of %d rows: [%d, %d), want [%d, %d)", tt.limit, tt.offset, tt.n, from, to, tt.from, tt.to)
		}
	}
}
