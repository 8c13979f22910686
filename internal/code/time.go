package code

import (
	"strconv"
	"time"

	"github.com/marsad/marsad/internal/arabic"
)

// eventDate resolves the first time expression of toks[from:to] against the
// publication date pub: «أمس», «الأربعاء», «منتصف الأسبوع الماضي», «21 ماي»,
// «8 مارس 2017». It returns "" when nothing can be said.
func (c *Coder) eventDate(toks []arabic.Token, from, to int, pub time.Time) string {
	var scratch [4]arabic.Analysis
	for i := from; i < to; i++ {
		m, ok := c.lex.TimeAt(toks[:to], i, scratch[:0])
		if !ok {
			continue
		}
		tw := &c.lex.KB.Times[m.Entries[0].Index]
		switch tw.Kind {
		case "month":
			day, year := 0, 0
			if i > from && toks[i-1].Kind == arabic.Number {
				day, _ = strconv.Atoi(toks[i-1].Norm)
			}
			if m.End < to && toks[m.End].Kind == arabic.Number {
				year, _ = strconv.Atoi(toks[m.End].Norm)
			}
			if year < 1900 || year > 2100 {
				if pub.IsZero() {
					continue
				}
				year = pub.Year()
				if time.Month(tw.Value) > pub.Month() {
					year-- // «في مارس» read in January means last March
				}
			}
			if day < 1 || day > 31 {
				return time.Date(year, time.Month(tw.Value), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
			}
			return time.Date(year, time.Month(tw.Value), day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		}
		if pub.IsZero() {
			continue
		}
		d := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
		switch tw.Kind {
		case "day":
			d = d.AddDate(0, 0, tw.Value)
		case "week":
			d = d.AddDate(0, 0, 7*tw.Value)
			return d.Format("2006-01-02")
		case "midweek":
			// the Wednesday of the week (weeks start on Sunday in most Arab states)
			d = d.AddDate(0, 0, 7*tw.Value-int(d.Weekday())+3)
		case "monthrel":
			return d.AddDate(0, tw.Value, 0).Format("2006-01")
		case "weekday":
			// the most recent such day, today included
			back := (int(d.Weekday()) - tw.Value + 7) % 7
			d = d.AddDate(0, 0, -back)
		}
		return d.Format("2006-01-02")
	}
	return c.yearOf(toks, from, to)
}

// yearOf returns the year of «عام 2008», «في سنة 2015» in toks[from:to],
// but not of «منذ عام 2011» (since then: still going on), or "".
func (c *Coder) yearOf(toks []arabic.Token, from, to int) string {
	for i := from + 1; i < to; i++ {
		if toks[i].Kind != arabic.Number || !c.classed(toks[i-1].Norm, "year", "وفب") {
			continue
		}
		y, err := strconv.Atoi(toks[i].Norm)
		if err != nil || y < 1900 || y > 2100 || i >= from+2 && c.classed(toks[i-2].Norm, "since", "و") {
			continue
		}
		return strconv.Itoa(y)
	}
	return ""
}

// longBefore reports a date (as eventDate writes it) more than a year
// before the publication time pub.
func longBefore(date string, pub time.Time) bool {
	if date == "" || pub.IsZero() {
		return false
	}
	var d time.Time
	var err error
	switch len(date) {
	case 4:
		d, err = time.Parse("2006", date)
		d = d.AddDate(1, 0, -1) // the end of that year
	case 7:
		d, err = time.Parse("2006-01", date)
		d = d.AddDate(0, 1, -1)
	default:
		d, err = time.Parse("2006-01-02", date)
	}
	return err == nil && d.Before(pub.AddDate(-1, 0, 0))
}
