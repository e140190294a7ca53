package cors

import "net/http"

// Request describes what the policy needs to know about an incoming request.
// Each header field holds every field line as received (nil when absent), so
// that repeated or split headers are judged, not silently truncated. The
// strings are only read during Evaluate and WriteHeaders; they may point into
// a framework's per-request buffers.
//
// Host, Path and RawPath select the scope of a policy built with NewScoped
// and are passed to Config.AllowOriginRequestFunc; a policy built with New
// ignores them otherwise.
type Request struct {
	Method string
	// Host is the request's host as received (the Host header or the
	// authority of an HTTP/2 request), with or without a port.
	Host string
	// Path is the request's path as the router matches it, without the
	// query: net/url's URL.Path (decoded) for net/http-based stacks, the
	// framework's own path where it routes on another form. It also goes
	// into the denial log record.
	Path string
	// RawPath is the escaped path when it differs from Path (net/url's
	// URL.RawPath, which chi and echo route on), or "". When set, both
	// readings must select the same scope.
	RawPath                            string
	Origin                             []string
	AccessControlRequestMethod         []string
	AccessControlRequestHeaders        []string
	AccessControlRequestPrivateNetwork []string
}

// FromHTTP describes r without allocating. It reads the header map with the
// canonical keys net/http uses for incoming requests, and takes Host, Path
// and RawPath from r.Host and r.URL. The preflight headers
// matter only for OPTIONS, so they are read only then.
func FromHTTP(r *http.Request) Request {
	h := r.Header
	req := Request{Method: r.Method, Origin: h["Origin"], Host: r.Host}
	if r.URL != nil {
		req.Path, req.RawPath = r.URL.Path, r.URL.RawPath
	}
	if r.Method == http.MethodOptions {
		req.AccessControlRequestMethod = h["Access-Control-Request-Method"]
		req.AccessControlRequestHeaders = h["Access-Control-Request-Headers"]
		req.AccessControlRequestPrivateNetwork = h["Access-Control-Request-Private-Network"]
	}
	return req
}

// Kind classifies a request: see rule preflight-classification in
// docs/behaviour.md.
type Kind uint8

const (
	// NotCORS is a request without an Origin header.
	NotCORS Kind = iota
	// Actual is a CORS request that reaches the application, including an
	// OPTIONS request without Access-Control-Request-Method.
	Actual
	// Preflight is OPTIONS with Origin and Access-Control-Request-Method.
	Preflight
)

// String names the kind: "not-cors", "actual" or "preflight".
func (k Kind) String() string {
	switch k {
	case Actual:
		return "actual"
	case Preflight:
		return "preflight"
	}
	return "not-cors"
}

// classify implements cors-request and preflight-classification
// (docs/behaviour.md).
func classify(r *Request) Kind {
	if len(r.Origin) == 0 {
		return NotCORS
	}
	if r.Method == http.MethodOptions && len(r.AccessControlRequestMethod) > 0 {
		return Preflight
	}
	return Actual
}
