package cors

// Fuzz targets. Each target compares the engine with a deliberately
// plain reference written here with strings.Split, strings.Cut and friends,
// or checks invariants that must hold for every input. The seed tables run
// in every `go test`; scripts/fuzz.sh runs each target for $FUZZTIME.

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// ---------------------------------------------------------------------------
// Reference model: origins and patterns.

// refOrigin is a request origin split by the reference parser.
type refOrigin struct {
	scheme, host, port string
}

// refSplit splits "scheme://host[:port]" without validating the parts.
func refSplit(s string) (o refOrigin, hasPort, ok bool) {
	scheme, rest, found := strings.Cut(s, "://")
	if !found {
		return o, false, false
	}
	o.scheme = scheme
	if strings.HasPrefix(rest, "[") {
		end := strings.Index(rest, "]")
		if end < 0 {
			return o, false, false
		}
		o.host, rest = rest[:end+1], rest[end+1:]
		if rest == "" {
			return o, false, true
		}
		if rest[0] != ':' {
			return o, false, false
		}
		o.port = rest[1:]
		return o, true, true
	}
	o.host, o.port, hasPort = strings.Cut(rest, ":")
	return o, hasPort, true
}

func refScheme(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	return strings.Trim(s, "abcdefghijklmnopqrstuvwxyz0123456789+-.") == ""
}

// refEndsInNumber is the WHATWG URL "ends in a number" check: hosts whose
// last label is a number are parsed as IPv4 addresses by browsers.
func refEndsInNumber(host string) bool {
	labels := strings.Split(host, ".")
	last := labels[len(labels)-1]
	if last != "" && strings.Trim(last, "0123456789") == "" {
		return true
	}
	if hex, ok := strings.CutPrefix(last, "0x"); ok && strings.Trim(hex, "0123456789abcdef") == "" {
		return true
	}
	return false
}

// refHost reports whether h is a host as a browser serializes it: lower-case
// ASCII labels, a dotted-decimal IPv4 address, or a bracketed IPv6 address
// in its canonical (RFC 5952) text form. ip says which.
func refHost(h string) (valid, ip bool) {
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		inner := h[1 : len(h)-1]
		a, err := netip.ParseAddr(inner)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return false, true
		}
		want := a.String()
		if a.Is4In6() { // browsers write the IPv4 tail in hex
			b := a.As16()
			want = fmt.Sprintf("::ffff:%x:%x", int(b[12])<<8|int(b[13]), int(b[14])<<8|int(b[15]))
		}
		return want == inner, true
	}
	name := strings.TrimSuffix(h, ".") // a trailing dot is part of the host
	if name == "" || len(name) > 253 {
		return false, false
	}
	if refEndsInNumber(name) {
		a, err := netip.ParseAddr(h)
		return err == nil && a.Is4() && a.String() == h, true
	}
	for _, label := range strings.Split(name, ".") {
		if label == "" || len(label) > 63 || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return false, false
		}
	}
	return true, false
}

func refPort(scheme, p string) bool {
	if p == "" || len(p) > 5 || p[0] == '0' || strings.Trim(p, "0123456789") != "" {
		return false
	}
	n := 0
	for _, c := range p {
		n = n*10 + int(c-'0')
	}
	if n > 65535 {
		return false
	}
	return !(scheme == "http" && p == "80") && !(scheme == "https" && p == "443")
}

// refParseOrigin accepts exactly the serialized origins a browser sends
// (other than "null").
func refParseOrigin(s string) (refOrigin, bool) {
	o, hasPort, ok := refSplit(s)
	if !ok || !refScheme(o.scheme) {
		return o, false
	}
	if valid, _ := refHost(o.host); !valid {
		return o, false
	}
	if hasPort && !refPort(o.scheme, o.port) {
		return o, false
	}
	return o, true
}

func refIsIP(host string) bool {
	_, ip := refHost(host)
	return ip
}

// refPattern is a configured AllowedOrigins entry (other than "*").
type refPattern struct {
	base    refOrigin
	sub     bool // "scheme://*.host"
	anyPort bool // ":*"
}

