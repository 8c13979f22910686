// Package fetch gets web pages for Marsad, politely and safely: only http
// and https; no connection to a loopback, private, link-local, CGNAT,
// multicast or otherwise non-public address (checked on the resolved
// address when connecting, so DNS rebinding cannot get round it, and again
// after every redirect) unless Options.AllowPrivate; a size limit on every
// body and a time limit on every request; robots.txt honoured for the user
// agent "Marsad"; at most one request per host per Options.PerHostDelay.
//
// A Fetcher is what internal/read reads URL inputs, feeds and their items
// through; ParseFeed reads RSS and Atom feeds.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Defaults of Options.
const (
	// DefaultMaxBytes is the largest body read, the same 16 MiB as the
	// per-input limit of internal/read (read.DefaultMaxBytes).
	DefaultMaxBytes int64 = 16 << 20
	// DefaultTimeout is the time limit of one request, body included.
	DefaultTimeout = 30 * time.Second
	// DefaultPerHostDelay is the least time between two requests to a host.
	DefaultPerHostDelay = time.Second
	// DefaultMaxRedirects is how many redirects one request follows.
	DefaultMaxRedirects = 5
	// Agent is the product token looked for in robots.txt.
	Agent = "Marsad"
	// DefaultUserAgent is the User-Agent header sent.
	DefaultUserAgent = "Marsad/1.0 (Arabic political-event coder; honours robots.txt)"
)

// Options controls a Fetcher. The zero value is the safe default: public
// addresses only, 16 MiB, 30 s a request, one request per host a second, five
// redirects, robots.txt honoured.
type Options struct {
	AllowPrivate bool          // allow loopback, private, link-local, CGNAT and other non-public addresses (for tests and intranets)
	MaxBytes     int64         // largest body in bytes; 0 means DefaultMaxBytes
	Timeout      time.Duration // time limit of one request (connection, redirects, body); 0 means DefaultTimeout
	PerHostDelay time.Duration // least time between the starts of two requests to one host; 0 means DefaultPerHostDelay, negative none
	MaxRedirects int           // redirects followed; 0 means DefaultMaxRedirects, negative none
	UserAgent    string        // the User-Agent header; "" means DefaultUserAgent
	Clock        Clock         // what the per-host delay is waited by; nil means the wall clock
}

// Errors a Get may give besides those of the network; compare with errors.Is.
var (
	ErrTooLarge  = errors.New("body too large")
	ErrRobots    = errors.New("disallowed by robots.txt")
	ErrRedirects = errors.New("too many redirects")
	ErrStatus    = errors.New("HTTP error status")
)

// Error is what Get returns: the URL asked for and why it failed.
type Error struct {
	URL string // the URL as given, or normalised when it could be
	Err error  // the reason: ErrScheme, ErrForbidden, ErrRobots, …
}

// Error returns "URL: reason".
func (e *Error) Error() string { return e.URL + ": " + e.Err.Error() }

// Unwrap returns the reason, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// Page is a fetched body.
type Page struct {
	URL         string    // the URL asked for (normalised)
	FinalURL    string    // the URL the body came from, after redirects
	Status      int       // the HTTP status (2xx)
	ContentType string    // the Content-Type header, "" if none
	Body        []byte    // the body, decoded from any Content-Encoding, at most MaxBytes
	FetchedAt   time.Time // when the response came
}

// Fetcher gets URLs under one Options. It is safe for concurrent use; it
// keeps each host's robots.txt and the time of its last request.
type Fetcher struct {
	opts    Options
	guard   *guard
	client  *http.Client
	limiter *hostLimiter

	mu     sync.Mutex
	robots map[string]*robotsEntry // by scheme://host:port
}

// robotsEntry is one host's robots.txt, fetched once; ready is closed when
// rules is set.
type robotsEntry struct {
	ready chan struct{}
	rules *Robots
	err   error // why there are no rules (a refused address, a cancelled context)
}

// New returns a Fetcher for opts.
func New(opts Options) *Fetcher {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.PerHostDelay == 0 {
		opts.PerHostDelay = DefaultPerHostDelay
	}
	if opts.MaxRedirects == 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	f := &Fetcher{
		opts:    opts,
		guard:   newGuard(opts.AllowPrivate),
		limiter: newHostLimiter(opts.Clock, opts.PerHostDelay),
		robots:  map[string]*robotsEntry{},
	}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would be dialled instead of the host, past the guard
		DialContext:           f.guard.dialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          16,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	f.client = &http.Client{Transport: tr, CheckRedirect: f.checkRedirect}
	return f
}

// Options returns the options the Fetcher uses, defaults filled in.
func (f *Fetcher) Options() Options { return f.opts }

// Get fetches rawURL and returns its body. Before the request it checks
// the URL (Normalize: http or https only), the host's robots.txt (fetched
// once per host) and waits its turn for the host; it follows at most
// MaxRedirects redirects, each checked the same way, and connects only to
// addresses the guard allows. It reads at most MaxBytes of the body and
// gives up after Timeout.
//
// An error is an *Error naming the URL (its reason names the redirect
// that failed, if one did) and wrapping the reason: ErrScheme, ErrForbidden, ErrRobots, ErrRedirects, ErrStatus,
// ErrTooLarge, context.DeadlineExceeded, or a network error.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (*Page, error) {
	u, err := parse(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	page, err := f.get(ctx, u)
	if err != nil {
		return nil, &Error{URL: u.String(), Err: err}
	}
	return page, nil
}

