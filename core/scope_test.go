package cors

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/originguard/cors/core/adapter"
)

// tenantOrigin allows https://<first label of host>.example.
func tenantOrigin(origin, host, _ string) bool {
	tenant, _, _ := strings.Cut(strings.ToLower(host), ".")
	return tenant != "" && origin == "https://"+tenant+".example"
}

// exampleScopes is the scoped policy of the examples: a public read-only
// scope, a credentialed API, tenant hosts, no CORS elsewhere.
func exampleScopes() ScopedConfig {
	return ScopedConfig{Scopes: []Scope{
		{PathPrefix: "/public/", Config: Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}},
		{PathPrefix: "/api/", Config: Config{AllowedOrigins: []string{"https://app.example"}, AllowCredentials: true,
			AllowedMethods: []string{"GET", "PUT", "DELETE"}, AllowedHeaders: []string{"X-Token"}, MaxAge: 10 * time.Minute}},
		{Host: "*.tenant.test", PathPrefix: "/", Config: Config{AllowOriginRequestFunc: tenantOrigin, AllowCredentials: true,
			AllowedMethods: []string{"GET", "PUT"}}},
	}}
}

// scopedReq builds a request for target ("http://host/path") from origin.
func scopedReq(method, target, origin string, headers ...string) *http.Request {
	r := req(method, origin, headers...)
	u := httptest.NewRequest(method, target, nil)
	r.URL, r.Host, r.RequestURI = u.URL, u.Host, u.RequestURI
	return r
}

func TestScopeSelection(t *testing.T) {
	p, err := NewScoped(exampleScopes())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		target, origin string
		scope, acao    string
	}{
		{"http://a.test/public/items", "https://evil.example", "/public/", "*"},
		{"http://a.test/public", "https://evil.example", "/public/", "*"}, // the prefix's own path, without its slash
		{"http://a.test/api/items", "https://app.example", "/api/", "https://app.example"},
		{"http://a.test/api/items", "https://evil.example", "/api/", ""},
		{"http://a.test/public/items", "https://app.example", "/public/", "*"},
		{"http://a.test/apix", "https://app.example", ScopeNone, ""}, // "/api/" is not "/apix"
		{"http://a.test/other", "https://app.example", ScopeNone, ""},
		{"http://a.test/", "https://app.example", ScopeNone, ""},
		// A host scope wins over every host-less one, at any path.
		{"http://acme.tenant.test/api/items", "https://acme.example", "*.tenant.test/", "https://acme.example"},
		{"http://acme.tenant.test/api/items", "https://app.example", "*.tenant.test/", ""},
		// A host in another form than browsers send, or a port the scope
		// does not name: routers disagree on such hosts, so no CORS.
		{"http://acme.tenant.test:8090/t", "https://acme.example", ScopeNone, ""},
		{"http://ACME.Tenant.Test./t", "https://acme.example", ScopeNone, ""},
		{"http://acme.tenant.test/t", "https://other.example", "*.tenant.test/", ""},
		{"http://x.acme.tenant.test/t", "https://x.example", "*.tenant.test/", "https://x.example"},
		{"http://tenant.test/public/items", "https://evil.example", "/public/", "*"}, // the apex is not a subdomain
	} {
		w := httptest.NewRecorder()
		d := evalHTTP(p, scopedReq("GET", tc.target, tc.origin), w.Header())
		if d.Reason.Scope != tc.scope || w.Header().Get("Access-Control-Allow-Origin") != tc.acao {
			t.Errorf("%s from %s: scope %q, ACAO %q (%v); want scope %q, ACAO %q",
				tc.target, tc.origin, d.Reason.Scope, w.Header().Get("Access-Control-Allow-Origin"), d.Reason, tc.scope, tc.acao)
		}
	}
}

