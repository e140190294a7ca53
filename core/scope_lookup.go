package cors

import (
	"strings"

	"github.com/originguard/cors/core/adapter"
)

// resolve finds the scope that judges r, or returns nil with the reason why
// no scope applies. Every reading of the host (with its port, as echo's
// host routes compare it, and without, as http.ServeMux does) and of the
// path (as given, percent-decoded, RawPath, lower-cased) must select the
// same scope. It reads at most maxPrefixLength+1 bytes of each path reading
// for the lookups, and does not allocate.
func (t *scopeTable) resolve(r *adapter.Request) (*scope, ReasonCode) {
	path := r.Path
	if path == "" {
		path = "/"
	}
	if ambiguousPath(path) || (r.RawPath != "" && ambiguousPath(r.RawPath)) {
		return nil, ReasonPathAmbiguous
	}
	var full, name string
	if t.hosts.exact != nil {
		var canonical bool
		if full, name, canonical = hostReadings(r.Host); !canonical {
			return nil, ReasonHostAmbiguous
		}
	}
	s, code := t.pathScope(&t.hosts, full, path, r.RawPath)
	if code == 0 && (full != name || t.ports) {
		if named, c := t.pathScope(&t.names, name, path, r.RawPath); c != 0 || named != s {
			return nil, ReasonHostAmbiguous
		}
	}
	if code != 0 {
		return nil, code
	}
	if s == nil {
		if t.def == nil {
			return nil, ReasonNoScope
		}
		s = t.def
	}
	return s, 0
}

// pathScope finds the scope for host (looked up in idx) and every reading
// of path, or reports that the readings disagree.
func (t *scopeTable) pathScope(idx *hostIndex, host, path, rawPath string) (*scope, ReasonCode) {
	// The buffers hold one byte more than the longest prefix (or its
	// escaped form), which checkPathPrefix bounds by maxPrefixLength: that
	// byte tells whether the prefix ends at a segment boundary.
	var given [maxPrefixLength + 1]byte
	limit := min(t.maxPrefix+1, len(given))
	n := copy(given[:min(len(path), limit)], path)
	s := t.find(idx, host, given[:n], len(path), false)
	if strings.IndexByte(path, '%') >= 0 {
		var decoded [maxPrefixLength + 1]byte
		m, length := decodeInto(decoded[:limit], path)
		if t.find(idx, host, decoded[:m], length, false) != s {
			return nil, ReasonPathAmbiguous
		}
	}
	if rawPath != "" && rawPath != path {
		var raw [maxPrefixLength + 1]byte
		m := copy(raw[:min(len(rawPath), limit)], rawPath)
		if t.find(idx, host, raw[:m], len(rawPath), false) != s {
			return nil, ReasonPathAmbiguous
		}
	}
	if t.foldAlways || hasUpper(given[:n]) {
		for i := range n {
			given[i] = lower(given[i])
		}
		if t.find(idx, host, given[:n], len(path), true) != s {
			return nil, ReasonPathAmbiguous
		}
	}
	return s, 0
}

// find returns the most specific scope for host (a key of idx; "" when the
// request's host cannot match a Host) and a path of length bytes whose
// start is p; folded looks p up among the lower-cased prefixes.
func (t *scopeTable) find(idx *hostIndex, host string, p []byte, length int, folded bool) *scope {
	if host != "" {
		if s := idx.exact[host].find(p, length, folded); s != nil {
			return s
		}
		for i := 1; i < len(host); i++ {
			if host[i] == '.' && len(host)-i < len(idx.wildLens) && idx.wildLens[len(host)-i] {
				if s := idx.wild[host[i:]].find(p, length, folded); s != nil {
					return s
				}
			}
		}
	}
	return t.any.find(p, length, folded)
}

// find returns the scope of g with the longest prefix of the path that ends
// at a segment boundary. p holds the path's first bytes, at least one more
// than g's longest prefix when the path is that long.
func (g *hostGroup) find(p []byte, length int, folded bool) *scope {
	if g == nil {
		return nil
	}
	m := g.exact
	if folded {
		m = g.folded
	}
	for j := min(len(p), len(g.lens)-1); j >= 0; j-- {
		if !g.lens[j] || (j < length && p[j] != '/') {
			continue
		}
		if s := m[string(p[:j])]; s != nil {
			return s
		}
	}
	return nil
}

