package cors

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Regression tests, one per defect class found in existing CORS middleware.

// Suffix matching: gin-contrib CVE-2019-25211, jub0bs GHSA-vhxv-fg4m-p2w8,
// echo's dot-crossing globs.
func TestRegression_SuffixMatching(t *testing.T) {
	p := mustPolicy(t, Config{AllowedOrigins: []string{"https://example.com", "https://*.example.com", "https://foo.com", "https://bar.com"}})
	for _, o := range []string{
		"https://evilexample.com", "https://example.com.evil.com", "https://.example.com",
		"https://example.community", "https://barfoo.com", "https://foo.com.bar.com",
		"https://example.com:443", "http://example.com", "https://a.example.com.", "https://a..example.com",
		"https://example.com/.example.com", "https://evil.com#.example.com", "https://evil.com?.example.com",
		"https://a.example.com@evil.com", "https://evil.com\\.example.com",
	} {
		if d := evalHTTP(p, req("GET", o), nil); d.Allowed {
			t.Errorf("%q allowed", o)
		}
	}
	for _, o := range []string{"https://example.com", "https://a.example.com", "https://a.b.example.com", "https://foo.com", "https://bar.com"} {
		if d := evalHTTP(p, req("GET", o), nil); !d.Allowed {
			t.Errorf("%q denied: %s", o, d.Reason)
		}
	}
}

// Wildcard + credentials and its disguises: rs/cors #55 and #197 ("h*",
// "https://*"), fiber CVE-2024-25124, echo #2400, express #422.
func TestRegression_WildcardCredentialsDisguises(t *testing.T) {
	for _, origins := range [][]string{{"*"}, {"https://*"}, {"h*"}, {"*://*"}, {"https://*.*"}, {"http*://*"}, {"https://*.com"}, {"https://*.github.io"}} {
		if _, err := New(Config{AllowedOrigins: origins, AllowCredentials: true}); err == nil {
			t.Errorf("%q with credentials accepted", origins)
		}
	}
	for _, cfg := range []Config{
		{AllowedOrigins: []string{"https://a.example"}, AllowedHeaders: []string{"*"}, AllowCredentials: true},
		{AllowedOrigins: []string{"https://a.example"}, AllowedMethods: []string{"*"}, AllowCredentials: true},
	} {
		p := mustPolicy(t, cfg)
		got := serve(t, p, preflight("https://a.example", "PUT", "Access-Control-Request-Headers: x-a"))
		for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers"} {
			if strings.Contains(got.header.Get(k), "*") {
				t.Errorf("credentialed policy answered %s: %q", k, got.header.Get(k))
			}
		}
	}
}

// ACRH denial of service: rs/cors GHSA-mh55-gqvf-xfwm, go-chi/cors #36.
func TestRegression_ACRHDoS(t *testing.T) {
	p := mustPolicy(t, baseConfig)
	hostile := map[string][]string{
		"1MB of commas":          {strings.Repeat(",", 1<<20)},
		"1MB of allowed names":   {strings.Repeat("content-type,", 1<<20/13)},
		"1MB of spaces":          {strings.Repeat(" ", 1<<20)},
		"10000 lines":            repeat("x-token", 10000),
		"one huge name":          {strings.Repeat("x", 1<<20)},
		"just over the bound":    {strings.Repeat("x-token,", maxRequestHeadersBytes/8+1)},
		"one line over the line": repeat("x-token", maxRequestHeadersLines+1),
	}
	for name, lines := range hostile {
		r := request{Method: "OPTIONS", Origin: []string{"https://app.example"}, AccessControlRequestMethod: []string{"PUT"}, AccessControlRequestHeaders: lines}
		var d Decision
		ar := r.build()
		allocs := testing.AllocsPerRun(10, func() { d = p.Evaluate(context.Background(), &ar, nil) })
		if d.Allowed || d.Reason.Code != ReasonHeadersTooLong {
			t.Errorf("%s: %v %s, want a too-long refusal", name, d.Allowed, d.Reason)
		}
		if allocs != 0 {
			t.Errorf("%s: %v allocs", name, allocs)
		}
		w := httptest.NewRecorder()
		eval(p, r, w.Header())
		for k, v := range w.Header() {
			if len(strings.Join(v, "")) > 200 {
				t.Errorf("%s: %s reflects %d bytes", name, k, len(strings.Join(v, "")))
			}
		}
	}
	// Just under the bounds: accepted and parsed.
	lines := repeat("x-token", maxRequestHeadersLines)
	if d := eval(p, request{Method: "OPTIONS", Origin: []string{"https://app.example"}, AccessControlRequestMethod: []string{"PUT"}, AccessControlRequestHeaders: lines}, nil); !d.Allowed {
		t.Errorf("%d lines refused: %s", maxRequestHeadersLines, d.Reason)
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// Shared slices: rs/cors #198, jub0bs #14. A handler that mutates a header
// value in place must not change the next response.
func TestRegression_SharedSlices(t *testing.T) {
	p := mustPolicy(t, baseConfig)
	requests := []*http.Request{req("GET", "https://app.example"), req("GET", ""), req("GET", "https://evil.example"),
		preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-token")}
	pristine := make([]map[string]string, len(requests))
	for i, r := range requests {
		pristine[i] = corsHeaders(serve(t, p, r).header)
	}
	h := p.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, v := range w.Header() {
			for i := range v {
				v[i] = "MUTATED"
			}
			_ = append(v[:len(v):len(v)], "APPENDED")
		}
	}))
	for _, r := range requests {
		for i := 0; i < 2; i++ {
			w := httptest.NewRecorder()
			w.Header()["Vary"] = make([]string, 1, 8) // spare capacity an append could write into
			w.Header()["Vary"][0] = "X-Outer"
			h.ServeHTTP(w, r)
		}
	}
	// Fresh requests after all the mutation above still get the values they
	// got before it.
	for i, r := range requests {
		compareHeaders(t, corsHeaders(serve(t, p, r).header), pristine[i])
	}
}

