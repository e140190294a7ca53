package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	cors "github.com/originguard/cors/core"
)

const app = "https://app.example"

type outcome struct {
	code           int
	stdout, stderr string
}

func runCmd(args ...string) outcome { return runWithInput("", args...) }

// runWithInput runs with stdin as the standard input.
func runWithInput(stdin string, args ...string) outcome {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return outcome{code, out.String(), errb.String()}
}

// runJSON runs with -json and decodes the report.
func runJSON(t *testing.T, args ...string) (int, Report) {
	t.Helper()
	o := runCmd(append([]string{"-json"}, args...)...)
	var rep Report
	if err := json.Unmarshal([]byte(o.stdout), &rep); err != nil {
		t.Fatalf("decode -json output: %v\nstdout: %s\nstderr: %s", err, o.stdout, o.stderr)
	}
	return o.code, rep
}

// recorder is a test server that remembers the requests it saw.
type recorder struct {
	mu   sync.Mutex
	seen []*http.Request
	srv  *httptest.Server
}

func newServer(t *testing.T, h http.Handler) *recorder {
	rec := &recorder{}
	rec.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.seen = append(rec.seen, r.Clone(r.Context()))
		rec.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(rec.srv.Close)
	return rec
}

func (rec *recorder) requests() []*http.Request {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]*http.Request(nil), rec.seen...)
}

var okApp = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Request-Id", "42")
	_, _ = w.Write([]byte("ok"))
})

func policyServer(t *testing.T) *recorder {
	p := cors.MustNew(cors.Config{
		AllowedOrigins: []string{app},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"X-Token", "Authorization"},
		ExposedHeaders: []string{"X-Request-Id"},
	})
	return newServer(t, p.Handler(okApp))
}

// blocked asserts exit 1, the Chromium error, its detail and that the
// text output names the Chromium reason and the fix.
func blocked(t *testing.T, name string, o outcome, wantErr, wantMsg, wantFix string) {
	t.Helper()
	if o.code != exitBlocked {
		t.Errorf("%s: exit %d, want 1\n%s%s", name, o.code, o.stdout, o.stderr)
	}
	if !strings.Contains(o.stdout, "Verdict: BLOCKED ("+wantErr) {
		t.Errorf("%s: output lacks verdict %q\n%s", name, wantErr, o.stdout)
	}
	for prefix, want := range map[string]string{"  Chromium says: ": wantMsg, "  Fix: ": wantFix} {
		if line := lineWith(o.stdout, prefix); !strings.Contains(line, want) {
			t.Errorf("%s: %q line %q lacks %q\n%s", name, prefix, line, want, o.stdout)
		}
	}
}

