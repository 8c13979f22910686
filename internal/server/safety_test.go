package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/server"
	"github.com/marsad/marsad/internal/store"
	"github.com/marsad/marsad/internal/web"
)

// blockingStore is a store whose queries block until their context ends
// or release is closed; entered receives a value as each query starts.
// Methods it does not override panic (the embedded Store is nil).
type blockingStore struct {
	store.Store
	entered chan struct{}
	release chan struct{}
	errOf   func(ctx context.Context) error // what a query whose context ended returns (default ctx.Err())
}

func newBlockingStore() *blockingStore {
	return &blockingStore{entered: make(chan struct{}, 100), release: make(chan struct{})}
}

func (b *blockingStore) block(ctx context.Context) error {
	b.entered <- struct{}{}
	select {
	case <-b.release:
		return nil
	case <-ctx.Done():
		if b.errOf != nil {
			return b.errOf(ctx)
		}
		return fmt.Errorf("blocking store: %w", ctx.Err())
	}
}

func (b *blockingStore) Events(ctx context.Context, f query.Filter) ([]query.Event, error) {
	return nil, b.block(ctx)
}

func (b *blockingStore) EachEvent(ctx context.Context, f query.Filter, fn func(*query.Event) error) error {
	return b.block(ctx)
}

func (b *blockingStore) Dyads(ctx context.Context, f query.Filter) ([]query.Dyad, error) {
	return nil, b.block(ctx)
}

func (b *blockingStore) Timeline(ctx context.Context, f query.Filter) ([]query.Bucket, error) {
	return nil, b.block(ctx)
}

func (b *blockingStore) Search(ctx context.Context, f query.Filter) ([]query.Hit, error) {
	return nil, b.block(ctx)
}

func (b *blockingStore) Stats(ctx context.Context) (query.Stats, error) { return query.Stats{}, nil }

// jsonError decodes an error answer and checks it is the documented JSON
// with the given status.
func jsonError(t *testing.T, what string, status int, ctype string, body []byte, want int) {
	t.Helper()
	var e struct {
		Error  string `json:"error"`
		Status int    `json:"status"`
	}
	if err := json.Unmarshal(body, &e); err != nil || status != want || e.Status != want || e.Error == "" || !strings.HasPrefix(ctype, "application/json") {
		t.Errorf("%s: %d %s %q, want %d with a JSON error (%v)", what, status, ctype, body, want, err)
	}
}

// TestQueryCap: with every query slot taken by a query that blocks, the
// next expensive query gets 503 with Retry-After at once, cheap routes
// still answer, and once the slots free queries run again.
func TestQueryCap(t *testing.T) {
	st := newBlockingStore()
	h := server.New(st, nil, server.Options{MaxQueries: 2, QueueWait: -1, QueryTimeout: -1})
	var wg sync.WaitGroup
	for _, target := range []string{"/api/events", "/api/dyads"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if rec := get(t, h, target); rec.Code != http.StatusOK {
				t.Errorf("GET %s after release: %d %s", target, rec.Code, rec.Body.String())
			}
		}()
	}
	for range 2 {
		<-st.entered
	}
	for _, target := range []string{"/api/events", "/api/dyads", "/api/network", "/api/timeline", "/api/export?format=csv", "/api/articles?q=x"} {
		// the client gives up after 5 s: without a cap the query would block
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, target, nil))
		cancel()
		jsonError(t, "GET "+target+" when full", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes(), http.StatusServiceUnavailable)
		if ra := rec.Header().Get("Retry-After"); ra == "" {
			t.Errorf("GET %s when full: no Retry-After", target)
		}
	}
	if rec := get(t, h, "/healthz"); rec.Code != http.StatusOK {
		t.Errorf("healthz when full: %d", rec.Code)
	}
	close(st.release)
	wg.Wait()
	if rec := get(t, h, "/api/events"); rec.Code != http.StatusOK {
		t.Errorf("GET /api/events after the slots freed: %d %s", rec.Code, rec.Body.String())
	}
}

// TestQueryQueue: a query over the cap waits for a slot (Options.QueueWait)
// rather than failing at once.
func TestQueryQueue(t *testing.T) {
	st := newBlockingStore()
	h := server.New(st, nil, server.Options{MaxQueries: 1, QueueWait: 10 * time.Second, QueryTimeout: -1})
	done := make(chan int)
	go func() { done <- get(t, h, "/api/events").Code }()
	<-st.entered
	go func() { done <- get(t, h, "/api/events").Code }()
	time.Sleep(50 * time.Millisecond)
	close(st.release) // the first finishes, the second gets its slot
	for range 2 {
		if code := <-done; code != http.StatusOK {
			t.Errorf("queued query: %d, want 200", code)
		}
	}
}

// TestQueryTimeout: the store gets a context with the query's deadline; a
// query past it is 504 JSON, also when the store's error does not wrap
// context.DeadlineExceeded (SQLite's «interrupted»), and also for export.
func TestQueryTimeout(t *testing.T) {
	for _, c := range []struct {
		name  string
		errOf func(context.Context) error
	}{
		{"wrapped", nil},
		{"driver error", func(context.Context) error { return errors.New("interrupted (9)") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := newBlockingStore()
			st.errOf = c.errOf
			h := server.New(st, nil, server.Options{QueryTimeout: 50 * time.Millisecond})
			for _, target := range []string{"/api/events", "/api/network", "/api/export?format=csv", "/api/export?format=jsonl", "/api/articles?q=x"} {
				// the client gives up after 5 s: without the server's
				// deadline the query would block until then
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				start := time.Now()
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, target, nil))
				cancel()
				if d := time.Since(start); d > 2*time.Second {
					t.Errorf("GET %s took %v with a query timeout of 50 ms", target, d)
				}
				jsonError(t, "GET "+target, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes(), http.StatusGatewayTimeout)
				if cd := rec.Header().Get("Content-Disposition"); cd != "" {
					t.Errorf("GET %s: error answer with Content-Disposition %q", target, cd)
				}
			}
		})
	}
}

