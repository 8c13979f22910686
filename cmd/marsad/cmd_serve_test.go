package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/marsad/marsad/internal/demodb"
	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/server"
	"github.com/marsad/marsad/internal/store/sqlite"
	"github.com/marsad/marsad/internal/store/sqlstore"
)

// TestServeExport: /api/export writes what `marsad export` writes, in the
// three formats.
func TestServeExport(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	lex, err := pipeline.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demodb.Load(ctx, pipeline.New(lex), st); err != nil {
		t.Fatal(err)
	}
	h := server.New(st, nil, server.Options{Exporters: exporters()})
	for _, c := range []struct{ format, prefix string }{{"parquet", "PAR1"}, {"csv", ""}, {"jsonl", "{"}} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/export?format="+c.format+"&country=SYR", nil))
		if rec.Code != http.StatusOK || rec.Body.Len() < 100 || !bytes.HasPrefix(rec.Body.Bytes(), []byte(c.prefix)) {
			t.Errorf("%s: status %d, %d bytes, starts %q", c.format, rec.Code, rec.Body.Len(), rec.Body.String()[:min(20, rec.Body.Len())])
		}
		if c.format == "csv" && !strings.Contains(rec.Body.String(), "SYR") {
			t.Errorf("csv export lacks SYR")
		}
	}
}

// TestServeBindsLoopback: serve and demo listen on 127.0.0.1 unless --addr
// says otherwise, and serving there refuses a Host header that is not the
// loopback (DNS rebinding) while answering 127.0.0.1 and localhost.
func TestServeBindsLoopback(t *testing.T) {
	for _, cmd := range []*cobra.Command{newServeCommand(), newDemoCommand()} {
		f := cmd.Flags().Lookup("addr")
		if f == nil || f.DefValue != "127.0.0.1:8080" || !server.Loopback(f.DefValue) {
			t.Errorf("%s: --addr default %v, want 127.0.0.1:8080", cmd.Name(), f)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- serve(ctx, st, "127.0.0.1:0", pw, time.Time{}, ""); pw.Close() }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	url := regexp.MustCompile(`http://[^ ]+/`).FindString(line)
	if url == "" {
		t.Fatalf("no URL in %q", line)
	}
	for _, c := range []struct {
		host string
		want int
	}{{"", http.StatusOK}, {"localhost", http.StatusOK}, {"evil.example", http.StatusMisdirectedRequest}} {
		req, err := http.NewRequest(http.MethodGet, url+"healthz", nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.host != "" {
			req.Host = c.host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("Host %q: %d, want %d", c.host, resp.StatusCode, c.want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// TestServeIngest: with a token, POST /api/ingest codes and stores the
// articles of its body (a broken line is named and the others stored), the
// article is then served with its events, and posting it again adds
// nothing; the token comes from --ingest-token, else the environment.
func TestServeIngest(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ingest.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fn, err := ingestOver(st)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(server.New(st, nil, server.Options{NotFound: sqlstore.ErrNotFound, Ingest: fn, IngestToken: "s3cret"}))
	defer ts.Close()
	body := `{"id":"visit","title":"زيارة","published":"2017-03-01","text":"زار الرئيس المصري دمشق أمس."}` + "\n" +
		`{"id":"broken","text":` + "\n" +
		`{"id":"talks","text":"التقى وزير الخارجية التركي نظيره الروسي في موسكو."}` + "\n"
	post := func() server.IngestResult {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, ts.URL+server.IngestPath, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer s3cret")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var res server.IngestResult
		if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("POST %s: %d (%v)", server.IngestPath, resp.StatusCode, err)
		}
		return res
	}
	res := post()
	if res.Read != 2 || res.New != 2 || res.Failed != 1 || res.Events == 0 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0], "#2") {
		t.Errorf("first POST: %+v", res)
	}
	resp, err := http.Get(ts.URL + "/api/articles/visit")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Text   string `json:"text"`
		Events []struct {
			CAMEO string `json:"cameo"`
		} `json:"events"`
	}
	err = json.NewDecoder(resp.Body).Decode(&doc)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || len(doc.Events) == 0 || !strings.Contains(doc.Text, "دمشق") {
		t.Errorf("GET /api/articles/visit: %d %+v (%v)", resp.StatusCode, doc, err)
	}
	if res := post(); res.New != 0 || res.Duplicate != 2 {
		t.Errorf("second POST: %+v, want 2 duplicates", res)
	}

	t.Setenv(envIngestToken, "from-env")
	if got := (serveOptions{}).token(); got != "from-env" {
		t.Errorf("token from the environment: %q", got)
	}
	if got := (serveOptions{ingestToken: "flag"}).token(); got != "flag" {
		t.Errorf("--ingest-token: %q, want the flag over the environment", got)
	}
	t.Setenv(envIngestToken, "")
	if got := (serveOptions{}).token(); got != "" {
		t.Errorf("no token: %q, want ingest off", got)
	}
}