// lineWith returns the first line of s starting with prefix, or "".
func lineWith(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func TestPolicyAllows(t *testing.T) {
	rec := policyServer(t)
	o := runCmd("-origin", app, "-method", "put", "-header", "X-Token: 1", rec.srv.URL+"/items/1?x=1")
	if o.code != exitAllowed || !strings.Contains(o.stdout, "Verdict: ALLOWED") || !strings.Contains(o.stdout, "Script may also read: x-request-id") {
		t.Fatalf("exit %d\n%s%s", o.code, o.stdout, o.stderr)
	}
	reqs := rec.requests()
	if len(reqs) != 2 {
		t.Fatalf("server saw %d requests, want preflight + actual", len(reqs))
	}
	pf, act := reqs[0], reqs[1]
	if pf.Method != "OPTIONS" || pf.URL.RequestURI() != "/items/1?x=1" || pf.Header.Get("Origin") != app ||
		pf.Header.Get("Access-Control-Request-Method") != "PUT" || pf.Header.Get("Access-Control-Request-Headers") != "x-token" ||
		pf.Header.Get("X-Token") != "" {
		t.Errorf("preflight sent: %s %s %v", pf.Method, pf.URL, pf.Header)
	}
	if act.Method != "PUT" || act.Header.Get("Origin") != app || act.Header.Get("X-Token") != "1" || act.Header.Get("Access-Control-Request-Method") != "" {
		t.Errorf("actual sent: %s %v", act.Method, act.Header)
	}
}

func TestSimpleRequestHasNoPreflight(t *testing.T) {
	rec := policyServer(t)
	code, rep := runJSON(t, "-origin", app, "-header", "Accept-Language: eu", rec.srv.URL)
	if code != 0 || rep.Preflight != nil || rep.Actual == nil || !rep.Allowed || len(rec.requests()) != 1 {
		t.Fatalf("code %d report %+v, %d requests", code, rep, len(rec.requests()))
	}
}

func TestPolicyDenies(t *testing.T) {
	rec := policyServer(t)
	o := runCmd("-origin", "https://evil.example", "-method", "PUT", rec.srv.URL)
	blocked(t, "disallowed origin preflight", o, "PreflightMissingAllowOriginHeader",
		"Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present",
		"on the preflight (OPTIONS) response, send Access-Control-Allow-Origin: https://evil.example")
	if n := len(rec.requests()); n != 1 {
		t.Errorf("after a failed preflight the actual request must not be sent; server saw %d", n)
	}

	o = runCmd("-origin", app, "-method", "PUT", "-header", "X-Other: 1", rec.srv.URL)
	blocked(t, "refused header", o, "HeaderDisallowedByPreflightResponse, x-other",
		"Request header field x-other is not allowed by Access-Control-Allow-Headers in preflight response.",
		"add `x-other` to Access-Control-Allow-Headers")

	o = runCmd("-origin", app, "-method", "DELETE", rec.srv.URL)
	blocked(t, "refused method", o, "MethodDisallowedByPreflightResponse, DELETE",
		"Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response.",
		"add `DELETE` to Access-Control-Allow-Methods")

	o = runCmd("-origin", "https://evil.example", rec.srv.URL)
	blocked(t, "disallowed origin simple GET", o, "MissingAllowOriginHeader",
		"No 'Access-Control-Allow-Origin' header is present on the requested resource.",
		"send Access-Control-Allow-Origin: https://evil.example")
	if strings.Contains(o.stdout, "1. Preflight") {
		t.Errorf("simple GET must not be preflighted:\n%s", o.stdout)
	}
}

// handler answers every request with the given status and header lines.
func handler(status int, kv ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(kv); i += 2 {
			w.Header().Add(kv[i], kv[i+1])
		}
		w.WriteHeader(status)
	})
}

