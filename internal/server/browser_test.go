package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/marsad/marsad/internal/demodb"
	"github.com/marsad/marsad/internal/server"
	"github.com/marsad/marsad/internal/store"
	"github.com/marsad/marsad/internal/store/sqlstore"
	"github.com/marsad/marsad/internal/web"
)

// chromium finds the browser: $CHROMIUM, else chromium on the PATH. In CI
// (CI=true) a missing browser fails the test; elsewhere it skips.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; CI must run the browser tests (apt-get install chromium)")
	}
	t.Skip("chromium not installed")
	return ""
}

// artefacts is where screenshots go: $MARSAD_ARTEFACTS, else a temporary
// directory of the test.
func artefacts(t *testing.T) string {
	if d := os.Getenv("MARSAD_ARTEFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// browser is a headless Chromium tab over a test server, with the helpers
// the browser tests use; a failed step ends the test.
type browser struct {
	t   *testing.T
	ctx context.Context
	url string // of the test server
	dir string // where screenshots go
}

// newBrowser starts Chromium with a fresh profile (so the UI starts in
// Arabic) on a window of w×h CSS pixels, against the server at url; the
// whole test gets 90 s.
func newBrowser(t *testing.T, url string, w, h int) *browser {
	t.Helper()
	exe := chromium(t)
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(w, h),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	return &browser{t: t, ctx: ctx, url: url, dir: artefacts(t)}
}

// uiServer serves the UI and the API over st (articles from arts) on a
// loopback test server, through the wrappers given.
func uiServer(t *testing.T, st store.Store, arts server.ArticleSource, o server.Options, wrap ...func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	ui, err := web.FS()
	if err != nil {
		t.Fatal(err)
	}
	o.UI, o.NotFound = ui, sqlstore.ErrNotFound
	var h http.Handler = server.New(st, arts, o)
	for _, w := range wrap {
		h = w(h)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

func (b *browser) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", step, err)
	}
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(sel))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (b *browser) attr(sel, name string) string {
	b.t.Helper()
	a, err := chromedp.Run(b.ctx, chromedp.AttributeValue(sel, name))
	if err != nil {
		b.t.Fatalf("%s of %s: %v", name, sel, err)
	}
	return a.Value
}

// eval is the value of a JavaScript expression in the page.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// wait waits (up to d) until the JavaScript expression is true.
func (b *browser) wait(what, js string, d time.Duration) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, d)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		b.t.Fatalf("waiting %v for %s (%s): %v", d, what, js, err)
	}
}

// shot saves the whole page as name.png. It captures the html element:
// FullScreenshot shifts a right-to-left page under an emulated viewport.
func (b *browser) shot(name string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.Screenshot("html"))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.dir, name+".png"), buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// setLang switches the UI to lang ("ar" or "en") with the toggle, if it is
// not in it, and waits for the page to be drawn again.
func (b *browser) setLang(lang string) {
	b.t.Helper()
	if b.attr("html", "lang") == lang {
		return
	}
	b.do("toggle to "+lang, chromedp.Click(`#lang`), chromedp.WaitVisible(`#app[data-ready]`))
	if got := b.attr("html", "lang"); got != lang {
		b.t.Fatalf("after the toggle the page is in %q, want %q", got, lang)
	}
}

