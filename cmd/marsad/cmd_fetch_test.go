package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// newsSite serves an Arabic page, a page without a title, a feed of both
// and a robots.txt, on loopback; it counts the requests it gets.
func newsSite(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case "/page.html", "/private/page.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>", sisiTitle, sisiSentence)
		case "/bare.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<html><body><p>استقبل الرئيس السوري بشار الأسد وزير الخارجية التركي في دمشق.</p></body></html>")
		case "/rss.xml":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار</title>
<item><title>%s</title><link>%s/page.html</link><pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate></item>
<item><title>الأسد يستقبل وزير الخارجية التركي</title><link>/bare.html</link><pubDate>Wed, 06 Mar 2024 09:00:00 +0000</pubDate></item>
</channel></rss>`, sisiTitle, srv.URL)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// uriOf returns the uri field of an output line.
func uriOf(t *testing.T, d outDoc) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(d.raw["uri"], &s); err != nil {
		t.Fatalf("uri: %v", err)
	}
	return s
}

func TestCodeURL(t *testing.T) {
	srv, _ := newsSite(t)
	page := srv.URL + "/page.html"
	r := runCLI(t, "", "code", "--allow-private", "--per-host-delay", "0", page, srv.URL+"/missing.html", srv.URL+"/private/page.html")
	wantExitError(t, r.err, 1)
	docs := decodeDocs(t, r.stdout)
	if len(docs) != 1 {
		t.Fatalf("%d articles, want 1; stderr:\n%s", len(docs), r.stderr)
	}
	d := docs[0]
	if uriOf(t, d) != page || d.ID != page || d.Title != sisiTitle {
		t.Errorf("uri %q, id %q, title %q", uriOf(t, d), d.ID, d.Title)
	}
	if !hasEvent(d, "EGY", "SYR") {
		t.Errorf("no EGY → SYR event in %+v", d.Events)
	}
	for _, want := range []string{srv.URL + "/missing.html: HTTP error status 404", srv.URL + "/private/page.html: disallowed by robots.txt", "2 input(s) failed"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// Without --allow-private a loopback URL is refused before any request,
// and other schemes than http and https are refused.
func TestCodeURLGuard(t *testing.T) {
	srv, hits := newsSite(t)
	r := runCLI(t, "", "code", srv.URL+"/page.html", "http://[::1]:1/x", "ftp://example.com/a.txt", "file:///etc/passwd", "gopher://example.com/")
	wantExitError(t, r.err, 1)
	if r.stdout != "" {
		t.Errorf("output: %s", r.stdout)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server got %d requests", n)
	}
	for _, want := range []string{"127.0.0.1 is loopback", "--allow-private", "::1 is loopback", "ftp://example.com/a.txt: scheme \"ftp\"", "file:///etc/passwd: scheme \"file\"", "gopher://example.com/: scheme \"gopher\"", "5 input(s) failed"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestCodeAndIngestFeed(t *testing.T) {
	srv, _ := newsSite(t)
	feed := srv.URL + "/rss.xml"
	r := runCLI(t, "", "code", "--allow-private", "--per-host-delay", "0", "--feed", feed)
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.stderr)
	}
	docs := decodeDocs(t, r.stdout)
	if len(docs) != 2 {
		t.Fatalf("%d articles, want 2", len(docs))
	}
	if uriOf(t, docs[0]) != srv.URL+"/page.html" || uriOf(t, docs[1]) != srv.URL+"/bare.html" {
		t.Errorf("uris %s, %s", uriOf(t, docs[0]), uriOf(t, docs[1]))
	}
	// the page without a title or a date takes the feed item's
	if d := docs[1]; d.Title != "الأسد يستقبل وزير الخارجية التركي" || !strings.HasPrefix(d.Published, "2024-03-06") {
		t.Errorf("bare page: title %q, published %q", d.Title, d.Published)
	}
	if !hasEvent(docs[0], "EGY", "SYR") {
		t.Errorf("no EGY → SYR event in the first item: %+v", docs[0].Events)
	}
	db := filepath.Join(t.TempDir(), "feed.db")
	r = runCLI(t, "", "ingest", "--quiet", "--db", db, "--allow-private", "--per-host-delay", "0", "--feed", feed)
	if r.err != nil {
		t.Fatalf("%v\n%s", r.err, r.stderr)
	}
	if !strings.Contains(r.stdout, "2 new") {
		t.Errorf("ingest: %s", r.stdout)
	}
	if st := statsOf(t, db); st.Articles != 2 {
		t.Errorf("stored %d articles, want 2", st.Articles)
	}
}

// writeTestWARC writes a gzipped WARC file (a member per record) with a
// request, an image and the given HTML responses, target URI → page.
func writeTestWARC(t *testing.T, path string, pages [][2]string) {
	t.Helper()
	var out bytes.Buffer
	record := func(typ, target, block string) {
		zw := gzip.NewWriter(&out)
		fmt.Fprintf(zw, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-03-05T10:00:00Z\r\n"+
			"WARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\nContent-Type: application/http; msgtype=%s\r\n"+
			"Content-Length: %d\r\n\r\n%s\r\n\r\n", typ, target, out.Len(), typ, len(block), block)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range pages {
		record("request", p[0], "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")
		record("response", p[0], "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"+p[1])
		record("response", p[0]+".png", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n")
	}
	writeFile(t, filepath.Dir(path), filepath.Base(path), out.Bytes())
}

func TestCodeWARC(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "crawl.warc.gz")
	page := func(title, text string) string {
		return "<html><head><title>" + title + "</title></head><body><p>" + text + "</p></body></html>"
	}
	writeTestWARC(t, path, [][2]string{
		{"https://news.example/a.html", page(sisiTitle, sisiSentence)},
		{"https://news.example/b.html", page("الأسد يستقبل وزير الخارجية التركي", "استقبل الرئيس السوري بشار الأسد وزير الخارجية التركي في دمشق.")},
	})
	for _, args := range [][]string{{"code", path}, {"code", "--input", "warc", "-"}} {
		stdin := ""
		if args[len(args)-1] == "-" {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			stdin = string(data)
		}
		r := runCLI(t, stdin, args...)
		if r.err != nil {
			t.Fatalf("%v: %v\n%s", args, r.err, r.stderr)
		}
		docs := decodeDocs(t, r.stdout)
		if len(docs) != 2 {
			t.Fatalf("%v: %d articles, want 2", args, len(docs))
		}
		if uriOf(t, docs[0]) != "https://news.example/a.html" || uriOf(t, docs[1]) != "https://news.example/b.html" {
			t.Errorf("%v: uris %s, %s", args, uriOf(t, docs[0]), uriOf(t, docs[1]))
		}
		if !hasEvent(docs[0], "EGY", "SYR") {
			t.Errorf("%v: no EGY → SYR event: %+v", args, docs[0].Events)
		}
	}
}