func TestMisbehavingServers(t *testing.T) {
	cases := []struct {
		name    string
		h       http.Handler
		args    []string
		err     string
		msg     string
		fix     string
		actuals int // actual requests the server must see
	}{
		{"ACAO list", handler(200, "Access-Control-Allow-Origin", "https://a, https://b", "Vary", "Origin"), nil,
			"MultipleAllowOriginValues, https://a, https://b", "The 'Access-Control-Allow-Origin' header contains multiple values 'https://a, https://b', but only one is allowed.",
			"send exactly one Access-Control-Allow-Origin value, " + app, 1},
		{"two ACAO lines", handler(200, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Origin", app, "Vary", "Origin"), nil,
			"MultipleAllowOriginValues, " + app + ", " + app, "contains multiple values '" + app + ", " + app + "'",
			"set the header once (never add it twice)", 1},
		{"ACAC True", handler(200, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "True", "Vary", "Origin"), []string{"-credentials"},
			"InvalidAllowCredentials, True", "The value of the 'Access-Control-Allow-Credentials' header in the response is 'True' which must be 'true' when the request's credentials mode is 'include'.",
			"send Access-Control-Allow-Credentials: true (exactly", 1},
		{"star with credentials", handler(200, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), []string{"-credentials"},
			"WildcardOriginNotAllowed", "must not be the wildcard '*' when the request's credentials mode is 'include'.",
			"with credentials, send Access-Control-Allow-Origin: " + app + " (the request's origin, not *)", 1},
		{"preflight 404 from a router", handler(404), []string{"-method", "PUT"},
			"PreflightMissingAllowOriginHeader", "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header",
			"it is most likely mounted below routing (on a route group, or after the routes)", 0},
		{"preflight 405 from a router", handler(405), []string{"-method", "PUT"},
			"PreflightMissingAllowOriginHeader", "No 'Access-Control-Allow-Origin' header",
			"the preflight (OPTIONS) got status 405 and no Access-Control-* header, so the router answered it", 0},
		{"preflight 403 from a policy", handler(403), []string{"-method", "PUT"},
			"PreflightMissingAllowOriginHeader", "No 'Access-Control-Allow-Origin' header",
			"allow this origin in the server's CORS policy); make sure the CORS middleware answers OPTIONS before routing", 0},
		{"preflight 404 with CORS headers", handler(404, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "PUT", "Vary", "Origin"), []string{"-method", "PUT"},
			"PreflightInvalidStatus", "Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
			"answer the preflight (OPTIONS) with 204 or 200 instead of status 404", 0},
		{"redirect on preflight", handler(301, "Location", "/items/", "Access-Control-Allow-Origin", app, "Vary", "Origin"), []string{"-method", "PUT"},
			"PreflightDisallowedRedirect", "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.",
			"instead of redirecting to /items/", 0},
		{"bad ACAM list", handler(204, "Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "PUT, Bad method", "Vary", "Origin"), []string{"-method", "PUT"},
			"InvalidAllowMethodsPreflightResponse", "Cannot parse Access-Control-Allow-Methods response header field in preflight response.",
			`remove the invalid element "Bad method"`, 0},
		{"PNA header missing", handler(204, "Access-Control-Allow-Origin", app, "Vary", "Origin"), []string{"-private-network"},
			"PreflightMissingAllowPrivateNetwork", "No 'Access-Control-Allow-Private-Network' header was present",
			"send Access-Control-Allow-Private-Network: true", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := newServer(t, c.h)
			args := append(append([]string{"-origin", app}, c.args...), rec.srv.URL+"/items")
			blocked(t, c.name, runCmd(args...), c.err, c.msg, c.fix)
			actuals := 0
			for _, r := range rec.requests() {
				if r.Method != "OPTIONS" {
					actuals++
				}
			}
			if actuals != c.actuals {
				t.Errorf("server saw %d actual requests, want %d", actuals, c.actuals)
			}
		})
	}
}

func TestWarnings(t *testing.T) {
	// Dynamic ACAO without Vary: allowed, warned.
	rec := newServer(t, handler(200, "Access-Control-Allow-Origin", app))
	o := runCmd("-origin", app, rec.srv.URL)
	if o.code != 0 || !strings.Contains(o.stdout, "Warning: actual response: Access-Control-Allow-Origin is \""+app+"\" but Vary does not list Origin") {
		t.Errorf("missing Vary warning; exit %d\n%s", o.code, o.stdout)
	}
	// ACAO * needs no Vary.
	rec = newServer(t, handler(200, "Access-Control-Allow-Origin", "*"))
	if o := runCmd("-origin", app, rec.srv.URL); o.code != 0 || strings.Contains(o.stdout, "Warning") {
		t.Errorf("ACAO * must not warn; exit %d\n%s", o.code, o.stdout)
	}
	// Max-age above caps.
	p := cors.MustNew(cors.Config{AllowedOrigins: []string{app}, AllowedMethods: []string{"PUT"}, MaxAge: 24 * 3600e9})
	rec = newServer(t, p.Handler(okApp))
	code, rep := runJSON(t, "-origin", app, "-method", "PUT", rec.srv.URL)
	if code != 0 || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "Access-Control-Max-Age 86400 is above browser caps (Chromium caps it at 7200, Safari caps it at 600)") {
		t.Errorf("max-age warning: exit %d warnings %q", code, rep.Warnings)
	}
	// Invalid max-age.
	rec = newServer(t, handler(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "-1"))
	if _, rep := runJSON(t, "-origin", app, "-method", "PUT", rec.srv.URL); len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "cache the preflight for 5 s") {
		t.Errorf("invalid max-age warning: %q", rep.Warnings)
	}
	// ACAH * covering Authorization: allowed by Chromium with a warning,
	// blocked with -strict.
	rec = newServer(t, handler(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*"))
	args := []string{"-origin", app, "-header", "Authorization: Bearer t", rec.srv.URL}
	o = runCmd(args...)
	if o.code != 0 || !strings.Contains(o.stdout, "Warning: Access-Control-Allow-Headers: * is used to cover Authorization: this works in Chromium today") ||
		!strings.Contains(o.stdout, "Access-Control-Allow-Headers: *, authorization") {
		t.Errorf("authorization warning; exit %d\n%s", o.code, o.stdout)
	}
	o = runCmd(append([]string{"-strict"}, args...)...)
	blocked(t, "strict authorization", o, "HeaderDisallowedByPreflightResponse, authorization",
		"Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.", "list `authorization` explicitly")
	// Forbidden author headers are dropped, with a warning.
	rec = newServer(t, handler(200, "Access-Control-Allow-Origin", "*"))
	code, rep = runJSON(t, "-origin", app, "-header", "Cookie: a=b", rec.srv.URL)
	if code != 0 || rep.Preflight != nil || len(rep.Warnings) != 1 || rec.requests()[0].Header.Get("Cookie") != "" {
		t.Errorf("forbidden header: exit %d report %+v", code, rep)
	}
}

func TestActualRedirect(t *testing.T) {
	rec := newServer(t, handler(302, "Location", "https://cdn.example/x", "Access-Control-Allow-Origin", app, "Vary", "Origin"))
	o := runCmd("-origin", app, rec.srv.URL)
	if o.code != 0 || !strings.Contains(o.stdout, "Verdict: REDIRECT to https://cdn.example/x") ||
		!strings.Contains(o.stdout, "redirect: the browser would follow to https://cdn.example/x; re-run against it with -origin null") {
		t.Errorf("exit %d\n%s", o.code, o.stdout)
	}
	// A redirect without CORS headers is blocked at this hop.
	rec = newServer(t, handler(302, "Location", "/next"))
	blocked(t, "redirect hop without ACAO", runCmd("-origin", app, rec.srv.URL), "MissingAllowOriginHeader", "No 'Access-Control-Allow-Origin'",
		"the 302 redirect to /next carries no Access-Control-* header, so it was answered before the CORS middleware ran")
	rec = newServer(t, handler(302, "Location", "https://u:p@cdn.example/x", "Access-Control-Allow-Origin", app, "Vary", "Origin"))
	blocked(t, "redirect with userinfo", runCmd("-origin", app, rec.srv.URL), "RedirectContainsCredentials", "Redirect location 'https://u:p@cdn.example/x' contains a username and password", "remove the user name and password")
}

func TestJSONReport(t *testing.T) {
	rec := policyServer(t)
	code, rep := runJSON(t, "-origin", app, "-method", "PUT", "-header", "X-Nope: 1", rec.srv.URL+"/a")
	if code != exitBlocked || rep.Verdict != "blocked" || rep.Allowed || rep.Method != "PUT" || rep.Origin != app || rep.Model != "chromium" {
		t.Fatalf("exit %d report %+v", code, rep)
	}
	if rep.Failure == nil || rep.Failure.Error != "HeaderDisallowedByPreflightResponse" || rep.Failure.Detail != "x-nope" ||
		rep.Failure.Fix != "add `x-nope` to Access-Control-Allow-Headers" || rep.Actual != nil {
		t.Fatalf("failure %+v actual %+v", rep.Failure, rep.Actual)
	}
	pf := rep.Preflight
	if pf == nil || pf.Status != 204 || pf.Request.Line != "OPTIONS /a" || pf.Check.OK || pf.Check.Error != rep.Failure.Error {
		t.Fatalf("preflight step %+v", pf)
	}
	found := false
	for _, f := range pf.Request.Headers {
		if f.Name == "Access-Control-Request-Headers" && f.Value == "x-nope" {
			found = true
		}
	}
	if !found {
		t.Errorf("preflight request headers %+v lack ACRH", pf.Request.Headers)
	}
	// The JSON field names are the documented, stable ones.
	o := runCmd("-json", "-origin", app, rec.srv.URL)
	var raw map[string]any
	if err := json.Unmarshal([]byte(o.stdout), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"url", "origin", "method", "credentials", "model", "actual", "verdict", "allowed", "readable", "warnings"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, o.stdout)
		}
	}
	if raw["verdict"] != "allowed" || o.code != 0 {
		t.Errorf("exit %d verdict %v", o.code, raw["verdict"])
	}
}