// TestBrowser drives the UI over the demo database in headless Chromium:
// search «حفتر», open the canonical article and find Haftar's visit to
// Damascus highlighted, find the LBY–SYR edge of the network, switch to
// English. Each page is saved as a screenshot.
func TestBrowser(t *testing.T) {
	demoServer(t) // builds the store
	ts := uiServer(t, demoStore, nil, server.Options{})
	b := newBrowser(t, ts.URL, 1280, 900)
	count := func(js string) int { t.Helper(); return eval[int](b, js) }

	b.do("load", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(`#app[data-ready="search"]`))
	if d := b.attr("html", "dir"); d != "rtl" {
		t.Errorf("default direction %q, want rtl", d)
	}

	b.do("search", chromedp.SetValue(`#q`, "حفتر"), chromedp.Click(`#go`), chromedp.WaitVisible(`a.hit`))
	b.shot("1-search")
	if hits := b.text(`#results`); !strings.Contains(hits, "حفتر") {
		t.Errorf("search results lack «حفتر»: %q", hits)
	}

	visit := `.trig[data-source="LBYMIL"][data-target="SYRGOV"][data-cameo^="04"]`
	b.do("article", chromedp.Click(`a.hit[href="#/article/`+demodb.SeedID+`"]`),
		chromedp.WaitVisible(`#app[data-ready="article"]`), chromedp.WaitVisible(visit))
	trig := b.text(visit)
	b.do("evidence", chromedp.Click(visit), chromedp.WaitVisible(`#evidence blockquote`))
	panel := b.text(`#evidence`)
	b.shot("2-article")
	if !strings.Contains(trig, "زيارة") && !strings.Contains(trig, "زار") {
		t.Errorf("highlighted trigger %q is not the visit", trig)
	}
	if !strings.Contains(panel, "042") || !strings.Contains(panel, "LBYMIL") || !strings.Contains(panel, "SYRGOV") {
		t.Errorf("evidence panel lacks the code or actors: %q", panel)
	}
	// the codes are isolated left to right inside the Arabic line
	if n := count(`[...document.querySelectorAll('#evidence bdi[dir="ltr"]')].filter((b) => b.textContent.startsWith('042 (04) · QuadClass 1')).length`); n != 1 {
		t.Errorf("evidence panel: %d left-to-right code runs, want 1", n)
	}

	edge := `#edges li[data-source^="LBY"][data-target^="SYR"] button`
	b.do("network", chromedp.Navigate(ts.URL+"/#/network"), chromedp.WaitVisible(`#app[data-ready="network"]`),
		chromedp.WaitVisible(edge), chromedp.Click(edge), chromedp.WaitVisible(`#edge-events ul li`), chromedp.Sleep(300*time.Millisecond))
	edges := count(`window.marsadGraph.edges`)
	edgeEvents := b.text(`#edge-events`)
	b.shot("3-network")
	if edges == 0 || !strings.Contains(edgeEvents, "LBY") {
		t.Errorf("network: %d edges drawn; edge events %q", edges, edgeEvents)
	}

	b.setLang("en")
	b.do("english", chromedp.WaitVisible(`#app[data-ready="network"]`), chromedp.Sleep(300*time.Millisecond))
	lang, d, nav := b.attr("html", "lang"), b.attr("html", "dir"), b.text(`nav`)
	b.shot("4-english")
	if lang != "en" || d != "ltr" || !strings.Contains(nav, "Network") {
		t.Errorf("after the toggle: lang %q dir %q nav %q", lang, d, nav)
	}

	b.do("timeline", chromedp.Navigate(ts.URL+"/#/timeline?actor=SYR"), chromedp.WaitVisible(`#app[data-ready="timeline"]`))
	bars := count(`document.querySelectorAll('#timeline rect').length`)
	b.shot("5-timeline")
	b.do("map", chromedp.Navigate(ts.URL+"/#/map"), chromedp.WaitVisible(`#app[data-ready="map"]`))
	dots := count(`document.querySelectorAll('#map circle.place').length`)
	b.shot("6-map")
	if bars == 0 || dots == 0 {
		t.Errorf("timeline bars %d, map places %d", bars, dots)
	}
	violations, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`window.marsadCSPViolations`))
	if err != nil || len(violations) > 0 {
		t.Errorf("Content-Security-Policy violations %v (%v)", violations, err)
	}
	// an article whose text is markup: shown as text, nothing runs
	xss := `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> زار الرئيس المصري دمشق أمس.`
	xts := uiServer(t, oneArticleStore(t, "xss", xss), nil, server.Options{})
	b.do("markup", chromedp.Navigate(xts.URL+"/#/article/xss"), chromedp.WaitVisible(`#app[data-ready="article"]`))
	if got := b.text(`#article-text`); !strings.Contains(got, `<script>window.pwned=2</script>`) {
		t.Errorf("markup in the text is not shown as text: %q", got)
	}
	if n := count(`typeof window.pwned === 'undefined' ? 0 : window.pwned`); n != 0 {
		t.Errorf("markup in an article ran (window.pwned = %d)", n)
	}
	b.do("phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.URL+"/#/article/"+demodb.SeedID), chromedp.WaitVisible(visit))
	b.shot("7-phone-article")
	t.Logf("screenshots in %s", b.dir)
}