// refParsePattern accepts the canonical entries that origin-patterns and
// origin-config-canonical (docs/behaviour.md) allow, ignoring the credential
// rules.
func refParsePattern(entry string) (refPattern, bool) {
	var p refPattern
	scheme, rest, found := strings.Cut(entry, "://")
	if !found || scheme == "file" {
		return p, false
	}
	rest, p.sub = strings.CutPrefix(rest, "*.")
	rest, p.anyPort = strings.CutSuffix(rest, ":*")
	base, ok := refParseOrigin(scheme + "://" + rest)
	if !ok || (p.sub && refIsIP(base.host)) || (p.anyPort && base.port != "") {
		return p, false
	}
	// Entries no browser origin can match: no room for a subdomain label,
	// an xn-- label that is not punycode.
	if p.sub && len(strings.TrimSuffix(base.host, "."))+2 > 253 {
		return p, false
	}
	for _, label := range strings.Split(base.host, ".") {
		if _, err := idna.Lookup.ToUnicode(label); strings.HasPrefix(label, "xn--") && err != nil {
			return p, false
		}
	}
	p.base = base
	return p, true
}

func publicSuffixOf(host string) string {
	ps, _ := publicsuffix.PublicSuffix(host)
	return ps
}

func refLoopback(host string) bool {
	if name := strings.TrimSuffix(host, "."); name == "localhost" || strings.HasSuffix(name, ".localhost") || host == "[::1]" {
		return true
	}
	return strings.HasPrefix(host, "127.") && refIsIP(host)
}

// refPatternAcceptedWith adds the credential guards of
// credentials-exact-origin and credentials-risky-origins (docs/behaviour.md).
func refPatternAcceptedWith(entry string, creds, optIns bool) bool {
	if entry == "*" {
		return !creds
	}
	p, ok := refParsePattern(entry)
	if !ok {
		return false
	}
	if creds && !optIns {
		if p.base.scheme == "http" && !refLoopback(p.base.host) {
			return false
		}
		if p.sub && !refLoopback(p.base.host) {
			if host := strings.TrimSuffix(p.base.host, "."); publicSuffixOf(host) == host {
				return false
			}
		}
	}
	return true
}

// refMatch says whether the entry allows the request origin s.
func refMatch(entry, s string) bool {
	p, ok := refParsePattern(entry)
	if !ok {
		return false
	}
	o, ok := refParseOrigin(s)
	if !ok || o.scheme != p.base.scheme {
		return false
	}
	if !p.anyPort && o.port != p.base.port {
		return false
	}
	if !p.sub {
		return o.host == p.base.host
	}
	return !refIsIP(o.host) && len(o.host) > len(p.base.host)+1 && strings.HasSuffix(o.host, "."+p.base.host)
}

// ---------------------------------------------------------------------------
// Reference model: Access-Control-Request-Headers.

type refHeaderSet struct {
	any, auth bool
	names     map[string]bool
}

func refHeaders(list []string) refHeaderSet {
	s := refHeaderSet{names: map[string]bool{}}
	for _, h := range list {
		if h == "*" {
			s.any = true
			continue
		}
		l := strings.ToLower(h)
		s.names[l] = true
		s.auth = s.auth || l == "authorization"
	}
	return s
}

func (s refHeaderSet) allows(name string) bool {
	l := strings.ToLower(name)
	switch {
	case l == "authorization":
		return s.auth
	case s.any:
		return l != "*"
	}
	return s.names[l]
}

func refToken(s string) bool {
	return s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~") == ""
}

// refElements splits every line on commas and trims optional whitespace.
func refElements(lines []string) []string {
	var out []string
	for _, l := range lines {
		for _, e := range strings.Split(l, ",") {
			out = append(out, strings.Trim(e, " \t"))
		}
	}
	return out
}

// refCheckHeaders returns the verdict (allowed, refused, malformed, too
// long), the name it is about, and whether authorization was requested.
func refCheckHeaders(s refHeaderSet, lines []string) (code ReasonCode, detail string, auth bool) {
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	if len(lines) > maxRequestHeadersLines || total > maxRequestHeadersBytes {
		return ReasonHeadersTooLong, "", false
	}
	code = ReasonPreflightAllowed
	for _, e := range refElements(lines) {
		if e == "" {
			continue
		}
		if !refToken(e) {
			return ReasonHeadersMalformed, e, false
		}
		auth = auth || strings.EqualFold(e, "authorization")
		if code == ReasonPreflightAllowed && !s.allows(e) {
			code, detail = ReasonHeaderNotAllowed, e
		}
	}
	return code, detail, auth
}

