package read

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad/marsad/internal/fetch"
)

const (
	pageTitle = "زيارة السيسي إلى دمشق"
	pageText  = "زار الرئيس المصري عبد الفتاح السيسي دمشق أمس."
	page      = "<html><head><title>" + pageTitle + "</title></head><body><p>" + pageText + "</p></body></html>"
)

// readWeb reads every document and error of a Reader.
func readWeb(t *testing.T, r *Reader) (docs []RawDoc, errs []*DocError) {
	t.Helper()
	defer r.Close()
	for {
		doc, err := r.Next()
		if errors.Is(err, io.EOF) {
			return docs, errs
		}
		var de *DocError
		if errors.As(err, &de) {
			errs = append(errs, de)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
}

// localFetcher fetches from loopback test servers, without delays.
func localFetcher() *fetch.Fetcher {
	return fetch.New(fetch.Options{AllowPrivate: true, PerHostDelay: -1})
}

// site serves the test pages and feeds.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		case "/bare.html": // no title, no date: the feed's fill in
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body><p>"+pageText+"</p></body></html>")
		case "/plain":
			w.Header().Set("Content-Type", "text/plain; charset=windows-1256")
			w.Write([]byte{0xC7, 0xE1, 0xD3, 0xE1, 0xC7, 0xE3, '\n'}) // «السلام» in Windows-1256
		case "/image.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00"))
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>f</title>
<item><title>من الخلاصة</title><link>%s/bare.html</link><pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate></item>
<item><title>مفقود</title><link>/missing.html</link></item>
<item><title>الصفحة</title><link>/page.html</link></item>
</channel></rss>`, srv.URL)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestReadURLs(t *testing.T) {
	srv := site(t)
	r := Open(context.Background(), []string{srv.URL + "/page.html", srv.URL + "/missing", srv.URL + "/plain", srv.URL + "/image.png", "ftp://example.com/x"}, Options{Fetcher: localFetcher()})
	docs, errs := readWeb(t, r)
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2 (errors: %v)", len(docs), errs)
	}
	d := docs[0]
	if d.URI != srv.URL+"/page.html" || d.ID != d.URI || d.Format != FormatHTML || string(d.Data) != page || d.Meta["url"] != d.URI {
		t.Errorf("page: %+v", d)
	}
	if d := docs[1]; d.Format != FormatText || string(d.Data) != "السلام\n" {
		t.Errorf("Windows-1256 text: %q (%s)", d.Data, d.Format)
	}
	want := []string{srv.URL + "/missing", srv.URL + "/image.png", "ftp://example.com/x"}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want for %v", errs, want)
	}
	for i, e := range errs {
		if e.URI != want[i] || strings.Count(e.Error(), want[i]) != 1 {
			t.Errorf("error %d: %q, want one naming %s once", i, e, want[i])
		}
	}
	if !errors.Is(errs[0], fetch.ErrStatus) || !errors.Is(errs[2], fetch.ErrScheme) {
		t.Errorf("reasons: %v; %v", errs[0], errs[2])
	}
}

// Without a Fetcher that allows it, a loopback URL is refused.
func TestReadURLGuardedByDefault(t *testing.T) {
	srv := site(t)
	docs, errs := readWeb(t, Open(context.Background(), []string{srv.URL + "/page.html"}, Options{}))
	if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], fetch.ErrForbidden) {
		t.Errorf("docs %d, errors %v; want ErrForbidden", len(docs), errs)
	}
}

func TestReadFeed(t *testing.T) {
	srv := site(t)
	r := Open(context.Background(), nil, Options{Fetcher: localFetcher(), Feeds: []string{srv.URL + "/feed.xml"}})
	docs, errs := readWeb(t, r)
	if len(docs) != 2 || len(errs) != 1 {
		t.Fatalf("%d documents, errors %v; want 2 and 1", len(docs), errs)
	}
	if d := docs[0]; d.URI != srv.URL+"/bare.html" || d.Meta["title"] != "من الخلاصة" || d.Meta["published"] != "2024-03-05T10:00:00Z" || d.Meta["feed"] != srv.URL+"/feed.xml" {
		t.Errorf("item 1: %+v", d)
	}
	if docs[1].URI != srv.URL+"/page.html" {
		t.Errorf("item 3: %s", docs[1].URI)
	}
	if errs[0].URI != srv.URL+"/missing.html" || !errors.Is(errs[0], fetch.ErrStatus) {
		t.Errorf("item 2 error: %v", errs[0])
	}
	// a page that is not a feed
	_, errs = readWeb(t, Open(context.Background(), nil, Options{Fetcher: localFetcher(), Feeds: []string{srv.URL + "/page.html"}}))
	if len(errs) != 1 || errs[0].URI != srv.URL+"/page.html" {
		t.Errorf("not a feed: %v", errs)
	}
}

// warcRecord is one record of a WARC file written by a test.
type warcRecord struct {
	typ, target string
	http        string // the HTTP message (status line, headers, body) of a response
}

// writeWARC writes records as a WARC/1.1 file, each record its own gzip
// member when gz.
func writeWARC(t *testing.T, path string, gz bool, recs ...warcRecord) {
	t.Helper()
	var out bytes.Buffer
	for i, r := range recs {
		var b bytes.Buffer
		ct := "application/http; msgtype=" + r.typ
		if r.typ == "warcinfo" {
			ct = "application/warc-fields"
		}
		fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\nWARC-Date: 2024-03-05T10:00:00Z\r\n", r.typ, i)
		if r.target != "" {
			fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.target)
		}
		fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", ct, len(r.http), r.http)
		if !gz {
			out.Write(b.Bytes())
			continue
		}
		zw := gzip.NewWriter(&out)
		zw.Write(b.Bytes())
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func httpResponse(status, contentType, headers, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%s\r\n%s", status, contentType, headers, body)
}

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

func TestReadWARC(t *testing.T) {
	dir := t.TempDir()
	recs := []warcRecord{
		{typ: "warcinfo", http: "software: test\r\n"},
		{typ: "request", target: "http://example.com/a.html", http: "GET /a.html HTTP/1.1\r\nHost: example.com\r\n\r\n"},
		{typ: "response", target: "http://example.com/a.html", http: httpResponse("200 OK", "text/html; charset=utf-8", "", page)},
		{typ: "response", target: "http://example.com/logo.png", http: httpResponse("200 OK", "image/png", "", "\x89PNG\r\n\x1a\n")},
		{typ: "response", target: "http://example.com/moved", http: httpResponse("301 Moved Permanently", "text/html", "Location: /a.html\r\n", "<a href=/a.html>moved</a>")},
		{typ: "response", target: "http://example.com/b.html", http: httpResponse("200 OK", "text/html", "Content-Encoding: gzip\r\n", gzipped(page))},
		{typ: "response", target: "http://example.com/c.txt", http: httpResponse("200 OK", "text/plain", "Transfer-Encoding: chunked\r\n", fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(pageText), pageText))},
		{typ: "response", target: "http://example.com/big.html", http: httpResponse("200 OK", "text/html", "", "<p>"+strings.Repeat("ا", 600)+"</p>")},
	}
	for _, gz := range []bool{false, true} {
		path := filepath.Join(dir, "crawl.warc")
		if gz {
			path += ".gz"
		}
		writeWARC(t, path, gz, recs...)
		t.Run(filepath.Base(path), func(t *testing.T) {
			docs, errs := readWeb(t, Open(context.Background(), []string{path}, Options{MaxBytes: 1000}))
			if len(docs) != 3 {
				t.Fatalf("%d documents, want 3 (errors %v)", len(docs), errs)
			}
			for i, want := range []string{"http://example.com/a.html", "http://example.com/b.html", "http://example.com/c.txt"} {
				if docs[i].URI != want || docs[i].ID != want {
					t.Errorf("document %d: URI %q, ID %q; want %s", i, docs[i].URI, docs[i].ID, want)
				}
			}
			if string(docs[0].Data) != page || string(docs[1].Data) != page || docs[0].Format != FormatHTML {
				t.Errorf("HTML bodies: %q, %q", docs[0].Data, docs[1].Data)
			}
			if string(docs[2].Data) != pageText || docs[2].Format != FormatText {
				t.Errorf("chunked text body: %q (%s)", docs[2].Data, docs[2].Format)
			}
			if len(errs) != 1 || errs[0].URI != "http://example.com/big.html" || !errors.Is(errs[0], ErrTooLarge) {
				t.Errorf("errors %v, want big.html too large", errs)
			}
		})
	}
	// --input warc reads standard input as a WARC file
	data, err := os.ReadFile(filepath.Join(dir, "crawl.warc.gz"))
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := readWeb(t, Open(context.Background(), nil, Options{Format: FormatWARC, Stdin: bytes.NewReader(data)}))
	if len(docs) != 4 || len(errs) != 0 {
		t.Errorf("stdin: %d documents, errors %v; want 4 and none", len(docs), errs)
	}
	// a WARC file with no article, and one that is not a WARC file
	empty := filepath.Join(dir, "empty.warc")
	writeWARC(t, empty, false, recs[:2]...)
	notWARC := filepath.Join(dir, "not.warc")
	if err := os.WriteFile(notWARC, []byte("just some text, not a WARC record\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs = readWeb(t, Open(context.Background(), []string{empty, notWARC}, Options{}))
	if len(errs) != 2 || errs[0].URI != empty || !errors.Is(errs[0], ErrEmpty) || !strings.HasPrefix(errs[1].URI, notWARC) {
		t.Errorf("errors %v, want one for each file", errs)
	}
}

// A fetched page has the same size limit as a file.
func TestFetchLimitIsReadLimit(t *testing.T) {
	if fetch.DefaultMaxBytes != DefaultMaxBytes {
		t.Errorf("fetch.DefaultMaxBytes %d, read.DefaultMaxBytes %d", fetch.DefaultMaxBytes, DefaultMaxBytes)
	}
}
