package server_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/marsad/marsad/internal/demodb"
	"github.com/marsad/marsad/internal/query"
	"github.com/marsad/marsad/internal/server"
	"github.com/marsad/marsad/internal/store"
)

// axisCheck is what the page says of the timeline's count axis: the tick
// values, the axis title, the tallest bar against the scale, and the
// labels' boxes (CSS pixels).
type axisCheck struct {
	Ticks       []float64 `json:"ticks"`
	Title       string    `json:"title"`
	MaxTotal    float64   `json:"maxTotal"`
	BarHeight   float64   `json:"barHeight"` // of the tallest bar
	UnitPx      float64   `json:"unitPx"`    // pixels per event, from the ticks
	MinLabelPx  float64   `json:"minLabelPx"`
	Outside     []string  `json:"outside"`  // labels not wholly inside the chart
	Overlaps    []string  `json:"overlaps"` // pairs of labels that overlap
	LeftOfPlot  bool      `json:"leftOfPlot"`
	Bars        int       `json:"bars"`
	GoldsteinOK bool      `json:"goldsteinOK"` // the Goldstein axis runs −10…+10
}

const axisJS = `(() => {
  const svg = document.querySelector('#timeline svg');
  const box = svg.getBoundingClientRect();
  const ticks = [...svg.querySelectorAll('.y-axis .tick')];
  const ys = ticks.map((g) => g.querySelector('text').getBoundingClientRect());
  const bars = [...svg.querySelectorAll('g.bar')];
  const tallest = bars.reduce((a, g) => (+g.dataset.total > +(a?.dataset.total ?? -1) ? g : a), null);
  const tickY = (g) => { const l = g.querySelector('line'); return l.getBoundingClientRect().top; };
  const unit = ticks.length > 1 ? (tickY(ticks[0]) - tickY(ticks[ticks.length - 1])) / (+ticks[ticks.length - 1].dataset.value) : 0;
  const texts = [...svg.querySelectorAll('text')];
  const rects = texts.map((x) => x.getBoundingClientRect());
  const name = (i) => texts[i].textContent;
  const outside = [], overlaps = [];
  rects.forEach((r, i) => {
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) outside.push(name(i));
    for (let j = i + 1; j < rects.length; j++) {
      const q = rects[j];
      if (r.left < q.right - 0.5 && q.left < r.right - 0.5 && r.top < q.bottom - 0.5 && q.top < r.bottom - 0.5) overlaps.push(name(i) + ' / ' + name(j));
    }
  });
  const plotLeft = Math.min(...bars.filter((g) => g.firstChild).map((g) => g.getBoundingClientRect().left));
  const g = [...svg.querySelectorAll('.g-axis .tick')].map((t) => +t.dataset.value);
  return {
    ticks: ticks.map((g) => +g.dataset.value),
    title: svg.querySelector('.y-axis .axis-title')?.textContent ?? '',
    maxTotal: tallest ? +tallest.dataset.total : 0,
    barHeight: tallest ? tallest.getBoundingClientRect().height : 0,
    unitPx: unit,
    minLabelPx: Math.min(...ys.map((r) => r.height)),
    outside, overlaps,
    leftOfPlot: ys.every((r) => r.right <= plotLeft + 0.5),
    bars: bars.filter((g) => g.firstChild).length,
    goldsteinOK: g.length >= 3 && Math.min(...g) === -10 && Math.max(...g) === 10,
  };
})()`