// ---------------------------------------------------------------------------
// Seeds.

var originSeeds = []string{
	"https//a.example", "https:/a.example", "*.a.example", "localhost:3000", `/^https:\/\/.*\.a\.example$/`, `^https?://[a-z]+\.a\.example$`,
	"https://a.example, https://b.example/", "https://a.example https://b.example", "https://*", "https://**.a.example", "https://*.*a.example",
	"", "*", "null", "NULL", "https://a.example", "https://A.example", "https://a.example/", "https://a.example:443",
	"http://a.example:80", "http://a.example:8080", "https://a.example:0", "https://a.example:08080", "https://a.example:65535",
	"https://a.example:65536", "https://a.example:", "https://a.example.", "https://a..example", "https://.a.example",
	"https://*.a.example", "https://*.a.example:*", "https://*.a.example:8443", "http://localhost:*", "http://localhost",
	"http://127.0.0.1:3000", "http://127.1", "http://0x7f.0.0.1", "http://a.0x1", "http://0x", "http://a.0x.", "http://a.1", "http://1.2.3.4.5",
	"http://[::1]", "http://[::1]:8080", "http://[0::1]", "http://[::ffff:127.0.0.1]", "http://[::ffff:7f00:1]", "http://[::ffff:0:0]", "http://[::ffff:07f00:1]", "http://[::1%25eth0]", "http://[::1",
	"http://[fe80::1]", "http://[FE80::1]", "https://*.[::1]", "https://*.127.0.0.1", "https://*", "https://*:*", "https://*.*.a",
	"https://a*.example", "https://*a.example", "*.a.example", "a.example", "file://", "file:///etc", "FILE://x",
	"https://user@a.example", "https://a.example?q", "https://a.example#f", "https://a.example/path", "HTTPS://a.example",
	"https://xn--bcher-kva.example", "https://bücher.example", "https://a_b.example", "https://a-.example",
	"chrome-extension://abcdefghijklmnop", "moz-extension://123", "a+b.c-d://x", "1http://a", "https://*.github.io",
	"https://*.co.uk", "https://*.localhost", "http://*.localhost:*", "https://a.example:*:*", "https://a.example\r\nX: y",
	"https://a.example\x00", "https://a.example ", " https://a.example", "https://a.example\t", "https://" + strings.Repeat("a", 63) + ".example",
	"https://" + strings.Repeat("a", 64) + ".example", "https://" + strings.Repeat("a.", 126) + "b", strings.Repeat("a", 65) + "://x",
	"https://a.example:*", "https://:*", "https://:8080", "https://a.example:+1", "https://a.example:-1", "https://a.example: 1",
	"https://a.example:1e3", "A://A:1:*", "https://A.example:8443:*", "A://*.0.0.0.0 ", " FILE://A", "ws://a.example", "http://a.sub.example", "https://eu.sub.example", "https://x.a.example",
	"https://a.b.a.example", "https://xa.example", "https://a.example.evil", "https://evil-a.example",
}

// ---------------------------------------------------------------------------
// Targets.