// TestScopePrecedence: the most specific scope decides (exact host, longer
// host pattern, any host; then the longest prefix), whatever the order in
// which the scopes are declared.
func TestScopePrecedence(t *testing.T) {
	cfg := func(origin string) Config { return Config{AllowedOrigins: []string{origin}} }
	scopes := []Scope{
		{PathPrefix: "/", Config: cfg("https://root.example")},
		{PathPrefix: "/a", Config: cfg("https://a.example")},
		{PathPrefix: "/a/b/", Config: cfg("https://ab.example")},
		{Host: "*.t.test", Config: cfg("https://wild.example")},
		{Host: "*.x.t.test", PathPrefix: "/a/", Config: cfg("https://wildx.example")},
		{Host: "y.x.t.test", PathPrefix: "/a/b", Config: cfg("https://exact.example")},
	}
	want := map[string]string{
		"http://h.test/":           "/",
		"http://h.test/z":          "/",
		"http://h.test/a":          "/a",
		"http://h.test/a/":         "/a",
		"http://h.test/ab":         "/",
		"http://h.test/a/b":        "/a/b/",
		"http://h.test/a/bc":       "/a",
		"http://h.test/a/b/c":      "/a/b/",
		"http://q.t.test/a/b":      "*.t.test/",
		"http://q.x.t.test/a/b":    "*.x.t.test/a/",
		"http://q.x.t.test/z":      "*.t.test/",
		"http://y.x.t.test/a/b/c":  "y.x.t.test/a/b",
		"http://y.x.t.test/a/z":    "*.x.t.test/a/",
		"http://y.x.t.test/z":      "*.t.test/",
		"http://x.t.test/a/b":      "*.t.test/", // the apex of *.x.t.test
		"http://t.test/a/b":        "/a/b/",
		"http://y.x.t.test:1/a/b/": ScopeNone, // the scope has no port
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 20; round++ {
		order := slices.Clone(scopes)
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		p := MustNewScoped(ScopedConfig{Scopes: order})
		for target, scope := range want {
			if d := evalHTTP(p, scopedReq("GET", target, "https://o.example"), nil); d.Reason.Scope != scope {
				t.Fatalf("order %v: %s decided by %q, want %q", names(order), target, d.Reason.Scope, scope)
			}
		}
	}
}

func names(scopes []Scope) []string {
	var out []string
	for _, s := range scopes {
		out = append(out, scopeName(s))
	}
	return out
}

// TestScopePathReadings: a path whose readings disagree gets no CORS
// headers at all, even where a Default would apply.
func TestScopePathReadings(t *testing.T) {
	sc := exampleScopes()
	sc.Default = &Config{AllowedOrigins: []string{"*"}}
	p := MustNewScoped(sc)
	for _, tc := range []struct {
		path  string // as sent on the request line
		scope string
		code  ReasonCode
	}{
		{"/api/items", "/api/", ReasonOriginAllowed},
		{"/api/items/a%2Fb", "/api/", ReasonOriginAllowed}, // an escaped slash below the prefix: both readings agree
		{"/api/caf%C3%A9", "/api/", ReasonOriginAllowed},
		{"/api%2F..", ScopeNone, ReasonPathAmbiguous},    // decoded: "/api/.." (a dot segment)
		{"/api%2Fitems", ScopeNone, ReasonPathAmbiguous}, // decoded "/api/items" is in /api/, escaped is not
		{"/public/..%2Fapi/items", ScopeNone, ReasonPathAmbiguous},
		{"/%61pi/items", ScopeNone, ReasonPathAmbiguous}, // "/api/items" once decoded
		{"/API/items", ScopeNone, ReasonPathAmbiguous},   // fiber routes it to /api/items by default
		{"/Api", ScopeNone, ReasonPathAmbiguous},
		{"//api/items", ScopeNone, ReasonPathAmbiguous}, // ServeMux redirects to /api/items; others 404
		{"/api//items", ScopeNone, ReasonPathAmbiguous},
		{"/api/./items", ScopeNone, ReasonPathAmbiguous},
		{"/api/items/..", ScopeNone, ReasonPathAmbiguous},
		{"/api\\items", ScopeNone, ReasonPathAmbiguous},
		{"/Other", ScopeDefault, ReasonAnyOrigin}, // no scope in any letter case: Default
		{"/other/x%2Fy", ScopeDefault, ReasonAnyOrigin},
		{"/apix", ScopeDefault, ReasonAnyOrigin},
	} {
		r := scopedReq("GET", "http://a.test"+tc.path, "https://app.example")
		w := httptest.NewRecorder()
		d := evalHTTP(p, r, w.Header())
		if d.Reason.Scope != tc.scope || d.Reason.Code != tc.code {
			t.Errorf("%s: %v (scope %q), want code %d in scope %q", tc.path, d.Reason, d.Reason.Scope, tc.code, tc.scope)
		}
		if tc.code == ReasonPathAmbiguous && len(w.Header()) != 0 {
			t.Errorf("%s: ambiguous path got headers %v", tc.path, w.Header())
		}
	}
}

// TestScopeRawPathReadings: a stack that hands the core the path as sent
// (fiber's c.Path(), with no RawPath) gets the same answers: the core reads
// the decoded form itself.
func TestScopeRawPathReadings(t *testing.T) {
	sc := exampleScopes()
	sc.Default = &Config{AllowedOrigins: []string{"*"}}
	p := MustNewScoped(sc)
	for path, want := range map[string]ReasonCode{
		"/api/items":             ReasonOriginAllowed,
		"/api/items/a%2Fb":       ReasonOriginAllowed,
		"/api/caf%C3%A9":         ReasonOriginAllowed,
		"/api%2F..":              ReasonPathAmbiguous,
		"/api%2f%2e%2e":          ReasonPathAmbiguous,
		"/api%2Fitems":           ReasonPathAmbiguous,
		"/public/..%2Fapi/items": ReasonPathAmbiguous,
		"/public/%2E%2E/api":     ReasonPathAmbiguous,
		"/%61pi/items":           ReasonPathAmbiguous,
		"/api/x%5C..":            ReasonPathAmbiguous,
		"/api/%":                 ReasonOriginAllowed, // an invalid escape is read as written
		"/other%2Fx":             ReasonAnyOrigin,
	} {
		var o [1]string
		o[0] = "https://app.example"
		d := eval(p, request{Method: "GET", Host: "a.test", Path: path, Origin: o[:]}, nil)
		if d.Reason.Code != want {
			t.Errorf("%s: %v, want code %d", path, d.Reason, want)
		}
	}
}

// TestOutsideScopes: without Default, a request outside every scope passes
// through untouched — no Access-Control-* header, no Vary, the application
// runs, a preflight included.
func TestOutsideScopes(t *testing.T) {
	p := MustNewScoped(exampleScopes())
	for _, r := range []*http.Request{
		scopedReq("GET", "http://a.test/other", "https://app.example"),
		scopedReq("OPTIONS", "http://a.test/other", "https://app.example", "Access-Control-Request-Method: PUT"),
		scopedReq("GET", "http://a.test/other", ""),
		scopedReq("OPTIONS", "http://a.test//api/items", "https://app.example", "Access-Control-Request-Method: PUT"),
	} {
		res := serve(t, p, r)
		if h := corsHeaders(res.header); !res.appRan || res.status != http.StatusOK || len(h) != 1 || h["Vary"] != "X-Outer" {
			t.Errorf("%s %s: app ran %v, status %d, headers %v; want the application's answer untouched",
				r.Method, r.URL, res.appRan, res.status, res.header)
		}
		d := evalHTTP(p, r, nil)
		wantCode := ReasonNoScope
		switch {
		case r.Header.Get("Origin") == "":
			wantCode = ReasonNotCORS
		case strings.HasPrefix(r.URL.Path, "//"):
			wantCode = ReasonPathAmbiguous
		}
		if d.Respond || d.Reason.Code != wantCode || d.Reason.Scope != ScopeNone || d.Allowed != (wantCode == ReasonNotCORS) {
			t.Errorf("%s %s: decision %+v, want reason %d in scope none", r.Method, r.URL, d, wantCode)
		}
	}
}

// TestScopedPreflight: a scope's preflight is answered by the policy, with
// that scope's configuration, whether or not a route exists.
func TestScopedPreflight(t *testing.T) {
	p := MustNewScoped(exampleScopes())
	res := serve(t, p, scopedReq("OPTIONS", "http://a.test/api/items/7", "https://app.example",
		"Access-Control-Request-Method: DELETE", "Access-Control-Request-Headers: x-token"))
	h := res.header
	if res.appRan || res.status != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "https://app.example" ||
		h.Get("Access-Control-Allow-Credentials") != "true" || h.Get("Access-Control-Allow-Methods") != "GET, PUT, DELETE" ||
		h.Get("Access-Control-Allow-Headers") != "x-token" || h.Get("Access-Control-Max-Age") != "600" {
		t.Errorf("api preflight: app ran %v, status %d, headers %v", res.appRan, res.status, h)
	}
	res = serve(t, p, scopedReq("OPTIONS", "http://a.test/public/items", "https://app.example", "Access-Control-Request-Method: PUT"))
	if res.appRan || res.status != http.StatusNoContent || res.header.Get("Access-Control-Allow-Origin") != "*" ||
		res.header.Get("Access-Control-Allow-Methods") != "GET" {
		t.Errorf("public preflight for PUT: app ran %v, status %d, headers %v; want GET only", res.appRan, res.status, res.header)
	}
}

func TestScopedConfigErrors(t *testing.T) {
	_, err := NewScoped(ScopedConfig{
		Scopes: []Scope{
			{PathPrefix: "/api/", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{PathPrefix: "/api", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{PathPrefix: "/api/", Config: Config{AllowedOrigins: []string{"https://b.example"}}},
			{PathPrefix: "/API/", Config: Config{AllowedOrigins: []string{"https://b.example"}}},
			{PathPrefix: "api/", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{PathPrefix: "/a/../b", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{PathPrefix: "/a%2Fb/", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{Host: "*.Tenant.test", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{Host: "a.*.test", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{Host: "api.example:443", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{Host: "bad host", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{Host: "ok.example", PathPrefix: "/x/", Config: Config{AllowedOrigins: []string{"https://App.example/"}, MaxAge: time.Millisecond}},
		},
		Default: &Config{AllowedOrigins: []string{"*"}, AllowCredentials: true},
	})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		`Scopes[1] (host "", path prefix "/api"): PathPrefix "/api" overlaps Scopes[0] (path prefix "/api/")`,
		`Scopes[2] (host "", path prefix "/api/"): PathPrefix "/api/" duplicates Scopes[0]`,
		`Scopes[3] (host "", path prefix "/API/"): PathPrefix "/API/" overlaps Scopes[0]`,
		`Scopes[4] (host "", path prefix "api/"): PathPrefix "api/" does not start with "/"; did you mean "/api/"?`,
		`Scopes[5] (host "", path prefix "/a/../b"): PathPrefix "/a/../b" has an empty or dot segment`,
		`Scopes[6] (host "", path prefix "/a%2Fb/"): PathPrefix "/a%2Fb/" contains '?', '#', '%'`,
		`Scopes[7] (host "*.Tenant.test", path prefix ""): Host "*.Tenant.test" is not in lower case; did you mean "*.tenant.test"?`,
		`Scopes[8] (host "a.*.test", path prefix ""): Host "a.*.test" has a "*" other than a leading "*."`,
		`Scopes[9] (host "api.example:443", path prefix ""): Host "api.example:443" has a port browsers never send in a Host header (they leave default ports out); did you mean "api.example"?`,
		`Scopes[10] (host "bad host", path prefix ""): Host "bad host" is not a host name`,
		`Scopes[11] (host "ok.example", path prefix "/x/"): AllowedOrigins[0] "https://App.example/"`,
		`Scopes[11] (host "ok.example", path prefix "/x/"): MaxAge "1ms" is not a whole number of seconds`,
		`cors: Default: AllowedOrigins[0] "*" cannot be used with AllowCredentials`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "\n") + 1; n != 13 {
		t.Errorf("%d problems reported, want 13:\n%s", n, msg)
	}
	scopes := map[string]bool{}
	for _, e := range splitJoined(err) {
		var ce *ConfigError
		if !errors.As(e, &ce) {
			t.Fatalf("%v is not a *ConfigError", e)
		}
		scopes[ce.Scope+"."+ce.Field] = true
	}
	for _, want := range []string{"Scopes[1].PathPrefix", "Scopes[7].Host", "Scopes[11].AllowedOrigins", "Scopes[11].MaxAge", "Default.AllowedOrigins"} {
		if !scopes[want] {
			t.Errorf("no problem located at %s: %v", want, scopes)
		}
	}
	if _, err := NewScoped(ScopedConfig{}); err == nil {
		t.Error("an empty ScopedConfig is accepted")
	}
	// Nested scopes and the same prefix on different hosts are fine.
	if _, err := NewScoped(ScopedConfig{Scopes: []Scope{
		{PathPrefix: "/api/", Config: Config{AllowedOrigins: []string{"https://a.example"}}},
		{PathPrefix: "/api/v2/", Config: Config{AllowedOrigins: []string{"https://a.example"}}},
		{Host: "a.test", PathPrefix: "/api/", Config: Config{AllowedOrigins: []string{"https://a.example"}}},
		{Host: "*.a.test", PathPrefix: "/api/", Config: Config{AllowedOrigins: []string{"https://a.example"}}},
	}}); err != nil {
		t.Errorf("nested scopes refused: %v", err)
	}
}

// TestAllowOriginRequestFunc: the function sees a valid origin, the host
// without its port and the path; it is consulted on every request (nothing
// is remembered across hosts), never for null or malformed origins.
func TestAllowOriginRequestFunc(t *testing.T) {
	type call struct{ origin, host, path string }
	var mu sync.Mutex
	var calls []call
	p := MustNew(Config{AllowOriginRequestFunc: func(origin, host, path string) bool {
		mu.Lock()
		calls = append(calls, call{origin, strings.Clone(host), strings.Clone(path)})
		mu.Unlock()
		return tenantOrigin(origin, host, path)
	}, AllowCredentials: true})
	for _, tc := range []struct {
		target, origin string
		allowed        bool
		called         bool
	}{
		{"http://acme.tenant.test:8090/t?q=1", "https://acme.example", true, true},
		{"http://other.tenant.test/t", "https://acme.example", false, true},
		{"http://acme.tenant.test/t", "https://acme.example", true, true},
		{"http://other.tenant.test/t", "https://other.example", true, true},
		{"http://acme.tenant.test/t", "null", false, false},
		{"http://acme.tenant.test/t", "https://acme.example/", false, false},
		{"http://acme.tenant.test/t", "HTTPS://acme.example", false, false},
	} {
		calls = nil
		d := evalHTTP(p, scopedReq("GET", tc.target, tc.origin), nil)
		if d.Allowed != tc.allowed || (len(calls) == 1) != tc.called {
			t.Errorf("%s from %s: allowed %v (%v), %d calls; want allowed %v, called %v", tc.target, tc.origin, d.Allowed, d.Reason, len(calls), tc.allowed, tc.called)
		}
	}
	calls = nil
	evalHTTP(p, scopedReq("GET", "http://acme.tenant.test:8090/t/x?q=1", "https://acme.example"), nil)
	if want := (call{"https://acme.example", "acme.tenant.test", "/t/x"}); len(calls) != 1 || calls[0] != want {
		t.Errorf("calls %v, want %v", calls, want)
	}

	// Concurrent use (run with -race): each decision matches its own host.
	var wg sync.WaitGroup
	var wrong atomic.Int32
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				host := []string{"acme", "other"}[(g+i)%2]
				d := evalHTTP(p, scopedReq("GET", "http://"+host+".tenant.test/t", "https://acme.example"), nil)
				if d.Allowed != (host == "acme") {
					wrong.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if wrong.Load() != 0 {
		t.Errorf("%d concurrent decisions did not match their host", wrong.Load())
	}
}

// TestScopeReasonAndLog: every decision names what decided, and the debug
// record carries it.
func TestScopeReasonAndLog(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	sc := exampleScopes()
	sc.Scopes[1].Config.Logger = logger
	sc.Logger = logger
	p := MustNewScoped(sc)
	d := evalHTTP(p, scopedReq("GET", "http://a.test/api/items", "https://evil.example"), nil)
	if got, want := d.Reason.String(), `scope "/api/": origin not allowed: "https://evil.example"`; got != want {
		t.Errorf("reason %q, want %q", got, want)
	}
	evalHTTP(p, scopedReq("GET", "http://a.test/other", "https://evil.example"), nil)
	log := buf.String()
	for _, want := range []string{
		`path=/api/items origin=https://evil.example reason="scope \"/api/\": origin not allowed: \"https://evil.example\"" code=origin-not-allowed scope=/api/ host=a.test`,
		`path=/other origin=https://evil.example reason="no scope matches the request's host and path (no CORS)" code=no-scope scope=none host=a.test`,
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %s:\n%s", want, log)
		}
	}
	if strings.Contains(log, `scope \"none\"`) {
		t.Errorf("a reason names a scope called none:\n%s", log)
	}
	if d := evalHTTP(MustNew(baseConfig), req("GET", "https://evil.example"), nil); d.Reason.Scope != "" || strings.Contains(d.Reason.String(), "scope") {
		t.Errorf("unscoped policy reason %q names a scope", d.Reason)
	}
}

// TestReconfigureScopedAtomic: each response comes entirely from one set of
// scopes while the set is swapped under load.
func TestReconfigureScopedAtomic(t *testing.T) {
	set := func(tag string) ScopedConfig {
		return ScopedConfig{Scopes: []Scope{
			{PathPrefix: "/a/", Config: Config{AllowedOrigins: []string{"https://" + tag + ".example"}, ExposedHeaders: []string{"X-" + tag}}},
			{PathPrefix: "/b/", Config: Config{AllowedOrigins: []string{"https://" + tag + ".example"}, ExposedHeaders: []string{"X-" + tag}}},
		}}
	}
	p := MustNewScoped(set("old"))
	var stop atomic.Bool
	var wg sync.WaitGroup
	var served atomic.Int64
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				tag := []string{"old", "new"}[(g+i)%2]
				w := httptest.NewRecorder()
				p.Handler(nopHandler{}).ServeHTTP(w, scopedReq("GET", "http://h.test/"+[]string{"a", "b"}[i%2]+"/x", "https://"+tag+".example"))
				served.Add(1)
				if acao := w.Header().Get("Access-Control-Allow-Origin"); acao != "" && (acao != "https://"+tag+".example" || w.Header().Get("Access-Control-Expose-Headers") != "X-"+tag) {
					t.Errorf("mixed response %v", w.Header())
				}
			}
		}()
	}
	for i := 0; i < 200 || served.Load() < 1000; i++ {
		if err := p.ReconfigureScoped(set([]string{"new", "old"}[i%2])); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	if err := p.ReconfigureScoped(set("old")); err != nil {
		t.Fatal(err)
	}
	if err := p.ReconfigureScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: "x"}}}); err == nil {
		t.Fatal("invalid set accepted")
	}
	if d := evalHTTP(p, scopedReq("GET", "http://h.test/a/x", "https://old.example"), nil); !d.Allowed {
		t.Errorf("a refused ReconfigureScoped changed the policy: %v", d.Reason)
	}
	if err := p.Reconfigure(Config{AllowedOrigins: []string{"https://one.example"}}); err != nil {
		t.Fatal(err)
	}
	if d := evalHTTP(p, scopedReq("GET", "http://h.test/other", "https://one.example"), nil); !d.Allowed || d.Reason.Scope != "" {
		t.Errorf("after Reconfigure: %v (scope %q), want the single policy everywhere", d.Reason, d.Reason.Scope)
	}
}

// manyScopes builds n host-less scopes plus n/10 host scopes; the request
// paths hit the last-declared one or miss every one.
func manyScopes(n int) ScopedConfig {
	var sc ScopedConfig
	for i := range n {
		sc.Scopes = append(sc.Scopes, Scope{PathPrefix: fmt.Sprintf("/svc%03d/v1/", i),
			Config: Config{AllowedOrigins: []string{fmt.Sprintf("https://app%03d.example", i)}, AllowCredentials: true}})
		if i%10 == 9 {
			sc.Scopes = append(sc.Scopes, Scope{Host: fmt.Sprintf("*.t%03d.test", i),
				Config: Config{AllowOriginRequestFunc: tenantOrigin, AllowCredentials: true}})
		}
	}
	return sc
}

// scopedPerfCases are the paths whose allocation budget is zero and whose
// cost BenchmarkScopedEvaluate reports.
func scopedPerfCases() []struct {
	name string
	p    *Policy
	r    *http.Request
} {
	one, hundred := MustNewScoped(manyScopes(1)), MustNewScoped(manyScopes(100))
	tenant := MustNewScoped(exampleScopes())
	type tc = struct {
		name string
		p    *Policy
		r    *http.Request
	}
	return []tc{
		{"1-scope-hit", one, scopedReq("GET", "http://h.test/svc000/v1/items/7", "https://app000.example")},
		{"1-scope-miss", one, scopedReq("GET", "http://h.test/other/v1/items/7", "https://app000.example")},
		{"100-scopes-hit", hundred, scopedReq("GET", "http://h.test/svc099/v1/items/7", "https://app099.example")},
		{"100-scopes-miss", hundred, scopedReq("GET", "http://h.test/other/v1/items/7", "https://app099.example")},
		{"100-scopes-preflight-hit", hundred, scopedReq("OPTIONS", "http://h.test/svc050/v1/items/7", "https://app050.example", "Access-Control-Request-Method: GET")},
		{"100-scopes-upper-case-path", hundred, scopedReq("GET", "http://h.test/Svc050/v1/items/7", "https://app050.example")},
		{"100-scopes-escaped-path", hundred, scopedReq("GET", "http://h.test/svc050/v1/a%2Fb", "https://app050.example")},
		{"tenant-allowed", tenant, scopedReq("GET", "http://acme.tenant.test/t", "https://acme.example")},
		{"tenant-refused", tenant, scopedReq("GET", "http://acme.tenant.test/t", "https://other.example")},
		{"tenant-preflight", tenant, scopedReq("OPTIONS", "http://acme.tenant.test/t", "https://acme.example", "Access-Control-Request-Method: PUT")},
		{"100-scopes-tenant", hundred, scopedReq("GET", "http://acme.t099.test/svc000/v1/x", "https://acme.example")},
		{"ambiguous-path", tenant, scopedReq("GET", "http://a.test/public/..%2Fapi/items", "https://app.example")},
	}
}

func TestScopedEvaluateAllocs(t *testing.T) {
	for _, tc := range scopedPerfCases() {
		r := adapter.FromHTTP(tc.r)
		if n := testing.AllocsPerRun(100, func() { sinkDecision = tc.p.Evaluate(context.Background(), &r, nil) }); n != 0 {
			t.Errorf("%s: Evaluate allocates %v times, budget 0", tc.name, n)
		}
	}
}

// BenchmarkScopedEvaluate reports Evaluate with 1 and 100 scopes (hit and
// miss) and with the tenant check; compare 1-scope-* with 100-scopes-*.
func BenchmarkScopedEvaluate(b *testing.B) {
	for _, tc := range scopedPerfCases() {
		r := adapter.FromHTTP(tc.r)
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkDecision = tc.p.Evaluate(context.Background(), &r, nil)
			}
		})
	}
}