// TestBrowserTimelineAxis draws the timeline of SYR in Arabic and in
// English on a laptop and on a phone, and checks its count axis: ticks from
// 0 in steps of 1, 2 or 5 × 10ⁿ up to at least the tallest bar, which the
// scale measures right; a title in the page's language; labels at least
// 10 px high, inside the chart, left of the bars and overlapping nothing.
func TestBrowserTimelineAxis(t *testing.T) {
	demoServer(t)
	ts := uiServer(t, demoStore, nil, server.Options{})
	titles := map[string]string{"ar": "عدد الأحداث في الشهر", "en": "events a month"}
	for _, size := range []struct {
		name string
		w, h int
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		t.Run(size.name, func(t *testing.T) {
			b := newBrowser(t, ts.URL, size.w, size.h)
			b.do("timeline", chromedp.EmulateViewport(int64(size.w), int64(size.h)),
				chromedp.Navigate(ts.URL+"/#/timeline?actor=SYR"), chromedp.WaitVisible(`#app[data-ready="timeline"]`))
			for _, lang := range []string{"ar", "en"} {
				b.setLang(lang)
				b.do("drawn", chromedp.WaitVisible(`#app[data-ready="timeline"]`))
				b.shot(fmt.Sprintf("5-timeline-%s-%s", size.name, lang))
				a := eval[axisCheck](b, axisJS)
				t.Logf("%s %s: ticks %v, tallest bar %v events %.1f px, %.2f px an event, labels ≥ %.1f px", size.name, lang, a.Ticks, a.MaxTotal, a.BarHeight, a.UnitPx, a.MinLabelPx)
				checkTicks(t, a.Ticks, a.MaxTotal)
				if a.Title != titles[lang] {
					t.Errorf("%s: axis title %q, want %q", lang, a.Title, titles[lang])
				}
				if a.Bars == 0 || math.Abs(a.BarHeight-a.MaxTotal*a.UnitPx) > 1.5 {
					t.Errorf("%s: %d bars; the tallest (%v events) is %.1f px high, the axis says %.1f px", lang, a.Bars, a.MaxTotal, a.BarHeight, a.MaxTotal*a.UnitPx)
				}
				if a.MinLabelPx < 10 {
					t.Errorf("%s: tick labels %.1f px high, too small to read", lang, a.MinLabelPx)
				}
				if len(a.Outside) > 0 || len(a.Overlaps) > 0 {
					t.Errorf("%s: labels clipped %q, overlapping %q", lang, a.Outside, a.Overlaps)
				}
				if !a.LeftOfPlot {
					t.Errorf("%s: tick labels reach into the bars", lang)
				}
				if !a.GoldsteinOK {
					t.Errorf("%s: no Goldstein axis from -10 to +10", lang)
				}
			}
		})
	}
}

// checkTicks wants 3 to 8 ticks from 0 in equal steps of 1, 2 or 5 × 10ⁿ,
// the last at least max.
func checkTicks(t *testing.T, ticks []float64, max float64) {
	t.Helper()
	if len(ticks) < 3 || len(ticks) > 8 {
		t.Errorf("%d ticks %v, want 3 to 8", len(ticks), ticks)
		return
	}
	step := ticks[1] - ticks[0]
	m := step / math.Pow(10, math.Floor(math.Log10(step)))
	if ticks[0] != 0 || (m != 1 && m != 2 && m != 5) {
		t.Errorf("ticks %v: want 0 and a step of 1, 2 or 5 × 10ⁿ", ticks)
	}
	for i := 1; i < len(ticks); i++ {
		if ticks[i]-ticks[i-1] != step {
			t.Errorf("ticks %v: unequal steps", ticks)
		}
	}
	if last := ticks[len(ticks)-1]; last < max || last-step >= max {
		t.Errorf("ticks %v end at %v for a tallest bar of %v", ticks, last, max)
	}
}