func TestUsageAndNetworkErrors(t *testing.T) {
	closed := httptest.NewServer(okApp)
	closed.Close()
	cases := map[string][]string{
		"no args":                    nil,
		"no URL":                     {"-origin", app},
		"two URLs":                   {"-origin", app, "http://127.0.0.1:1/", "http://127.0.0.1:2/"},
		"no origin":                  {"http://127.0.0.1:1/"},
		"bad origin":                 {"-origin", "https://App.example/", "http://127.0.0.1:1/"},
		"forbidden method":           {"-origin", app, "-method", "TRACE", "http://127.0.0.1:1/"},
		"bad header flag":            {"-origin", app, "-header", "NoColon", "http://127.0.0.1:1/"},
		"bad URL scheme":             {"-origin", app, "ftp://127.0.0.1/"},
		"relative URL":               {"-origin", app, "/x"},
		"unknown flag":               {"-nope", "-origin", app, "http://127.0.0.1:1/"},
		"network error":              {"-origin", app, closed.URL},
		"network error on preflight": {"-origin", app, "-method", "PUT", closed.URL},
	}
	for name, args := range cases {
		o := runCmd(args...)
		if o.code != exitUsage || o.stderr == "" {
			t.Errorf("%s: exit %d, stderr %q, want 2 and a message", name, o.code, o.stderr)
		}
	}
}