// hostReadings splits a Host header value into the keys host scopes are
// looked up with: full, with the port when one is given, and name, without
// it ("" for both when the value is no host name made of non-empty labels,
// such as an IP literal: it matches only scopes without Host). canonical
// is false for a host name in a form browsers never send, which routers
// and applications read differently: upper case, a trailing dot, an empty,
// default (80, 443) or zero-padded port.
func hostReadings(h string) (full, name string, canonical bool) {
	name, port, hasPort := strings.Cut(h, ":")
	if name == "" || len(name) > maxHostLength {
		return "", "", true
	}
	upper := false
	for i := 0; i < len(name); i++ {
		switch b := name[i]; {
		case 'A' <= b && b <= 'Z':
			upper = true
		case b == '.':
			if i == 0 || name[i-1] == '.' {
				return "", "", true // an empty label: "*.a.test" never matches "..a.test"
			}
		case !('a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-' || b == '_'):
			return "", "", true // an IP literal, or no host name
		}
	}
	if upper || name[len(name)-1] == '.' || hasPort && !canonicalPort(port) {
		return "", "", false
	}
	return h, name, true
}

// canonicalPort reports whether p is a port as browsers write it in a Host
// header: decimal, without leading zeros, at most 65535, and not a default
// port (browsers omit 80 for http and 443 for https).
func canonicalPort(p string) bool {
	if p == "" || len(p) > 5 || p[0] == '0' || p == "80" || p == "443" {
		return false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n <= 65535
}

// ambiguousPath reports whether p is not a plain absolute path: it does not
// start with "/", or it has an empty segment, a "." or ".." segment, or a
// backslash, also where they are written %2F, %2E or %5C. Routers disagree
// on such paths (clean and redirect, decode, serve as written, or 404), so
// no scope may be chosen for them.
func ambiguousPath(p string) bool {
	switch {
	case p == "" || p[0] != '/' || strings.IndexByte(p, '\\') >= 0:
		return true
	case strings.IndexByte(p, '%') >= 0:
		return ambiguousEscapedPath(p)
	}
	for rest := p[1:]; ; {
		i := strings.IndexByte(rest, '/')
		seg := rest
		if i >= 0 {
			seg = rest[:i]
		}
		if seg == "." || seg == ".." || (seg == "" && i >= 0) {
			return true
		}
		if i < 0 {
			return false
		}
		rest = rest[i+1:]
	}
}

// ambiguousEscapedPath is ambiguousPath for a path with percent escapes,
// read unit by unit.
func ambiguousEscapedPath(p string) bool {
	units, dots := 0, 0 // of the current segment
	for i := 1; i < len(p); {
		c, w := pathUnit(p, i)
		i += w
		switch c {
		case '\\':
			return true
		case '/':
			if units == 0 || (dots == units && units <= 2) {
				return true
			}
			units, dots = 0, 0
		case '.':
			units++
			dots++
		default:
			units++
		}
	}
	return units > 0 && dots == units && units <= 2
}

// pathUnit returns the byte at p[i] as a router that decodes might read it
// (%2F, %2E and %5C decoded) and how many bytes it takes.
func pathUnit(p string, i int) (byte, int) {
	if p[i] == '%' && i+2 < len(p) {
		switch p[i+1 : i+3] {
		case "2F", "2f":
			return '/', 3
		case "2E", "2e":
			return '.', 3
		case "5C", "5c":
			return '\\', 3
		}
	}
	return p[i], 1
}

// decodeInto percent-decodes the start of p into buf (an invalid escape is
// kept as is). It returns how many bytes it wrote and the decoded length,
// or len(buf)+1 when p decodes to more than fits.
func decodeInto(buf []byte, p string) (n, length int) {
	for i := 0; i < len(p); n++ {
		if n == len(buf) {
			return n, n + 1
		}
		c := p[i]
		if c == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]) {
			c = unhex(p[i+1])<<4 | unhex(p[i+2])
			i += 2
		}
		buf[n] = c
		i++
	}
	return n, n
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// requestHost is the host of a Host header value without its port and
// without one trailing dot.
func requestHost(host string) string {
	host = hostWithoutPort(host)
	if len(host) > 1 && host[len(host)-1] == '.' {
		host = host[:len(host)-1]
	}
	return host
}

// hostWithoutPort cuts the port off a Host header value; an IPv6 literal
// keeps its brackets.
func hostWithoutPort(host string) string {
	if len(host) > 0 && host[0] == '[' {
		for i := 0; i < len(host); i++ {
			if host[i] == ']' {
				return host[:i+1]
			}
		}
		return host
	}
	for i := 0; i < len(host); i++ {
		if host[i] == ':' {
			return host[:i]
		}
	}
	return host
}

func hasUpper(s []byte) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}
