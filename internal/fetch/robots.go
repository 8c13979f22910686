package fetch

import (
	"bytes"
	"strings"
)

// Robots is a parsed robots.txt (RFC 9309), reduced to the rules of one
// crawler: the groups naming its product token, or the "*" groups when none
// does. The zero value allows everything.
type Robots struct {
	rules []rule // allow and disallow rules, in file order
}

// rule is one Allow or Disallow line.
type rule struct {
	allow   bool
	pattern string // normalised path pattern: "*" any run of bytes, a final "$" the end
}

// maxRobotsBytes is how much of a robots.txt is read (RFC 9309 asks for at
// least 500 KiB); the rest is ignored.
const maxRobotsBytes = 512 << 10

// ParseRobots reads a robots.txt for the crawler whose product token is
// agent ("Marsad"). Groups start with one or more User-agent lines; a
// group applies when one of its user agents is agent (case-insensitively;
// "Marsad/1.0" names Marsad too), and the rules of every such group are
// merged; with none, the "*" groups apply; with neither, everything is
// allowed. Lines it does not understand (Sitemap, Crawl-delay, typos) are
// ignored, as are comments after "#". It never fails.
func ParseRobots(data []byte, agent string) *Robots {
	if len(data) > maxRobotsBytes {
		data = data[:maxRobotsBytes]
	}
	agent = strings.ToLower(agent)
	var mine, star []rule
	var foundMine, foundStar bool
	// the current group: its user agents, and whether rules have started
	// (a User-agent line after a rule starts a new group)
	var forMe, forStar, inRules bool
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		k := strings.ToLower(string(bytes.TrimSpace(key)))
		v := string(bytes.TrimSpace(val))
		switch k {
		case "user-agent", "useragent", "user agent":
			if inRules {
				forMe, forStar, inRules = false, false, false
			}
			ua := strings.ToLower(v)
			if i := strings.IndexAny(ua, "/ \t"); i >= 0 {
				ua = ua[:i] // "Marsad/1.0" is the product token Marsad
			}
			switch {
			case ua == "*":
				forStar, foundStar = true, true
			case ua != "" && ua == agent:
				forMe, foundMine = true, true
			}
		case "allow", "disallow":
			inRules = true
			if v == "" {
				continue // "Disallow:" with nothing after it disallows nothing
			}
			r := rule{allow: k == "allow", pattern: NormalizePattern(v)}
			if forMe {
				mine = append(mine, r)
			}
			if forStar {
				star = append(star, r)
			}
		}
	}
	switch {
	case foundMine:
		return &Robots{rules: mine}
	case foundStar:
		return &Robots{rules: star}
	}
	return &Robots{}
}

// disallowAll is what applies to a host whose robots.txt could not be read
// because the server failed (RFC 9309 §2.3.1.4: unreachable means complete
// disallow).
var disallowAll = &Robots{rules: []rule{{allow: false, pattern: "/"}}}

// Allowed reports whether path (a URL's escaped path with its "?query")
// may be fetched: the rule with the longest pattern matching it decides,
// Allow winning a tie; with no matching rule it may. "/robots.txt" is always
// allowed.
func (r *Robots) Allowed(path string) bool {
	if r == nil || len(r.rules) == 0 {
		return true
	}
	if path == "" {
		path = "/"
	}
	path = NormalizePattern(path)
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, ru := range r.rules {
		if !matchPattern(ru.pattern, path) {
			continue
		}
		n := len(ru.pattern)
		if n > best || (n == best && ru.allow) {
			best, allow = n, ru.allow
		}
	}
	return allow
}

// NormalizePattern puts a robots.txt path pattern, or a URL path, into the
// form in which the two are compared: every byte outside printable ASCII
// (an Arabic path written out in UTF-8) percent-encoded, and every
// percent-escape in upper case ("%d8%a7" and "ا" are both "%D8%A7").
// "*" and "$" are kept. It is idempotent.
func NormalizePattern(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte('%')
			b.WriteByte(upperHex(s[i+1]))
			b.WriteByte(upperHex(s[i+2]))
			i += 2
		case c <= ' ' || c >= 0x7f:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func upperHex(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// matchPattern reports whether pattern matches the start of path: "*"
// matches any run of bytes and a "$" at the end of the pattern anchors it
// to the end of path. It runs in O(len(pattern)·len(path)) at worst (one
// backtracking point, the last "*"), never exponentially.
func matchPattern(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	p, s := 0, 0
	star, mark := -1, 0 // position of the last "*" in pattern, and of path when it was met
	for {
		if p == len(pattern) {
			if !anchored || s == len(path) {
				return true
			}
			// anchored and path is left: let the last "*" take more
		} else if pattern[p] == '*' {
			star, mark = p, s
			p++
			continue
		} else if s < len(path) && pattern[p] == path[s] {
			p++
			s++
			continue
		}
		if star < 0 || mark >= len(path) {
			return false
		}
		mark++
		p, s = star+1, mark
	}
}
