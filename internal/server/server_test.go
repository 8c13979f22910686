package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/marsad/marsad/internal/demodb"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/server"
	"github.com/marsad/marsad/internal/store/sqlite"
	"github.com/marsad/marsad/internal/store/sqlstore"
)

var (
	demoOnce  sync.Once
	demoSrv   *server.Server
	demoStore *sqlstore.DB
	demoErr   error
)

// demoServer is the API over the demo database, built once per test binary.
func demoServer(t testing.TB) *server.Server {
	t.Helper()
	demoOnce.Do(func() {
		lex, err := pipeline.DefaultLexicon()
		if err != nil {
			demoErr = err
			return
		}
		dir, err := tempDir()
		if err != nil {
			demoErr = err
			return
		}
		st, err := sqlite.Open(context.Background(), filepath.Join(dir, "demo.db"))
		if err != nil {
			demoErr = err
			return
		}
		if _, err := demodb.Load(context.Background(), pipeline.New(lex), st); err != nil {
			demoErr = err
			return
		}
		demoStore = st
		demoSrv = server.New(st, nil, server.Options{NotFound: sqlstore.ErrNotFound})
	})
	if demoErr != nil {
		t.Fatalf("demo database: %v", demoErr)
	}
	return demoSrv
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

// spec is the part of openapi.json the test reads.
type spec struct {
	Paths map[string]map[string]struct {
		Example   string `json:"x-example-query"`
		Responses map[string]struct {
			Ref     string `json:"$ref"`
			Content map[string]struct {
				Schema schema `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"paths"`
	Components struct {
		Schemas map[string]schema `json:"schemas"`
	} `json:"components"`
}

type schema struct {
	Ref        string            `json:"$ref"`
	Type       string            `json:"type"`
	Required   []string          `json:"required"`
	Properties map[string]schema `json:"properties"`
	Items      *schema           `json:"items"`
}

func (sp *spec) resolve(s schema) schema {
	for s.Ref != "" {
		s = sp.Components.Schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
	}
	return s
}

// check reports where v does not have the shape s documents.
func (sp *spec) check(t *testing.T, where string, v any, s schema) {
	t.Helper()
	s = sp.resolve(s)
	switch s.Type {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: want an object, got %T", where, v)
			return
		}
		for _, r := range s.Required {
			if _, ok := m[r]; !ok {
				t.Errorf("%s: lacks %q", where, r)
			}
		}
		for name, ps := range s.Properties {
			if pv, ok := m[name]; ok && pv != nil {
				sp.check(t, where+"."+name, pv, ps)
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			t.Errorf("%s: want an array, got %T", where, v)
			return
		}
		for i, e := range a {
			if s.Items != nil && i < 5 {
				sp.check(t, where+"[]", e, *s.Items)
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			t.Errorf("%s: want a string, got %T", where, v)
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != float64(int64(f)) {
			t.Errorf("%s: want an integer, got %v", where, v)
		}
	}
}

// TestOpenAPI: every route of openapi.json answers 200 with the documented
// shape, and every /api route the server has is in the file.
func TestOpenAPI(t *testing.T) {
	h := demoServer(t)
	var sp spec
	if err := json.Unmarshal(server.OpenAPI, &sp); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	var paths []string
	for p := range sp.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		op, ok := sp.Paths[p]["get"]
		if !ok {
			continue // POST /api/ingest: TestIngest
		}
		t.Run(p, func(t *testing.T) {
			target := strings.ReplaceAll(p, "{id}", demodb.SeedID)
			if op.Example != "" {
				target += "?" + op.Example
			}
			rec := get(t, h, target)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: status %d: %s", target, rec.Code, rec.Body.String())
			}
			for ctype, c := range op.Responses["200"].Content {
				if got := rec.Header().Get("Content-Type"); !strings.HasPrefix(got, ctype) {
					t.Errorf("GET %s: Content-Type %q, want %q", target, got, ctype)
				}
				if ctype != "application/json" {
					if rec.Body.Len() == 0 {
						t.Errorf("GET %s: empty body", target)
					}
					continue
				}
				var v any
				if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
					t.Fatalf("GET %s: %v", target, err)
				}
				sp.check(t, p, v, c.Schema)
			}
		})
	}
	for _, p := range h.Routes() {
		if _, ok := sp.Paths[p]; !ok {
			t.Errorf("route %s is not in openapi.json", p)
		}
	}
}

func TestErrorsAreJSON(t *testing.T) {
	h := demoServer(t)
	for _, c := range []struct {
		target string
		status int
	}{
		{"/api/events?quad=9", http.StatusBadRequest},
		{"/api/events?from=yesterday", http.StatusBadRequest},
		{"/api/events?cursor=%21%21", http.StatusBadRequest},
		{"/api/articles", http.StatusBadRequest},
		{"/api/articles/no-such-article", http.StatusNotFound},
		{"/api/nothing", http.StatusNotFound},
		{"/api/export?format=xls", http.StatusBadRequest},
	} {
		rec := get(t, h, c.target)
		var e struct {
			Error  string `json:"error"`
			Status int    `json:"status"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || rec.Code != c.status || e.Status != c.status || e.Error == "" {
			t.Errorf("GET %s: %d %s, want %d with a JSON error (%v)", c.target, rec.Code, rec.Body.String(), c.status, err)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/events", strings.NewReader("{}")))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", rec.Code)
	}
	big := httptest.NewRequest(http.MethodGet, "/api/events", strings.NewReader(strings.Repeat("x", server.MaxBody+1)))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, big)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: %d, want 413", rec.Code)
	}
	if csp := get(t, h, "/healthz").Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
}

// TestEventsPaging: pages follow one another without overlap, the page
// size is capped, and the filters of the CLI narrow the events.
func TestEventsPaging(t *testing.T) {
	h := demoServer(t)
	type page struct {
		Items []struct {
			ID     int64                     `json:"id"`
			Root   string                    `json:"root"`
			Source struct{ Country string }  `json:"source"`
			Target *struct{ Country string } `json:"target"`
		} `json:"items"`
		Next string `json:"next"`
	}
	seen := map[int64]bool{}
	target := "/api/events?limit=50"
	pages := 0
	for target != "" && pages < 50 {
		var p page
		if err := json.Unmarshal(get(t, h, target).Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Items) > 50 {
			t.Fatalf("page of %d > limit 50", len(p.Items))
		}
		for _, e := range p.Items {
			if seen[e.ID] {
				t.Fatalf("event %d on two pages", e.ID)
			}
			seen[e.ID] = true
		}
		pages++
		target = ""
		if p.Next != "" {
			target = "/api/events?limit=50&cursor=" + p.Next
		}
	}
	if pages < 2 || len(seen) < 100 {
		t.Errorf("%d pages, %d events: want several pages over the demo", pages, len(seen))
	}
	var p page
	json.Unmarshal(get(t, h, "/api/events?limit=100000").Body.Bytes(), &p)
	if len(p.Items) > server.MaxLimit {
		t.Errorf("limit not capped: %d", len(p.Items))
	}
	json.Unmarshal(get(t, h, "/api/events?country=SYR&root=04").Body.Bytes(), &p)
	if len(p.Items) == 0 {
		t.Fatal("no SYR consultations in the demo")
	}
	for _, e := range p.Items {
		syr := e.Source.Country == "SYR" || e.Target != nil && e.Target.Country == "SYR"
		if e.Root != "04" || !syr {
			t.Errorf("event %d root %s does not match country=SYR&root=04", e.ID, e.Root)
		}
	}
}

// TestArticle: the canonical article comes back with Haftar's visit to
// Damascus, its offsets pointing into the text.
func TestArticle(t *testing.T) {
	rec := get(t, demoServer(t), "/api/articles/"+demodb.SeedID)
	var doc pipeline.Doc
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range doc.Events {
		if e.Evidence.End > len(doc.Text) || doc.Text[e.Trigger.Start:e.Trigger.End] != e.Trigger.Text {
			t.Errorf("trigger %q offsets do not point into the text", e.Trigger.Text)
		}
		if e.Source.Code == "LBYMIL" && e.Target != nil && e.Target.Code == "SYRGOV" && e.CAMEO == "042" {
			found = true
		}
	}
	if !found {
		t.Errorf("no LBYMIL → SYRGOV 042 among %d events", len(doc.Events))
	}
	for _, en := range doc.Entities {
		if doc.Text[en.Start:en.End] != en.Text {
			t.Errorf("entity %q offsets do not point into the text", en.Text)
		}
	}
}

func TestExport(t *testing.T) {
	h := demoServer(t)
	rec := get(t, h, "/api/export?format=jsonl&country=LBY")
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	for _, l := range lines {
		var e struct{ ID int64 }
		if err := json.Unmarshal([]byte(l), &e); err != nil || e.ID == 0 {
			t.Fatalf("jsonl line %q: %v", l, err)
		}
	}
	csv := get(t, h, "/api/export?format=csv&country=LBY")
	b, _ := io.ReadAll(csv.Body)
	if n := strings.Count(string(b), "\n"); n < len(lines)+1 {
		t.Errorf("csv has %d lines for %d events", n, len(lines))
	}
}
