package cors

import "net/http"

// Request describes what the policy needs to know about an incoming request.
// Each header field holds every field line as received (nil when absent), so
// that repeated or split headers are judged, not silently truncated. The
// strings are only read during Evaluate and WriteHeaders; they may point into
// a framework's per-request buffers.
type Request struct {
	Method                             string
	Origin                             []string
	AccessControlRequestMethod         []string
	AccessControlRequestHeaders        []string
	AccessControlRequestPrivateNetwork []string

	// Path is the request's URL path. The policy does not depend on it; it
	// only goes into the denial log record.
	Path string
}

// FromHTTP describes r without allocating. It reads the header map with the
// canonical keys net/http uses for incoming requests. The preflight headers
// matter only for OPTIONS, so they are read only then.
func FromHTTP(r *http.Request) Request {
	h := r.Header
	req := Request{Method: r.Method, Origin: h["Origin"]}
	if r.URL != nil {
		req.Path = r.URL.Path
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
