package cors

import (
	"errors"
	"strconv"
	"strings"
)

const (
	// maxPrefixLength bounds a PathPrefix (without its trailing slash); the
	// scope lookup reads at most this much of a request's path.
	maxPrefixLength = 256
	// maxHostLength is the longest DNS name; longer request hosts match only
	// scopes without a Host.
	maxHostLength = 253
)

// ruleset is what a Policy swaps atomically: one compiled Config (New), or a
// scope table (NewScoped).
type ruleset struct {
	def    *compiled   // New: the policy
	scopes *scopeTable // NewScoped; def is then nil
}

// scope is a compiled Scope (or Default).
type scope struct {
	name string
	c    *compiled
}

// hostGroup holds the scopes that share one Host, by path prefix without its
// trailing slash ("" is the root).
type hostGroup struct {
	exact  map[string]*scope
	folded map[string]*scope // the same, keys in lower case
	lens   []bool            // lens[n]: some key is n bytes long
}

// scopeTable finds the scope of a request: hosts first (exact, then
// subdomain patterns from the longest), then the longest path prefix.
type scopeTable struct {
	hosts      hostIndex  // by Host as written, with its port if any
	names      hostIndex  // the same groups by Host without its port
	ports      bool       // some Host has a port
	any        *hostGroup // scopes without Host
	def        *scope     // Default, or nil: no CORS
	hooks      *hooks     // ScopedConfig.Logger, Observe and ReportOnly, or nil
	maxPrefix  int        // longest key of any group
	foldAlways bool       // some prefix has upper case letters
}

// hostIndex finds the group of a host; its maps are nil when no scope has a
// Host.
type hostIndex struct {
	exact    map[string]*hostGroup // "api.example"
	wild     map[string]*hostGroup // ".tenant.test" for "*.tenant.test"
	wildLens []bool                // wildLens[n]: some wild key is n bytes long
}

func compileScoped(sc ScopedConfig) (*ruleset, error) {
	if len(sc.Scopes) == 0 && sc.Default == nil {
		return nil, &ConfigError{Code: ErrNoOrigin, Index: -1, problem: "ScopedConfig has no Scopes and no Default, so it allows nothing"}
	}
	t := &scopeTable{hooks: newHooks(sc.Logger, sc.Observe, sc.ReportOnly)}
	var errs []error
	type slot struct{ host, key string }
	seen := map[slot]int{}
	hostAt := map[string]int{} // the first scope of each Host without its port
	for i, s := range sc.Scopes {
		fail := func(err error) {
			errs = append(errs, inScope(err, "Scopes["+strconv.Itoa(i)+"]", " (host "+strconv.Quote(s.Host)+", path prefix "+strconv.Quote(s.PathPrefix)+")"))
		}
		hostErr := checkScopeHost(s.Host)
		key, prefixErr := checkPathPrefix(s.PathPrefix)
		c, err := compileScope(inherit(s.Config, sc), scopeName(s))
		for _, e := range append([]error{hostErr, prefixErr}, splitJoined(err)...) {
			if e != nil {
				fail(e)
			}
		}
		if hostErr != nil || prefixErr != nil {
			continue
		}
		at := slot{s.Host, asciiLower(key)}
		if j, taken := seen[at]; taken {
			fail(overlapError(j, sc.Scopes[j].PathPrefix, s.PathPrefix))
			continue
		}
		name, _, _ := strings.Cut(s.Host, ":")
		if j, taken := hostAt[name]; taken && sc.Scopes[j].Host != s.Host {
			fail(valueError(ErrScopeOverlap, "Host", s.Host, "names the host of Scopes["+strconv.Itoa(j)+"] (host "+
				strconv.Quote(sc.Scopes[j].Host)+") with another port: routers disagree on whether the port counts, so one host takes one form", ""))
			continue
		} else if !taken {
			hostAt[name] = i
		}
		seen[at] = i
		if c != nil {
			t.add(s.Host, key, &scope{name: scopeName(s), c: c})
		}
	}
	if sc.Default != nil {
		c, err := compileScope(inherit(*sc.Default, sc), ScopeDefault)
		for _, e := range splitJoined(err) {
			errs = append(errs, inScope(e, "Default", ""))
		}
		t.def = &scope{name: ScopeDefault, c: c}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &ruleset{scopes: t}, nil
}

// inherit is cfg with the Logger, Observe and ReportOnly of sc where it
// sets none.
func inherit(cfg Config, sc ScopedConfig) Config {
	if cfg.Logger == nil {
		cfg.Logger = sc.Logger
	}
	if cfg.Observe == nil {
		cfg.Observe = sc.Observe
	}
	if cfg.ReportOnly == nil {
		cfg.ReportOnly = sc.ReportOnly
	}
	return cfg
}

// overlapError reports a scope whose host and path prefix an earlier one,
// Scopes[j], already covers.
func overlapError(j int, earlier, prefix string) error {
	verb := "overlaps"
	if earlier == prefix {
		verb = "duplicates"
	}
	return valueError(ErrScopeOverlap, "PathPrefix", prefix, verb+" Scopes["+strconv.Itoa(j)+"] (path prefix "+
		strconv.Quote(earlier)+") for the same host: a prefix covers the same paths with or without its trailing slash and in any letter case", "")
}

// inScope places err, a *ConfigError, in a scope: scope names it
// ("Scopes[2]", "Default"), detail adds its host and path prefix to the
// message.
func inScope(err error, scope, detail string) error {
	if ce, ok := err.(*ConfigError); ok {
		ce.Scope, ce.where = scope, scope+detail
	}
	return err
}

// splitJoined returns the errors joined in err (by compile), or err alone.
func splitJoined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err != nil {
		return []error{err}
	}
	return nil
}