// get is Get on a normalised URL; its errors do not name the URL.
func (f *Fetcher) get(ctx context.Context, u *url.URL) (*Page, error) {
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	if err := f.admit(ctx, u); err != nil {
		return nil, err
	}
	resp, err := f.do(ctx, u.String())
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("%w %s", ErrStatus, resp.Status)
	}
	body, err := f.readBody(resp)
	if err != nil {
		return nil, err
	}
	return &Page{
		URL:         u.String(),
		FinalURL:    resp.Request.URL.String(),
		Status:      resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Body:        body,
		FetchedAt:   f.opts.Clock.Now(),
	}, nil
}

// admit checks a URL about to be requested, the first or a redirect's:
// the address literal in it (the dialler checks resolved names), robots.txt,
// and then waits for the host's turn.
func (f *Fetcher) admit(ctx context.Context, u *url.URL) error {
	if !f.opts.AllowPrivate {
		if err := f.checkLiteral(u); err != nil {
			return err
		}
	}
	rules, err := f.robotsFor(ctx, u)
	if err != nil {
		return err
	}
	if !rules.Allowed(u.EscapedPath() + querySuffix(u)) {
		return ErrRobots
	}
	return f.limiter.wait(ctx, u.Host)
}

// checkLiteral refuses at once a URL whose host is a refused IP address
// literal, without waiting for the dialler to refuse it.
func (f *Fetcher) checkLiteral(u *url.URL) error {
	if a, err := parseAddr(u.Hostname()); err == nil {
		return f.guard.check(u.Hostname(), a)
	}
	return nil
}

func querySuffix(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

// do sends one GET and returns the response, redirects followed.
func (f *Fetcher) do(ctx context.Context, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, unwrapURLError(ue, u)
		}
		return nil, err
	}
	return resp, nil
}

// unwrapURLError drops the "Get URL:" of net/http's error, since our
// errors name the URL once themselves, keeping the redirect's URL when the
// failure came after one.
func unwrapURLError(ue *url.Error, asked string) error {
	if ue.URL != asked {
		return fmt.Errorf("redirect to %s: %w", ue.URL, ue.Err)
	}
	return ue.Err
}

// checkRedirect is the client's CheckRedirect: a redirect is followed when
// there have been fewer than MaxRedirects, its URL passes Normalize, its
// address literal, its host's robots.txt and its host's turn.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if f.opts.MaxRedirects < 0 || len(via) > f.opts.MaxRedirects {
		return fmt.Errorf("%w (more than %d)", ErrRedirects, max(f.opts.MaxRedirects, 0))
	}
	u, err := normalize(req.URL)
	if err != nil {
		return err
	}
	req.URL = u
	return f.admit(req.Context(), u)
}

// readBody reads at most MaxBytes of the body; a longer one is an error
// (ErrTooLarge), and nothing beyond MaxBytes+1 bytes is read.
func (f *Fetcher) readBody(resp *http.Response) ([]byte, error) {
	max := f.opts.MaxBytes
	if resp.ContentLength > max {
		return nil, fmt.Errorf("%w: Content-Length %d, more than %d bytes", ErrTooLarge, resp.ContentLength, max)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading the body: %w", err)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return body, nil
}

// robotsFor returns the robots.txt rules for u's host, fetching them the
// first time. A 4xx (no robots.txt) allows everything; a 5xx disallows
// everything (RFC 9309 §2.3.1); a failure to get an answer at all (a
// refused address, a network error, the time limit) is returned as the
// error, since the page would not be fetched either, and is not kept.
func (f *Fetcher) robotsFor(ctx context.Context, u *url.URL) (*Robots, error) {
	key := u.Scheme + "://" + u.Host
	f.mu.Lock()
	e, ok := f.robots[key]
	if !ok {
		e = &robotsEntry{ready: make(chan struct{})}
		f.robots[key] = e
	}
	f.mu.Unlock()
	if ok {
		select {
		case <-e.ready:
			return e.rules, e.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	rules, err := f.fetchRobots(ctx, key+"/robots.txt")
	if err != nil {
		// not the host's answer: ask again next time
		f.mu.Lock()
		delete(f.robots, key)
		f.mu.Unlock()
		e.err = err
		close(e.ready)
		return nil, err
	}
	e.rules = rules
	close(e.ready)
	return rules, nil
}

// fetchRobots gets and parses one robots.txt. Its redirects are followed
// (up to MaxRedirects) without robots checks of their own.
func (f *Fetcher) fetchRobots(ctx context.Context, robotsURL string) (*Robots, error) {
	if err := f.limiter.wait(ctx, hostOf(robotsURL)); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	client := *f.client
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > max(f.opts.MaxRedirects, 0) {
			return ErrRedirects
		}
		_, err := normalize(req.URL)
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		// unreachable: nothing is fetched from the host (RFC 9309 §2.3.1.4),
		// and the reason is told rather than "disallowed"
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("robots.txt: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode <= 299:
		data, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
		if err != nil {
			return disallowAll, nil
		}
		return ParseRobots(data, Agent), nil
	case resp.StatusCode >= 400 && resp.StatusCode <= 499:
		return &Robots{}, nil
	}
	return disallowAll, nil
}

// hostOf returns the host (with port) of a URL known to parse.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}

// MediaType returns the media type of a Content-Type header in lower case
// ("text/html" for "text/html; charset=UTF-8"), and its charset parameter.
func MediaType(contentType string) (mediaType, charset string) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
		return strings.ToLower(strings.TrimSpace(mt)), ""
	}
	return mt, strings.ToLower(params["charset"])
}