// FuzzOriginPattern checks that compiling an AllowedOrigins entry never
// panics, that exactly the canonical entries are accepted (per credentials
// mode), and that every suggested fix is itself accepted.
func FuzzOriginPattern(f *testing.F) {
	for _, s := range originSeeds {
		f.Add(s, false, false)
		f.Add(s, true, false)
		f.Add(s, true, true)
	}
	f.Fuzz(func(t *testing.T, entry string, creds, optIns bool) {
		cfg := Config{
			AllowedOrigins:   []string{entry},
			AllowCredentials: creds,
			DangerouslyAllowInsecureOriginsWithCredentials:       optIns,
			DangerouslyAllowPublicSuffixWildcardsWithCredentials: optIns,
		}
		_, err := compile(cfg)
		want := refPatternAcceptedWith(entry, creds, optIns)
		if (err == nil) != want {
			t.Fatalf("entry %q (credentials %v, opt-ins %v): accepted %v, reference says %v; error: %v", entry, creds, optIns, err == nil, want, err)
		}
		if err == nil && entry != "*" {
			checkCanonicalWithURL(t, entry)
		}
		for _, e := range flatten(err) {
			var oe *ConfigError
			if errors.As(e, &oe) && oe.Code == ErrJoinedEntries {
				if parts := splitSuggested(oe.problem); len(parts) > 0 {
					if _, ferr := compile(Config{AllowedOrigins: parts}); ferr != nil {
						t.Fatalf("entry %q: suggested entries %q are rejected: %v", entry, parts, ferr)
					}
				}
			}
			if !errors.As(e, &oe) || oe.Field != "AllowedOrigins" || oe.Fix == "" {
				continue
			}
			if oe.Fix == entry {
				t.Fatalf("entry %q: the fix suggested is the entry itself", entry)
			}
			if _, ferr := compile(Config{AllowedOrigins: []string{oe.Fix}}); ferr != nil {
				t.Fatalf("entry %q: suggested fix %q is rejected: %v", entry, oe.Fix, ferr)
			}
		}
	})
}

// checkCanonicalWithURL cross-checks an accepted entry with net/url: it is
// a URL with only a scheme and a host, already in lower case.
func checkCanonicalWithURL(t *testing.T, entry string) {
	t.Helper()
	scheme, rest, _ := strings.Cut(entry, "://")
	rest = strings.TrimPrefix(rest, "*.")
	rest = strings.TrimSuffix(rest, ":*")
	u, err := url.Parse(scheme + "://" + rest)
	if err != nil {
		t.Fatalf("accepted entry %q is not a URL: %v", entry, err)
	}
	if u.Scheme != scheme || u.Host != rest || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.Opaque != "" {
		t.Fatalf("accepted entry %q is not scheme://host[:port]: %#v", entry, u)
	}
	if strings.ToLower(entry) != entry {
		t.Fatalf("accepted entry %q is not lower case", entry)
	}
}

func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// FuzzOriginMatch compares the origin index with the reference matcher for
// every (patterns, origin) input, and parseOrigin with the reference parser.
func FuzzOriginMatch(f *testing.F) {
	patterns := []string{"https://a.example", "https://*.a.example", "http://localhost:*", "https://*.a.example:*",
		"https://*.a.example:8443", "http://[::1]:*", "http://127.0.0.1:3000", "https://*.sub.example"}
	for i, o := range originSeeds {
		f.Add(patterns[i%len(patterns)], patterns[(i+3)%len(patterns)], o)
		f.Add(o, "https://b.example", "https://x."+strings.TrimPrefix(o, "https://*."))
	}
	f.Fuzz(func(t *testing.T, p1, p2, origin string) {
		_, okOrigin := refParseOrigin(origin)
		if o, ok := parseOrigin(origin); ok != okOrigin {
			t.Fatalf("parseOrigin(%q) = %v, reference says %v", origin, ok, okOrigin)
		} else if ok && o.scheme+"://"+o.host+portSuffix(o.port) != origin {
			t.Fatalf("parseOrigin(%q) parts %+v do not rebuild the origin", origin, o)
		}
		if p1 == "*" || p2 == "*" {
			return
		}
		c, err := compile(Config{AllowedOrigins: []string{p1, p2}})
		if err != nil {
			return
		}
		allowed, malformed := c.origins.match(origin)
		want := refMatch(p1, origin) || refMatch(p2, origin)
		if allowed != want || malformed != !okOrigin {
			t.Fatalf("patterns %q, %q, origin %q: allowed %v malformed %v, reference says %v, %v", p1, p2, origin, allowed, malformed, want, !okOrigin)
		}
	})
}

func portSuffix(p string) string {
	if p == "" {
		return ""
	}
	return ":" + p
}