// TestBrowserNetworkKeepsEdge selects the LBYMIL–SYRGOV edge and checks
// that it stays selected, with the same events listed, when the language
// is switched both ways, when the filters are applied and when the page
// is loaded again.
func TestBrowserNetworkKeepsEdge(t *testing.T) {
	demoServer(t)
	ts := uiServer(t, demoStore, nil, server.Options{})
	b := newBrowser(t, ts.URL, 1280, 900)
	const key = "LBYMIL~SYRGOV"
	btn := `#edges li[data-source="LBYMIL"][data-target="SYRGOV"] button`
	b.do("network", chromedp.Navigate(ts.URL+"/#/network"), chromedp.WaitVisible(`#app[data-ready="network"]`), chromedp.Click(btn))
	ready := `document.querySelectorAll('#edge-events ul.events li a').length > 0 && !document.querySelector('#edge-events .loading')`
	b.wait("the edge's events", ready, 10*time.Second)
	events := `[...document.querySelectorAll('#edge-events ul.events li a')].map((a) => a.getAttribute('href')).join(' ')`
	want := eval[string](b, events)
	if want == "" {
		t.Fatal("the edge lists no events")
	}
	check := func(when, heading string) {
		t.Helper()
		b.wait("the edge's events "+when, ready, 5*time.Second)
		if got := eval[string](b, events); got != want {
			t.Errorf("%s: the edge lists %q, want %q", when, got, want)
		}
		if h := b.text(`#edge-events h3`); !strings.Contains(h, heading) || !strings.Contains(h, "LBYMIL") || !strings.Contains(h, "SYRGOV") {
			t.Errorf("%s: heading %q, want %q and the pair", when, h, heading)
		}
		if p := b.attr(btn, "aria-pressed"); p != "true" {
			t.Errorf("%s: the edge's button is aria-pressed=%q", when, p)
		}
		if c := eval[string](b, `String(window.marsadGraph.chosen ?? "")`); c != key {
			t.Errorf("%s: the graph's chosen edge is %q", when, c)
		}
		if h := eval[string](b, `decodeURIComponent(location.hash)`); !strings.Contains(h, "edge="+key) {
			t.Errorf("%s: the URL %q does not keep the edge", when, h)
		}
	}
	check("selected", "أحداث الرابط")
	b.setLang("en")
	check("in English", "Events of the edge")
	b.shot("3-network-edge-en")
	b.setLang("ar")
	check("back in Arabic", "أحداث الرابط")
	b.do("filters", chromedp.SetValue(`#f-actor`, "LBYMIL"), chromedp.Click(`form.filters button[type="submit"]`))
	b.wait("the filter in the URL", `location.hash.includes('actor=LBYMIL')`, 5*time.Second)
	b.do("filtered", chromedp.WaitVisible(`#app[data-ready="network"]`))
	check("filtered", "أحداث الرابط")
	b.do("reload", chromedp.Reload(), chromedp.WaitVisible(`#app[data-ready="network"]`))
	check("reloaded", "أحداث الرابط")
	b.shot("3-network-edge-ar")
}

// heldStore is the demo store whose Actors (which no page of the UI asks
// for) waits until released, so that
// a test can hold the server's one query slot for as long as it likes.
type heldStore struct {
	store.Store
	entered chan struct{}
	release chan struct{}
}

func (s *heldStore) Actors(ctx context.Context, f query.Filter) ([]query.Actor, error) {
	s.entered <- struct{}{}
	<-s.release
	return s.Store.Actors(ctx, f)
}

// statusLog records the status of each API answer.
type statusLog struct {
	mu  sync.Mutex
	got []string // "path status"
}

func (l *statusLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rw, r)
		l.mu.Lock()
		l.got = append(l.got, fmt.Sprintf("%s %d", r.URL.Path, rw.status))
		l.mu.Unlock()
	})
}

// count is how many answers to path had status.
func (l *statusLog) count(path string, status int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, g := range l.got {
		if g == fmt.Sprintf("%s %d", path, status) {
			n++
		}
	}
	return n
}

