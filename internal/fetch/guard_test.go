package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
)

// testDialer connects only to loopback addresses that a test served, and
// records every address it was asked for: whatever the guard decides, no
// packet leaves the machine.
type testDialer struct {
	t      *testing.T
	mu     sync.Mutex
	dialed []string
}

func (d *testDialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	d.dialed = append(d.dialed, addr)
	d.mu.Unlock()
	ap, err := netip.ParseAddrPort(addr)
	if err != nil || !ap.Addr().IsLoopback() {
		d.t.Errorf("the guard let %s through to the dialer", addr)
		return nil, fmt.Errorf("test dialer: %s is not loopback, not dialled", addr)
	}
	var nd net.Dialer
	return nd.DialContext(ctx, network, addr)
}

func (d *testDialer) addrs() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.dialed...)
}

// guardedFetcher returns a Fetcher with the guard on, whose connections go
// through a testDialer; names resolve through hosts (a name missing there
// does not resolve), and the addresses in allow count as public, so that a
// loopback test server can stand in for a public host.
func guardedFetcher(t *testing.T, hosts map[string][]string, allow ...string) (*Fetcher, *testDialer) {
	t.Helper()
	f := New(Options{PerHostDelay: -1})
	d := &testDialer{t: t}
	f.guard.dial = d.dial
	f.guard.resolve = func(_ context.Context, host string) ([]netip.Addr, error) {
		var out []netip.Addr
		for _, s := range hosts[host] {
			out = append(out, netip.MustParseAddr(s))
		}
		if len(out) == 0 {
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}
		return out, nil
	}
	public := map[netip.Addr]bool{}
	for _, a := range allow {
		public[netip.MustParseAddr(a)] = true
	}
	f.guard.classify = func(a netip.Addr) string {
		if public[a.Unmap()] {
			return ""
		}
		return Classify(a)
	}
	return f, d
}

func TestClassify(t *testing.T) {
	tests := []struct {
		addr string
		kind string // "" for public
	}{
		{"127.0.0.1", "loopback"},
		{"127.8.9.10", "loopback"},
		{"::1", "loopback"},
		{"::ffff:127.0.0.1", "loopback"},
		{"10.0.0.1", "private"},
		{"172.16.5.4", "private"},
		{"192.168.1.1", "private"},
		{"fd00::1", "private"},
		{"169.254.169.254", "link-local"},
		{"fe80::1", "link-local"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"0.1.2.3", "\"this network\""},
		{"224.0.0.1", "multicast"},
		{"ff02::1", "multicast"},
		{"100.64.0.1", "carrier-grade NAT (CGNAT)"},
		{"100.127.255.254", "carrier-grade NAT (CGNAT)"},
		{"255.255.255.255", "reserved"},
		{"198.18.0.1", "a benchmarking address"},
		{"64:ff9b::a00:1", "private (inside 64:ff9b::a00:1)"},
		{"2002:7f00:1::1", "loopback (inside 2002:7f00:1::1)"},
		{"8.8.8.8", ""},
		{"100.128.0.1", ""},
		{"2a00:1450:4001:80b::200e", ""},
		{"64:ff9b::808:808", ""},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := Classify(netip.MustParseAddr(tt.addr)); got != tt.kind {
				t.Errorf("Classify(%s) = %q, want %q", tt.addr, got, tt.kind)
			}
		})
	}
}

// Without AllowPrivate, URLs naming non-public addresses are refused, and
// nothing is dialled.
func TestGuardRefusesPrivateAddresses(t *testing.T) {
	f, d := guardedFetcher(t, map[string][]string{
		"intranet.test": {"10.20.30.40"},
		"metadata.test": {"169.254.169.254"},
		"local.test":    {"127.0.0.1", "::1"},
	})
	for _, u := range []string{
		"http://127.0.0.1/",
		"http://127.0.0.1:8080/page.html",
		"http://[::1]/",
		"http://[::ffff:127.0.0.1]/",
		"http://10.0.0.1/",
		"https://10.255.1.2/news",
		"http://169.254.169.254/latest/meta-data/",
		"http://[fe80::1%25eth0]/",
		"http://100.64.1.1/",
		"http://0.0.0.0/",
		"http://224.0.0.251/",
		"http://intranet.test/",
		"http://metadata.test/latest/meta-data/",
		"http://local.test:8080/",
	} {
		t.Run(u, func(t *testing.T) {
			_, err := f.Get(context.Background(), u)
			if !errors.Is(err, ErrForbidden) {
				t.Fatalf("Get(%s) = %v, want ErrForbidden", u, err)
			}
			if !strings.Contains(err.Error(), strings.TrimSuffix(strings.SplitN(u, "/", 4)[2], ":8080")) {
				t.Errorf("error %q does not name the URL's host", err)
			}
		})
	}
	if got := d.addrs(); len(got) != 0 {
		t.Errorf("dialled %v; want nothing", got)
	}
}

