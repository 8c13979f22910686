package extract

import (
	"strings"
	"time"
)

// dateLayouts are the publication date forms ParseDate understands, tried in
// order. Day-first numeric dates (dd/mm/yyyy) are preferred, as in Arab
// and European outlets.
var dateLayouts = []string{
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"02/01/2006 15:04:05",
	"02/01/2006 15:04",
	"02/01/2006",
	"2/1/2006",
	"02-01-2006",
	"02.01.2006",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 January 2006",
	"January 2, 2006",
	"Jan 2, 2006",
}

// ParseDate parses a publication date in one of the common forms (RFC 3339
// "2017-03-29T17:50:00+01:00", "2017-01-20", "09/11/2016" read as
// dd/mm/yyyy, RFC 1123, …; Arabic-Indic digits are accepted). It returns
// the zero time when s matches none.
func ParseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	s = asciiDigits(s)
	for _, l := range dateLayouts {
		if len(s) < len(l)-8 || len(s) > len(l)+12 || !mayParse(l, s) {
			continue
		}
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// mayParse reports false when time.Parse(layout, s) must fail because the
// separator after the layout's leading year («2006-») or zero-padded day
// («02/») is not in s at that place: those fields take exactly four and
// two bytes. It spares most of the failing attempts, and their errors.
func mayParse(layout, s string) bool {
	at := 0
	switch {
	case strings.HasPrefix(layout, "2006"):
		at = 4
	case strings.HasPrefix(layout, "02"):
		at = 2
	default:
		return true
	}
	if len(layout) <= at || !strings.ContainsRune("-/.", rune(layout[at])) {
		return true
	}
	return len(s) > at && s[at] == layout[at]
}

// asciiDigits replaces Arabic-Indic and Eastern Arabic-Indic digits by
// ASCII digits.
func asciiDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= '٠' && r <= '٩' || r >= '۰' && r <= '۹' }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			return '0' + r - '۰'
		}
		return r
	}, s)
}
