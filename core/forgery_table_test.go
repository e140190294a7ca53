package cors

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// forgeryRow is one request of the table test against net/http's
// CrossOriginProtection.
type forgeryRow struct {
	method, host, path string
	site, origin       []string // Sec-Fetch-Site and Origin lines
	// allowedBy is "" when the policy does not allow the request's origin:
	// the two verdicts must then be identical. Otherwise it names the rule
	// that allows it, which is why the policy lets through a request that
	// net/http without trusted origins refuses.
	allowedBy string
	refused   bool // net/http's verdict without trusted origins
}

func (r forgeryRow) request() *http.Request {
	path := r.path
	if path == "" {
		path = "/transfer"
	}
	req := httptest.NewRequest(r.method, "http://"+r.host+path, nil)
	req.Host = r.host
	if r.site != nil {
		req.Header["Sec-Fetch-Site"] = r.site
	}
	if r.origin != nil {
		req.Header["Origin"] = r.origin
	}
	return req
}

func lines(v ...string) []string { return v }

// forgeryPolicy allows origins by every rule the policy has: exact entries,
// a subdomain pattern, an any-port pattern, AllowOriginFunc (which also
// allows "null", still refused for sending) and AllowOriginRequestFunc.
var forgeryPolicy = Config{
	AllowedOrigins: []string{"https://app.example", "https://*.sub.example", "http://localhost:*"},
	AllowOriginFunc: func(o string) bool {
		return o == "https://partner.example" || o == "null"
	},
	AllowOriginRequestFunc: func(origin, host, _ string) bool {
		tenant, rest, _ := strings.Cut(host, ".")
		return rest == "api.example" && origin == "https://"+tenant+".example"
	},
	AllowCredentials:  true,
	AllowedMethods:    []string{"GET", "POST", "PUT", "PATCH", "DELETE"},
	ForgeryProtection: true,
}