func (t *scopeTable) add(host, key string, s *scope) {
	g := t.any
	if host == "" {
		if g == nil {
			g = newHostGroup()
			t.any = g
		}
	} else {
		name, _, port := strings.Cut(host, ":")
		t.ports = t.ports || port
		g = t.hosts.group(host, nil)
		t.names.group(name, g)
	}
	g.exact[key] = s
	g.folded[asciiLower(key)] = s
	g.lens = growMark(g.lens, len(key))
	t.maxPrefix = max(t.maxPrefix, len(key))
	if asciiLower(key) != key {
		t.foldAlways = true
	}
}

// group returns the group of host ("api.example" or "*.tenant.test"),
// adding g (or a new group when g is nil) if there is none.
func (x *hostIndex) group(host string, g *hostGroup) *hostGroup {
	if x.exact == nil {
		x.exact, x.wild = map[string]*hostGroup{}, map[string]*hostGroup{}
	}
	m, key := x.exact, host
	if strings.HasPrefix(host, "*.") {
		m, key = x.wild, host[1:]
		x.wildLens = growMark(x.wildLens, len(key))
	}
	if m[key] == nil {
		if g == nil {
			g = newHostGroup()
		}
		m[key] = g
	}
	return m[key]
}

// asciiLower lower-cases the ASCII letters of s, the only folding the scope
// lookup applies to request paths (routers that match paths
// case-insensitively fold ASCII only): "/Über" stays "/Über", and the
// Kelvin sign is not a "k".
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return s
}

func newHostGroup() *hostGroup {
	return &hostGroup{exact: map[string]*scope{}, folded: map[string]*scope{}}
}

// growMark sets marks[n], growing marks as needed.
func growMark(marks []bool, n int) []bool {
	if n >= len(marks) {
		marks = append(marks, make([]bool, n+1-len(marks))...)
	}
	marks[n] = true
	return marks
}

// checkScopeHost validates a Scope's Host.
func checkScopeHost(h string) error {
	if h == "" {
		return nil
	}
	// Cut off, in turn, what a host written as a URL or an origin has too
	// many, so that the message names each and suggests the host.
	var reasons []string
	because := func(r string) { reasons = append(reasons, r) }
	fix := strings.ToLower(h)
	if scheme, rest, ok := strings.Cut(fix, "://"); ok {
		fix = rest
		because("has a scheme (" + scheme + "://), but a scope matches the request's host alone")
	}
	if host, _, ok := strings.Cut(fix, "/"); ok {
		fix = host
		because("has a path; a scope's path goes in PathPrefix")
	}
	if fix != h && strings.ToLower(h) != h {
		because("is not in lower case")
	}
	if host, port, ok := strings.Cut(fix, ":"); ok && !canonicalPort(port) {
		fix = host
		because("has a port browsers never send in a Host header (they leave default ports out)")
	}
	if host, ok := strings.CutSuffix(fix, "."); ok {
		fix = host
		because("ends in a dot, but a scope names a host as browsers send it, without one")
	}
	if len(reasons) > 0 {
		if name, _, _ := strings.Cut(fix, ":"); hostNameProblem(name) != "" {
			fix = ""
		}
		return valueError(ErrScopeHost, "Host", h, strings.Join(reasons, " and "), fix)
	}
	// A port that browsers send (not a default one) is part of the host.
	if name, _, _ := strings.Cut(h, ":"); hostNameProblem(name) != "" {
		return valueError(ErrScopeHost, "Host", h, hostNameProblem(name), "")
	}
	return nil
}

