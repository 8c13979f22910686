package fetch

import (
	"context"
	"sync"
	"time"
)

// Clock is the time a Fetcher waits by: the real one by default, a fake one
// in tests (the per-host delay is then checked without waiting).
type Clock interface {
	Now() time.Time
	// Sleep waits d, or until ctx is done (returning ctx.Err()).
	Sleep(ctx context.Context, d time.Duration) error
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// hostLimiter spaces the requests to each host by at least delay: a
// request to a host waits until delay has passed since the start of the
// previous one. Hosts do not wait for each other. It is safe for concurrent
// use; concurrent requests to one host queue up delay apart.
type hostLimiter struct {
	clock Clock
	delay time.Duration
	mu    sync.Mutex
	next  map[string]time.Time // the earliest start of the next request, by host
}

func newHostLimiter(clock Clock, delay time.Duration) *hostLimiter {
	return &hostLimiter{clock: clock, delay: delay, next: map[string]time.Time{}}
}

// wait blocks until a request to host may start, and books that start.
func (l *hostLimiter) wait(ctx context.Context, host string) error {
	if l.delay <= 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	now := l.clock.Now()
	at := l.next[host]
	if at.Before(now) {
		at = now
	}
	l.next[host] = at.Add(l.delay)
	l.mu.Unlock()
	return l.clock.Sleep(ctx, at.Sub(now))
}
