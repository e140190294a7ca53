package cors

// FuzzScopeResolve compares the scope a scoped policy picks with a plain
// reference model (refScope), over random scope sets against random hosts,
// paths and raw paths. The model reads the rules of docs/behaviour.md
// literally: it tries every scope for every reading of the request with
// strings.HasPrefix, where the engine uses maps and fixed buffers.

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// refScopeOrigin is the one origin every generated scope allows, so that
// the decision's Reason.Scope names the scope that judged the request.
const refScopeOrigin = "https://s.example"

// refAmbiguous reports whether a path has more than one reading on its own:
// not starting with a slash as written (%2F does not count), a backslash, an
// empty segment before a slash, or a dot segment, also where '/', '.' and
// '\' are written %2F, %2E and %5C.
func refAmbiguous(p string) bool {
	if !strings.HasPrefix(p, "/") {
		return true
	}
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

// refHostName reports whether h is a host name a Host scope can match:
// non-empty labels of ASCII letters, digits, '-' and '_'.
func refHostName(h string) bool {
	if h == "" || len(h) > maxHostLength {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return false
		}
	}
	return true
}

// refScopeHost returns the two readings of a Host value, with and without its
// port ("" when no Host scope can match it), and whether it is written as
// browsers write it: lower case, no trailing dot, no default, empty or
// zero-padded port.
func refScopeHost(h string) (full, name string, canonical bool) {
	name, port, hasPort := strings.Cut(h, ":")
	if len(name) > maxHostLength {
		return "", "", true
	}
	folded := refASCIILower(name)
	if len(folded) > 1 {
		folded = strings.TrimSuffix(folded, ".")
	}
	if !refHostName(folded) {
		return "", "", true
	}
	if folded != name {
		return "", "", false
	}
	if hasPort {
		n, err := strconv.Atoi(port)
		if err != nil || strconv.Itoa(n) != port || n <= 0 || n > 65535 || n == 80 || n == 443 {
			return "", "", false
		}
	}
	return h, name, true
}

// refPick returns the most specific scope that covers host and path, or
// nil: a Host scope wins over one without (an exact host over a pattern, a
// longer pattern over a shorter one), then the longest prefix. With folded, prefixes are compared in
// lower case; with portless, the scopes' hosts without their ports.
func refPick(scopes []Scope, host, path string, folded, portless bool) *Scope {
	var best *Scope
	bestHost, bestLen := -1, -1
	for i := range scopes {
		s := &scopes[i]
		scopeHost := s.Host
		if portless {
			scopeHost, _, _ = strings.Cut(scopeHost, ":")
		}
		hostRank := 0
		switch {
		case scopeHost == "":
		case host == "":
			continue
		case scopeHost == host:
			hostRank = 1 << 10
		case strings.HasPrefix(scopeHost, "*.") && strings.HasSuffix(host, scopeHost[1:]) && len(host) > len(scopeHost)-1:
			hostRank = len(scopeHost)
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

// refPathScope is the scope every reading of the path selects on host, or
// false when they disagree.
func refPathScope(scopes []Scope, host, path, rawPath string, portless bool) (*Scope, bool) {
	s := refPick(scopes, host, path, false, portless)
	readings := []string{refDecode(path)}
	if rawPath != "" {
		readings = append(readings, rawPath)
	}
	for _, p := range readings {
		if refPick(scopes, host, p, false, portless) != s {
			return nil, false
		}
	}
	return s, refPick(scopes, host, refASCIILower(path), true, portless) == s
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
	var full, name string
	if slices.ContainsFunc(scopes, func(s Scope) bool { return s.Host != "" }) {
		var canonical bool
		if full, name, canonical = refScopeHost(host); !canonical {
			return ScopeNone, ReasonHostAmbiguous
		}
	}
	s, ok := refPathScope(scopes, full, path, rawPath, false)
	if !ok {
		return ScopeNone, ReasonPathAmbiguous
	}
	if named, ok := refPathScope(scopes, name, path, rawPath, true); !ok || named != s {
		return ScopeNone, ReasonHostAmbiguous
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
	name, _, _ := strings.Cut(refASCIILower(host), ":")
	name = strings.TrimSuffix(name, ".")
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
		case 5:
			if name != "" && rng.IntN(2) == 0 {
				return name + []string{":8080", ":3000", ":443"}[rng.IntN(3)]
			}
		}
		return []string{"a.test", "*.test", "*.a.test", "b.a.test", "a.test:8080", "*.a.test:3000"}[rng.IntN(6)]
	}
	pickPrefix := func() string {
		p := path
		switch rng.IntN(6) {
		case 0:
			p = refDecode(path)
		case 1:
			return "/" + strings.Repeat("a", maxPrefixLength-2+rng.IntN(4)) + []string{"", "/"}[rng.IntN(2)]
		case 2:
			return []string{"", "/", "/a/", "/A", "/api/", "/Über/", "/über/", "/a b/", "/\u212a/"}[rng.IntN(9)]
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