// FuzzRequestHeaders compares checkHeaders and listScanner with the
// reference parser: same verdict (allowed / refused / malformed / too long)
// and the same name for every input. Lines are separated by "\n".
func FuzzRequestHeaders(f *testing.F) {
	lists := []string{"X-Token,Content-Type", "*", "*,Authorization", "authorization", "x-a,x-b,x-c", "Content-Type"}
	raws := []string{"", "x-token", "X-Token", "x-token,content-type", "content-type, x-token", " x-token ,\t, ,content-type ",
		",,,", "x-token\ncontent-type", "x-token,\n,content-type", "authorization", "Authorization, x-token", "*", "x-a,*",
		"x y", "x-token,bad header", "x-token;q=1", "x-token,\"q\"", "x-token\r\n", "x-\x00", "ü", "a,b,a", "b,a",
		strings.Repeat("x-a,", 1100), strings.Repeat("\n", 32), strings.Repeat("\n", 33), strings.Repeat("a", 4096),
		strings.Repeat("a", 4097), "x-other,x-token", "x-token,x-other,bad()", "\t", " , "}
	for i, r := range raws {
		f.Add(lists[i%len(lists)], r, false)
		f.Add(lists[(i+1)%len(lists)], r, i%3 == 0)
	}
	f.Fuzz(func(t *testing.T, allowedCSV, raw string, nilLines bool) {
		var list []string
		for _, h := range strings.Split(allowedCSV, ",") {
			if h != "" {
				list = append(list, h)
			}
		}
		c, err := compile(Config{AllowedOrigins: []string{"https://a.example"}, AllowedHeaders: list})
		if err != nil {
			return
		}
		var lines []string
		if !nilLines {
			lines = strings.Split(raw, "\n")
		}

		// The scanner yields exactly the trimmed comma-separated elements.
		got := slices.Collect(elements(lines))
		if want := refElements(lines); strings.Join(got, "\x00|") != strings.Join(want, "\x00|") || len(got) != len(want) {
			t.Fatalf("elements(%q) = %q, reference %q", lines, got, want)
		}

		v := c.checkHeaders(lines)
		code, detail, auth := refCheckHeaders(refHeaders(list), lines)
		if v.code != code || v.detail != detail {
			t.Fatalf("allowed %q, lines %q: verdict %v %q, reference %v %q", list, lines, v.code, v.detail, code, detail)
		}
		if (code == ReasonPreflightAllowed || code == ReasonHeaderNotAllowed) && v.authorization != auth {
			t.Fatalf("allowed %q, lines %q: authorization requested %v, reference %v", list, lines, v.authorization, auth)
		}
		// The shortcut evaluatePreflight takes under a configured list
		// holds only for lines the full check allows.
		if c.allowHeaders != "" && !c.anyHeader && c.allConfigured(lines) && code != ReasonPreflightAllowed {
			t.Fatalf("allowed %q, lines %q: allConfigured, but the reference refuses them (%v)", list, lines, code)
		}
	})
}

// fuzzConfigs are the policies FuzzEvaluate draws from.
func fuzzConfigs() []Config {
	byFunc := func(o string) bool { return o == "null" || strings.HasSuffix(o, ".func.example") }
	return []Config{
		{AllowedOrigins: []string{"https://app.example", "https://*.sub.example", "http://localhost:*"},
			AllowedMethods: []string{"GET", "PUT", "DELETE", "patch"}, AllowedHeaders: []string{"X-Token", "Content-Type"},
			ExposedHeaders: []string{"X-Request-Id"}, AllowCredentials: true, MaxAge: 10 * time.Minute},
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*"}, ExposedHeaders: []string{"*"}},
		{AllowedOrigins: []string{"https://app.example", "https://*.app.example:*"}, AllowedMethods: []string{"*"},
			AllowedHeaders: []string{"*"}, AllowCredentials: true, AllowPrivateNetwork: true},
		{AllowedOrigins: []string{"https://app.example"}, AllowOriginFunc: byFunc, AllowPrivateNetwork: true,
			PreflightPassthrough: true, AllowedHeaders: []string{"x-a", "authorization"}},
		{AllowedOrigins: []string{"https://app.example", "http://[::1]:*"}, AllowedHeaders: []string{"*", "Authorization"},
			AllowedMethods: []string{"*"}, PreflightSuccessStatus: 200, MaxAge: -1},
		{AllowedOrigins: []string{"*"}, AllowPrivateNetwork: true, AllowedHeaders: []string{"*"}},
		{AllowOriginFunc: byFunc, AllowCredentials: true, AllowedHeaders: []string{"*"}, ExposedHeaders: []string{"X-A", "X-B"}},
	}
}

