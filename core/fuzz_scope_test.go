package cors

// FuzzScopeResolve compares the scope a scoped policy picks with a plain
// reference model (refScope), over random scope sets against random hosts,
// paths and raw paths. The model reads the rules of docs/behaviour.md
// literally: it tries every scope for every reading of the request with
// strings.HasPrefix, where the engine uses maps and fixed buffers.

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// refScopeOrigin is the one origin every generated scope allows, so that
// the decision's Reason.Scope names the scope that judged the request.
const refScopeOrigin = "https://s.example"

// refAmbiguous reports whether a path has more than one reading on its own:
// not absolute, a backslash, an empty segment before a slash, or a dot
// segment, also where '/', '.' and '\' are written %2F, %2E and %5C.
func refAmbiguous(p string) bool {
	p = strings.NewReplacer("%2F", "/", "%2f", "/", "%2E", ".", "%2e", ".", "%5C", `\`, "%5c", `\`).Replace(p)
	if !strings.HasPrefix(p, "/") || strings.Contains(p, `\`) {
		return true
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || (seg == "" && i < len(segs)-1) {
			return true
		}
	}
	return false
}

// refDecode percent-decodes every valid escape of p.
func refDecode(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]) {
			b.WriteByte(unhex(p[i+1])<<4 | unhex(p[i+2]))
			i += 2
			continue
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

// refASCIILower lower-cases ASCII letters only.
func refASCIILower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// refRequestHost is the host a Host scope is compared with: without the
// port, without one trailing dot, in lower case; "" when it is not a host
// name made of non-empty labels.
func refRequestHost(h string) string {
	if strings.HasPrefix(h, "[") {
		return "" // an IPv6 literal never matches a Host
	}
	h, _, _ = strings.Cut(h, ":")
	if len(h) > 1 {
		h = strings.TrimSuffix(h, ".")
	}
	h = refASCIILower(h)
	if h == "" || len(h) > maxHostLength {
		return ""
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return ""
		}
	}
	return h
}

// refPick returns the most specific scope that covers host and path, or
// nil: a Host scope wins over one without (an exact host over a pattern, a
// longer pattern over a shorter one), then the longest prefix. With folded,
// prefixes are compared in lower case.
func refPick(scopes []Scope, host, path string, folded bool) *Scope {
	var best *Scope
	bestHost, bestLen := -1, -1
	for i := range scopes {
		s := &scopes[i]
		hostRank := 0
		switch {
		case s.Host == "":
		case host == "":
			continue
		case s.Host == host:
			hostRank = 1 << 10
		case strings.HasPrefix(s.Host, "*.") && strings.HasSuffix(host, s.Host[1:]) && len(host) > len(s.Host)-1:
			hostRank = len(s.Host)
		default:
			continue
		}
		key := strings.TrimSuffix(s.PathPrefix, "/")
		if folded {
			key = refASCIILower(key)
		}
		if path != key && !strings.HasPrefix(path, key+"/") {
			continue
		}
		if hostRank > bestHost || hostRank == bestHost && len(key) > bestLen {
			best, bestHost, bestLen = s, hostRank, len(key)
		}
	}
	return best
}

// refScope is the model: the name of the scope that judges the request
// (ScopeDefault, or ScopeNone with the reason no scope applies).
func refScope(scopes []Scope, hasDefault bool, host, path, rawPath string) (string, ReasonCode) {
	if path == "" {
		path = "/"
	}
	if refAmbiguous(path) || rawPath != "" && refAmbiguous(rawPath) {
		return ScopeNone, ReasonPathAmbiguous
	}
	h := refRequestHost(host)
	readings := []string{path, refDecode(path)}
	if rawPath != "" {
		readings = append(readings, rawPath)
	}
	s := refPick(scopes, h, path, false)
	for _, p := range readings {
		if refPick(scopes, h, p, false) != s {
			return ScopeNone, ReasonPathAmbiguous
		}
	}
	if refPick(scopes, h, refASCIILower(path), true) != s {
		return ScopeNone, ReasonPathAmbiguous
	}
	switch {
	case s != nil:
		return scopeName(*s), ReasonOriginAllowed
	case hasDefault:
		return ScopeDefault, ReasonOriginAllowed
	}
	return ScopeNone, ReasonNoScope
}

// randomScopes draws up to six scopes for a request to host and path:
// hosts and prefixes taken from the request (cut at random places, in
// another letter case), from a small pool, or at the length limits.
func randomScopes(rng *rand.Rand, host, path string) []Scope {
	name := refRequestHost(host)
	pickHost := func() string {
		switch rng.IntN(6) {
		case 0, 1:
			return ""
		case 2:
			if name != "" {
				return name
			}
		case 3:
			if i := strings.IndexByte(name, '.'); i >= 0 {
				return "*" + name[i:]
			}
		case 4:
			return strings.Repeat("a.", 126) + "b" // 253 bytes
		}
		return []string{"a.test", "*.test", "*.a.test", "b.a.test"}[rng.IntN(4)]
	}
	pickPrefix := func() string {
		p := path
		switch rng.IntN(6) {
		case 0:
			p = refDecode(path)
		case 1:
			return "/" + strings.Repeat("a", maxPrefixLength-2+rng.IntN(4)) + []string{"", "/"}[rng.IntN(2)]
		case 2:
			return []string{"", "/", "/a/", "/A", "/api/", "/Über/"}[rng.IntN(6)]
		}
		if len(p) > 0 {
			p = p[:rng.IntN(len(p)+1)]
		}
		if rng.IntN(4) == 0 {
			p = strings.ToUpper(p)
		}
		return p
	}
	scopes := make([]Scope, rng.IntN(7))
	for i := range scopes {
		scopes[i] = Scope{Host: pickHost(), PathPrefix: pickPrefix(), Config: Config{AllowedOrigins: []string{refScopeOrigin}}}
	}
	return scopes
}

// specScopes reads scopes written "host prefix", one per line.
func specScopes(spec string) []Scope {
	var scopes []Scope
	for line := range strings.Lines(spec) {
		host, prefix, _ := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		scopes = append(scopes, Scope{Host: host, PathPrefix: prefix, Config: Config{AllowedOrigins: []string{refScopeOrigin}}})
	}
	return scopes
}

// validScopes drops the scopes NewScoped refuses (bad hosts, bad prefixes,
// overlaps with an earlier scope) and builds the policy of the rest.
func validScopes(scopes []Scope, def *Config) ([]Scope, *Policy) {
	var kept []Scope
	for _, s := range scopes {
		if _, err := NewScoped(ScopedConfig{Scopes: append(kept[:len(kept):len(kept)], s)}); err == nil {
			kept = append(kept, s)
		}
	}
	p, err := NewScoped(ScopedConfig{Scopes: kept, Default: def})
	if err != nil {
		return nil, nil // no scope and no Default
	}
	return kept, p
}

func FuzzScopeResolve(f *testing.F) {
	long := "/" + strings.Repeat("a", maxPrefixLength)
	for _, s := range []struct {
		seed            uint64
		spec            string // scopes besides the random ones: "host prefix" lines
		host, path, raw string
		withDefault     bool
	}{
		{1, " /api/\n /public/", "a.test", "/api/items", "", false},
		{2, "*.tenant.test /\n /api/", "acme.tenant.test:8080", "/api/items", "", true},
		{3, "*.tenant.test /\n /api/", "ACME.Tenant.Test.", "/API/items", "", false},
		{4, "*.tenant.test /", "..tenant.test", "/", "", false},
		{5, " " + long, "a.test", long + "a/b", "", false},
		{6, " " + long[:maxPrefixLength] + "/", "a.test", long + "/x", "", true},
		{7, " " + long, "a.test", long[:maxPrefixLength] + "/" + long, "", false},
		{8, " /api/", "a.test", "/api/a%2Fb", "", false},
		{9, " /api/a", "a.test", "/api/a/b", "/api/a%2Fb", false},
		{10, " /Über/", "a.test", "/Über/x", "", false},
		{11, " /\u212a/", "a.test", "/\u212a/x", "", false}, // the Kelvin sign, not a "K"
		{12, " /api/", "[::1]:8080", "/%61pi/x", "", true},
		{13, " /api/\n /public/", "a.test", "/public/..%2Fapi", "", true},
		{14, " /api/", "a.test", "//api", "", false},
		{15, "", "", "", "", true},
	} {
		f.Add(s.seed, s.spec, s.host, s.path, s.raw, s.withDefault)
	}
	f.Fuzz(func(t *testing.T, seed uint64, spec, host, path, rawPath string, withDefault bool) {
		rng := rand.New(rand.NewPCG(seed, seed>>32))
		var def *Config
		if withDefault {
			def = &Config{AllowedOrigins: []string{refScopeOrigin}}
		}
		scopes, p := validScopes(append(specScopes(spec), randomScopes(rng, host, path)...), def)
		if p == nil {
			return
		}
		origin := [1]string{refScopeOrigin}
		d := eval(p, request{Method: "GET", Host: host, Path: path, RawPath: rawPath, Origin: origin[:]}, nil)
		wantScope, wantCode := refScope(scopes, withDefault, host, path, rawPath)
		if d.Reason.Scope != wantScope || d.Reason.Code != wantCode {
			t.Fatalf("scopes %q, host %q, path %q, raw path %q: scope %q (%v), model says scope %q (%v)",
				names(scopes), host, path, rawPath, d.Reason.Scope, d.Reason.Code, wantScope, wantCode)
		}
	})
}