// BenchmarkScopeLookup isolates finding the scope (no origin check), for 1
// and 100 scopes, hit and miss: the cost depends on the path's segments,
// not on how many scopes there are.
func BenchmarkScopeLookup(b *testing.B) {
	for _, tc := range scopedPerfCases()[:4] {
		r := adapter.FromHTTP(tc.r)
		t := tc.p.current.Load().scopes
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkScope, _ = t.resolve(&r)
			}
		})
	}
}

var sinkScope *scope

func TestAmbiguousPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/": false, "/a": false, "/a/": false, "/a/b.c": false, "/.a": false, "/a..": false, "/...": false,
		"/a%2Fb": false, "/a%20b": false, "/%": false, "/a%2": false,
		"": true, "a": true, "*": true, "//": true, "/a//b": true, "/.": true, "/..": true,
		"/a/.": true, "/a/./b": true, "/a/../b": true, "/a\\b": true,
		"/a%2F..": true, "/a%2f%2e%2E/b": true, "/%2E": true, "/a%2F%2Fb": true, "/a%5Cb": true, "/a%2F": false,
	} {
		if got := ambiguousPath(p); got != want {
			t.Errorf("ambiguousPath(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestScopePathLengths: prefixes up to the limit are accepted, longer ones
// refused, and a path of any length is answered by the scope the reference
// model picks, without a panic.
func TestScopePathLengths(t *testing.T) {
	long := "/" + strings.Repeat("a", maxPrefixLength-1) // 256 bytes
	for _, prefix := range []string{long + "a", long + "a/"} {
		if _, err := NewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: prefix, Config: publicConfig}}}); err == nil ||
			!strings.Contains(err.Error(), "is longer than 256 bytes") {
			t.Errorf("a %d-byte prefix: error %v, want too long", len(prefix), err)
		}
	}
	scopes := []Scope{
		{PathPrefix: long, Config: Config{AllowedOrigins: []string{refScopeOrigin}}},
		{PathPrefix: long[:100] + "/", Config: Config{AllowedOrigins: []string{refScopeOrigin}}},
		{Host: "a.test", PathPrefix: "/A" + long[2:], Config: Config{AllowedOrigins: []string{refScopeOrigin}}},
	}
	p := MustNewScoped(ScopedConfig{Scopes: scopes})
	origin := [1]string{refScopeOrigin}
	for n := 0; n < 700; n++ {
		for _, path := range []string{long + strings.Repeat("a", n), long + "/" + strings.Repeat("b", n), "/" + strings.Repeat("a", n), "/A" + strings.Repeat("a", n)} {
			d := eval(p, request{Method: "GET", Host: "a.test", Path: path, Origin: origin[:]}, nil)
			if scope, code := refScope(scopes, false, "a.test", path, ""); d.Reason.Scope != scope || d.Reason.Code != code {
				t.Fatalf("a %d-byte path: scope %q (%v), want %q (%v)", len(path), d.Reason.Scope, d.Reason.Code, scope, code)
			}
		}
	}
}

