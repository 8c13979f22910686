package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store/sqlstore"
	"github.com/marsad/marsad/internal/store/storegen"
)

// benchStore opens the store of MARSAD_BENCH_DB (build one with
// `marsad store gen --events 1000000 --db FILE`), else generates a small
// one (20,000 events) in a temporary directory.
func benchStore(b *testing.B) *sqlstore.DB {
	b.Helper()
	ctx := context.Background()
	path := os.Getenv("MARSAD_BENCH_DB")
	gen := path == ""
	if gen {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if gen {
		if _, err := storegen.Generate(ctx, s, storegen.Options{Events: 20000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func BenchmarkQueries(b *testing.B) {
	s := benchStore(b)
	ctx := context.Background()
	cases := []struct {
		name string
		f    query.Filter
		run  func(query.Filter) (int, error)
	}{
		{"events country+month", query.Filter{Actor: "SYR", From: "2019-03-01", To: "2019-03-31"}, func(f query.Filter) (int, error) {
			r, err := s.Events(ctx, f)
			return len(r), err
		}},
		{"events country+year source", query.Filter{Actor: "EGY", Side: query.SideSource, From: "2019-01-01", To: "2019-12-31"}, func(f query.Filter) (int, error) {
			r, err := s.Events(ctx, f)
			return len(r), err
		}},
		{"dyads country+year", query.Filter{Actor: "TUR", From: "2019-01-01", To: "2019-12-31"}, func(f query.Filter) (int, error) {
			r, err := s.Dyads(ctx, f)
			return len(r), err
		}},
		{"dyads pair", query.Filter{Actor: "RUS", Other: "SYR"}, func(f query.Filter) (int, error) {
			r, err := s.Dyads(ctx, f)
			return len(r), err
		}},
		{"dyads all", query.Filter{}, func(f query.Filter) (int, error) {
			r, err := s.Dyads(ctx, f)
			return len(r), err
		}},
		{"dyads quarter", query.Filter{From: "2019-01-01", To: "2019-03-31"}, func(f query.Filter) (int, error) {
			r, err := s.Dyads(ctx, f)
			return len(r), err
		}},
		{"dyads quarter from events", query.Filter{From: "2019-01-01", To: "2019-03-31"}, func(f query.Filter) (int, error) {
			r, err := s.DyadsFromEvents(ctx, f)
			return len(r), err
		}},
		{"dyads partial months", query.Filter{From: "2019-01-15", To: "2019-04-20"}, func(f query.Filter) (int, error) {
			r, err := s.Dyads(ctx, f)
			return len(r), err
		}},
		{"search two words", query.Filter{Text: "السفارة دمشق"}, func(f query.Filter) (int, error) {
			r, err := s.Search(ctx, f)
			return len(r), err
		}},
	}
	for _, c := range cases {
		if err := c.f.Normalize(); err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				n, err := c.run(c.f)
				if err != nil {
					b.Fatal(err)
				}
				if n == 0 {
					b.Fatal("no rows")
				}
			}
		})
	}
}
