package server_test

import (
	"context"
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

// TestBrowser drives the UI over the demo database in headless Chromium:
// search «حفتر», open the canonical article and find Haftar's visit to
// Damascus highlighted, find the LBY–SYR edge of the network, switch to
// English. Each page is saved as a screenshot.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	dir := artefacts(t)
	ui, err := web.FS()
	if err != nil {
		t.Fatal(err)
	}
	demoServer(t) // builds the store
	h := server.New(demoStore, nil, server.Options{UI: ui, NotFound: sqlstore.ErrNotFound})
	ts := httptest.NewServer(h)
	defer ts.Close()

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	attr := func(sel, name string) string {
		t.Helper()
		a, err := chromedp.Run(ctx, chromedp.AttributeValue(sel, name))
		if err != nil {
			t.Fatalf("%s of %s: %v", name, sel, err)
		}
		return a.Value
	}
	count := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	do("load", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(`#app[data-ready="search"]`))
	if d := attr("html", "dir"); d != "rtl" {
		t.Errorf("default direction %q, want rtl", d)
	}

	do("search", chromedp.SetValue(`#q`, "حفتر"), chromedp.Click(`#go`), chromedp.WaitVisible(`a.hit`))
	shot("1-search")
	if hits := text(`#results`); !strings.Contains(hits, "حفتر") {
		t.Errorf("search results lack «حفتر»: %q", hits)
	}

	visit := `.trig[data-source="LBYMIL"][data-target="SYRGOV"][data-cameo^="04"]`
	do("article", chromedp.Click(`a.hit[href="#/article/`+demodb.SeedID+`"]`),
		chromedp.WaitVisible(`#app[data-ready="article"]`), chromedp.WaitVisible(visit))
	trig := text(visit)
	do("evidence", chromedp.Click(visit), chromedp.WaitVisible(`#evidence blockquote`))
	panel := text(`#evidence`)
	shot("2-article")
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
	do("network", chromedp.Navigate(ts.URL+"/#/network"), chromedp.WaitVisible(`#app[data-ready="network"]`),
		chromedp.WaitVisible(edge), chromedp.Click(edge), chromedp.WaitVisible(`#edge-events ul li`), chromedp.Sleep(300*time.Millisecond))
	edges := count(`window.marsadGraph.edges`)
	edgeEvents := text(`#edge-events`)
	shot("3-network")
	if edges == 0 || !strings.Contains(edgeEvents, "LBY") {
		t.Errorf("network: %d edges drawn; edge events %q", edges, edgeEvents)
	}

	do("english", chromedp.Click(`#lang`), chromedp.WaitVisible(`#app[data-ready="network"]`), chromedp.Sleep(300*time.Millisecond))
	lang, d, nav := attr("html", "lang"), attr("html", "dir"), text(`nav`)
	shot("4-english")
	if lang != "en" || d != "ltr" || !strings.Contains(nav, "Network") {
		t.Errorf("after the toggle: lang %q dir %q nav %q", lang, d, nav)
	}

	do("timeline", chromedp.Navigate(ts.URL+"/#/timeline?actor=SYR"), chromedp.WaitVisible(`#app[data-ready="timeline"]`))
	bars := count(`document.querySelectorAll('#timeline rect').length`)
	shot("5-timeline")
	do("map", chromedp.Navigate(ts.URL+"/#/map"), chromedp.WaitVisible(`#app[data-ready="map"]`))
	dots := count(`document.querySelectorAll('#map circle.place').length`)
	shot("6-map")
	if bars == 0 || dots == 0 {
		t.Errorf("timeline bars %d, map places %d", bars, dots)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.marsadCSPViolations`))
	if err != nil || len(violations) > 0 {
		t.Errorf("Content-Security-Policy violations %v (%v)", violations, err)
	}
	// an article whose text is markup: shown as text, nothing runs
	xss := `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> زار الرئيس المصري دمشق أمس.`
	xts := httptest.NewServer(server.New(oneArticleStore(t, "xss", xss), nil, server.Options{UI: ui, NotFound: sqlstore.ErrNotFound}))
	defer xts.Close()
	do("markup", chromedp.Navigate(xts.URL+"/#/article/xss"), chromedp.WaitVisible(`#app[data-ready="article"]`))
	if got := text(`#article-text`); !strings.Contains(got, `<script>window.pwned=2</script>`) {
		t.Errorf("markup in the text is not shown as text: %q", got)
	}
	if n := count(`typeof window.pwned === 'undefined' ? 0 : window.pwned`); n != 0 {
		t.Errorf("markup in an article ran (window.pwned = %d)", n)
	}
	do("phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.URL+"/#/article/"+demodb.SeedID), chromedp.WaitVisible(visit))
	shot("7-phone-article")
	t.Logf("screenshots in %s", dir)
}
