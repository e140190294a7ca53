package cors

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/originguard/cors/core/adapter"
)

// baseConfig is the credentialed allow-list most cases use.
var baseConfig = Config{
	AllowedOrigins:   []string{"https://app.example", "https://*.sub.example", "http://localhost:*"},
	AllowedMethods:   []string{"GET", "PUT", "DELETE", "patch"},
	AllowedHeaders:   []string{"X-Token", "Content-Type"},
	ExposedHeaders:   []string{"X-Request-Id"},
	AllowCredentials: true,
	MaxAge:           10 * time.Minute,
}

// publicConfig allows every origin, method and header without credentials.
var publicConfig = Config{
	AllowedOrigins: []string{"*"},
	AllowedMethods: []string{"*"},
	AllowedHeaders: []string{"*"},
	ExposedHeaders: []string{"*"},
}

func with(c Config, f func(*Config)) Config {
	c = c.clone()
	f(&c)
	return c
}

// req builds a request: headers are "Name: value" strings, each added as
// its own field line.
func req(method, origin string, headers ...string) *http.Request {
	r := httptest.NewRequest(method, "http://api.example/r", nil)
	if origin != "" {
		r.Header["Origin"] = []string{origin}
	}
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ":")
		key := http.CanonicalHeaderKey(name)
		r.Header[key] = append(r.Header[key], strings.TrimPrefix(value, " "))
	}
	return r
}

func preflight(origin, method string, headers ...string) *http.Request {
	return req(http.MethodOptions, origin, append([]string{"Access-Control-Request-Method: " + method}, headers...)...)
}

// result is what a test observes of one response.
type result struct {
	status int
	header http.Header
	appRan bool
	body   string
}

// serve runs r through the policy's Handler in front of an application
// that marks that it ran; an outer layer pre-sets Vary: X-Outer.
func serve(t testing.TB, p *Policy, r *http.Request) result {
	t.Helper()
	ran := false
	h := p.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ran = true
		w.Header().Set("X-App", "1")
		w.WriteHeader(http.StatusOK)
	}))
	w := httptest.NewRecorder()
	w.Header().Set("Vary", "X-Outer")
	h.ServeHTTP(w, r)
	return result{status: w.Code, header: w.Result().Header, appRan: ran, body: w.Body.String()}
}

// corsHeaders returns every Access-Control-* header and Vary, each joined
// over its lines with ", ".
func corsHeaders(h http.Header) map[string]string {
	out := map[string]string{}
	for k, v := range h {
		if strings.HasPrefix(k, "Access-Control-") || k == "Vary" {
			out[k] = strings.Join(v, ", ")
		}
	}
	return out
}

func mustPolicy(t testing.TB, cfg Config) *Policy {
	t.Helper()
	p, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return p
}

// listOf splits a list-valued header into its trimmed, non-empty elements.
func listOf(v string) []string {
	var out []string
	for _, e := range strings.Split(v, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

func sameList(a, b string) bool {
	x, y := listOf(a), listOf(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// compareHeaders checks that got holds exactly the headers of want;
// single-valued ones compare exactly, lists as sets.
func compareHeaders(t *testing.T, got, want map[string]string) {
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

// request is the test form of an adapter.Request: every field line of the
// CORS request headers in a slice.
type request struct {
	Method, Host, Path, RawPath                                                                         string
	Origin, AccessControlRequestMethod, AccessControlRequestHeaders, AccessControlRequestPrivateNetwork []string
}

// build describes q line by line, as a fasthttp adapter does.
func (q request) build() adapter.Request {
	r := adapter.Request{Method: q.Method, Host: q.Host, Path: q.Path, RawPath: q.RawPath}
	for _, f := range []struct {
		name  string
		lines []string
	}{
		{"Origin", q.Origin},
		{"Access-Control-Request-Method", q.AccessControlRequestMethod},
		{"Access-Control-Request-Headers", q.AccessControlRequestHeaders},
		{"Access-Control-Request-Private-Network", q.AccessControlRequestPrivateNetwork},
	} {
		for _, v := range f.lines {
			r.Add(f.name, v)
		}
	}
	return r
}

// eval evaluates q and writes the headers into h (nil: none).
func eval(p *Policy, q request, h adapter.HeaderWriter) Decision {
	r := q.build()
	return p.Evaluate(context.Background(), &r, h)
}

// evalHTTP evaluates r as Handler does and writes the headers into h (nil:
// none).
func evalHTTP(p *Policy, r *http.Request, h adapter.HeaderWriter) Decision {
	req := adapter.FromHTTP(r)
	return p.Evaluate(context.Background(), &req, h)
}
