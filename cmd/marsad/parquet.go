package main

import (
	"context"
	"io"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

// parquetEvent is one row of the Parquet export: the CSV columns, typed.
type parquetEvent struct {
	GlobalEventID     int64    `parquet:"global_event_id"`
	Day               string   `parquet:"day"`
	Actor1Code        string   `parquet:"actor1_code"`
	Actor1Name        string   `parquet:"actor1_name"`
	Actor1CountryCode string   `parquet:"actor1_country_code"`
	Actor1Type1Code   string   `parquet:"actor1_type1_code"`
	Actor2Code        string   `parquet:"actor2_code"`
	Actor2Name        string   `parquet:"actor2_name"`
	Actor2CountryCode string   `parquet:"actor2_country_code"`
	Actor2Type1Code   string   `parquet:"actor2_type1_code"`
	EventCode         string   `parquet:"event_code"`
	EventRootCode     string   `parquet:"event_root_code"`
	QuadClass         int32    `parquet:"quad_class"`
	GoldsteinScale    float64  `parquet:"goldstein_scale"`
	PloverCategory    string   `parquet:"plover_category"`
	PloverMode        string   `parquet:"plover_mode"`
	Modality          string   `parquet:"modality"`
	NumMentions       int32    `parquet:"num_mentions"`
	NumArticles       int32    `parquet:"num_articles"`
	NumSources        int32    `parquet:"num_sources"`
	GeoFullName       string   `parquet:"action_geo_full_name"`
	GeoCountryCode    string   `parquet:"action_geo_country_code"`
	GeoLat            *float64 `parquet:"action_geo_lat,optional"`
	GeoLong           *float64 `parquet:"action_geo_long,optional"`
	Confidence        float64  `parquet:"confidence"`
	Trigger           string   `parquet:"trigger"`
	Evidence          string   `parquet:"evidence"`
	SourceArticleID   string   `parquet:"source_article_id"`
	SourceOutlet      string   `parquet:"source_outlet"`
	Published         string   `parquet:"published"`
}

// parquetRowGroup is how many rows a row group holds: memory stays bounded
// by it whatever the number of events.
const parquetRowGroup = 50000

func exportParquet(ctx context.Context, st store.Store, f query.Filter, w io.Writer) error {
	pw := parquet.NewGenericWriter[parquetEvent](w, parquet.Compression(&parquet.Snappy))
	rows := make([]parquetEvent, 0, 1024)
	inGroup := 0
	flush := func() error {
		if _, err := pw.Write(rows); err != nil {
			return err
		}
		inGroup += len(rows)
		rows = rows[:0]
		if inGroup >= parquetRowGroup {
			inGroup = 0
			return pw.Flush()
		}
		return nil
	}
	err := st.EachEvent(ctx, f, func(e *query.Event) error {
		r := parquetEvent{GlobalEventID: e.ID, Day: e.Day,
			Actor1Code: e.Source.Code, Actor1Name: e.Source.Text, Actor1CountryCode: e.Source.Country, Actor1Type1Code: e.Source.Role,
			EventCode: e.CAMEO, EventRootCode: e.Root, QuadClass: int32(e.Quad), GoldsteinScale: e.Goldstein,
			PloverCategory: e.Plover.Category, PloverMode: e.Plover.Mode, Modality: strings.Join(e.Modality, ";"),
			NumMentions: int32(e.Mentions), NumArticles: int32(e.Articles), NumSources: int32(e.Sources),
			Confidence: e.Confidence, Trigger: oneLine(e.Trigger.Text), Evidence: oneLine(e.Evidence.Text),
			SourceArticleID: e.ArticleID, SourceOutlet: e.Outlet, Published: e.Published}
		if t := e.Target; t != nil {
			r.Actor2Code, r.Actor2Name, r.Actor2CountryCode, r.Actor2Type1Code = t.Code, t.Text, t.Country, t.Role
		}
		if l := e.Location; l != nil {
			r.GeoFullName, r.GeoCountryCode = l.Text, l.Country
			if l.Lat != nil && l.Lon != nil {
				lat, lon := *l.Lat, *l.Lon
				r.GeoLat, r.GeoLong = &lat, &lon
			}
		}
		rows = append(rows, r)
		if len(rows) == cap(rows) {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	return pw.Close()
}