// TestSlowloris: a client that sends its header a byte at a time, slower
// than ReadHeaderTimeout allows, is disconnected soon after it.
func TestSlowloris(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := server.HTTPServer(ln.Addr().String(), server.New(newBlockingStore(), nil, server.Options{}))
	go srv.Serve(ln)
	defer srv.Close()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	closed := make(chan time.Duration, 1)
	go func() {
		io.Copy(io.Discard, conn) // returns when the server closes the connection
		closed <- time.Since(start)
	}()
	header := "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + strings.Repeat("a", 100) + "\r\n\r\n"
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	limit := server.ReadHeaderTimeout + 3*time.Second
	for i := 0; i < len(header); i++ {
		select {
		case d := <-closed:
			if d < server.ReadHeaderTimeout-time.Second {
				t.Errorf("disconnected after %v, before ReadHeaderTimeout %v", d, server.ReadHeaderTimeout)
			}
			t.Logf("slow client disconnected after %v, %d header bytes sent", d, i)
			return
		case <-tick.C:
		}
		if time.Since(start) > limit {
			t.Fatalf("slow client still connected after %v (ReadHeaderTimeout %v)", time.Since(start), server.ReadHeaderTimeout)
		}
		if _, err := conn.Write([]byte{header[i]}); err != nil {
			t.Logf("write refused after %v: %v", time.Since(start), err)
			return
		}
	}
	t.Fatalf("the whole header went through in %v", time.Since(start))
}

// TestBodyLimit: a body over MaxBody is refused with 413 JSON over a real
// connection, before the handler reads it.
func TestBodyLimit(t *testing.T) {
	ts := httptest.NewServer(server.New(newBlockingStore(), nil, server.Options{}))
	defer ts.Close()
	req, err := http.NewRequest(http.MethodGet, ts.URL+"/healthz", strings.NewReader(strings.Repeat("x", server.MaxBody+1)))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	jsonError(t, "body of MaxBody+1 bytes", resp.StatusCode, resp.Header.Get("Content-Type"), body, http.StatusRequestEntityTooLarge)
}

// TestCSP: every answer, the UI's page included, has a
// Content-Security-Policy that lets no inline or evaluated script run.
func TestCSP(t *testing.T) {
	ui, err := web.FS()
	if err != nil {
		t.Fatal(err)
	}
	h := server.New(newBlockingStore(), nil, server.Options{UI: ui})
	for _, target := range []string{"/", "/healthz", "/api/nothing", "/#/article/x"} {
		csp := get(t, h, target).Header().Get("Content-Security-Policy")
		dirs := map[string]string{}
		for _, d := range strings.Split(csp, ";") {
			name, val, _ := strings.Cut(strings.TrimSpace(d), " ")
			dirs[name] = val
		}
		if dirs["default-src"] != "'none'" {
			t.Errorf("%s: default-src %q, want 'none'", target, dirs["default-src"])
		}
		if s := dirs["script-src"]; s != "'self'" {
			t.Errorf("%s: script-src %q, want only 'self' (no 'unsafe-inline', 'unsafe-eval')", target, s)
		}
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "base-uri 'none'") {
			t.Errorf("%s: CSP %q lacks frame-ancestors or base-uri 'none'", target, csp)
		}
	}
	// the page itself must not need inline script
	page := get(t, h, "/").Body.String()
	sc := bufio.NewScanner(strings.NewReader(page))
	for sc.Scan() {
		if l := sc.Text(); strings.Contains(l, "<script") && !strings.Contains(l, "src=") {
			t.Errorf("index.html has an inline script: %q", l)
		}
	}
}

// TestLoopbackHosts: with Options.LoopbackHosts, only Host headers naming
// the loopback are answered; another name (a DNS rebinding) gets 421 JSON.
func TestLoopbackHosts(t *testing.T) {
	h := server.New(newBlockingStore(), nil, server.Options{LoopbackHosts: true})
	for _, c := range []struct {
		host string
		ok   bool
	}{
		{"localhost", true}, {"localhost:8080", true}, {"LOCALHOST:1", true},
		{"127.0.0.1", true}, {"127.0.0.1:8080", true}, {"[::1]:8080", true}, {"[::1]", true},
		{"evil.example", false}, {"evil.example:8080", false}, {"localhost.evil.example", false},
		{"127.0.0.1.nip.io:8080", false}, {"10.0.0.1:8080", false}, {"", false},
	} {
		req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		req.Host = c.host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if c.ok && rec.Code != http.StatusOK {
			t.Errorf("Host %q: %d, want 200", c.host, rec.Code)
		}
		if !c.ok {
			jsonError(t, fmt.Sprintf("Host %q", c.host), rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes(), http.StatusMisdirectedRequest)
		}
	}
	// off by default
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.Host = "evil.example"
	rec := httptest.NewRecorder()
	server.New(newBlockingStore(), nil, server.Options{}).ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("without LoopbackHosts: %d, want 200", rec.Code)
	}
}