// hostNameProblem says what keeps h, written in lower case without a port
// or trailing dot, from being a host name or "*." pattern, or returns "".
func hostNameProblem(h string) string {
	name := strings.TrimPrefix(h, "*.")
	if len(name) > maxHostLength {
		return "is longer than " + strconv.Itoa(maxHostLength) + " bytes"
	}
	for label := range strings.SplitSeq(name, ".") {
		switch {
		case label == "":
			return "has an empty label"
		case strings.Contains(label, "*"):
			return `has a "*" other than a leading "*." (subdomain patterns are "*.example.com")`
		case len(label) > 63:
			return "has a label longer than 63 bytes"
		}
		for i := 0; i < len(label); i++ {
			if b := label[i]; !('a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-' || b == '_') {
				return "is not a host name (letters, digits, '-' and '_' in dot-separated labels)"
			}
		}
	}
	return ""
}

// checkPathPrefix validates a Scope's PathPrefix and returns its key: the
// prefix without its trailing slash.
func checkPathPrefix(p string) (string, error) {
	bad := func(reason string) (string, error) {
		return "", valueError(ErrScopePathPrefix, "PathPrefix", p, reason, "")
	}
	switch {
	case p == "":
		return "", nil
	case p[0] != '/':
		return bad(`does not start with "/"; did you mean ` + strconv.Quote("/"+p) + "?")
	case len(strings.TrimSuffix(p, "/")) > maxPrefixLength:
		return bad("is longer than " + strconv.Itoa(maxPrefixLength) + " bytes (not counting a trailing slash)")
	case escapedSegment(p) >= 0:
		i := escapedSegment(p)
		return "", valueError(ErrScopePathPrefix, "PathPrefix", p, "has a byte that browsers percent-encode on the request line (non-ASCII, space, '\"', '<', '>', '`'), "+
			"which routers read differently (net/http decodes it, fiber matches the bytes as sent), so no scope could be chosen safely; "+
			"cover the parent prefix, or give the route an ASCII name", p[:i])
	case globSegment(p) >= 0:
		return "", globError(p)
	case strings.ContainsAny(p, `?#%\`):
		return bad(`contains '?', '#', '%' or a backslash: write the path decoded, as in net/url's URL.Path, without query or fragment`)
	case ambiguousPath(p):
		return bad("has an empty or dot segment (\"//\", \"/./\", \"/../\"); no router serves such a path as written")
	}
	for i := 0; i < len(p); i++ {
		if p[i] < 0x20 || p[i] == 0x7f {
			return bad("contains a control character")
		}
	}
	return strings.TrimSuffix(p, "/"), nil
}

// globSegment returns the index in p of the first segment written like a
// router pattern — a '*', a ":name" parameter, a "{name}" wildcard — or -1.
func globSegment(p string) int {
	for i := 0; i < len(p); i++ {
		if p[i] != '/' {
			continue
		}
		seg, _, _ := strings.Cut(p[i+1:], "/")
		if strings.ContainsAny(seg, "*{}") || strings.HasPrefix(seg, ":") {
			return i + 1
		}
	}
	return -1
}

// globError reports a PathPrefix with a pattern segment and, when that
// segment is a whole wildcard ("/public/*"), suggests the literal prefix
// that covers the same paths.
func globError(p string) error {
	i := globSegment(p)
	problem := "is written like a route pattern, but a prefix is literal: it covers every path below it on segment boundaries"
	seg, _, _ := strings.Cut(p[i:], "/")
	if strings.Trim(seg, "*") == "" || strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
		return valueError(ErrScopePathPrefix, "PathPrefix", p, problem, p[:i])
	}
	return valueError(ErrScopePathPrefix, "PathPrefix", p, problem+": write one scope per literal prefix, or use their parent "+strconv.Quote(p[:i]), "")
}

// escapedSegment returns the index in p of the first segment with a byte
// that browsers percent-encode in a path, or -1.
func escapedSegment(p string) int {
	start := 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '/':
			start = i + 1
		case c >= 0x80 || strings.IndexByte(" \"<>`", c) >= 0:
			return start
		}
	}
	return -1
}
