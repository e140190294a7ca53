package conformance

import (
	"net/http"
	"net/url"
	"strings"

	cors "github.com/originguard/cors/core"
)

// Short names of the response headers the suite checks.
const (
	hACAO  = "Access-Control-Allow-Origin"
	hACAC  = "Access-Control-Allow-Credentials"
	hACEH  = "Access-Control-Expose-Headers"
	hACAM  = "Access-Control-Allow-Methods"
	hACAH  = "Access-Control-Allow-Headers"
	hACMA  = "Access-Control-Max-Age"
	hACAPN = "Access-Control-Allow-Private-Network"

	hOrigin = "Origin"
	hACRM   = "Access-Control-Request-Method"
	hACRH   = "Access-Control-Request-Headers"
	hACRPN  = "Access-Control-Request-Private-Network"
)

// policy is a named configuration; apps are built once per name and stack.
// A scoped policy (scoped non-nil) is built with cors.NewScoped and mounted
// with the harness's Mount.
type policy struct {
	name   string
	cfg    cors.Config
	scoped *cors.ScopedConfig
}

// build builds the policy with cors.New or cors.NewScoped.
func (p *policy) build() (*cors.Policy, error) {
	if p.scoped != nil {
		return cors.NewScoped(*p.scoped)
	}
	return cors.New(p.cfg)
}

// line is one request header field line.
type line struct{ key, value string }

// request is what a case sends.
type request struct {
	method string
	path   string // as on the request line: escapes are kept as sent
	host   string // "" means api.example
	lines  []line
}

// header returns every line of key, in order.
func (r request) header(key string) []string {
	var out []string
	for _, l := range r.lines {
		if l.key == key {
			out = append(out, l.value)
		}
	}
	return out
}

// httpRequest builds the *http.Request handed to ServeHTTP. It is built by
// hand, not parsed, so that any bytes reach the middleware.
func (r request) httpRequest() *http.Request {
	path := r.path
	if path == "" {
		path = PathResource
	}
	h := http.Header{}
	for _, l := range r.lines {
		h[l.key] = append(h[l.key], l.value)
	}
	u := &url.URL{Path: path}
	if strings.ContainsAny(path, "%?") {
		u, _ = url.ParseRequestURI(path) // the cases' paths parse
	}
	host := r.host
	if host == "" {
		host = "api.example"
	}
	return &http.Request{
		Method:     r.method,
		URL:        u,
		RequestURI: path,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     h,
		Host:       host,
		RemoteAddr: "192.0.2.10:50000",
		Body:       http.NoBody,
	}
}

// expect is what a case requires of the raw response.
type expect struct {
	// status is the exact status, unless routerStatus is set: then the
	// status is the framework router's own (it differs between stacks and
	// is only reported), and the case only requires it is not the CORS
	// middleware's answer.
	status       int
	routerStatus bool
	app          bool // the route handler ran (X-App-Ran: 1)
	// anyApp: whether a route handler runs is the router's choice (a path
	// routers read differently), so app is not checked.
	anyApp bool
	inner  bool // the request got past the CORS middleware (X-Inner: 1)
	// ac is every Access-Control-* response header expected; any other
	// Access-Control-* header is a failure. Values are compared list-aware.
	ac map[string]string
	// vary lists the Vary tokens expected after the outer X-Outer, as a set.
	vary []string
}

// testCase is one row of the conformance table.
type testCase struct {
	name string
	// why names the rules of docs/behaviour.md the case checks, then says
	// what it checks: "scheme-and-port, origin-patterns: the pattern keeps its scheme".
	why     string
	group   string // the subtest group the case runs under
	pol     *policy
	req     request
	want    expect
	browser *browserVerdict // what a browser would conclude from the response (nil: no browser sends the request)
}

// varyOrigin is the Vary of an actual response under a dynamic policy.
var varyOrigin = []string{"Origin"}

// splitList returns the non-empty, trimmed elements of a comma-separated
// list.
func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
