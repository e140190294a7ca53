package cors

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

const (
	varyGet     = "X-Outer, Origin"
	varyOptions = "X-Outer, Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
	baseACAM    = "GET, PUT, DELETE, patch"
	baseACAH    = "x-token, content-type"
)

// h is shorthand for an expected header set.
type h = map[string]string

func allowedActual(origin string) h {
	return h{"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true",
		"Access-Control-Expose-Headers": "X-Request-Id", "Vary": varyGet}
}

func allowedPreflight(origin string) h {
	return h{"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true",
		"Access-Control-Allow-Methods": baseACAM, "Access-Control-Allow-Headers": baseACAH,
		"Access-Control-Max-Age": "600", "Vary": varyOptions}
}

func merge(a, b h) h {
	out := h{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

type behaviourCase struct {
	rule    string // rules of docs/behaviour.md covered
	name    string
	cfg     Config
	req     *http.Request
	status  int
	appRan  bool
	headers h // every Access-Control-* header and Vary, exactly
	allowed bool
}

func behaviourCases() []behaviourCase {
	pna := with(baseConfig, func(c *Config) { c.AllowPrivateNetwork = true })
	varyPNA := varyOptions + ", Access-Control-Request-Private-Network"
	return []behaviourCase{
		// Classification.
		{"cors-request", "GET with Origin is CORS", baseConfig, req("GET", "https://app.example"), 200, true, allowedActual("https://app.example"), true},
		{"preflight-classification", "OPTIONS+Origin+ACRM is a preflight", baseConfig, preflight("https://app.example", "PUT"), 204, false, allowedPreflight("https://app.example"), true},
		{"preflight-classification", "OPTIONS+Origin without ACRM reaches the app", baseConfig, req("OPTIONS", "https://app.example"), 200, true,
			merge(allowedActual("https://app.example"), h{"Vary": varyOptions}), true},
		{"cors-request", "OPTIONS without Origin is not CORS", baseConfig, req("OPTIONS", "", "Access-Control-Request-Method: PUT"), 200, true, h{"Vary": varyOptions}, true},
		{"cors-request", "GET without Origin is not CORS", baseConfig, req("GET", ""), 200, true, h{"Vary": varyGet}, true},
		{"safelisted-methods", "safelisted ACRM POST without ACRH", baseConfig, preflight("https://app.example", "POST"), 204, false, allowedPreflight("https://app.example"), true},
		{"acrh-tolerant-bounded", "empty ACRH is like none", baseConfig, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: "), 204, false, allowedPreflight("https://app.example"), true},
		{"preflight-triggers", "preflight answer does not depend on a body or Content-Type", baseConfig,
			preflight("https://app.example", "PUT", "Content-Type: application/json"), 204, false, allowedPreflight("https://app.example"), true},

		// Origins.
		{"origin-byte-exact", "ACAO echoes the request bytes", baseConfig, req("GET", "http://localhost:5173"), 200, true, allowedActual("http://localhost:5173"), true},
		{"serialized-origin, origin-byte-exact", "upper-case request origin is not canonical", baseConfig, req("GET", "https://APP.example"), 200, true, h{"Vary": varyGet}, false},
		{"scheme-and-port", "scheme is part of the origin", baseConfig, req("GET", "http://app.example"), 200, true, h{"Vary": varyGet}, false},
		{"scheme-and-port", "port is part of the origin", baseConfig, req("GET", "https://app.example:8443"), 200, true, h{"Vary": varyGet}, false},
		{"serialized-origin", "default port never matches", baseConfig, req("GET", "https://app.example:443"), 200, true, h{"Vary": varyGet}, false},
		{"origin-patterns", "subdomain pattern emits the concrete origin", baseConfig, req("GET", "https://eu.sub.example"), 200, true, allowedActual("https://eu.sub.example"), true},
		{"origin-patterns", "subdomain pattern spans several labels", baseConfig, req("GET", "https://a.b.sub.example"), 200, true, allowedActual("https://a.b.sub.example"), true},
		{"origin-patterns", "subdomain pattern never matches the apex", baseConfig, req("GET", "https://sub.example"), 200, true, h{"Vary": varyGet}, false},
		{"origin-patterns", "subdomain pattern respects label boundaries", baseConfig, req("GET", "https://evilsub.example"), 200, true, h{"Vary": varyGet}, false},
		{"origin-patterns", "subdomain pattern is anchored at the end", baseConfig, req("GET", "https://sub.example.evil.com"), 200, true, h{"Vary": varyGet}, false},
		{"origin-patterns", "empty label is not a subdomain", baseConfig, req("GET", "https://.sub.example"), 200, true, h{"Vary": varyGet}, false},
		{"scheme-and-port, origin-patterns", ":* matches any port", baseConfig, req("GET", "http://localhost:3000"), 200, true, allowedActual("http://localhost:3000"), true},
		{"scheme-and-port, origin-patterns", ":* matches the default port", baseConfig, req("GET", "http://localhost"), 200, true, allowedActual("http://localhost"), true},
		{"scheme-and-port", ":* keeps the scheme", baseConfig, req("GET", "https://localhost:3000"), 200, true, h{"Vary": varyGet}, false},
		{"wildcard-origin", "* allows null without credentials", publicConfig, req("GET", "null"), 200, true,
			h{"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "*", "Vary": "X-Outer"}, true},
		{"wildcard-origin, origin-cache-rule", "static * on a non-CORS response, no Vary: Origin, answered like a CORS one", publicConfig, req("GET", ""), 200, true,
			h{"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "*", "Vary": "X-Outer"}, true},
		{"null-origin", "null is denied by a list", baseConfig, req("GET", "null"), 200, true, h{"Vary": varyGet}, false},
		{"null-origin", "null allowed by AllowOriginFunc", with(baseConfig, func(c *Config) { c.AllowOriginFunc = func(o string) bool { return o == "null" } }),
			req("GET", "null"), 200, true, allowedActual("null"), true},
		{"no-blind-reflection", "unlisted origin is not reflected", baseConfig, req("GET", "https://evil.example"), 200, true, h{"Vary": varyGet}, false},
		{"no-blind-reflection", "AllowOriginFunc never sees malformed origins", with(baseConfig, func(c *Config) { c.AllowOriginFunc = func(string) bool { return true } }),
			req("GET", "https://evil.example/path"), 200, true, h{"Vary": varyGet}, false},
		{"no-blind-reflection", "AllowOriginFunc consulted after the list", with(baseConfig, func(c *Config) { c.AllowOriginFunc = func(o string) bool { return o == "https://dyn.example" } }),
			req("GET", "https://dyn.example"), 200, true, allowedActual("https://dyn.example"), true},
		{"one-field-line", "two Origin lines are denied", baseConfig, req("GET", "https://app.example", "Origin: https://app.example"), 200, true, h{"Vary": varyGet}, false},

		// Credentials.
		{"credentials-exact-origin", "credentialed: exact origin and ACAC true", baseConfig, req("GET", "https://app.example", "Cookie: a=b"), 200, true, allowedActual("https://app.example"), true},
		{"credentials-exact-origin", "ACAC on the preflight too", baseConfig, preflight("https://app.example", "DELETE"), 204, false, allowedPreflight("https://app.example"), true},
		{"credentials-no-wildcards, method-allowlist", "credentialed * methods echo the requested method", with(baseConfig, func(c *Config) { c.AllowedMethods = []string{"*"} }),
			preflight("https://app.example", "MOVE"), 204, false, merge(allowedPreflight("https://app.example"), h{"Access-Control-Allow-Methods": "MOVE"}), true},
		{"credentials-no-wildcards, method-allowlist", "credentialed * methods refuse a method named * (it would echo a literal *)", with(baseConfig, func(c *Config) { c.AllowedMethods = []string{"*"} }),
			preflight("https://app.example", "*"), 204, false, merge(allowedPreflight("https://app.example"), h{"Access-Control-Allow-Methods": ""}), false},
		{"credentials-no-wildcards", "credentialed * headers echo the requested names", with(baseConfig, func(c *Config) { c.AllowedHeaders = []string{"*"} }),
			preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-a,x-b"), 204, false,
			merge(allowedPreflight("https://app.example"), h{"Access-Control-Allow-Headers": "x-a,x-b"}), true},

		// Preflight status and short-circuit.
		{"preflight-status", "default status 204", baseConfig, preflight("https://app.example", "PUT"), 204, false, allowedPreflight("https://app.example"), true},
		{"preflight-status", "configured status 200", with(baseConfig, func(c *Config) { c.PreflightSuccessStatus = 200 }), preflight("https://app.example", "PUT"), 200, false, allowedPreflight("https://app.example"), true},
		{"preflight-short-circuit", "passthrough calls the app with the headers", with(baseConfig, func(c *Config) { c.PreflightPassthrough = true }),
			preflight("https://app.example", "PUT"), 200, true, allowedPreflight("https://app.example"), true},
		{"preflight-short-circuit", "passthrough still answers a refused preflight", with(baseConfig, func(c *Config) { c.PreflightPassthrough = true }),
			preflight("https://app.example", "MOVE"), 204, false, allowedPreflight("https://app.example"), false},
		{"preflight-denied-origin", "disallowed origin: 403 without Access-Control-*", baseConfig, preflight("https://evil.example", "PUT"), 403, false, h{"Vary": varyOptions}, false},
		{"origin-byte-exact, origin-config-canonical", "IPv6 origin not in the form browsers send is malformed", with(baseConfig, func(c *Config) { c.AllowedOrigins = append(c.AllowedOrigins, "http://[::1]:8080") }),
			req("GET", "http://[0::1]:8080"), 200, true, h{"Vary": varyGet}, false},
		{"origin-byte-exact", "IPv6 origin in browser form is matched", with(baseConfig, func(c *Config) { c.AllowedOrigins = append(c.AllowedOrigins, "https://[::ffff:7f00:1]:8080") }),
			req("GET", "https://[::ffff:7f00:1]:8080"), 200, true, allowedActual("https://[::ffff:7f00:1]:8080"), true},
		{"preflight-denied-origin", "malformed origin: 403", baseConfig, preflight("https://app.example/", "PUT"), 403, false, h{"Vary": varyOptions}, false},

		// Methods.
		{"method-case-sensitive", "Fetch normalisation of put", baseConfig, preflight("https://app.example", "put"), 204, false, allowedPreflight("https://app.example"), true},
		{"method-case-sensitive", "patch is case-sensitive: PATCH refused", baseConfig, preflight("https://app.example", "PATCH"), 204, false, allowedPreflight("https://app.example"), false},
		{"method-case-sensitive", "patch as configured is allowed", baseConfig, preflight("https://app.example", "patch"), 204, false, allowedPreflight("https://app.example"), true},
		{"safelisted-methods", "safelisted method always passes", with(baseConfig, func(c *Config) { c.AllowedMethods = []string{"PUT"} }),
			preflight("https://app.example", "GET", "Access-Control-Request-Headers: x-token"), 204, false,
			merge(allowedPreflight("https://app.example"), h{"Access-Control-Allow-Methods": "PUT"}), true},
		{"method-allowlist, preflight-partial-refusal", "unlisted method: success status, never the refused method", baseConfig, preflight("https://app.example", "MOVE"), 204, false, allowedPreflight("https://app.example"), false},
		{"method-allowlist", "* without credentials answers *", publicConfig, preflight("https://x.example", "MOVE"), 204, false,
			h{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "*", "Access-Control-Allow-Headers": "*", "Vary": "X-Outer, Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}, true},
		{"method-config", "* never allows a forbidden method", publicConfig, preflight("https://x.example", "CONNECT"), 204, false,
			h{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*", "Vary": "X-Outer, Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}, false},
		{"method-config", "ACRM that is not a token is refused", baseConfig, preflight("https://app.example", "PUT X"), 204, false, allowedPreflight("https://app.example"), false},
		{"method-config", "two ACRM lines are refused", baseConfig, preflight("https://app.example", "PUT", "Access-Control-Request-Method: PUT"), 204, false, allowedPreflight("https://app.example"), false},

		// Request headers.
		{"acrh-tolerant-bounded", "browser-form ACRH", baseConfig, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: content-type,x-token"), 204, false, allowedPreflight("https://app.example"), true},
		{"acrh-tolerant-bounded, header-names-case-insensitive", "tolerant ACRH: case, spaces, empty elements, duplicates, order", baseConfig,
			preflight("https://app.example", "PUT", "Access-Control-Request-Headers: X-Token , ,Content-Type,x-token,"), 204, false, allowedPreflight("https://app.example"), true},
		{"acrh-tolerant-bounded", "ACRH split over several lines", baseConfig,
			preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-token", "Access-Control-Request-Headers: content-type"), 204, false, allowedPreflight("https://app.example"), true},
		{"acrh-tolerant-bounded", "ACRH past the byte bound is refused", baseConfig,
			preflight("https://app.example", "PUT", "Access-Control-Request-Headers: "+strings.Repeat(",", MaxRequestHeadersBytes+1)), 204, false, allowedPreflight("https://app.example"), false},
		{"allow-headers, preflight-partial-refusal", "one uncovered name refuses the preflight, ACAH never names it", baseConfig,
			preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-foo,x-token"), 204, false, allowedPreflight("https://app.example"), false},
		{"authorization-explicit", "* never covers Authorization: answer the allowed names", with(publicConfig, func(c *Config) {}),
			preflight("https://x.example", "PUT", "Access-Control-Request-Headers: authorization,x-a"), 204, false,
			h{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "*", "Access-Control-Allow-Headers": "x-a", "Vary": "X-Outer, Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}, false},
		{"authorization-explicit", "Authorization listed next to *", with(publicConfig, func(c *Config) { c.AllowedHeaders = []string{"*", "Authorization"} }),
			preflight("https://x.example", "PUT", "Access-Control-Request-Headers: authorization,x-a"), 204, false,
			h{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "*", "Access-Control-Allow-Headers": "*, authorization", "Vary": "X-Outer, Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}, true},
		{"credentials-no-wildcards, allow-headers", "credentialed * echoes validated names one per value when the line is not in browser form", with(baseConfig, func(c *Config) { c.AllowedHeaders = []string{"*"} }),
			preflight("https://app.example", "PUT", "Access-Control-Request-Headers: X-B, x-a"), 204, false,
			merge(allowedPreflight("https://app.example"), h{"Access-Control-Allow-Headers": "X-B, x-a"}), true},
		{"allow-headers", "malformed ACRH is refused and not echoed", with(baseConfig, func(c *Config) { c.AllowedHeaders = []string{"*"} }),
			preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-a,bad name"), 204, false,
			merge(allowedPreflight("https://app.example"), h{"Access-Control-Allow-Headers": ""}), false},

		// Max-Age.
		{"max-age", "no MaxAge, no header", with(baseConfig, func(c *Config) { c.MaxAge = 0 }), preflight("https://app.example", "PUT"), 204, false,
			merge(allowedPreflight("https://app.example"), h{"Access-Control-Max-Age": ""}), true},
		{"max-age", "negative MaxAge sends 0", with(baseConfig, func(c *Config) { c.MaxAge = -1 }), preflight("https://app.example", "PUT"), 204, false,
			merge(allowedPreflight("https://app.example"), h{"Access-Control-Max-Age": "0"}), true},
		{"max-age", "Max-Age only on preflights", baseConfig, req("GET", "https://app.example"), 200, true, allowedActual("https://app.example"), true},

		// Exposure.
		{"expose-headers", "ACEH on actual responses only", baseConfig, preflight("https://app.example", "PUT"), 204, false, allowedPreflight("https://app.example"), true},
		{"expose-headers", "ACEH * without credentials", publicConfig, req("GET", "https://x.example"), 200, true,
			h{"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "*", "Vary": "X-Outer"}, true},
		{"actual-allowed", "HEAD behaves like GET", baseConfig, req("HEAD", "https://app.example"), 200, true, allowedActual("https://app.example"), true},

		// Vary.
		{"vary-origin", "Vary: Origin on denied responses", baseConfig, req("POST", "https://evil.example"), 200, true, h{"Vary": varyGet}, false},
		{"vary-preflight", "preflight varies on ACRM and ACRH", baseConfig, preflight("https://app.example", "PUT"), 204, false, allowedPreflight("https://app.example"), true},

		// Private Network Access.
		{"private-network", "PNA allowed", pna, preflight("https://app.example", "GET", "Access-Control-Request-Private-Network: true"), 204, false,
			merge(allowedPreflight("https://app.example"), h{"Access-Control-Allow-Private-Network": "true", "Vary": varyPNA}), true},
		{"private-network", "PNA not enabled: no ACAPN", baseConfig, preflight("https://app.example", "GET", "Access-Control-Request-Private-Network: true"), 204, false,
			allowedPreflight("https://app.example"), false},
		{"private-network", "PNA never for a disallowed origin", pna, preflight("https://evil.example", "GET", "Access-Control-Request-Private-Network: true"), 403, false,
			h{"Vary": varyPNA}, false},
		{"private-network", "PNA only when asked", pna, preflight("https://app.example", "GET"), 204, false,
			merge(allowedPreflight("https://app.example"), h{"Vary": varyPNA}), true},

		// Middleware integration.
		{"one-field-line, denied-actual", "denied actual request still runs the app, no 403", baseConfig, req("DELETE", "https://evil.example"), 200, true, h{"Vary": varyGet}, false},
	}
}

func TestBehaviour(t *testing.T) {
	for _, tc := range behaviourCases() {
		t.Run(tc.name, func(t *testing.T) {
			p := mustPolicy(t, tc.cfg)
			d := p.Evaluate(FromHTTP(tc.req))
			if d.Allowed != tc.allowed {
				t.Errorf("Allowed = %v, want %v (reason %s)", d.Allowed, tc.allowed, d.Reason)
			}
			got := serve(t, p, tc.req)
			if got.status != tc.status {
				t.Errorf("status = %d, want %d", got.status, tc.status)
			}
			if got.appRan != tc.appRan {
				t.Errorf("app ran = %v, want %v", got.appRan, tc.appRan)
			}
			if !got.appRan && got.body != "" {
				t.Errorf("answered preflight has a body %q", got.body)
			}
			compareHeaders(t, corsHeaders(got.header), tc.headers)
		})
	}
}

func compareHeaders(t *testing.T, got, want h) {
	t.Helper()
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("%s missing, want %q", k, w)
		case k == "Vary" || k == "Access-Control-Allow-Origin" || k == "Access-Control-Allow-Credentials" || k == "Access-Control-Max-Age":
			if g != w {
				t.Errorf("%s = %q, want %q", k, g, w)
			}
		case !sameList(g, w):
			t.Errorf("%s = %q, want the list %q", k, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected %s: %q", k, g)
		}
	}
}

func TestReasons(t *testing.T) {
	p := mustPolicy(t, baseConfig)
	cases := []struct {
		r    *http.Request
		code ReasonCode
		text string
	}{
		{req("GET", ""), ReasonNotCORS, "not a CORS request"},
		{req("GET", "https://app.example"), ReasonOriginAllowed, "origin allowed"},
		{req("GET", "https://evil.example"), ReasonOriginNotAllowed, `origin not allowed: "https://evil.example"`},
		{req("GET", "https://app.example\r\nX: y"), ReasonOriginMalformed, `\x0d\x0a`},
		{req("GET", "https://app.example", "Origin: https://b.example"), ReasonOriginRepeated, "more than one Origin"},
		{preflight("https://app.example", "PUT"), ReasonPreflightAllowed, "preflight allowed"},
		{preflight("https://app.example", "MOVE"), ReasonMethodNotAllowed, `method not allowed: "MOVE"`},
		{preflight("https://app.example", "A B"), ReasonMethodMalformed, "not a method token"},
		{preflight("https://app.example", strings.Repeat("M", MaxMethodLength+1)), ReasonMethodTooLong, "longer than MaxMethodLength"},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Method: PUT"), ReasonMethodRepeated, "more than one"},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-foo"), ReasonHeaderNotAllowed, `request header not allowed: "x-foo"`},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Headers: a b"), ReasonHeadersMalformed, "not a list of header names"},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Headers: "+strings.Repeat("x", 5000)), ReasonHeadersTooLong, "parsing bound"},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Private-Network: true"), ReasonPrivateNetworkNotAllowed, "private network"},
	}
	for _, tc := range cases {
		d := p.Evaluate(FromHTTP(tc.r))
		if d.Reason.Code != tc.code || !strings.Contains(d.Reason.String(), tc.text) {
			t.Errorf("%s %v: reason %d %q, want %d containing %q", tc.r.Method, tc.r.Header, d.Reason.Code, d.Reason, tc.code, tc.text)
		}
		if d.Reason.Code.Denied() == d.Allowed {
			t.Errorf("%v: Allowed=%v disagrees with reason %q", tc.r.Header, d.Allowed, d.Reason)
		}
	}
	if got := (Reason{Code: 200}).String(); got != "unknown reason ReasonCode(200)" {
		t.Errorf("unknown code: %q", got)
	}
}

func TestMaxAgeValues(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{{time.Second, "1"}, {2 * time.Hour, "7200"}, {24 * time.Hour, "86400"}, {-time.Hour, "0"}} {
		p := mustPolicy(t, with(baseConfig, func(c *Config) { c.MaxAge = tc.d }))
		got := serve(t, p, preflight("https://app.example", "PUT")).header.Get("Access-Control-Max-Age")
		if got != tc.want {
			t.Errorf("MaxAge %v: header %q, want %q", tc.d, got, tc.want)
		}
	}
}
