// Package server is Marsad's HTTP JSON API over a store, and the web UI
// (package web) beside it. Every route is documented in openapi.json,
// which a test keeps true.
package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "embed"

	"github.com/marsad/marsad/internal/pipeline"
	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/store"
)

// OpenAPI is the API's OpenAPI 3 description, served at /api/openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte

// MaxLimit caps the page size of every list route.
const MaxLimit = 500

// MaxBody caps the size of a request body (the API only reads; bodies are
// refused past this size), except for POST /api/ingest.
const MaxBody = 64 << 10

// MaxIngestBody caps the body of POST /api/ingest: the input limit of
// `marsad code`.
const MaxIngestBody = 16 << 20

// IngestPath is the one route that changes data; it exists only when
// Options.IngestToken and Options.Ingest are set.
const IngestPath = "/api/ingest"

// IngestResult is the answer of POST /api/ingest.
type IngestResult struct {
	Read      int      `json:"read"`      // articles read and coded
	New       int      `json:"new"`       // articles written
	Duplicate int      `json:"duplicate"` // articles the store had already (same text)
	Failed    int      `json:"failed"`    // lines that could not be read or were over their budget
	Events    int      `json:"events"`    // event mentions written
	Errors    []string `json:"errors"`    // what went wrong with the failed lines (at most 100)
}

// ErrNotFound is what an ArticleSource returns, wrapped, for an unknown id.
var ErrNotFound = errors.New("not found")

// ArticleSource returns one stored article as the output contract of
// `marsad code`. The SQL store implements it; its not-found error must
// satisfy errors.Is(err, NotFound) for the NotFound it was built with.
type ArticleSource interface {
	Article(ctx context.Context, id string) (pipeline.Doc, error)
}

// Options configure the handler. The zero value serves the API without UI.
type Options struct {
	UI       fs.FS // the built UI (index.html at its root); nil serves no UI
	NotFound error // the error ArticleSource wraps for an unknown id (default ErrNotFound)
	// Exporters write /api/export?format=NAME; they replace the built-in
	// csv and jsonl writers, so that the API can write exactly what
	// `marsad export` writes, and add formats (parquet).
	Exporters map[string]Exporter

	// MaxQueries caps the expensive queries (events, actors, dyads,
	// places, network, timeline, export, article search) running at once;
	// 0 is DefaultMaxQueries. A query over the cap waits QueueWait for a
	// slot, then gets 503 with Retry-After.
	MaxQueries int
	// QueueWait is how long a query waits for a slot: 0 is
	// DefaultQueueWait, a negative value does not wait.
	QueueWait time.Duration
	// QueryTimeout is the deadline of an expensive query's context, passed
	// to the store; a query past it gets 504. 0 is DefaultQueryTimeout, a
	// negative value sets none.
	QueryTimeout time.Duration
	// LoopbackHosts accepts only requests whose Host header names the
	// loopback (localhost, 127.0.0.1, [::1], any port), refusing the others
	// with 421: set it when listening on loopback, so that a page of
	// another site cannot reach the API through DNS rebinding.
	LoopbackHosts bool

	// Ingest codes and stores the articles of a POST /api/ingest body
	// (JSON Lines, one {"id","title","published","text"} object a line, as
	// `marsad ingest --input jsonl` reads them). The route exists only when
	// both Ingest and IngestToken are set, and answers only requests with
	// "Authorization: Bearer IngestToken" (401 without, 403 for another
	// token); it takes a query slot and the query timeout like the other
	// expensive routes.
	Ingest      func(ctx context.Context, body io.Reader) (IngestResult, error)
	IngestToken string
}

// Defaults of Options.
const (
	DefaultQueueWait    = time.Second
	DefaultQueryTimeout = 30 * time.Second
)

// DefaultMaxQueries is the default of Options.MaxQueries: four per core,
// at least eight.
func DefaultMaxQueries() int { return max(8, 4*runtime.GOMAXPROCS(0)) }

// Exporter writes every event matching f (f.Limit is -1 unless the client
// gave a limit) to w in one file format.
type Exporter struct {
	ContentType string // of the answer
	Ext         string // file name extension, without the dot
	Write       func(ctx context.Context, st store.Store, f query.Filter, w io.Writer) error
}