var forgeryRows = []forgeryRow{
	// Safe methods are never refused.
	{method: "GET", host: "api.example", site: lines("cross-site"), origin: lines("https://evil.example")},
	{method: "HEAD", host: "api.example", site: lines("cross-site"), origin: lines("https://evil.example")},
	{method: "OPTIONS", host: "api.example", site: lines("cross-site"), origin: lines("https://evil.example")},
	// Sec-Fetch-Site decides when present.
	{method: "POST", host: "api.example", site: lines("cross-site"), origin: lines("https://evil.example"), refused: true},
	{method: "PUT", host: "api.example", site: lines("same-site"), origin: lines("https://www.api.example"), refused: true},
	{method: "POST", host: "api.example", site: lines("same-origin"), origin: lines("https://evil.example")},
	{method: "DELETE", host: "api.example", site: lines("none")},
	{method: "POST", host: "api.example", site: lines("cross-site"), refused: true},
	{method: "POST", host: "api.example", site: lines("Same-Origin"), origin: lines("https://api.example"), refused: true},
	{method: "POST", host: "api.example", site: lines("same-origin", "cross-site"), origin: lines("https://evil.example")},
	{method: "post", host: "api.example", site: lines("cross-site"), origin: lines("https://evil.example"), refused: true},
	{method: "get", host: "api.example", site: lines("cross-site"), origin: lines("https://evil.example"), refused: true},
	// Without it, Origin's host against Host.
	{method: "POST", host: "api.example"},
	{method: "POST", host: "api.example", origin: lines("https://api.example")},
	{method: "POST", host: "api.example", origin: lines("http://api.example")}, // no scheme in Host: fails open, like net/http
	{method: "POST", host: "api.example:8443", origin: lines("https://api.example:8443")},
	{method: "POST", host: "api.example", origin: lines("https://api.example:8443"), refused: true},
	{method: "POST", host: "api.example", origin: lines("https://API.example"), refused: true},
	{method: "POST", host: "api.example", origin: lines("https://api.example/x")},
	{method: "POST", host: "api.example", origin: lines("https://user@api.example")},
	{method: "POST", host: "[::1]:8080", origin: lines("http://[::1]:8080")},
	{method: "POST", host: "api.example", origin: lines("https://evil.example"), refused: true},
	{method: "PATCH", host: "api.example", origin: lines("null"), refused: true},
	{method: "POST", host: "api.example", origin: lines("not an origin"), refused: true},
	// "null" and repeated Origin lines are never allowed to send, whatever
	// AllowOriginFunc says.
	{method: "POST", host: "api.example", site: lines("cross-site"), origin: lines("null"), refused: true},
	{method: "POST", host: "api.example", site: lines("cross-site"), origin: lines("https://app.example", "https://app.example"), refused: true},
	{method: "POST", host: "api.example", origin: lines("https://api.example", "https://evil.example")},
	// Origins the policy allows, by each of its rules.
	{method: "POST", host: "api.example", site: lines("cross-site"), origin: lines("https://app.example"), refused: true, allowedBy: "an exact AllowedOrigins entry"},
	{method: "DELETE", host: "api.example", origin: lines("https://app.example"), refused: true, allowedBy: "an exact AllowedOrigins entry, judged without Sec-Fetch-Site"},
	{method: "PUT", host: "api.example", site: lines("same-site"), origin: lines("https://eu.sub.example"), refused: true, allowedBy: "the *. pattern"},
	{method: "POST", host: "api.example", site: lines("same-site"), origin: lines("http://localhost:5173"), refused: true, allowedBy: "the :* port pattern"},
	{method: "PATCH", host: "api.example", site: lines("cross-site"), origin: lines("https://partner.example"), refused: true, allowedBy: "AllowOriginFunc"},
	{method: "POST", host: "acme.api.example", site: lines("cross-site"), origin: lines("https://acme.example"), refused: true, allowedBy: "AllowOriginRequestFunc for the request's host"},
	{method: "POST", host: "other.api.example", site: lines("cross-site"), origin: lines("https://acme.example"), refused: true},
	// Near misses of allowed origins are refused like any other.
	{method: "POST", host: "api.example", site: lines("cross-site"), origin: lines("https://app.example.evil.example"), refused: true},
	{method: "POST", host: "api.example", site: lines("cross-site"), origin: lines("http://app.example"), refused: true},
	{method: "POST", host: "api.example", site: lines("cross-site"), origin: lines("https://sub.example"), refused: true},
}

// TestForgeryAgainstNetHTTP runs net/http's CrossOriginProtection and the
// policy's forgery protection over the same requests: identical verdicts,
// except where the policy allows the origin (the row says by which rule).
// net/http seeded with Policy.CrossOriginProtection agrees on the rows whose
// origin an exact entry allows.
func TestForgeryAgainstNetHTTP(t *testing.T) {
	p := mustPolicy(t, forgeryPolicy)
	seeded, err := p.CrossOriginProtection()
	if err == nil {
		t.Fatal("CrossOriginProtection: no error for patterns and origin functions")
	}
	plain := http.NewCrossOriginProtection()
	ran := false
	h := p.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { ran = true }))
	differ := 0
	for _, row := range forgeryRows {
		name := row.method + " Host=" + row.host + " Sec-Fetch-Site=" + strings.Join(row.site, "|") + " Origin=" + strings.Join(row.origin, "|")
		if got := plain.Check(row.request()) != nil; got != row.refused {
			t.Errorf("%s: net/http refuses %v, the table says %v", name, got, row.refused)
		}
		ran = false
		w := httptest.NewRecorder()
		h.ServeHTTP(w, row.request())
		ours := w.Code == http.StatusForbidden && !ran
		want := row.refused && row.allowedBy == ""
		if ours != want || ran == ours {
			t.Errorf("%s: policy refuses %v (status %d, application ran %v), want %v (net/http refuses %v, allowed by %q)",
				name, ours, w.Code, ran, want, row.refused, row.allowedBy)
		}
		if ours {
			for k := range w.Header() {
				if strings.HasPrefix(k, "Access-Control-") {
					t.Errorf("%s: refusal carries %s", name, k)
				}
			}
		}
		if ours != row.refused {
			differ++
		}
		if strings.HasPrefix(row.allowedBy, "an exact") {
			if seeded.Check(row.request()) != nil {
				t.Errorf("%s: net/http seeded from the policy refuses an origin of an exact entry", name)
			}
		} else {
			want := row.refused
			if len(row.origin) > 1 && row.origin[0] == "https://app.example" {
				// net/http reads the first Origin line only and trusts
				// it; the policy refuses repeated lines.
				want = false
			}
			if got := seeded.Check(row.request()) != nil; got != want {
				t.Errorf("%s: net/http seeded from the policy refuses %v, want %v (it trusts exact entries only)", name, got, want)
			}
		}
	}
	t.Logf("%d rows, identical verdicts on %d, %d allowed by the policy's origin rules", len(forgeryRows), len(forgeryRows)-differ, differ)
}

