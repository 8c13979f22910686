package fetch

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRobots(t *testing.T) {
	tests := []struct {
		name  string
		txt   string
		path  string
		allow bool
	}{
		{"empty file", "", "/x", true},
		{"star group", "User-agent: *\nDisallow: /private\n", "/private/a", false},
		{"star group, other path", "User-agent: *\nDisallow: /private\n", "/public", true},
		{"empty disallow", "User-agent: *\nDisallow:\n", "/x", true},
		{"our group wins over star", "User-agent: *\nDisallow: /\n\nUser-agent: Marsad\nDisallow: /a\n", "/b", true},
		{"our group applies", "User-agent: *\nDisallow: /\n\nUser-agent: marsad\nDisallow: /a\n", "/a/1", false},
		{"product token with version", "User-agent: Marsad/2.0\nDisallow: /a\n", "/a", false},
		{"another crawler's group", "User-agent: Googlebot\nDisallow: /\n", "/x", true},
		{"a prefix of our name is not our name", "User-agent: Mars\nDisallow: /\n", "/x", true},
		{"groups merge", "User-agent: Marsad\nDisallow: /a\n\nUser-agent: Marsad\nDisallow: /b\n", "/b", false},
		{"shared group", "User-agent: Googlebot\nUser-agent: Marsad\nDisallow: /x\n", "/x", false},
		{"rule after rule ends group", "User-agent: Marsad\nDisallow: /a\nUser-agent: Other\nDisallow: /b\n", "/b", true},
		{"longest match wins", "User-agent: *\nDisallow: /news\nAllow: /news/today\n", "/news/today/1", true},
		{"longest match wins the other way", "User-agent: *\nAllow: /news\nDisallow: /news/secret\n", "/news/secret", false},
		{"allow wins a tie", "User-agent: *\nDisallow: /page\nAllow: /page\n", "/page", true},
		{"wildcard", "User-agent: *\nDisallow: /*/print\n", "/2024/05/print", false},
		{"end anchor", "User-agent: *\nDisallow: /*.php$\n", "/index.php", false},
		{"end anchor, more after", "User-agent: *\nDisallow: /*.php$\n", "/index.php?id=1", true},
		{"query", "User-agent: *\nDisallow: /*?print=\n", "/a?print=1", false},
		{"comments and case", "USER-AGENT: * # all\nDISALLOW: /x # no x\n", "/x", false},
		{"CRLF line ends", "User-agent: *\r\nDisallow: /x\r\n", "/x/y", false},
		{"Arabic path in UTF-8", "User-agent: *\nDisallow: /أخبار/\n", "/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1", false},
		{"percent-escapes in lower case", "User-agent: *\nDisallow: /%d8%a3\n", "/%D8%A3x", false},
		{"robots.txt itself", "User-agent: *\nDisallow: /\n", "/robots.txt", true},
		{"sitemap lines do not end a group", "User-agent: *\nSitemap: /s.xml\nDisallow: /x\n", "/x", false},
		{"rules before any user agent", "Disallow: /\nUser-agent: *\nAllow: /\n", "/x", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ParseRobots([]byte(tt.txt), Agent)
			if got := r.Allowed(tt.path); got != tt.allow {
				t.Errorf("Allowed(%q) = %v, want %v\nrobots.txt:\n%s", tt.path, got, tt.allow, tt.txt)
			}
		})
	}
}

// A pattern built to make a backtracking matcher take exponential time
// is answered at once.
func TestMatchPatternNoBlowUp(t *testing.T) {
	pattern := strings.Repeat("*a", 200) + "b$"
	path := "/" + strings.Repeat("a", 5000)
	if matchPattern(pattern, path) {
		t.Error("matched")
	}
}

func TestMatchPattern(t *testing.T) {
	for _, tt := range []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/", true},
		{"/a", "/abc", true},
		{"/a$", "/abc", false},
		{"/a$", "/a", true},
		{"/*c$", "/abc", true},
		{"/*c$", "/abcd", false},
		{"/*b*d", "/abcd", true},
		{"*", "", true},
		{"$", "", true},
		{"/x", "", false},
	} {
		if got := matchPattern(tt.pattern, tt.path); got != tt.want {
			t.Errorf("matchPattern(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"HTTP://Example.COM", "http://example.com/"},
		{"http://example.com:80/a?b=1#frag", "http://example.com/a?b=1"},
		{"https://example.com:443/", "https://example.com/"},
		{"https://example.com:8443/", "https://example.com:8443/"},
		{"http://[::1]:80/", "http://[::1]/"},
		{"  http://example.com/أخبار  ", "http://example.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1"},
		{"http://example.com/a?q=أ b ", "http://example.com/a?q=%D8%A3%20b"},
	} {
		got, err := Normalize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"file:///etc/passwd", "ftp://x/", "gopher://x/", "mailto:a@b", "//example.com/", "http:///path", "http://user:pw@example.com/"} {
		if got, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) = %q, want an error", bad, got)
		}
	}
	if _, err := Normalize("ftp://example.com/"); !errors.Is(err, ErrScheme) {
		t.Errorf("ftp: %v, want ErrScheme", err)
	}
}

func TestParseFeed(t *testing.T) {
	const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار</title>
<item><title>زيارة السيسي إلى دمشق</title><link>/news/1.html</link><pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate></item>
<item><title>بلا رابط</title></item>
<item><title>ملف</title><link>ftp://example.com/x</link></item>
<item><title>الثاني</title><link>https://other.example/2#c</link></item>
</channel></rss>`
	items, err := ParseFeed([]byte(rss), "http://example.com/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 4 {
		t.Fatalf("%d items, want 4", len(items))
	}
	if it := items[0]; it.Link != "http://example.com/news/1.html" || it.Title != "زيارة السيسي إلى دمشق" || it.Published != "2024-03-05T10:00:00Z" || it.Err != nil {
		t.Errorf("item 0 = %+v", it)
	}
	if items[1].Err == nil || items[2].Err == nil || !errors.Is(items[2].Err, ErrScheme) {
		t.Errorf("items 1, 2 errors: %v, %v", items[1].Err, items[2].Err)
	}
	if items[3].Link != "https://other.example/2" {
		t.Errorf("item 3 link %q", items[3].Link)
	}
	const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>أ</title><link href="http://example.com/a"/><updated>2024-01-02T03:04:05Z</updated></entry>
</feed>`
	items, err = ParseFeed([]byte(atom), "http://example.com/atom")
	if err != nil || len(items) != 1 || items[0].Link != "http://example.com/a" || items[0].Published != "2024-01-02T03:04:05Z" {
		t.Errorf("atom: %v %+v", err, items)
	}
	if _, err := ParseFeed([]byte("<html><body>not a feed</body></html>"), "http://example.com/"); err == nil {
		t.Error("an HTML page parsed as a feed")
	}
}