func (l *statusLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.got...)
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// TestBrowserBusy runs the UI against a server with one query slot, held
// by a request of the test, so that the page's queries get the server's
// 503 with Retry-After. A query retried while the slot frees loads, with
// a status line saying the server is busy meanwhile; a query still refused
// after the retries shows a message in the page's language (not the
// server's English) with a button that, once the slot is free, loads the
// page; the events of a network edge do the same in their panel.
func TestBrowserBusy(t *testing.T) {
	demoServer(t)
	st := &heldStore{Store: demoStore, entered: make(chan struct{}), release: make(chan struct{})}
	log := &statusLog{}
	ui := uiServer(t, st, demoStore, server.Options{MaxQueries: 1, QueueWait: 100 * time.Millisecond}, log.wrap)
	b := newBrowser(t, ui.URL, 1280, 900)

	held := false
	done := make(chan error, 1)
	hold := func() {
		t.Helper()
		go func() {
			r, err := http.Get(ui.URL + "/api/actors")
			if err == nil {
				r.Body.Close()
			}
			done <- err
		}()
		<-st.entered
		held = true
	}
	free := func() {
		t.Helper()
		st.release <- struct{}{}
		if err := <-done; err != nil {
			t.Fatalf("the request holding the slot: %v", err)
		}
		held = false
	}
	t.Cleanup(func() {
		if held {
			free()
		}
	})
	busy := `document.querySelector('#status')`
	const busyAr = "الخادم مشغول"

	// a query retried while the slot frees
	hold()
	b.do("network while busy", chromedp.Navigate(ui.URL+"/#/network"))
	b.wait("the busy status line", busy+`?.hidden === false && `+busy+`.textContent.includes('`+busyAr+`')`, 5*time.Second)
	if n := log.count("/api/network", http.StatusServiceUnavailable); n == 0 {
		t.Errorf("the busy line shows but the server answered no 503")
	}
	b.shot("8-busy-retrying")
	free()
	b.wait("the page after the retry", `['network', 'error'].includes(document.querySelector('#app').dataset.ready)`, 10*time.Second)
	if r := b.attr("#app", "data-ready"); r != "network" {
		t.Fatalf("after the slot was freed the page is %q (%s); answers %v", r, b.text("#app"), log.all())
	}
	if n := eval[int](b, `window.marsadGraph.edges`); n == 0 {
		t.Errorf("no edges drawn after the retry")
	}
	if h := eval[bool](b, busy+`.hidden`); !h {
		t.Errorf("the busy line stays after the page loaded")
	}
	if n := log.count("/api/network", http.StatusOK); n != 1 {
		t.Errorf("/api/network answered 200 %d times, want 1", n)
	}

	// the events of an edge while busy: a message in their panel, then a retry
	hold()
	const key = "LBYMIL~SYRGOV"
	b.do("edge while busy", chromedp.Click(`#edges li[data-key="`+key+`"] button`))
	b.wait("the edge's busy message", `document.querySelector('#edge-events')?.dataset.ready === 'error'`, 15*time.Second)
	if msg := b.text(`#edge-events [role="alert"]`); !strings.Contains(msg, busyAr) || strings.Contains(msg, "too many queries") {
		t.Errorf("edge panel: message %q, want the Arabic busy message", msg)
	}
	free()
	b.do("edge retry", chromedp.Click(`#edge-events button.retry`))
	b.wait("the edge's events", `document.querySelector('#edge-events')?.dataset.ready === '`+key+`'`, 10*time.Second)
	if n := eval[int](b, `document.querySelectorAll('#edge-events ul.events li').length`); n == 0 {
		t.Errorf("no events for the edge after the retry")
	}

	// a query refused through all the retries
	hold()
	before := log.count("/api/timeline", http.StatusServiceUnavailable)
	b.do("timeline while busy", chromedp.Navigate(ui.URL+"/#/timeline?actor=SYR"))
	b.wait("the page's busy message", `document.querySelector('#app')?.dataset.ready === 'error'`, 15*time.Second)
	b.shot("8-busy-gave-up")
	msg := b.text(`#app [role="alert"]`)
	if !strings.Contains(msg, busyAr) || strings.Contains(msg, "too many queries") {
		t.Errorf("page: message %q, want the Arabic busy message", msg)
	}
	if n := log.count("/api/timeline", http.StatusServiceUnavailable) - before; n != 4 {
		t.Errorf("/api/timeline was refused %d times, want 4 (the request and 3 retries)", n)
	}
	if h := eval[bool](b, busy+`.hidden`); !h {
		t.Errorf("the busy line stays after the page gave up")
	}
	free()
	b.do("page retry", chromedp.Click(`#app button.retry`), chromedp.WaitVisible(`#app[data-ready="timeline"]`))
	if n := eval[int](b, `document.querySelectorAll('#timeline rect').length`); n == 0 {
		t.Errorf("no timeline bars after the retry")
	}
}