func TestEngines(t *testing.T) {
	// Allowed everywhere, preflight cached 5 s everywhere: no notes.
	rec := policyServer(t)
	code, rep := runJSON(t, "-origin", app, "-method", "PUT", "-header", "X-Token: 1", rec.srv.URL)
	if code != 0 || len(rep.Engines) != 3 || len(rep.EngineNotes) != 0 {
		t.Fatalf("exit %d engines %+v notes %q", code, rep.Engines, rep.EngineNotes)
	}
	for i, name := range []string{"chromium", "firefox", "webkit"} {
		v := rep.Engines[i]
		if v.Engine != name || v.Verdict != "allowed" || v.FetchError != "" || v.PreflightCacheSeconds == nil || *v.PreflightCacheSeconds != 5 {
			t.Errorf("engine %d: %+v", i, v)
		}
	}
	// Blocked: what the script sees in each engine.
	o := runCmd("-origin", "https://evil.example", rec.srv.URL)
	want := `Engines: chromium blocked ("TypeError: Failed to fetch"), firefox blocked ("TypeError: NetworkError when attempting to fetch resource."), webkit blocked ("TypeError: Load failed")`
	if o.code != exitBlocked || !strings.Contains(o.stdout, want) {
		t.Errorf("blocked: exit %d\n%s", o.code, o.stdout)
	}
	// A negative max-age: engines do not cache, the standard does.
	rec = newServer(t, handler(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "-1"))
	_, rep = runJSON(t, "-origin", app, "-method", "PUT", rec.srv.URL)
	if len(rep.EngineNotes) != 1 || rep.EngineNotes[0] != "the preflight result is reused for Chromium 0 s, Firefox 0 s, WebKit 0 s (the Fetch standard: 5 s)" {
		t.Errorf("negative max-age notes %q", rep.EngineNotes)
	}
	// Max-age above the caps: each engine clamps at its own.
	p := cors.MustNew(cors.Config{AllowedOrigins: []string{app}, AllowedMethods: []string{"PUT"}, MaxAge: 24 * 3600e9})
	rec = newServer(t, p.Handler(okApp))
	_, rep = runJSON(t, "-origin", app, "-method", "PUT", rec.srv.URL)
	if len(rep.EngineNotes) != 1 || rep.EngineNotes[0] != "the preflight result is reused for Chromium 7200 s, Firefox 86400 s, WebKit 600 s (the Fetch standard: 86400 s)" {
		t.Errorf("capped max-age notes %q", rep.EngineNotes)
	}
	// Credentialed and cross-site: the preflight-cache key and cookies.
	p = cors.MustNew(cors.Config{AllowedOrigins: []string{app}, AllowedMethods: []string{"PUT"}, AllowCredentials: true})
	rec = newServer(t, p.Handler(okApp))
	o = runCmd("-origin", app, "-method", "PUT", "-credentials", rec.srv.URL)
	if o.code != 0 || !strings.Contains(o.stdout, "Engine note: Firefox keys its preflight cache on the credentials mode") ||
		!strings.Contains(o.stdout, "Engine note: the request is cross-site: by default Chromium") {
		t.Errorf("credentialed cross-site: exit %d\n%s", o.code, o.stdout)
	}
	// The same site (127.0.0.1, another port): no cookie note.
	same := "http://127.0.0.1:1"
	p = cors.MustNew(cors.Config{AllowedOrigins: []string{same}, AllowCredentials: true})
	rec = newServer(t, p.Handler(okApp))
	if _, rep = runJSON(t, "-origin", same, "-credentials", rec.srv.URL); len(rep.EngineNotes) != 0 || rep.Engines[2].Verdict != "allowed" {
		t.Errorf("same-site credentialed: engines %+v notes %q", rep.Engines, rep.EngineNotes)
	}
	// -strict blocks ACAH * for Authorization; the engines pass that
	// preflight, so their verdict on the unsent request is unknown.
	rec = newServer(t, handler(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*"))
	if _, rep = runJSON(t, "-strict", "-origin", app, "-header", "Authorization: Bearer t", rec.srv.URL); rep.Verdict != "blocked" || rep.Engines[0].Verdict != "unknown" {
		t.Errorf("strict: verdict %s engines %+v", rep.Verdict, rep.Engines)
	}
}

func TestSameSite(t *testing.T) {
	for _, c := range []struct {
		origin, target string
		want           bool
	}{
		{"https://app.example.com", "https://api.example.com/x", true},
		{"https://app.example", "https://api.example/x", false}, // no known suffix: each name is its own site
		{"https://a.b.example.co.uk", "https://c.example.co.uk", true},
		{"https://app.example", "http://app.example", false},
		{"https://app.example", "https://app.other", false},
		{"http://127.0.0.1:8081", "http://127.0.0.1:8080/", true},
		{"http://localhost:8081", "http://127.0.0.1:8080/", false},
		{"null", "http://127.0.0.1:8080/", false},
	} {
		u, err := url.Parse(c.target)
		if err != nil {
			t.Fatal(err)
		}
		if got := sameSite(c.origin, u); got != c.want {
			t.Errorf("sameSite(%s, %s) = %v", c.origin, c.target, got)
		}
	}
}

// ginLike answers the way gin does with engine.Use: its trailing-slash
// redirect is sent before engine middleware runs, so it has no CORS
// headers, while OPTIONS (no route) reaches the middleware.
func ginLike(t *testing.T) *recorder {
	p := cors.MustNew(cors.Config{AllowedOrigins: []string{app}, AllowedMethods: []string{"GET", "PUT"}, AllowedHeaders: []string{"X-Token"}})
	mw := p.Handler(okApp)
	return newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; r.Method != http.MethodOptions && len(p) > 1 && strings.HasSuffix(p, "/") {
			code := http.StatusMovedPermanently
			if r.Method != http.MethodGet {
				code = http.StatusTemporaryRedirect
			}
			http.Redirect(w, r, strings.TrimSuffix(p, "/"), code)
			return
		}
		mw.ServeHTTP(w, r)
	}))
}

