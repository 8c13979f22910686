package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ErrScheme is the reason for a URL refused because its scheme is not
// http or https (file://, ftp://, gopher://, data:, …).
var ErrScheme = errors.New("only http and https URLs are fetched")

// IsURL reports whether an input names a URL to fetch: it starts with
// "http://" or "https://" (in any case). Anything else is a path.
func IsURL(s string) bool {
	return hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://")
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// Normalize checks a URL and returns it in the form Marsad fetches and
// names it: the scheme and host in lower case, the default port (80 for
// http, 443 for https) and the fragment dropped, an empty path written "/".
// The path and query are kept as given (escaped where they must be).
//
// It refuses a URL whose scheme is not http or https (ErrScheme), one with
// no host, and one that carries a user name or password. Normalize is
// idempotent: Normalize of its result returns the result.
func Normalize(raw string) (string, error) {
	u, err := parse(raw)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// parse is Normalize returning the *url.URL.
func parse(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, err
	}
	return normalize(u)
}

// normalize checks and normalises u in place (see Normalize).
func normalize(u *url.URL) (*url.URL, error) {
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		if u.Scheme == "" {
			return nil, fmt.Errorf("no scheme: %w", ErrScheme)
		}
		return nil, fmt.Errorf("scheme %q: %w", u.Scheme, ErrScheme)
	}
	if u.User != nil {
		return nil, errors.New("a URL with a user name or password is not fetched")
	}
	if u.Opaque != "" {
		return nil, errors.New("not a hierarchical URL")
	}
	host, port := u.Hostname(), u.Port()
	if host == "" {
		return nil, errors.New("URL has no host")
	}
	host = strings.ToLower(host)
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	switch {
	case port != "":
		u.Host = net.JoinHostPort(host, port)
	case strings.Contains(host, ":"):
		u.Host = "[" + host + "]" // an IPv6 literal
	default:
		u.Host = host
	}
	if u.Port() == "" && strings.HasSuffix(u.Host, ":") {
		u.Host = strings.TrimSuffix(u.Host, ":")
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	u.ForceQuery = false
	u.RawQuery = escapeQuery(u.RawQuery)
	return u, nil
}

// escapeQuery percent-encodes the bytes of a raw query that may not stand
// in a URL as they are (white space, control bytes, non-ASCII), which
// url.Parse lets through; the rest is kept as written.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	ok := func(c byte) bool { return c > ' ' && c < 0x7f }
	i := 0
	for i < len(q) && ok(q[i]) {
		i++
	}
	if i == len(q) {
		return q
	}
	var b strings.Builder
	b.WriteString(q[:i])
	for ; i < len(q); i++ {
		if c := q[i]; ok(c) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
