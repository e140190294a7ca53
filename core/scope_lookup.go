package cors

import (
	"strings"

	"github.com/originguard/cors/core/adapter"
)

// resolve finds the scope that judges r, or returns nil with the reason why
// no scope applies. Every reading of the path (as given, percent-decoded,
// RawPath, lower-cased) must select the same scope. It reads at most
// maxHostLength bytes of the host and, for the lookups, maxPrefixLength+1
// bytes of each reading, and does not allocate.
func (t *scopeTable) resolve(r *adapter.Request) (*scope, ReasonCode) {
	path := r.Path
	if path == "" {
		path = "/"
	}
	if ambiguousPath(path) || (r.RawPath != "" && ambiguousPath(r.RawPath)) {
		return nil, ReasonPathAmbiguous
	}
	var hostBuf [maxHostLength]byte
	host := hostKey(&hostBuf, r.Host)
	// The buffers hold one byte more than the longest prefix, which
	// checkPathPrefix bounds by maxPrefixLength: that byte tells whether
	// the prefix ends at a segment boundary.
	var given [maxPrefixLength + 1]byte
	limit := min(t.maxPrefix+1, len(given))
	n := copy(given[:min(len(path), limit)], path)
	s := t.find(host, given[:n], len(path), false)
	if strings.IndexByte(path, '%') >= 0 {
		var decoded [maxPrefixLength + 1]byte
		m, length := decodeInto(decoded[:limit], path)
		if t.find(host, decoded[:m], length, false) != s {
			return nil, ReasonPathAmbiguous
		}
	}
	if r.RawPath != "" && r.RawPath != path {
		var raw [maxPrefixLength + 1]byte
		m := copy(raw[:min(len(r.RawPath), limit)], r.RawPath)
		if t.find(host, raw[:m], len(r.RawPath), false) != s {
			return nil, ReasonPathAmbiguous
		}
	}
	if t.foldAlways || hasUpper(given[:n]) {
		for i := range n {
			given[i] = lower(given[i])
		}
		if t.find(host, given[:n], len(path), true) != s {
			return nil, ReasonPathAmbiguous
		}
	}
	if s == nil {
		if t.def == nil {
			return nil, ReasonNoScope
		}
		s = t.def
	}
	return s, 0
}

// find returns the most specific scope for host (lower case, without port;
// nil when the request's host cannot match a Host) and a path of length
// bytes whose start is p; folded looks p up among the lower-cased prefixes.
func (t *scopeTable) find(host, p []byte, length int, folded bool) *scope {
	if host != nil {
		if s := t.exact[string(host)].find(p, length, folded); s != nil {
			return s
		}
		for i := 1; i < len(host); i++ {
			if host[i] == '.' && len(host)-i < len(t.wildLens) && t.wildLens[len(host)-i] {
				if s := t.wild[string(host[i:])].find(p, length, folded); s != nil {
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

// hostKey writes host, without port or one trailing dot, in lower case into
// buf. It returns nil when host is empty, too long or not a plain host name
// of non-empty labels (such a request matches only scopes without Host).
func hostKey(buf *[maxHostLength]byte, host string) []byte {
	host = requestHost(host)
	if host == "" || len(host) > maxHostLength {
		return nil
	}
	for i := 0; i < len(host); i++ {
		b := lower(host[i])
		switch {
		case b == '.':
			if i == 0 || host[i-1] == '.' || i == len(host)-1 {
				return nil // an empty label: "*.a.test" never matches "..a.test"
			}
		case !('a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-' || b == '_'):
			return nil
		}
		buf[i] = b
	}
	return buf[:len(host)]
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