// fieldLines turns a fuzzed string into header field lines ("\n" separates
// lines), or nil when absent.
func fieldLines(s string, present bool) []string {
	if !present {
		return nil
	}
	return strings.Split(s, "\n")
}

// setAdder hides an http.Header behind the HeaderWriter interface so that
// Evaluate takes its generic path (the one fasthttp uses).
type setAdder struct{ h http.Header }

func (s setAdder) Set(k, v string) { s.h.Set(k, v) }
func (s setAdder) Add(k, v string) { s.h.Add(k, v) }

// FuzzEvaluate checks invariants of Evaluate and the headers it writes for every
// request against a table of policies.
func FuzzEvaluate(f *testing.F) {
	type seed struct {
		method, origin, acrm, acrh, acrpn string
		present                           uint8
	}
	seeds := []seed{
		{"GET", "https://app.example", "", "", "", 1},
		{"OPTIONS", "https://app.example", "PUT", "x-token", "", 7},
		{"OPTIONS", "https://eu.sub.example", "DELETE", "x-token,content-type", "true", 15},
		{"OPTIONS", "https://evil.example", "PUT", "", "", 3},
		{"OPTIONS", "null", "GET", "", "", 3},
		{"OPTIONS", "https://x.func.example", "patch", "Authorization, X-A", "true", 15},
		{"OPTIONS", "https://app.example", "PUT", "authorization,x-foo", "", 7},
		{"OPTIONS", "https://app.example", "GET\nPUT", "", "", 3},
		{"OPTIONS", "https://app.example\nhttps://evil.example", "GET", "", "", 3},
		{"OPTIONS", "https://app.example", "P UT", "x\r\ny", "true\ntrue", 15},
		{"options", "https://app.example", "put", "", "", 3},
		{"OPTIONS", "http://localhost:3000", "CONNECT", "*", "", 7},
		{"OPTIONS", "http://[::1]:8080", "TRACE", "a,,b, ,c", "", 7},
		{"POST", "https://app.example\r\nX-Evil: 1", "", "", "", 1},
		{"GET", "", "", "", "", 0},
		{"OPTIONS", "", "PUT", "", "", 6},
		{"OPTIONS", "https://a.app.example:9", "X-CUSTOM", "x-b,x-a", "", 7},
		{"OPTIONS", "https://app.example", "PUT", strings.Repeat("x,", 3000), "", 7},
		{"OPTIONS", "https://app.example", "PUT", strings.Repeat("a\n", 40), "", 7},
		{"GET", "https://APP.example", "", "", "", 1},
		{"GET", "https://app.example\x00", "", "", "", 1},
		{"OPTIONS", "https://app.example", "*", "0", "", 7}, // ACAM * with credentials (tolerated, see above)
		{"OPTIONS", "https://app.example", "*", "*", "", 7},
	}
	for i, s := range seeds {
		for cfg := 0; cfg < len(fuzzConfigs()); cfg++ {
			if (i+cfg)%2 == 0 || cfg < 2 {
				f.Add(uint8(cfg), s.method, s.origin, s.acrm, s.acrh, s.acrpn, s.present)
			}
		}
	}
	configs := fuzzConfigs()
	policies := make([]*Policy, len(configs))
	for i, cfg := range configs {
		policies[i] = MustNew(cfg)
	}
	f.Fuzz(func(t *testing.T, which uint8, method, origin, acrm, acrh, acrpn string, present uint8) {
		i := int(which) % len(configs)
		cfg, p := configs[i], policies[i]
		r := request{
			Method:                             method,
			Origin:                             fieldLines(origin, present&1 != 0),
			AccessControlRequestMethod:         fieldLines(acrm, present&2 != 0),
			AccessControlRequestHeaders:        fieldLines(acrh, present&4 != 0),
			AccessControlRequestPrivateNetwork: fieldLines(acrpn, present&8 != 0),
		}
		h := http.Header{}
		d := eval(p, r, h)
		g := http.Header{}
		if dg := eval(p, r, setAdder{g}); dg != d || !sameHeader(h, g) {
			t.Fatalf("Evaluate differs between http.Header %v (%+v) and the generic path %v (%+v)", h, d, g, dg)
		}
		checkDecision(t, cfg, r, d, h)
	})
}

func sameHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\n") != strings.Join(b[k], "\n") || len(v) != len(b[k]) {
			return false
		}
	}
	return true
}

// fataler is the part of testing.TB that checkDecision uses, so that
// TestCheckDecisionCatches can prove that the checks fail when they should.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// checkDecision asserts the invariants of one decision and its headers.
func checkDecision(t fataler, cfg Config, r request, d Decision, h http.Header) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("config %+v\nrequest %q\ndecision %+v\nheaders %q\n"+format, append([]any{cfg, r, d, h}, args...)...)
	}
	for k, vs := range h {
		for _, v := range vs {
			if strings.ContainsAny(v, "\r\n\x00") {
				fail("header %s has a value with CR, LF or NUL: %q", k, v)
			}
		}
	}
	anyOrigin := len(cfg.AllowedOrigins) == 1 && cfg.AllowedOrigins[0] == "*"

	// Classification (preflight-classification).
	wantKind := Actual
	switch {
	case len(r.Origin) == 0:
		wantKind = NotCORS
	case r.Method == http.MethodOptions && len(r.AccessControlRequestMethod) > 0:
		wantKind = Preflight
	}
	if d.Kind != wantKind {
		fail("kind %v, want %v", d.Kind, wantKind)
	}
	if d.Respond != (d.Kind == Preflight && (!cfg.PreflightPassthrough || !d.Allowed)) {
		fail("Respond %v", d.Respond)
	}

	// ACAO only for an allowed origin, byte-equal to the request's.
	acao, hasACAO := h["Access-Control-Allow-Origin"]
	_, hasACAC := h["Access-Control-Allow-Credentials"]
	if hasACAO {
		if len(acao) != 1 {
			fail("several ACAO values")
		}
		switch {
		case acao[0] == "*":
			if !anyOrigin || cfg.AllowCredentials {
				fail("ACAO * without a * policy")
			}
			if hasACAC {
				fail("ACAO * together with ACAC")
			}
		case len(r.Origin) != 1 || acao[0] != strings.Trim(r.Origin[0], " \t"):
			fail("ACAO %q is not the request origin", acao[0])
		case !refOriginAllowed(cfg, strings.Trim(r.Origin[0], " \t")):
			fail("ACAO for origin %q that the policy does not allow", acao[0])
		}
	}
	if hasACAC && (!cfg.AllowCredentials || !hasACAO) {
		fail("ACAC without credentials configured or without ACAO")
	}
	if d.Status == http.StatusForbidden {
		for k := range h {
			if strings.HasPrefix(k, "Access-Control-") {
				fail("403 preflight carries %s", k)
			}
		}
	}
	if d.Kind == Preflight && d.Allowed && !hasACAO {
		fail("allowed preflight without ACAO")
	}

	// ACAM and ACAH never grant what was refused, never * with credentials.
	headers := refHeaders(cfg.AllowedHeaders)
	for _, v := range h["Access-Control-Allow-Headers"] {
		for _, name := range refElements([]string{v}) {
			if name == "*" {
				if cfg.AllowCredentials || !headers.any {
					fail("ACAH * not allowed by the policy")
				}
				continue
			}
			if !headers.allows(name) {
				fail("ACAH names %q, which the policy does not allow", name)
			}
		}
	}
	for _, v := range h["Access-Control-Allow-Methods"] {
		if v == "*" && cfg.AllowCredentials {
			fail("ACAM * with credentials")
		}
		for _, m := range refElements([]string{v}) {
			if !refToken(m) || isForbiddenMethod(m) {
				fail("ACAM names %q", m)
			}
		}
	}
	if d.Kind == Preflight && d.Allowed {
		if len(r.AccessControlRequestMethod) != 1 {
			fail("allowed preflight with %d ACRM lines", len(r.AccessControlRequestMethod))
		}
		code, _, _ := refCheckHeaders(headers, r.AccessControlRequestHeaders)
		if code != ReasonPreflightAllowed {
			fail("allowed preflight whose headers the reference refuses (%v)", code)
		}
	}
	if d.Allowed == d.Reason.Code.Denied() {
		fail("Allowed %v disagrees with reason %v", d.Allowed, d.Reason)
	}
}

