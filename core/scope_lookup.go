package cors

// resolve finds the scope that judges r, or returns nil with the reason why
// no scope applies. It reads at most maxHostLength bytes of the host and,
// for the lookup, maxPrefixLength bytes of the path, and does not allocate.
func (t *scopeTable) resolve(r *Request) (*scope, ReasonCode) {
	path := r.Path
	if path == "" {
		path = "/"
	}
	if ambiguousPath(path) || (r.RawPath != "" && ambiguousPath(r.RawPath)) {
		return nil, ReasonPathAmbiguous
	}
	var hostBuf [maxHostLength]byte
	host := hostKey(&hostBuf, r.Host)
	s := t.find(host, path, nil)
	if r.RawPath != "" && r.RawPath != path && t.find(host, r.RawPath, nil) != s {
		return nil, ReasonPathAmbiguous
	}
	if n := min(len(path), t.maxPrefix); t.foldAlways || hasUpper(path[:n]) {
		var folded [maxPrefixLength]byte
		for i := range n {
			folded[i] = lower(path[i])
		}
		if t.find(host, path, folded[:n]) != s {
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
// nil when the request's host cannot match a Host) and path. With folded
// (the lower-cased start of path) it looks up the lower-cased prefixes.
func (t *scopeTable) find(host []byte, path string, folded []byte) *scope {
	if host != nil {
		if s := t.exact[string(host)].find(path, folded); s != nil {
			return s
		}
		for i := 1; i < len(host); i++ {
			if host[i] == '.' && len(host)-i < len(t.wildLens) && t.wildLens[len(host)-i] {
				if s := t.wild[string(host[i:])].find(path, folded); s != nil {
					return s
				}
			}
		}
	}
	return t.any.find(path, folded)
}

// find returns the scope of g with the longest prefix of path that ends at a
// segment boundary.
func (g *hostGroup) find(path string, folded []byte) *scope {
	if g == nil {
		return nil
	}
	for j := min(len(path), len(g.lens)-1); j >= 0; j-- {
		if !g.lens[j] || (j < len(path) && path[j] != '/') {
			continue
		}
		var s *scope
		if folded != nil {
			s = g.folded[string(folded[:j])]
		} else {
			s = g.exact[path[:j]]
		}
		if s != nil {
			return s
		}
	}
	return nil
}

// ambiguousPath reports whether p is not a plain absolute path: it does not
// start with "/", or it has an empty segment, a "." or ".." segment, or a
// backslash. Routers disagree on such paths (clean and redirect, serve as
// written, or 404), so no scope may be chosen for them.
func ambiguousPath(p string) bool {
	if p == "" || p[0] != '/' {
		return true
	}
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			return true
		case '/':
			rest := p[i+1:]
			end := 0
			for end < len(rest) && rest[end] != '/' {
				end++
			}
			if seg := rest[:end]; (seg == "" && i+1 < len(p)) || seg == "." || seg == ".." {
				return true
			}
		}
	}
	return false
}

// hostKey writes host, without port or one trailing dot, in lower case into
// buf. It returns nil when host is empty, too long or not a plain host name
// (such a request matches only scopes without Host).
func hostKey(buf *[maxHostLength]byte, host string) []byte {
	host = requestHost(host)
	if host == "" || len(host) > maxHostLength {
		return nil
	}
	for i := 0; i < len(host); i++ {
		b := lower(host[i])
		if !('a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-' || b == '_' || b == '.') {
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

func hasUpper(s string) bool {
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