// Server serves the API over a store.
type Server struct {
	st   store.Store
	arts ArticleSource
	opts Options
	mux  *http.ServeMux
	api  []string      // the paths of the API routes, as openapi.json writes them
	sem  chan struct{} // one token per expensive query running
}

// New returns the API (and UI) handler over st. arts may be nil, and is
// then looked for on st.
func New(st store.Store, arts ArticleSource, o Options) *Server {
	if arts == nil {
		arts, _ = st.(ArticleSource)
	}
	if o.NotFound == nil {
		o.NotFound = ErrNotFound
	}
	if o.MaxQueries <= 0 {
		o.MaxQueries = DefaultMaxQueries()
	}
	if o.QueueWait == 0 {
		o.QueueWait = DefaultQueueWait
	}
	if o.QueryTimeout == 0 {
		o.QueryTimeout = DefaultQueryTimeout
	}
	s := &Server{st: st, arts: arts, opts: o, mux: http.NewServeMux(), sem: make(chan struct{}, o.MaxQueries)}
	s.routes()
	return s
}

// Routes returns the paths of the API's routes ("/api/articles/{id}"), the
// ones openapi.json must document.
func (s *Server) Routes() []string { return append([]string(nil), s.api...) }

func (s *Server) routes() {
	m := s.mux
	handle := func(path string, h http.HandlerFunc) {
		s.api = append(s.api, path)
		m.HandleFunc("GET "+path, h)
	}
	handle("/healthz", s.healthz)
	m.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(OpenAPI)
	})
	handle("/api/stats", s.stats)
	handle("/api/articles", s.limited(s.articles))
	handle("/api/articles/{id}", s.article)
	handle("/api/events", s.limited(s.events))
	handle("/api/actors", s.limited(s.actors))
	handle("/api/dyads", s.limited(s.dyads))
	handle("/api/timeline", s.limited(s.timeline))
	handle("/api/network", s.limited(s.network))
	handle("/api/places", s.limited(s.places))
	handle("/api/export", s.limited(s.export))
	if s.ingestOn() {
		s.api = append(s.api, IngestPath)
		m.HandleFunc("POST "+IngestPath, s.ingest)
	}
	m.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such route: "+r.URL.Path)
	})
	if s.opts.UI != nil {
		files := http.FileServerFS(s.opts.UI)
		m.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
			// client-side routes get index.html
			if r.URL.Path != "/" && !strings.HasPrefix(r.URL.Path, "/assets/") {
				if _, err := fs.Stat(s.opts.UI, strings.TrimPrefix(r.URL.Path, "/")); err != nil {
					r2 := r.Clone(r.Context())
					r2.URL.Path = "/"
					files.ServeHTTP(w, r2)
					return
				}
			}
			files.ServeHTTP(w, r)
		})
	}
}

// csp keeps scripts to the page's own files: article text, inserted as
// text, could not run even if it were inserted as markup.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// ServeHTTP adds the security headers, refuses other hosts than the
// loopback (with Options.LoopbackHosts), large bodies and methods other
// than GET and HEAD, and routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if s.opts.LoopbackHosts && !LoopbackHost(r.Host) {
		writeError(w, http.StatusMisdirectedRequest, fmt.Sprintf("host %q: this server answers only to localhost, 127.0.0.1 and [::1]", r.Host))
		return
	}
	limit := int64(MaxBody)
	switch {
	case r.Method == http.MethodPost && r.URL.Path == IngestPath:
		if !s.ingestOn() {
			writeError(w, http.StatusNotFound, "ingest is off: start the server with an ingest token to enable it")
			return
		}
		limit = MaxIngestBody
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		h.Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed")
		return
	}
	if r.ContentLength > limit {
		writeError(w, http.StatusRequestEntityTooLarge, "request body too large")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	s.mux.ServeHTTP(w, r)
}

// The timeouts and the header cap of HTTPServer. A client that has not
// sent its whole header within ReadHeaderTimeout (a slowloris trickling it
// byte by byte) is disconnected.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
	MaxHeaderBytes    = 64 << 10
)

