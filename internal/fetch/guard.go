package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrForbidden is the reason for a request refused by the address guard: the
// URL's host is, or resolves to, an address that is not on the public
// Internet (loopback, private, link-local, CGNAT, unspecified, multicast,
// reserved). Options.AllowPrivate turns the guard off.
var ErrForbidden = errors.New("address not allowed (not a public address; --allow-private allows it)")

// AddressError reports an address the guard refused.
type AddressError struct {
	Host string     // the host name or literal as dialled
	Addr netip.Addr // the address it resolved to
	Kind string     // what the address is: "loopback", "private", "link-local", …
}

// Error returns "HOST: ADDR is KIND: address not allowed (…)".
func (e *AddressError) Error() string {
	if e.Host == "" || e.Host == e.Addr.String() {
		return fmt.Sprintf("%s is %s: %v", e.Addr, e.Kind, ErrForbidden)
	}
	return fmt.Sprintf("%s: %s is %s: %v", e.Host, e.Addr, e.Kind, ErrForbidden)
}

// Unwrap returns ErrForbidden, for errors.Is.
func (e *AddressError) Unwrap() error { return ErrForbidden }

// refused lists the ranges the guard refuses besides those netip.Addr's own
// predicates name (loopback, private, link-local, multicast, unspecified),
// each with what it is.
var refused = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("100.64.0.0/10"), "carrier-grade NAT (CGNAT)"}, // RFC 6598
	{netip.MustParsePrefix("0.0.0.0/8"), "\"this network\""},              // RFC 791
	{netip.MustParsePrefix("192.0.0.0/24"), "an IETF protocol address"},   // RFC 6890
	{netip.MustParsePrefix("192.0.2.0/24"), "a documentation address"},    // RFC 5737
	{netip.MustParsePrefix("198.51.100.0/24"), "a documentation address"}, // RFC 5737
	{netip.MustParsePrefix("203.0.113.0/24"), "a documentation address"},  // RFC 5737
	{netip.MustParsePrefix("198.18.0.0/15"), "a benchmarking address"},    // RFC 2544
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},                    // RFC 1112, with 255.255.255.255
	{netip.MustParsePrefix("fec0::/10"), "site-local"},                    // RFC 3879
	{netip.MustParsePrefix("100::/64"), "discard-only"},                   // RFC 6666
	{netip.MustParsePrefix("2001:db8::/32"), "a documentation address"},   // RFC 3849
	{netip.MustParsePrefix("2001::/23"), "an IETF protocol address"},      // RFC 2928: Teredo, ORCHID, benchmarking
	{netip.MustParsePrefix("::/96"), "an IPv4-compatible address"},        // deprecated, RFC 4291
}

// Embedded IPv4 addresses: a NAT64 or 6to4 address reaches the IPv4
// address inside it, which is checked in its place.
var (
	nat64      = netip.MustParsePrefix("64:ff9b::/96")   // RFC 6052
	nat64Local = netip.MustParsePrefix("64:ff9b:1::/48") // RFC 8215
	sixToFour  = netip.MustParsePrefix("2002::/16")      // RFC 3056
)

// Classify returns what addr is when it is not a public unicast address
// ("loopback", "private", "link-local", …), or "" for a public one. An
// IPv4-mapped IPv6 address (::ffff:10.0.0.1) is its IPv4 address; a NAT64 or
// 6to4 address is judged by the IPv4 address it carries.
func Classify(addr netip.Addr) string {
	addr = addr.Unmap()
	switch {
	case !addr.IsValid():
		return "not an address"
	case addr.IsLoopback():
		return "loopback"
	case addr.IsPrivate():
		return "private"
	case addr.IsLinkLocalUnicast():
		return "link-local"
	case addr.IsUnspecified():
		return "unspecified"
	case addr.IsMulticast(), addr.IsLinkLocalMulticast(), addr.IsInterfaceLocalMulticast():
		return "multicast"
	}
	for _, r := range refused {
		if r.prefix.Contains(addr) {
			return r.kind
		}
	}
	if addr.Is6() {
		b := addr.As16()
		var inner netip.Addr
		switch {
		case nat64.Contains(addr):
			inner = netip.AddrFrom4([4]byte(b[12:16]))
		case nat64Local.Contains(addr):
			return "local-use NAT64"
		case sixToFour.Contains(addr):
			inner = netip.AddrFrom4([4]byte(b[2:6]))
		}
		if inner.IsValid() {
			if k := Classify(inner); k != "" {
				return k + " (inside " + addr.String() + ")"
			}
		}
	}
	return ""
}

// guard holds the address policy and the functions a connection goes
// through: resolve (DNS), then check every address, then dial one that
// passed. Tests replace resolve and dial so that no packet leaves the
// machine for a refused address even when the check is wrong.
type guard struct {
	allowPrivate bool
	classify     func(netip.Addr) string                                           // Classify, or a test's policy
	resolve      func(ctx context.Context, host string) ([]netip.Addr, error)      // DNS lookup
	dial         func(ctx context.Context, network, addr string) (net.Conn, error) // connect to an IP:port
}

// newGuard returns the guard of opts: the system resolver, and a
// net.Dialer whose Control function checks the address once more right
// before connect(2), so that nothing but a checked address is ever dialled.
func newGuard(allowPrivate bool) *guard {
	g := &guard{allowPrivate: allowPrivate, classify: Classify}
	g.resolve = func(ctx context.Context, host string) ([]netip.Addr, error) {
		return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	}
	d := &net.Dialer{Control: g.control}
	g.dial = d.DialContext
	return g
}

// check returns an *AddressError when addr may not be dialled.
func (g *guard) check(host string, addr netip.Addr) error {
	if g.allowPrivate {
		return nil
	}
	if k := g.classify(addr); k != "" {
		return &AddressError{Host: host, Addr: addr.Unmap(), Kind: k}
	}
	return nil
}

// control is the net.Dialer Control function: address is the resolved
// "IP:port" about to be connected to.
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dialing %s: %w", address, err)
	}
	return g.check("", ap.Addr())
}

// dialContext is the Transport's DialContext: it resolves host itself,
// checks every address it gets (so a name that resolves to a private
// address, first or on a later lookup — DNS rebinding — is refused at the
// moment of connecting), and dials the permitted ones in turn.
func (g *guard) dialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else if addrs, err = g.resolve(ctx, host); err != nil {
		return nil, err
	}
	if len(addrs) == 0 {
		return nil, fmt.Errorf("%s: no address", host)
	}
	var first error
	for _, a := range addrs {
		if err := g.check(host, a); err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		conn, err := g.dial(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		if first == nil || errors.Is(first, ErrForbidden) {
			first = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, first
}

// parseAddr parses an IP address literal as it appears in a URL's host
// (without brackets), zone included.
func parseAddr(host string) (netip.Addr, error) { return netip.ParseAddr(host) }
