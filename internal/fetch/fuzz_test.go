package fetch

import (
	"strings"
	"testing"
)

// FuzzParseRobots checks properties of the robots.txt parser on any file
// and path: no panic, the same answer twice, /robots.txt always allowed,
// and NormalizePattern idempotent.
func FuzzParseRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /private\nAllow: /private/open\n"), "/private/x")
	f.Add([]byte("User-agent: Marsad\nDisallow: /*.pdf$\n"), "/a.pdf")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		r := ParseRobots(data, Agent)
		a := r.Allowed(path)
		if r.Allowed(path) != a {
			t.Fatalf("Allowed(%q) changed its answer", path)
		}
		if !r.Allowed("/robots.txt") {
			t.Fatal("/robots.txt disallowed")
		}
		n := NormalizePattern(path)
		if NormalizePattern(n) != n {
			t.Fatalf("NormalizePattern not idempotent: %q → %q → %q", path, n, NormalizePattern(n))
		}
		if r.Allowed(n) != a {
			t.Fatalf("Allowed(%q) = %v but Allowed(%q) = %v", path, a, n, !a)
		}
		for _, ru := range r.rules {
			if strings.ContainsAny(ru.pattern, " \t\r\n") {
				t.Fatalf("pattern %q holds white space", ru.pattern)
			}
		}
	})
}

// FuzzNormalize checks that a URL Normalize accepts is http or https,
// has no fragment, and normalises to itself.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"http://example.com", "HTTPS://EXAMPLE.com:443/a?b#c", "http://[::1]:80/", "file:///etc/passwd", "http://example.com/أخبار"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := Normalize(s)
		if err != nil {
			return
		}
		if !IsURL(out) {
			t.Fatalf("Normalize(%q) = %q, not http or https", s, out)
		}
		if strings.Contains(out, "#") {
			t.Fatalf("Normalize(%q) = %q keeps a fragment", s, out)
		}
		again, err := Normalize(out)
		if err != nil || again != out {
			t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q, %v", s, out, out, again, err)
		}
	})
}

// FuzzParseFeed checks that any bytes give items or an error, never a
// panic, and that every usable link is a normalised http or https URL.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><item><title>t</title><link>/a</link></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="http://x/y"/></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := ParseFeed(data, "http://example.com/feed")
		if err != nil {
			return
		}
		for _, it := range items {
			if it.Err != nil {
				continue
			}
			if n, err := Normalize(it.Link); err != nil || n != it.Link {
				t.Fatalf("item link %q: Normalize gives %q, %v", it.Link, n, err)
			}
		}
	})
}