// HTTPServer returns an http.Server for h on addr with read, write and
// idle timeouts and a header size cap.
func HTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr: addr, Handler: h,
		ReadHeaderTimeout: ReadHeaderTimeout, ReadTimeout: ReadTimeout,
		WriteTimeout: WriteTimeout, IdleTimeout: IdleTimeout,
		MaxHeaderBytes: MaxHeaderBytes,
	}
}

// Loopback reports whether addr's host is a loopback address (or
// localhost).
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// LoopbackHost reports whether a Host header names the loopback:
// localhost or a loopback IP address, with or without a port.
func LoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else {
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// limited runs h as an expensive query: it holds one of Options.MaxQueries
// slots while it runs (503 with Retry-After when none frees within
// Options.QueueWait), and its context, which the store gets, ends after
// Options.QueryTimeout.
func (s *Server) limited(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.acquire(r.Context()) {
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusServiceUnavailable, "too many queries at once; retry in a moment")
			return
		}
		defer func() { <-s.sem }()
		if s.opts.QueryTimeout > 0 {
			ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		h(w, r)
	}
}

// acquire takes a query slot, waiting at most Options.QueueWait; it
// reports whether it got one.
func (s *Server) acquire(ctx context.Context) bool {
	select {
	case s.sem <- struct{}{}:
		return true
	default:
	}
	if s.opts.QueueWait < 0 {
		return false
	}
	t := time.NewTimer(s.opts.QueueWait)
	defer t.Stop()
	select {
	case s.sem <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

func (s *Server) ingestOn() bool { return s.opts.IngestToken != "" && s.opts.Ingest != nil }

// ingest answers POST /api/ingest: the token first (before the request
// may take a query slot), then the articles.
func (s *Server) ingest(w http.ResponseWriter, r *http.Request) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="marsad ingest"`)
		writeError(w, http.StatusUnauthorized, "POST "+IngestPath+" needs the header Authorization: Bearer TOKEN")
		return
	}
	if !sameToken(tok, s.opts.IngestToken) {
		writeError(w, http.StatusForbidden, "wrong ingest token")
		return
	}
	s.limited(func(w http.ResponseWriter, r *http.Request) {
		res, err := s.opts.Ingest(r.Context(), r.Body)
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", tooLarge.Limit))
		case err != nil:
			s.fail(w, r, err)
		default:
			res.Errors = nonNil(res.Errors)
			writeJSON(w, res)
		}
	})(w, r)
}

// sameToken compares two tokens in constant time (their SHA-256, so that
// not even the length shows).
func sameToken(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// apiError is the body of every error answer.
type apiError struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Del("Content-Disposition")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(apiError{Error: msg, Status: status})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		// the header is gone; nothing more to tell the client
		return
	}
}

// fail answers an error from the store: a bad query is the client's
// fault, a query past its deadline is 504 (whatever error the store made
// of the deadline), the rest is ours.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, query.ErrInvalid), errors.Is(err, errBadRequest):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, s.opts.NotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, context.DeadlineExceeded), errors.Is(r.Context().Err(), context.DeadlineExceeded):
		writeError(w, http.StatusGatewayTimeout, "query timed out")
	default:
		writeError(w, http.StatusInternalServerError, err.Error())
	}
}

var errBadRequest = errors.New("bad request")

// filter parses the query model from the URL and caps its page size.
// country and root are accepted as the API's names for actor (a country)
// and cameo (a root).
func filter(v url.Values) (query.Filter, error) {
	v = aliases(v)
	f, err := query.FromValues(v)
	if err != nil {
		return f, err
	}
	if f.Limit <= 0 || f.Limit > MaxLimit {
		if f.Limit > MaxLimit {
			f.Limit = MaxLimit
		} else {
			f.Limit = query.DefaultLimit
		}
	}
	return f, nil
}

// aliases maps country= to actor= and root= to cameo= when those are unset.
func aliases(v url.Values) url.Values {
	for alias, name := range map[string]string{"country": "actor", "root": "cameo"} {
		if a := v.Get(alias); a != "" && v.Get(name) == "" {
			v.Set(name, a)
		}
	}
	return v
}

// list is the envelope of every list answer.
type list[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"` // cursor of the next page, when there may be one
}

func cursorOf(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

func parseCursor(c string) (int, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil && strings.HasPrefix(string(b), "o:") {
		if n, err := strconv.Atoi(string(b[2:])); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%w: cursor %q", errBadRequest, c)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	writeJSON(w, map[string]any{"status": "ok", "articles": st.Articles, "events": st.Events})
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, st)
}

func (s *Server) articles(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if q := v.Get("q"); q != "" {
		v.Set("text", q)
	}
	f, err := filter(v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Text == "" {
		s.fail(w, r, fmt.Errorf("%w: q (the words to search for) is required", errBadRequest))
		return
	}
	hits, err := s.st.Search(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, list[query.Hit]{Items: nonNil(hits)})
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	if s.arts == nil {
		writeError(w, http.StatusNotImplemented, "this store cannot return articles")
		return
	}
	doc, err := s.arts.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, doc)
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	if c := v.Get("cursor"); c != "" {
		off, err := parseCursor(c)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		v.Set("offset", strconv.Itoa(off))
	}
	f, err := filter(v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	evs, err := s.st.Events(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := list[query.Event]{Items: nonNil(evs)}
	if len(evs) == f.Limit {
		out.Next = cursorOf(f.Offset + len(evs))
	}
	writeJSON(w, out)
}

func (s *Server) actors(w http.ResponseWriter, r *http.Request) { listed(s, w, r, s.st.Actors) }

func (s *Server) dyads(w http.ResponseWriter, r *http.Request) { listed(s, w, r, s.st.Dyads) }

// bucket is a timeline period with its mean Goldstein score.
type bucket struct {
	query.Bucket
	MeanGoldstein *float64 `json:"mean_goldstein"` // null when the period has no events
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	f, err := filter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	bs, err := s.st.Timeline(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// the mean Goldstein score per period, from the events themselves
	sum := map[string]float64{}
	n := map[string]int{}
	ef := f
	ef.Limit = -1
	ef.Offset = 0
	err = s.st.EachEvent(r.Context(), ef, func(e *query.Event) error {
		if e.Day == "" {
			return nil
		}
		p, ok := period(e.Day, f.Interval)
		if ok {
			sum[p] += e.Goldstein
			n[p]++
		}
		return nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]bucket, len(bs))
	for i, b := range bs {
		out[i].Bucket = b
		if c := n[b.Period]; c > 0 {
			m := sum[b.Period] / float64(c)
			out[i].MeanGoldstein = &m
		}
	}
	writeJSON(w, list[bucket]{Items: out})
}

// period is the first day of the period of day.
func period(day string, iv query.Interval) (string, bool) {
	t, err := time.Parse(query.DateLayout, day)
	if err != nil {
		return "", false
	}
	switch iv {
	case query.Week:
		wd := (int(t.Weekday()) + 6) % 7
		t = t.AddDate(0, 0, -wd)
	case query.Month:
		t = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t.Format(query.DateLayout), true
}

// edge is a network edge split into cooperation and conflict.
type edge struct {
	Source        string  `json:"source"`
	Target        string  `json:"target"`
	Events        int     `json:"events"`
	Cooperation   int     `json:"cooperation"`
	Conflict      int     `json:"conflict"`
	MeanGoldstein float64 `json:"mean_goldstein"`
}

// node is an actor of the network.
type node struct {
	ID      string `json:"id"`
	Country string `json:"country"`
	Events  int    `json:"events"`
}

type network struct {
	Nodes []node `json:"nodes"`
	Edges []edge `json:"edges"`
}

func (s *Server) network(w http.ResponseWriter, r *http.Request) {
	f, err := filter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ds, err := s.st.Dyads(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := network{Nodes: []node{}, Edges: []edge{}}
	seen := map[string]int{}
	add := func(code string, n int) {
		if i, ok := seen[code]; ok {
			out.Nodes[i].Events += n
			return
		}
		seen[code] = len(out.Nodes)
		c := code
		if len(c) > 3 {
			c = c[:3]
		}
		out.Nodes = append(out.Nodes, node{ID: code, Country: c, Events: n})
	}
	for _, d := range ds {
		if d.Target == "" || d.Source == "" || d.Source == d.Target {
			continue
		}
		out.Edges = append(out.Edges, edge{Source: d.Source, Target: d.Target, Events: d.Events,
			Cooperation: d.Cooperation, Conflict: d.Conflict, MeanGoldstein: d.MeanGoldstein})
		add(d.Source, d.Events)
		add(d.Target, d.Events)
	}
	sort.SliceStable(out.Nodes, func(i, j int) bool { return out.Nodes[i].Events > out.Nodes[j].Events })
	writeJSON(w, out)
}

func (s *Server) places(w http.ResponseWriter, r *http.Request) { listed(s, w, r, s.st.Places) }

// exportCols are the columns of the CSV export.
var exportCols = []string{"id", "day", "article_id", "outlet", "source_code", "source_country", "source_text",
	"target_code", "target_country", "target_text", "cameo", "root", "quad", "goldstein", "plover", "plover_mode",
	"modality", "location", "location_country", "evidence", "mentions", "articles", "sources"}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	format := v.Get("format")
	f, err := query.FromValues(aliases(v))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Limit == 0 {
		f.Limit = -1
	}
	sw := &sentWriter{w: w}
	if ex, ok := s.opts.Exporters[format]; ok {
		w.Header().Set("Content-Type", ex.ContentType)
		w.Header().Set("Content-Disposition", `attachment; filename="marsad-events.`+ex.Ext+`"`)
		if err := ex.Write(r.Context(), s.st, f, sw); err != nil && !sw.sent {
			s.fail(w, r, err)
		}
		// an error after the first byte can only truncate the answer
		return
	}
	switch format {
	case "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="marsad-events.csv"`)
		cw := csv.NewWriter(sw)
		cw.Write(exportCols)
		err = s.st.EachEvent(r.Context(), f, func(e *query.Event) error {
			var tc, tn, tt, loc, lc string
			if e.Target != nil {
				tc, tn, tt = e.Target.Code, e.Target.Country, e.Target.Text
			}
			if e.Location != nil {
				loc, lc = e.Location.Text, e.Location.Country
			}
			return cw.Write([]string{strconv.FormatInt(e.ID, 10), e.Day, e.ArticleID, e.Outlet,
				e.Source.Code, e.Source.Country, e.Source.Text, tc, tn, tt, e.CAMEO, e.Root,
				strconv.Itoa(e.Quad), strconv.FormatFloat(e.Goldstein, 'f', -1, 64), e.Plover.Category, e.Plover.Mode,
				strings.Join(e.Modality, ","), loc, lc, e.Evidence.Text,
				strconv.Itoa(e.Mentions), strconv.Itoa(e.Articles), strconv.Itoa(e.Sources)})
		})
		if err == nil {
			cw.Flush()
		}
	case "jsonl":
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.Header().Set("Content-Disposition", `attachment; filename="marsad-events.jsonl"`)
		enc := json.NewEncoder(sw)
		err = s.st.EachEvent(r.Context(), f, func(e *query.Event) error { return enc.Encode(e) })
	case "parquet":
		writeError(w, http.StatusNotImplemented, "parquet export is not available in this build; use csv or jsonl")
		return
	default:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("format %q: want csv, jsonl or parquet", format))
		return
	}
	if err != nil && !sw.sent {
		s.fail(w, r, err)
	}
	// after the first byte, the truncated body is all we can do
}

// sentWriter records whether anything was written, so that an error
// before the first byte can still be answered as JSON.
type sentWriter struct {
	w    io.Writer
	sent bool
}

func (s *sentWriter) Write(p []byte) (int, error) {
	if len(p) > 0 {
		s.sent = true
	}
	return s.w.Write(p)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// listed answers a list route: the filter from the query, the store's
// rows for it, and errors as JSON.
func listed[T any](s *Server, w http.ResponseWriter, r *http.Request, fetch func(context.Context, query.Filter) ([]T, error)) {
	f, err := filter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows, err := fetch(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, list[T]{Items: nonNil(rows)})
}
