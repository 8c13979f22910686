package sqlstore

import (
	"fmt"
	"reflect"
	"testing"
)

func TestDyadPeriods(t *testing.T) {
	tests := []struct {
		day  string
		want []dyadKey
	}{
		{"2020-02-29", []dyadKey{{level: levelYear, period: "2020"}, {level: levelQuarter, period: "2020-Q1"}, {level: levelMonth, period: "2020-02"}}},
		{"2019-12-31", []dyadKey{{level: levelYear, period: "2019"}, {level: levelQuarter, period: "2019-Q4"}, {level: levelMonth, period: "2019-12"}}},
		{"2019-02-29", []dyadKey{{level: levelOddDay, period: "2019-02-29"}}}, // not a calendar date
		{"2020-13-01", []dyadKey{{level: levelOddDay, period: "2020-13-01"}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := dyadPeriods(tt.day); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("dyadPeriods(%q) = %v, want %v", tt.day, got, tt.want)
		}
	}
}

// TestDyadParts checks how periods are cut: whole years, quarters and
// months from the summary, partial months from the event groups, and the
// odd days of the period outside the partial months.
func TestDyadParts(t *testing.T) {
	odd := func(from, to string, not ...[2]string) string {
		return fmt.Sprint(dyadPart{level: levelOddDay, lo: from, hi: to, not: not})
	}
	tests := []struct {
		from, to string
		want     []string
	}{
		{"2019-01-01", "2019-03-31", []string{"{2 2019-Q1 2019-Q1 []}", odd("2019-01-01", "2019-03-31")}},
		{"2019-01-01", "2019-12-31", []string{"{1 2019 2019 []}", odd("2019-01-01", "2019-12-31")}},
		{"2018-11-01", "2020-02-29", []string{"{3 2018-11 2018-12 []}", "{1 2019 2019 []}", "{3 2020-01 2020-02 []}", odd("2018-11-01", "2020-02-29")}},
		{"2019-02-01", "2019-09-30", []string{"{3 2019-02 2019-03 []}", "{2 2019-Q2 2019-Q3 []}", odd("2019-02-01", "2019-09-30")}},
		{"2019-01-15", "2019-03-10", []string{"{-1 2019-01-15 2019-01-31 []}", "{-1 2019-03-01 2019-03-10 []}", "{3 2019-02 2019-02 []}",
			odd("2019-01-15", "2019-03-10", [2]string{"2019-01-15", "2019-01-31"}, [2]string{"2019-03-01", "2019-03-10"})}},
		{"2019-02-10", "2019-02-20", []string{"{-1 2019-02-10 2019-02-20 []}", odd("2019-02-10", "2019-02-20", [2]string{"2019-02-10", "2019-02-20"})}},
		{"2019-05-01", "2019-04-30", []string{odd("2019-05-01", "2019-04-30")}}, // empty
		{"", "2019-05-17", []string{"{-1 2019-05-01 2019-05-17 []}", "{1  2018 []}", "{2 2019-Q1 2019-Q1 []}", "{3 2019-04 2019-04 []}",
			odd("", "2019-05-17", [2]string{"2019-05-01", "2019-05-17"})}},
		{"", "2019-12-31", []string{"{1  2019 []}", odd("", "2019-12-31")}},
		{"2019-03-01", "", []string{"{3 2019-03 2019-03 []}", "{2 2019-Q2 2019-Q4 []}", "{1 2020  []}", odd("2019-03-01", "")}},
		{"2019-01-01", "", []string{"{1 2019  []}", odd("2019-01-01", "")}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range dyadParts(tt.from, tt.to) {
			got = append(got, fmt.Sprint(p))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("dyadParts(%q, %q):\n got %q\nwant %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestDyadSumsPay(t *testing.T) {
	tests := []struct {
		from, to string
		want     bool
	}{
		{"", "", true}, {"2019-01-15", "", true}, {"", "2019-04-20", true},
		{"2019-01-01", "2019-03-31", true},  // a quarter
		{"2019-01-15", "2019-12-20", true},  // 37 partial days of 340
		{"2019-01-15", "2019-04-20", false}, // 37 of 96
		{"2019-02-10", "2019-02-20", false}, // all partial
		{"2019-05-01", "2019-04-01", true},  // empty
	}
	for _, tt := range tests {
		if got := dyadSumsPay(tt.from, tt.to); got != tt.want {
			t.Errorf("dyadSumsPay(%q, %q) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}