// TestScopePrefixPatterns: a prefix written like a route pattern is
// refused, with the literal prefix when one covers the same paths; the
// suggestion is accepted.
func TestScopePrefixPatterns(t *testing.T) {
	for prefix, want := range map[string]string{
		"/public/*":        `did you mean "/public/"?`,
		"/public/**":       `did you mean "/public/"?`,
		"/api/:id/items":   `did you mean "/api/"?`,
		"/files/{path...}": `did you mean "/files/"?`,
		"/*":               `did you mean "/"?`,
		"/api/v*/":         `write one scope per literal prefix, or use their parent "/api/"`,
		"/api*":            `write one scope per literal prefix, or use their parent "/"`,
	} {
		_, err := NewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: prefix, Config: publicConfig}}})
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Code != ErrScopePathPrefix || !strings.Contains(err.Error(), "is written like a route pattern") ||
			!strings.Contains(err.Error(), want) {
			t.Errorf("PathPrefix %q: error %v, want a pattern error with %q", prefix, err, want)
			continue
		}
		if suggestion, ok := strings.CutPrefix(want, "did you mean "); ok {
			if fixed, _ := strconv.Unquote(strings.TrimSuffix(suggestion, "?")); ce.Fix != fixed {
				t.Errorf("PathPrefix %q: Fix %q, want %q", prefix, ce.Fix, fixed)
			}
			if _, err := NewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: ce.Fix, Config: publicConfig}}}); err != nil {
				t.Errorf("the suggestion %q for %q is refused: %v", ce.Fix, prefix, err)
			}
		}
	}
	for _, ok := range []string{"/a:b/", "/v1.2/", "/~user/"} {
		if _, err := NewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: ok, Config: publicConfig}}}); err != nil {
			t.Errorf("PathPrefix %q refused: %v", ok, err)
		}
	}
}