// TestForgeryScopeMatchesBypass: a scope without forgery protection gives
// the verdicts of net/http's AddInsecureBypassPattern for that path.
func TestForgeryScopeMatchesBypass(t *testing.T) {
	off := forgeryPolicy
	off.ForgeryProtection = false
	p, err := NewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: "/callback/", Config: off}}, Default: &forgeryPolicy})
	if err != nil {
		t.Fatal(err)
	}
	std := http.NewCrossOriginProtection()
	std.AddInsecureBypassPattern("/callback/")
	h := p.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	for _, path := range []string{"/callback/pay", "/callback/", "/transfer", "/callbackx"} {
		for _, row := range forgeryRows {
			if row.allowedBy != "" {
				continue
			}
			row.path = path
			w := httptest.NewRecorder()
			h.ServeHTTP(w, row.request())
			if ours, theirs := w.Code == http.StatusForbidden, std.Check(row.request()) != nil; ours != theirs {
				t.Errorf("%s %s Sec-Fetch-Site=%v Origin=%v: policy refuses %v, net/http with a bypass for /callback/ %v",
					row.method, path, row.site, row.origin, ours, theirs)
			}
		}
	}
}

func TestCrossOriginProtectionHelper(t *testing.T) {
	p := mustPolicy(t, Config{AllowedOrigins: []string{"https://app.example", "http://localhost:3000"}})
	cop, err := p.CrossOriginProtection()
	if err != nil {
		t.Fatal(err)
	}
	for origin, want := range map[string]bool{"https://app.example": true, "http://localhost:3000": true, "https://evil.example": false} {
		r := httptest.NewRequest("POST", "http://api.example/", nil)
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		r.Header.Set("Origin", origin)
		if got := cop.Check(r) == nil; got != want {
			t.Errorf("%s: passes %v, want %v", origin, got, want)
		}
	}
	_, err = mustPolicy(t, forgeryPolicy).CrossOriginProtection()
	for _, part := range []string{`"https://*.sub.example" is a pattern`, `"http://localhost:*" is a pattern`, "AllowOriginFunc", "AllowOriginRequestFunc"} {
		if err == nil || !strings.Contains(err.Error(), part) {
			t.Errorf("error %v, want it to name %s", err, part)
		}
	}
	scoped, _ := NewScoped(ScopedConfig{Default: &Config{AllowedOrigins: []string{"https://app.example"}}})
	if _, err := scoped.CrossOriginProtection(); err == nil || !strings.Contains(err.Error(), "scoped") {
		t.Errorf("scoped policy: %v", err)
	}
	if cop, err := new(Policy).CrossOriginProtection(); cop == nil || err != nil {
		t.Errorf("zero Policy: %v %v", cop, err)
	}
}
