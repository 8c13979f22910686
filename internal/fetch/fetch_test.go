package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const arabicPage = `<html><head><title>زيارة السيسي إلى دمشق</title></head>
<body><p>زار الرئيس المصري عبد الفتاح السيسي دمشق أمس.</p></body></html>`

// localFetcher is a Fetcher for loopback test servers, without delays.
func localFetcher(opts Options) *Fetcher {
	opts.AllowPrivate = true
	if opts.PerHostDelay == 0 {
		opts.PerHostDelay = -1
	}
	return New(opts)
}

func TestGetPage(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/page.html" {
			ua = r.UserAgent()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, arabicPage)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	f := localFetcher(Options{})
	p, err := f.Get(context.Background(), srv.URL+"/page.html#top")
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Body) != arabicPage || p.Status != 200 || p.URL != srv.URL+"/page.html" {
		t.Errorf("page = %+v", p)
	}
	if mt, cs := MediaType(p.ContentType); mt != "text/html" || cs != "utf-8" {
		t.Errorf("MediaType(%q) = %q, %q", p.ContentType, mt, cs)
	}
	if ua != DefaultUserAgent || !strings.HasPrefix(ua, Agent+"/") {
		t.Errorf("User-Agent %q", ua)
	}
	if _, err := f.Get(context.Background(), srv.URL+"/missing"); !errors.Is(err, ErrStatus) || !strings.Contains(err.Error(), srv.URL+"/missing") {
		t.Errorf("404: %v, want ErrStatus naming the URL", err)
	}
}

// A body over MaxBytes is cut with an error, whether or not the server
// announced its length.
func TestGetTooLarge(t *testing.T) {
	const limit = 1000
	var mu sync.Mutex
	sent := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		big := strings.Repeat("ا", 100_000) // 200 kB
		switch r.URL.Path {
		case "/announced":
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
		case "/chunked":
			w.(http.Flusher).Flush() // no Content-Length: chunked
		case "/exact":
			big = strings.Repeat("x", limit)
		default:
			http.NotFound(w, r)
			return
		}
		n, _ := fmt.Fprint(w, big)
		mu.Lock()
		sent[r.URL.Path] = n
		mu.Unlock()
	}))
	defer srv.Close()
	f := localFetcher(Options{MaxBytes: limit})
	for _, path := range []string{"/announced", "/chunked"} {
		_, err := f.Get(context.Background(), srv.URL+path)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", path, err)
		}
	}
	p, err := f.Get(context.Background(), srv.URL+"/exact")
	if err != nil || len(p.Body) != limit {
		t.Errorf("a body of exactly MaxBytes: %v (%d bytes)", err, len(p.Body))
	}
}

func TestGetRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/hop/%d", &n); err == nil {
			if n > 0 {
				http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
				return
			}
			fmt.Fprint(w, "arrived")
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	f := localFetcher(Options{MaxRedirects: 3})
	p, err := f.Get(context.Background(), srv.URL+"/hop/3")
	if err != nil || string(p.Body) != "arrived" || p.FinalURL != srv.URL+"/hop/0" {
		t.Fatalf("3 redirects: %v %+v", err, p)
	}
	if _, err := f.Get(context.Background(), srv.URL+"/hop/4"); !errors.Is(err, ErrRedirects) {
		t.Errorf("4 redirects: %v, want ErrRedirects", err)
	}
}

func TestGetTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		<-r.Context().Done() // never answers
	}))
	defer srv.Close()
	f := localFetcher(Options{Timeout: 50 * time.Millisecond})
	_, err := f.Get(context.Background(), srv.URL+"/slow")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Get = %v, want context.DeadlineExceeded", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.Get(ctx, srv.URL+"/slow"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Get = %v, want context.Canceled", err)
	}
}