// TestScopedLoggerDefault: ScopedConfig.Logger logs the denials of the
// scopes (and Default) that set no Logger; a scope's own Logger wins.
func TestScopedLoggerDefault(t *testing.T) {
	var shared, own bytes.Buffer
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	p := MustNewScoped(ScopedConfig{
		Scopes: []Scope{
			{PathPrefix: "/api/", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
			{PathPrefix: "/own/", Config: Config{AllowedOrigins: []string{"https://app.example"}, Logger: slog.New(slog.NewTextHandler(&own, opts))}},
		},
		Default: &Config{AllowedOrigins: []string{"https://app.example"}},
		Logger:  slog.New(slog.NewTextHandler(&shared, opts)),
	})
	for _, path := range []string{"/api/x", "/own/x", "/other"} {
		evalHTTP(p, scopedReq("GET", "http://a.test"+path, "https://evil.example"), nil)
	}
	if s := shared.String(); strings.Count(s, "origin-not-allowed") != 2 || !strings.Contains(s, "scope=/api/") ||
		!strings.Contains(s, "scope=default") || strings.Contains(s, "/own/") {
		t.Errorf("ScopedConfig.Logger got:\n%s\nwant the denials of /api/ and default only", s)
	}
	if s := own.String(); strings.Count(s, "origin-not-allowed") != 1 || !strings.Contains(s, "scope=/own/") {
		t.Errorf("the scope's own Logger got:\n%s\nwant the denial of /own/", s)
	}
}

// TestScopedWarningsNameTheScope: a warning about one scope's configuration
// carries the scope attribute its denial records carry, so that a
// configuration with many scopes says which one to fix.
func TestScopedWarningsNameTheScope(t *testing.T) {
	var records []slog.Record
	dup := Config{AllowedOrigins: []string{"https://app.example", "https://app.example"}}
	MustNewScoped(ScopedConfig{
		Scopes: []Scope{
			{Host: "a.test", PathPrefix: "/api/", Config: dup},
			{PathPrefix: "/ok/", Config: Config{AllowedOrigins: []string{"https://app.example"}}},
		},
		Default: &Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"patch"}},
		Logger:  slog.New(keepingHandler{&records}),
	})
	var got []string
	for _, r := range records {
		scope := "(none)"
		r.Attrs(func(a slog.Attr) bool {
			if a.Key == "scope" {
				scope = a.Value.String()
			}
			return true
		})
		got = append(got, r.Level.String()+" "+scope)
	}
	if want := []string{"WARN a.test/api/", "WARN default"}; !slices.Equal(got, want) {
		t.Errorf("warnings (level and scope attribute): %q, want %q", got, want)
	}
	records = nil
	dup.Logger = slog.New(keepingHandler{&records})
	MustNew(dup)
	if len(records) != 1 || records[0].NumAttrs() != 0 {
		t.Errorf("New: %d records, want one warning without attributes", len(records))
	}
}

