package main

import (
	"io"
	"net"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
)

// exchange is one request of the example's documented behaviour and what the
// answer must be.
type exchange struct {
	name    string
	method  string
	host    string // "" : the listener's address
	path    string
	headers map[string]string
	status  int    // 0: the router's own answer (it differs between stacks), never 2xx from CORS
	body    string // checked when status is 200
	// cors is every Access-Control-* header and Vary of the answer.
	cors map[string]string
}

const (
	app   = "https://app.example"
	acme  = "https://acme.example"
	other = "https://other.example"
)

func origin(o string, more ...string) map[string]string {
	h := map[string]string{"Origin": o}
	for i := 0; i+1 < len(more); i += 2 {
		h[more[i]] = more[i+1]
	}
	return h
}

var preflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"

var exchanges = []exchange{
	{name: "public from any origin", method: "GET", path: "/public/items", headers: origin("https://any.example"),
		status: 200, body: bodyPublic, cors: map[string]string{"Access-Control-Allow-Origin": "*"}},
	{name: "public preflight allows GET only", method: "OPTIONS", path: "/public/items", headers: origin("https://any.example", "Access-Control-Request-Method", "PUT"),
		status: 204, cors: map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET",
			"Vary": preflightVary}},
	{name: "api from the app origin", method: "GET", path: "/api/items", headers: origin(app),
		status: 200, body: bodyAPI, cors: map[string]string{"Access-Control-Allow-Origin": app, "Access-Control-Allow-Credentials": "true", "Vary": "Origin"}},
	{name: "api preflight for DELETE with X-Token", method: "OPTIONS", path: "/api/items/7",
		headers: origin(app, "Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "x-token"),
		status:  204, cors: map[string]string{"Access-Control-Allow-Origin": app, "Access-Control-Allow-Credentials": "true",
			"Access-Control-Allow-Methods": "GET, PUT, DELETE", "Access-Control-Allow-Headers": "x-token", "Access-Control-Max-Age": "600", "Vary": preflightVary}},
	{name: "api PUT from the app origin", method: "PUT", path: "/api/items/7", headers: origin(app, "X-Token", "t"),
		status: 200, body: put("7"), cors: map[string]string{"Access-Control-Allow-Origin": app, "Access-Control-Allow-Credentials": "true", "Vary": "Origin"}},
	{name: "api DELETE from the app origin", method: "DELETE", path: "/api/items/7", headers: origin(app),
		status: 200, body: remove("7"), cors: map[string]string{"Access-Control-Allow-Origin": app, "Access-Control-Allow-Credentials": "true", "Vary": "Origin"}},
	{name: "api from another origin", method: "GET", path: "/api/items", headers: origin("https://evil.example"),
		status: 200, body: bodyAPI, cors: map[string]string{"Vary": "Origin"}},
	{name: "api preflight from another origin", method: "OPTIONS", path: "/api/items/7", headers: origin("https://evil.example", "Access-Control-Request-Method", "PUT"),
		status: 403, cors: map[string]string{"Vary": preflightVary}},
	{name: "the app origin outside its scope", method: "GET", path: "/other", headers: origin(app),
		status: 200, body: bodyOther, cors: map[string]string{}},
	{name: "preflight outside every scope reaches the router", method: "OPTIONS", path: "/other", headers: origin(app, "Access-Control-Request-Method", "PUT"),
		status: 0, cors: map[string]string{}},
	{name: "/t on the plain host has no CORS", method: "GET", path: "/t", headers: origin(acme),
		status: 200, body: bodyTenant, cors: map[string]string{}},
	{name: "tenant allows its own front end", method: "GET", host: "acme.tenant.test", path: "/t", headers: origin(acme),
		status: 200, body: bodyTenant, cors: map[string]string{"Access-Control-Allow-Origin": acme, "Access-Control-Allow-Credentials": "true", "Vary": "Origin"}},
	{name: "tenant refuses another tenant's front end", method: "GET", host: "acme.tenant.test", path: "/t", headers: origin(other),
		status: 200, body: bodyTenant, cors: map[string]string{"Vary": "Origin"}},
	{name: "other tenant allows its own front end", method: "GET", host: "other.tenant.test", path: "/t", headers: origin(other),
		status: 200, body: bodyTenant, cors: map[string]string{"Access-Control-Allow-Origin": other, "Access-Control-Allow-Credentials": "true", "Vary": "Origin"}},
	{name: "a port the tenant scope does not name gets no CORS", method: "GET", host: "other.tenant.test:8090", path: "/t", headers: origin(other),
		status: 200, body: bodyTenant, cors: map[string]string{}},
	{name: "tenant preflight for PUT", method: "OPTIONS", host: "acme.tenant.test", path: "/api/items/7", headers: origin(acme, "Access-Control-Request-Method", "PUT"),
		status: 204, cors: map[string]string{"Access-Control-Allow-Origin": acme, "Access-Control-Allow-Credentials": "true",
			"Access-Control-Allow-Methods": "GET, PUT", "Vary": preflightVary}},
	{name: "tenant host wins over the api scope", method: "GET", host: "acme.tenant.test", path: "/api/items", headers: origin(app),
		status: 200, body: bodyAPI, cors: map[string]string{"Vary": "Origin"}},
	{name: "no Origin outside the scopes", method: "GET", path: "/other",
		status: 200, body: bodyOther, cors: map[string]string{}},
}

// TestScopedExample sends every exchange through every stack.
func TestScopedExample(t *testing.T) {
	names := make([]string, 0, len(stacks))
	for name := range stacks {
		names = append(names, name)
	}
	sort.Strings(names)
	if want := []string{"chi", "echo", "echov5", "fiber", "fiberv3", "gin", "nethttp"}; !slices.Equal(names, want) {
		t.Fatalf("stacks %v, want %v", names, want)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			stop := stacks[name](ln, newPolicy())
			defer stop()
			for _, x := range exchanges {
				req, err := http.NewRequest(x.method, "http://"+ln.Addr().String()+x.path, nil)
				if err != nil {
					t.Fatal(err)
				}
				if x.host != "" {
					req.Host = x.host
				}
				for k, v := range x.headers {
					req.Header.Set(k, v)
				}
				res, err := client.Do(req)
				if err != nil {
					t.Fatalf("%s: %v", x.name, err)
				}
				body, _ := io.ReadAll(res.Body)
				_ = res.Body.Close()
				check(t, name, x, res, string(body))
			}
		})
	}
}

func check(t *testing.T, stack string, x exchange, res *http.Response, body string) {
	t.Helper()
	switch {
	case x.status == 0 && res.StatusCode >= 200 && res.StatusCode < 300 && res.Header.Get("Allow") == "":
		t.Errorf("%s, %s: status %d; want the router's own answer", stack, x.name, res.StatusCode)
	case x.status != 0 && res.StatusCode != x.status:
		t.Errorf("%s, %s: status %d, want %d", stack, x.name, res.StatusCode, x.status)
	case x.status == 200 && body != x.body:
		t.Errorf("%s, %s: body %q, want %q", stack, x.name, body, x.body)
	}
	got := map[string]string{}
	for k, v := range res.Header {
		if strings.HasPrefix(k, "Access-Control-") || k == "Vary" {
			got[k] = strings.Join(v, ", ")
		}
	}
	if !equalMaps(got, x.cors) {
		t.Errorf("%s, %s: CORS headers %v, want %v", stack, x.name, got, x.cors)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