// TestBrowserPhone opens every page on a phone-sized screen (390×844) in
// Arabic and in English, saves a screenshot of each, and checks that
// nothing is wider than the screen (no sideways scrolling) and that the
// navigation is in the page's language.
func TestBrowserPhone(t *testing.T) {
	demoServer(t)
	ts := uiServer(t, demoStore, nil, server.Options{})
	b := newBrowser(t, ts.URL, 390, 844)
	pages := []struct{ name, hash, ready string }{
		{"search", "#/?q=" + "حفتر", "search"},
		{"article", "#/article/" + demodb.SeedID, "article"},
		{"network", "#/network?edge=LBYMIL~SYRGOV", "network"},
		{"timeline", "#/timeline?actor=SYR", "timeline"},
		{"map", "#/map", "map"},
	}
	nav := map[string]string{"ar": "الشبكة", "en": "Network"}
	b.do("viewport", chromedp.EmulateViewport(390, 844))
	for _, lang := range []string{"ar", "en"} {
		for _, p := range pages {
			b.do(p.name, chromedp.Navigate(ts.URL+"/"+p.hash), chromedp.WaitVisible(`#app[data-ready="`+p.ready+`"]`))
			b.setLang(lang)
			b.do(p.name+" drawn", chromedp.WaitVisible(`#app[data-ready="`+p.ready+`"]`), chromedp.Sleep(200*time.Millisecond))
			b.shot(fmt.Sprintf("9-phone-%s-%s", p.name, lang))
			wide := eval[[]string](b, `[...document.querySelectorAll('body *')].filter((e) => {
				const r = e.getBoundingClientRect();
				return r.width > 0 && (r.left < -1 || r.right > document.documentElement.clientWidth + 1);
			}).slice(0, 5).map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + e.textContent.slice(0, 40))`)
			if sw := eval[int](b, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); sw > 0 || len(wide) > 0 {
				t.Errorf("%s %s: the page is %d px wider than the screen; too wide: %q", p.name, lang, sw, wide)
			}
			if n := b.text("nav"); !strings.Contains(n, nav[lang]) {
				t.Errorf("%s %s: navigation %q", p.name, lang, n)
			}
		}
	}
}

// TestBrowserPhoneEvidence taps the visit in the canonical article on a
// phone and wants its evidence panel on the screen, not below the text.
func TestBrowserPhoneEvidence(t *testing.T) {
	demoServer(t)
	ts := uiServer(t, demoStore, nil, server.Options{})
	b := newBrowser(t, ts.URL, 390, 844)
	visit := `.trig[data-source="LBYMIL"][data-target="SYRGOV"][data-cameo^="04"]`
	b.do("article", chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.URL+"/#/article/"+demodb.SeedID),
		chromedp.WaitVisible(`#app[data-ready="article"]`), chromedp.ScrollIntoView(visit), chromedp.Click(visit),
		chromedp.WaitVisible(`#evidence blockquote`))
	in := eval[bool](b, `(() => { const r = document.querySelector('#evidence').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight - 40; })()`)
	// and the tapped words stay above the panel
	clear := eval[bool](b, `(() => { const w = document.querySelector('`+visit+`').getBoundingClientRect(), p = document.querySelector('#evidence').getBoundingClientRect(); return w.top >= 0 && w.bottom <= p.top; })()`)
	if !clear {
		t.Errorf("the panel covers the tapped words")
	}
	if tip := eval[bool](b, `document.getElementById('tip').hidden`); !tip {
		t.Errorf("the hover tip stays over the panel after the tap")
	}
	buf, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot()) // the screen as the reader sees it
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.dir, "9-phone-evidence.png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
	if !in {
		t.Errorf("the evidence panel of a tapped event is off the screen (top %v, screen %v)",
			eval[float64](b, `document.querySelector('#evidence').getBoundingClientRect().top`), eval[float64](b, `innerHeight`))
	}
}