// The check is made on the address being connected to, every time: a name
// that resolved to an allowed address for robots.txt and to a private one
// for the page (DNS rebinding) is refused.
func TestGuardDNSRebinding(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	}))
	defer srv.Close()
	srv.Config.SetKeepAlivesEnabled(false)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	f, d := guardedFetcher(t, nil, "127.0.0.1")
	var mu sync.Mutex
	calls := 0
	f.guard.resolve = func(context.Context, string) ([]netip.Addr, error) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if calls == 1 {
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		}
		return []netip.Addr{netip.MustParseAddr("10.9.8.7")}, nil
	}
	_, err := f.Get(context.Background(), "http://rebind.test:"+port+"/page")
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("Get = %v, want ErrForbidden after the name turned private", err)
	}
	if calls != 2 {
		t.Errorf("%d lookups, want 2 (robots.txt, then the page)", calls)
	}
	for _, a := range d.addrs() {
		if !strings.HasPrefix(a, "127.0.0.1:") {
			t.Errorf("dialled %s", a)
		}
	}
}

// A redirect from an allowed host to a private one is refused, whether the
// target is an address literal or a name that resolves to one.
func TestGuardRefusesRedirectToPrivate(t *testing.T) {
	var srvURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-10":
			http.Redirect(w, r, "http://10.0.0.1/admin", http.StatusFound)
		case "/to-metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusMovedPermanently)
		case "/to-v6-loopback":
			http.Redirect(w, r, "http://[::1]:"+strings.Split(srvURL, ":")[2]+"/", http.StatusFound)
		case "/to-name":
			http.Redirect(w, r, "http://intranet.test/", http.StatusTemporaryRedirect)
		case "/to-file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		case "/to-ok":
			http.Redirect(w, r, "/ok", http.StatusFound)
		default:
			fmt.Fprintln(w, "ok")
		}
	}))
	defer srv.Close()
	srvURL = srv.URL
	f, d := guardedFetcher(t, map[string][]string{"intranet.test": {"192.168.0.10"}}, "127.0.0.1")
	if p, err := f.Get(context.Background(), srv.URL+"/to-ok"); err != nil || p.FinalURL != srv.URL+"/ok" {
		t.Fatalf("allowed redirect: %v, %+v", err, p)
	}
	for _, path := range []string{"/to-10", "/to-metadata", "/to-v6-loopback", "/to-name"} {
		t.Run(path, func(t *testing.T) {
			_, err := f.Get(context.Background(), srv.URL+path)
			if !errors.Is(err, ErrForbidden) {
				t.Fatalf("Get(%s) = %v, want ErrForbidden", path, err)
			}
			if !strings.Contains(err.Error(), "redirect to") {
				t.Errorf("error %q does not say the redirect failed", err)
			}
		})
	}
	if _, err := f.Get(context.Background(), srv.URL+"/to-file"); !errors.Is(err, ErrScheme) {
		t.Errorf("redirect to file://: %v, want ErrScheme", err)
	}
	for _, a := range d.addrs() {
		if !strings.HasPrefix(a, "127.0.0.1:") {
			t.Errorf("dialled %s", a)
		}
	}
}

// The dialer's Control function, the last line of defence, refuses the
// same addresses right before connecting.
func TestGuardControl(t *testing.T) {
	g := newGuard(false)
	for _, addr := range []string{"127.0.0.1:80", "[::1]:443", "10.1.1.1:80", "169.254.169.254:80", "[::ffff:10.0.0.1]:80"} {
		if err := g.control("tcp", addr, nil); !errors.Is(err, ErrForbidden) {
			t.Errorf("control(%s) = %v, want ErrForbidden", addr, err)
		}
	}
	if err := g.control("tcp", "93.184.215.14:443", nil); err != nil {
		t.Errorf("control(public) = %v", err)
	}
	if err := newGuard(true).control("tcp", "127.0.0.1:80", nil); err != nil {
		t.Errorf("control with AllowPrivate = %v", err)
	}
}

func TestSchemesRefused(t *testing.T) {
	f, d := guardedFetcher(t, nil)
	for _, u := range []string{
		"file:///etc/passwd",
		"ftp://example.com/x",
		"gopher://example.com/",
		"data:text/html,<p>x</p>",
		"javascript:alert(1)",
		"example.com/page",
	} {
		if _, err := f.Get(context.Background(), u); !errors.Is(err, ErrScheme) {
			t.Errorf("Get(%s) = %v, want ErrScheme", u, err)
		} else if !strings.Contains(err.Error(), u) {
			t.Errorf("error %q does not name %s", err, u)
		}
	}
	if got := d.addrs(); len(got) != 0 {
		t.Errorf("dialled %v", got)
	}
}
