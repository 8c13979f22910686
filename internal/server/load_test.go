package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestLoad runs 20 concurrent clients against the event queries of the API
// over the demo database, on loopback only, for a bounded time
// ($MARSAD_LOAD_SECONDS), and checks that the 95th percentile of the
// latency stays under 100 ms. It runs only when MARSAD_LOAD_SECONDS is set
// (.ci/run does, on its own after the other tests): run beside the other
// packages' tests it would measure their load, not the API's.
func TestLoad(t *testing.T) {
	if os.Getenv("MARSAD_LOAD_SECONDS") == "" {
		t.Skip("set MARSAD_LOAD_SECONDS to run the load test")
	}
	h := demoServer(t)
	ts := httptest.NewServer(h) // listens on 127.0.0.1
	defer ts.Close()
	secs := 3.0
	if s := os.Getenv("MARSAD_LOAD_SECONDS"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v <= 0 || v > 60 {
			t.Fatalf("MARSAD_LOAD_SECONDS=%q: want 0-60", s)
		}
		secs = v
	}
	queries := []string{
		"/api/events", "/api/events?country=SYR&root=04", "/api/events?actor=LBY&from=2017-01-01",
		"/api/events?quad=4&limit=200", "/api/events?plover=ASSAULT", "/api/events?actor=TUNGOV&side=source",
		"/api/events?cameo=19&to=2017-06-30", "/api/events?modality=reported", "/api/events?place=TUN",
		"/api/events?limit=50&cursor=bzo1MA",
	}
	const clients = 20
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(secs*float64(time.Second)))
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 10 * time.Second}
	var mu sync.Mutex
	var lat []time.Duration
	var failed int
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; ctx.Err() == nil; i++ {
				start := time.Now()
				resp, err := client.Get(ts.URL + queries[i%len(queries)])
				ok := err == nil && resp.StatusCode == http.StatusOK
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				d := time.Since(start)
				mu.Lock()
				if ok {
					lat = append(lat, d)
				} else {
					failed++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failed > 0 {
		t.Errorf("%d requests failed", failed)
	}
	if len(lat) < 100 {
		t.Fatalf("only %d requests in %.0f s", len(lat), secs)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))] }
	t.Logf("%d clients, %.0f s: %d requests (%.0f/s), p50 %v, p95 %v, p99 %v, max %v",
		clients, secs, len(lat), float64(len(lat))/secs, p(0.5), p(0.95), p(0.99), lat[len(lat)-1])
	if p95 := p(0.95); p95 >= 100*time.Millisecond {
		t.Errorf("p95 latency %v, want < 100 ms", p95)
	}
}