func TestRobotsHonoured(t *testing.T) {
	var mu sync.Mutex
	robotsHits, pageHits := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			robotsHits++
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: Marsad\nDisallow: /private/\nAllow: /private/open\nDisallow: /*.pdf$\n")
			return
		}
		pageHits++
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	f := localFetcher(Options{})
	for _, tt := range []struct {
		path  string
		allow bool
	}{
		{"/news/1.html", true},
		{"/private/x", false},
		{"/private/open/y", true},
		{"/report.pdf", false},
		{"/report.pdf?x=1", true},
		{"/", true},
	} {
		_, err := f.Get(context.Background(), srv.URL+tt.path)
		if tt.allow && err != nil {
			t.Errorf("%s: %v", tt.path, err)
		}
		if !tt.allow && !errors.Is(err, ErrRobots) {
			t.Errorf("%s: %v, want ErrRobots", tt.path, err)
		}
	}
	if robotsHits != 1 || pageHits != 4 {
		t.Errorf("robots.txt fetched %d times, pages %d; want 1 and 4", robotsHits, pageHits)
	}
}

// A robots.txt that is missing allows everything; one whose server fails
// disallows everything.
func TestRobotsStatus(t *testing.T) {
	for _, tt := range []struct {
		status int
		allow  bool
	}{{404, true}, {403, true}, {500, false}, {503, false}} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				w.WriteHeader(tt.status)
				return
			}
			fmt.Fprint(w, "ok")
		}))
		_, err := localFetcher(Options{}).Get(context.Background(), srv.URL+"/a")
		srv.Close()
		if tt.allow != (err == nil) || (!tt.allow && !errors.Is(err, ErrRobots)) {
			t.Errorf("robots.txt %d: Get = %v, want allowed=%v", tt.status, err, tt.allow)
		}
	}
}

// fakeClock never waits: Sleep moves its time on.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	if d > 0 {
		c.now = c.now.Add(d)
	}
	return ctx.Err()
}

func TestHostLimiter(t *testing.T) {
	c := &fakeClock{now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	l := newHostLimiter(c, time.Second)
	ctx := context.Background()
	for _, h := range []string{"a", "a", "a", "b", "b", "a"} {
		if err := l.wait(ctx, h); err != nil {
			t.Fatal(err)
		}
	}
	// a: 0, 1 s, 1 s; b at 2 s: 0, 1 s; a at 3 s: its turn (3 s) has come
	want := []time.Duration{0, time.Second, time.Second, 0, time.Second, 0}
	if fmt.Sprint(c.sleeps) != fmt.Sprint(want) {
		t.Errorf("sleeps %v, want %v", c.sleeps, want)
	}
}

// Requests to one host start PerHostDelay apart (by the Fetcher's clock),
// robots.txt included; another host does not wait for it.
func TestPerHostDelay(t *testing.T) {
	c := &fakeClock{now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	var mu sync.Mutex
	seen := map[string][]time.Time{}
	handler := func(name string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[name] = append(seen[name], c.Now())
			mu.Unlock()
			fmt.Fprint(w, "ok")
		})
	}
	a := httptest.NewServer(handler("a"))
	defer a.Close()
	b := httptest.NewServer(handler("b"))
	defer b.Close()
	const delay = 2 * time.Second
	f := localFetcher(Options{PerHostDelay: delay, Clock: c})
	for _, u := range []string{a.URL + "/1", a.URL + "/2", b.URL + "/1", a.URL + "/3"} {
		if _, err := f.Get(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	if len(seen["a"]) != 4 || len(seen["b"]) != 2 {
		t.Fatalf("requests: a %d, b %d; want 4 (robots.txt and 3 pages) and 2", len(seen["a"]), len(seen["b"]))
	}
	for name, ts := range seen {
		for i := 1; i < len(ts); i++ {
			if gap := ts[i].Sub(ts[i-1]); gap < delay {
				t.Errorf("host %s: requests %d and %d %v apart, want at least %v", name, i-1, i, gap, delay)
			}
		}
	}
	// b's robots.txt did not wait for a
	if !seen["b"][0].Equal(seen["a"][2]) {
		t.Errorf("b's first request at %v, want right after a's (%v)", seen["b"][0], seen["a"][2])
	}
}