// The origin is allowed; the redirect skipped the middleware. The advice
// names the redirect and the two fixes, never "allow this origin".
func TestTrailingSlashRedirectAdvice(t *testing.T) {
	rec := ginLike(t)
	for _, args := range [][]string{
		{"-origin", app, rec.srv.URL + "/api/items/"},
		{"-origin", app, "-method", "PUT", "-header", "X-Token: 1", rec.srv.URL + "/api/items/"},
	} {
		o := runCmd(args...)
		blocked(t, strings.Join(args, " "), o, "MissingAllowOriginHeader", "No 'Access-Control-Allow-Origin'", "redirect to /api/items carries no Access-Control-* header")
		fix := lineWith(o.stdout, "  Fix: ")
		for _, want := range []string{"trailing-slash", "policy.Handler(engine)", "engine.RedirectTrailingSlash = false"} {
			if !strings.Contains(fix, want) {
				t.Errorf("%v: fix %q lacks %q", args, fix, want)
			}
		}
		if strings.Contains(fix, "allow this origin") {
			t.Errorf("%v: fix %q tells to allow an origin that is allowed", args, fix)
		}
	}
	// The same path without the slash passes.
	if o := runCmd("-origin", app, rec.srv.URL+"/api/items"); o.code != exitAllowed {
		t.Errorf("/api/items: exit %d\n%s", o.code, o.stdout)
	}
}