// refOriginAllowed says whether the policy allows origin s, by the
// reference matcher or AllowOriginFunc (which only ever sees valid origins
// or "null").
func refOriginAllowed(cfg Config, s string) bool {
	for _, e := range cfg.AllowedOrigins {
		if e == "*" || refMatch(e, s) {
			return true
		}
	}
	if cfg.AllowOriginFunc == nil {
		return false
	}
	if _, ok := refParseOrigin(s); !ok && s != "null" {
		return false
	}
	return cfg.AllowOriginFunc(s)
}

// caught records the first failure of checkDecision and stops it.
type caught struct{ msg string }

func (c *caught) Helper() {}
func (c *caught) Fatalf(format string, args ...any) {
	c.msg = fmt.Sprintf(format, args...)
	panic(c)
}

// violation runs checkDecision and returns its failure message, "" if none.
func violation(cfg Config, r request, d Decision, h http.Header) (msg string) {
	c := &caught{}
	defer func() {
		if v := recover(); v != nil {
			if v != c {
				panic(v)
			}
			msg = c.msg
		}
	}()
	checkDecision(c, cfg, r, d, h)
	return ""
}

// TestCheckDecisionCatches feeds checkDecision responses that break each
// invariant, so that FuzzEvaluate's checks are known to be able to fail.
func TestCheckDecisionCatches(t *testing.T) {
	cfg := fuzzConfigs()[0] // credentialed allow-list
	p := MustNew(cfg)
	evaluate := func(r request) (Decision, http.Header) {
		h := http.Header{}
		return eval(p, r, h), h
	}
	allowed := request{Method: "OPTIONS", Origin: []string{"https://app.example"}, AccessControlRequestMethod: []string{"PUT"},
		AccessControlRequestHeaders: []string{"x-token"}}
	denied := request{Method: "OPTIONS", Origin: []string{"https://evil.example"}, AccessControlRequestMethod: []string{"PUT"}}
	actual := request{Method: "GET", Origin: []string{"https://app.example"}}

	for _, r := range []request{allowed, denied} {
		d, h := evaluate(r)
		if msg := violation(cfg, r, d, h); msg != "" {
			t.Fatalf("a correct preflight from %s is flagged: %s", r.Origin[0], msg)
		}
	}
	cases := []struct {
		name   string
		r      request
		tamper func(h http.Header)
		want   string
	}{
		{"ACAO * with ACAC", actual, func(h http.Header) { h.Set("Access-Control-Allow-Origin", "*") }, "ACAO *"},
		{"ACAO for another origin", actual, func(h http.Header) { h.Set("Access-Control-Allow-Origin", "https://evil.example") }, "not the request origin"},
		{"ACAO for a disallowed origin", request{Method: "GET", Origin: []string{"https://evil.example"}},
			func(h http.Header) { h.Set("Access-Control-Allow-Origin", "https://evil.example") }, "does not allow"},
		{"CR LF in a value", actual, func(h http.Header) { h.Set("Access-Control-Expose-Headers", "X-A\r\nSet-Cookie: a=b") }, "CR, LF or NUL"},
		{"NUL in a value", actual, func(h http.Header) { h.Set("Vary", "Origin\x00") }, "CR, LF or NUL"},
		{"403 with CORS headers", denied, func(h http.Header) { h.Set("Access-Control-Allow-Methods", "GET") }, "403 preflight carries"},
		{"ACAH grants a refused header", allowed, func(h http.Header) { h.Set("Access-Control-Allow-Headers", "x-token, x-evil") }, "x-evil"},
		{"ACAH * with credentials", allowed, func(h http.Header) { h.Set("Access-Control-Allow-Headers", "*") }, "ACAH *"},
		{"ACAM * with credentials", allowed, func(h http.Header) { h.Set("Access-Control-Allow-Methods", "*") }, "ACAM *"},
		{"ACAC without ACAO", actual, func(h http.Header) { h.Del("Access-Control-Allow-Origin") }, "ACAC without"},
	}
	for _, c := range cases {
		d, h := evaluate(c.r)
		c.tamper(h)
		if msg := violation(cfg, c.r, d, h); !strings.Contains(msg, c.want) {
			t.Errorf("%s: checkDecision says %q, want a failure mentioning %q", c.name, msg, c.want)
		}
	}
}
