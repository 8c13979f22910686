package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/marsad/marsad/internal/query"
)

// eventCSVHeader are the CSV export columns, GDELT-style (documented in
// README.md).
var eventCSVHeader = []string{
	"GlobalEventID", "Day", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
	"EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"PloverCategory", "PloverMode", "Modality",
	"NumMentions", "NumArticles", "NumSources",
	"ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
	"Confidence", "Trigger", "Evidence", "SourceArticleID", "SourceOutlet", "Published",
}

// eventCSV writes events as CSV rows under one header line.
type eventCSV struct {
	w      *csv.Writer
	header bool
	row    []string
}

func newEventCSV(w io.Writer) *eventCSV { return &eventCSV{w: csv.NewWriter(w)} }

func (c *eventCSV) write(e *query.Event) error {
	if !c.header {
		c.header = true
		if err := c.w.Write(eventCSVHeader); err != nil {
			return err
		}
	}
	var t struct{ code, name, country, role string }
	if e.Target != nil {
		t.code, t.name, t.country, t.role = e.Target.Code, e.Target.Text, e.Target.Country, e.Target.Role
	}
	var geo, geoCountry, lat, lon string
	if l := e.Location; l != nil {
		geo, geoCountry = l.Text, l.Country
		if l.Lat != nil && l.Lon != nil {
			lat, lon = strconv.FormatFloat(*l.Lat, 'f', -1, 64), strconv.FormatFloat(*l.Lon, 'f', -1, 64)
		}
	}
	base := e.CAMEO
	if len(base) > 3 {
		base = base[:3]
	}
	c.row = append(c.row[:0], strconv.FormatInt(e.ID, 10), e.Day,
		e.Source.Code, e.Source.Text, e.Source.Country, e.Source.Role,
		t.code, t.name, t.country, t.role,
		e.CAMEO, base, e.Root, strconv.Itoa(e.Quad), strconv.FormatFloat(e.Goldstein, 'f', -1, 64),
		e.Plover.Category, e.Plover.Mode, strings.Join(e.Modality, ";"),
		strconv.Itoa(e.Mentions), strconv.Itoa(e.Articles), strconv.Itoa(e.Sources),
		geo, geoCountry, lat, lon,
		strconv.FormatFloat(e.Confidence, 'f', 2, 64), oneLine(e.Trigger.Text), oneLine(e.Evidence.Text), e.ArticleID, e.Outlet, e.Published)
	return c.w.Write(c.row)
}

func (c *eventCSV) flush() error {
	if !c.header {
		c.header = true
		c.w.Write(eventCSVHeader)
	}
	c.w.Flush()
	return c.w.Error()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