// TestScopeHostReadings: with host scopes, a host in a form browsers never
// send, or one whose scope depends on whether its port counts, gets no CORS
// (http.ServeMux ignores the port and echo's host routes compare it; both
// compare case and a trailing dot exactly); "*." needs a non-empty label.
func TestScopeHostReadings(t *testing.T) {
	p := MustNewScoped(ScopedConfig{Scopes: []Scope{
		{Host: "static.example", Config: Config{AllowedOrigins: []string{"*"}}},
		{Host: "*.tenant.test", Config: Config{AllowOriginRequestFunc: tenantOrigin, AllowCredentials: true}},
		{Host: "dev.localhost:8080", Config: Config{AllowedOrigins: []string{"http://localhost:3000"}}},
		{PathPrefix: "/api/", Config: Config{AllowedOrigins: []string{"https://app.example"}, AllowCredentials: true}},
	}})
	for _, tc := range []struct {
		host, scope string
		code        ReasonCode
	}{
		{"static.example", "static.example/", ReasonAnyOrigin},
		{"STATIC.example", ScopeNone, ReasonHostAmbiguous},
		{"static.example.", ScopeNone, ReasonHostAmbiguous},
		{"static.example:443", ScopeNone, ReasonHostAmbiguous},
		{"static.example:80", ScopeNone, ReasonHostAmbiguous},
		{"static.example:", ScopeNone, ReasonHostAmbiguous},
		{"static.example:08080", ScopeNone, ReasonHostAmbiguous},
		{"static.example:8443", ScopeNone, ReasonHostAmbiguous}, // ServeMux: static; echo's e.Host: another router
		{"dev.localhost:8080", "dev.localhost:8080/", ReasonOriginNotAllowed},
		{"dev.localhost", ScopeNone, ReasonHostAmbiguous},
		{"dev.localhost:9090", ScopeNone, ReasonHostAmbiguous},
		{"acme.tenant.test", "*.tenant.test/", ReasonOriginNotAllowed},
		{"..tenant.test", "/api/", ReasonOriginAllowed}, // no subdomain: an empty label
		{".tenant.test", "/api/", ReasonOriginAllowed},
		{"other.example", "/api/", ReasonOriginAllowed},
		{"other.example:8443", "/api/", ReasonOriginAllowed}, // no host scope in either reading
		{"[::1]:8080", "/api/", ReasonOriginAllowed},
		{"", "/api/", ReasonOriginAllowed},
	} {
		origin := [1]string{"https://app.example"}
		d := eval(p, request{Method: "GET", Host: tc.host, Path: "/api/me", Origin: origin[:]}, nil)
		if d.Reason.Scope != tc.scope || d.Reason.Code != tc.code {
			t.Errorf("Host %q: scope %q (%v), want %q (%v)", tc.host, d.Reason.Scope, d.Reason.Code, tc.scope, tc.code)
		}
	}
	// Without host scopes the host is not read at all.
	q := MustNewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: "/api/", Config: Config{AllowedOrigins: []string{"https://app.example"}}}}})
	origin := [1]string{"https://app.example"}
	if d := eval(q, request{Method: "GET", Host: "STATIC.example.:443", Path: "/api/me", Origin: origin[:]}, nil); d.Reason.Code != ReasonOriginAllowed {
		t.Errorf("path scopes only, upper-case host: %v", d.Reason)
	}
	if _, err := NewScoped(ScopedConfig{Scopes: []Scope{
		{Host: "dev.localhost:8080", Config: publicConfig}, {Host: "dev.localhost", PathPrefix: "/x/", Config: publicConfig},
	}}); err == nil || !strings.Contains(err.Error(), `Scopes[1] (host "dev.localhost", path prefix "/x/"): Host "dev.localhost" names the host of Scopes[0]`) {
		t.Errorf("one host with and without a port: %v", err)
	}
}