// Clobbered Vary: gin-contrib/cors assigns Vary, tower-http duplicates it.
func TestRegression_ClobberedVary(t *testing.T) {
	p := mustPolicy(t, baseConfig)
	for _, tc := range []struct {
		outer []string
		r     *http.Request
		want  []string
	}{
		{outer: []string{"Accept-Encoding"}, r: req("GET", "https://app.example"), want: []string{"Accept-Encoding", "Origin"}},
		{outer: []string{"Accept-Encoding", "Cookie"}, r: req("GET", ""), want: []string{"Accept-Encoding", "Cookie", "Origin"}},
		{outer: []string{"origin"}, r: req("GET", "https://app.example"), want: []string{"origin"}},
		{outer: []string{"Origin, Accept"}, r: preflight("https://app.example", "PUT"), want: []string{"Origin, Accept", "Access-Control-Request-Method, Access-Control-Request-Headers"}},
		{outer: []string{"*"}, r: req("GET", "https://app.example"), want: []string{"*"}},
	} {
		w := httptest.NewRecorder()
		w.Header()["Vary"] = append([]string(nil), tc.outer...)
		p.Handler(http.NotFoundHandler()).ServeHTTP(w, tc.r)
		if got := w.Header()["Vary"]; fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("outer Vary %q: got %q, want %q", tc.outer, got, tc.want)
		}
	}
}

// 403 on actual requests: gin-contrib/cors #184, echo #2730/#2767.
func TestRegression_403OnActualRequests(t *testing.T) {
	p := mustPolicy(t, baseConfig)
	for _, m := range []string{"GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"} {
		got := serve(t, p, req(m, "https://evil.example"))
		if got.status != 200 || !got.appRan {
			t.Errorf("%s from a denied origin: status %d, app ran %v", m, got.status, got.appRan)
		}
	}
}

// OPTIONS misclassification: echo #2534, fiber #2920, rs/cors (ACRM without
// Origin), express #40, gin-contrib (any cross-origin OPTIONS).
func TestRegression_OPTIONSMisclassification(t *testing.T) {
	p := mustPolicy(t, baseConfig)
	for _, tc := range []struct {
		r    *http.Request
		kind Kind
	}{
		{r: req("OPTIONS", ""), kind: NotCORS},
		{r: req("OPTIONS", "", "Access-Control-Request-Method: PUT"), kind: NotCORS},
		{r: req("OPTIONS", "https://app.example"), kind: Actual},
		{r: req("OPTIONS", "https://app.example", "Access-Control-Request-Headers: x-token"), kind: Actual},
		{r: req("POST", "https://app.example", "Access-Control-Request-Method: PUT"), kind: Actual},
		{r: preflight("https://app.example", "PUT"), kind: Preflight},
		{r: preflight("https://app.example", ""), kind: Preflight},
	} {
		d := evalHTTP(p, tc.r, nil)
		if d.Kind != tc.kind {
			t.Errorf("%s %v: kind %s, want %s", tc.r.Method, tc.r.Header, d.Kind, tc.kind)
		}
		if tc.kind != Preflight && d.Respond {
			t.Errorf("%s %v: answered instead of reaching the app", tc.r.Method, tc.r.Header)
		}
	}
}

// Leaking configuration to denied origins: fiber (ACAM/ACAH/ACEH/ACMA),
// express and tower-http (ACAC), fiber v3 (ACAPN).
func TestRegression_LeakingHeadersToDeniedOrigins(t *testing.T) {
	cfg := with(baseConfig, func(c *Config) { c.AllowPrivateNetwork = true })
	p := mustPolicy(t, cfg)
	for _, r := range []*http.Request{
		req("GET", "https://evil.example"),
		req("OPTIONS", "https://evil.example"),
		preflight("https://evil.example", "PUT", "Access-Control-Request-Headers: x-token", "Access-Control-Request-Private-Network: true"),
		preflight("null", "GET"),
		req("GET", "https://app.example", "Origin: https://evil.example"),
	} {
		got := serve(t, p, r)
		for k := range got.header {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("%s %v leaked %s: %q", r.Method, r.Header["Origin"], k, got.header[k])
			}
		}
	}
}
