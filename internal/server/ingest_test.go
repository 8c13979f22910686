package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/marsad/marsad/internal/server"
)

// TestIngest: POST /api/ingest is 404 unless the server has a token, 401
// without a bearer token, 403 with another one (the articles are not
// read), and with the token answers what Ingest did, in the documented
// shape.
func TestIngest(t *testing.T) {
	var got []string // the bodies Ingest was given
	ingest := func(ctx context.Context, body io.Reader) (server.IngestResult, error) {
		b, err := io.ReadAll(body)
		if err != nil {
			return server.IngestResult{}, err
		}
		got = append(got, string(b))
		return server.IngestResult{Read: 2, New: 1, Duplicate: 1, Events: 3}, nil
	}
	post := func(h http.Handler, auth, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, server.IngestPath, strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	const line = `{"id":"a","text":"زار الرئيس المصري دمشق أمس."}` + "\n"

	// off: no token, or a token but nothing to ingest with
	for _, o := range []server.Options{{Ingest: ingest}, {IngestToken: "s3cret"}, {}} {
		h := server.New(newBlockingStore(), nil, o)
		rec := post(h, "Bearer s3cret", line)
		jsonError(t, "ingest off", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes(), http.StatusNotFound)
		if slices.Contains(h.Routes(), server.IngestPath) {
			t.Errorf("ingest off, yet %s among the routes", server.IngestPath)
		}
	}

	h := server.New(newBlockingStore(), nil, server.Options{Ingest: ingest, IngestToken: "s3cret"})
	for _, c := range []struct {
		auth string
		want int
	}{
		{"", http.StatusUnauthorized},
		{"Bearer ", http.StatusUnauthorized},
		{"Basic czNjcmV0", http.StatusUnauthorized},
		{"bearer s3cret", http.StatusUnauthorized},
		{"Bearer s3cre", http.StatusForbidden},
		{"Bearer s3cret2", http.StatusForbidden},
		{"Bearer S3CRET", http.StatusForbidden},
	} {
		rec := post(h, c.auth, line)
		jsonError(t, "Authorization "+c.auth, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes(), c.want)
		if c.want == http.StatusUnauthorized && rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("Authorization %q: 401 without WWW-Authenticate", c.auth)
		}
	}
	if len(got) != 0 {
		t.Fatalf("Ingest called without the right token: %q", got)
	}
	rec := post(h, "Bearer s3cret", line)
	if rec.Code != http.StatusOK || len(got) != 1 || got[0] != line {
		t.Fatalf("with the token: %d %s; Ingest got %q", rec.Code, rec.Body.String(), got)
	}
	if !slices.Contains(h.Routes(), server.IngestPath) {
		t.Errorf("%s not among the routes %v", server.IngestPath, h.Routes())
	}
	// the answer has the shape openapi.json documents
	var sp spec
	if err := json.Unmarshal(server.OpenAPI, &sp); err != nil {
		t.Fatal(err)
	}
	op, ok := sp.Paths[server.IngestPath]["post"]
	if !ok {
		t.Fatalf("openapi.json lacks post %s", server.IngestPath)
	}
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	sp.check(t, server.IngestPath, v, op.Responses["200"].Content["application/json"].Schema)
	for _, code := range []string{"401", "403", "404", "413"} {
		if _, ok := op.Responses[code]; !ok {
			t.Errorf("openapi.json: post %s does not document %s", server.IngestPath, code)
		}
	}

	// the body may be larger than MaxBody, up to MaxIngestBody
	big := line + strings.Repeat(" ", server.MaxBody)
	if rec := post(h, "Bearer s3cret", big); rec.Code != http.StatusOK {
		t.Errorf("body of %d bytes: %d", len(big), rec.Code)
	}
	req := httptest.NewRequest(http.MethodPost, server.IngestPath, strings.NewReader(line))
	req.Header.Set("Authorization", "Bearer s3cret")
	req.ContentLength = server.MaxIngestBody + 1
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	jsonError(t, "body over MaxIngestBody", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes(), http.StatusRequestEntityTooLarge)
	// every other route still refuses POST
	req = httptest.NewRequest(http.MethodPost, "/api/events", strings.NewReader(line))
	req.Header.Set("Authorization", "Bearer s3cret")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	jsonError(t, "POST /api/events", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes(), http.StatusMethodNotAllowed)
}