// TestScopeNonASCIIPrefixes: a prefix with bytes browsers percent-encode
// is refused, suggesting its parent, because routers read such paths
// differently (net/http matches the decoded path, fiber the bytes as sent,
// so one of the two forms always reaches another route); ASCII prefixes
// fold ASCII letters only, so the Kelvin sign is no "k".
func TestScopeNonASCIIPrefixes(t *testing.T) {
	for prefix, fix := range map[string]string{"/über/": "/", "/api/café/": "/api/", "/a b/": "/", "/api/\u212a": "/api/", "/x/\"q\"/": "/x/"} {
		_, err := NewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: prefix, Config: publicConfig}}})
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Code != ErrScopePathPrefix || ce.Fix != fix || !strings.Contains(err.Error(), "percent-encode") {
			t.Errorf("PathPrefix %q: %v, want a refusal suggesting %q", prefix, err, fix)
		}
	}
	p := MustNewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: "/k/", Config: publicConfig}, {PathPrefix: "/api/", Config: publicConfig}}})
	for path, scope := range map[string]string{"/\u212a/x": ScopeNone, "/%E2%84%AA/x": ScopeNone, "/K/x": ScopeNone, "/k/x": "/k/",
		"/api/caf%C3%A9": "/api/", "/api/café": "/api/"} {
		origin := [1]string{"https://app.example"}
		if d := eval(p, request{Method: "GET", Host: "a.test", Path: path, Origin: origin[:]}, nil); d.Reason.Scope != scope {
			t.Errorf("path %q: scope %q (%v), want %q", path, d.Reason.Scope, d.Reason, scope)
		}
	}
}
