package bench

import (
	"net/http"
	"slices"
	"unsafe"

	"github.com/valyala/fasthttp"
)

// minimal is the second yardstick (lib=minimal): the least code that
// answers every request of the bench configuration correctly, written by
// hand for that configuration alone. Unlike the floor it reads what any
// correct CORS middleware must read and decides: the Origin, the request
// method and, on a preflight, each requested header name on every
// Access-Control-Request-Headers line. It writes the same headers as ours
// (one fresh backing array per response on an http.Header, so no slice is
// shared between responses), appends Vary after the lines already there,
// and refuses unread an Access-Control-Request-Headers line longer than
// maxRequestHeadersLine, which no browser sends. "ours − minimal" is what
// our generality costs.
type minimal struct {
	// exact is the 1000-origin configuration; nil for the common one
	// (https://example.com and https://*.example.com).
	exact map[string]struct{}
	// last is the verdict on the latest request: the tests compare it
	// with our policy's reason, and storing it keeps the checks from
	// being optimised away.
	last verdict
}

// maxRequestHeadersLine is the longest Access-Control-Request-Headers line
// the minimal middleware reads.
const maxRequestHeadersLine = 1024

// verdict is the minimal middleware's decision.
type verdict uint8

const (
	verdictNotCORS verdict = iota
	verdictAllowed
	verdictOriginRefused
	verdictMethodRefused
	verdictHeaderRefused
	verdictHeadersTooLong
)

func (v verdict) String() string {
	names := [...]string{"not-cors", "allowed", "origin-refused", "method-refused", "header-refused", "headers-too-long"}
	if int(v) < len(names) {
		return names[v]
	}
	return "verdict?"
}

// The bench configuration's answers, written out (config.go holds the
// configuration; TestMinimalMatchesOurs checks they agree).
const (
	minimalOrigin       = "https://example.com"
	minimalSubdomainOf  = ".example.com"
	minimalMethods      = "GET, POST, PUT, DELETE"
	minimalHeaders      = "authorization, content-type, x-requested-with"
	minimalMaxAge       = "600"
	minimalExposed      = "X-Request-Id"
	minimalVary         = "Origin"
	minimalVaryOptions  = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
	hdrACAO, hdrACAC    = "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials"
	hdrACAM, hdrACAH    = "Access-Control-Allow-Methods", "Access-Control-Allow-Headers"
	hdrACMA, hdrACEH    = "Access-Control-Max-Age", "Access-Control-Expose-Headers"
	hdrVary             = "Vary"
	minimalHTTPSPrefix  = "https://"
	minimalMaxHostBytes = 253
)

// newMinimal returns the minimal middleware for s: the common
// configuration, or a list of exact origins.
func newMinimal(s settings) *minimal {
	m := &minimal{}
	if !slices.Equal(s.origins, commonOrigins) {
		m.exact = make(map[string]struct{}, len(s.origins))
		for _, o := range s.origins {
			m.exact[o] = struct{}{}
		}
	}
	return m
}

// allowOrigin reports whether the serialized origin o is allowed.
func (m *minimal) allowOrigin(o string) bool {
	if m.exact != nil {
		_, ok := m.exact[o]
		return ok
	}
	if o == minimalOrigin {
		return true
	}
	n := len(o) - len(minimalSubdomainOf)
	return n > len(minimalHTTPSPrefix) && o[:len(minimalHTTPSPrefix)] == minimalHTTPSPrefix &&
		o[n:] == minimalSubdomainOf && isLabels(o[len(minimalHTTPSPrefix):n])
}

// isLabels reports whether s is one or more dot-separated labels of a host
// as browsers serialize it: lower-case letters, digits, '-' and '_', 1 to
// 63 bytes each, short enough to end in minimalSubdomainOf.
func isLabels(s string) bool {
	if len(s) > minimalMaxHostBytes-len(minimalSubdomainOf) {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			if n == 0 {
				return false
			}
			n = 0
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_':
			if n++; n > 63 {
				return false
			}
		default:
			return false
		}
	}
	return n > 0
}

// methodAllowed judges the requested method of a preflight.
func methodAllowed(method string) bool {
	switch method {
	case "GET", "HEAD", "POST", "PUT", "DELETE":
		return true
	}
	return false
}

// requestHeaders judges one Access-Control-Request-Headers line: each
// comma-separated name, trimmed of spaces and tabs, must be allowed;
// empty elements are skipped.
func requestHeaders(line string) verdict {
	if len(line) > maxRequestHeadersLine {
		return verdictHeadersTooLong
	}
	start := 0
	for i := 0; i <= len(line); i++ {
		if i < len(line) && line[i] != ',' {
			continue
		}
		if name := trimSpaceTab(line[start:i]); name != "" && !headerAllowed(name) {
			return verdictHeaderRefused
		}
		start = i + 1
	}
	return verdictAllowed
}

func trimSpaceTab(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// headerAllowed matches a requested header name ASCII case-insensitively.
func headerAllowed(name string) bool {
	switch len(name) {
	case len("authorization"):
		return asciiEqualFold(name, "authorization")
	case len("content-type"):
		return asciiEqualFold(name, "content-type")
	case len("x-requested-with"):
		return asciiEqualFold(name, "x-requested-with")
	}
	return false
}

// asciiEqualFold compares s with the lower-case lower, folding only ASCII
// letters of s.
func asciiEqualFold(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// answer is what the minimal middleware writes.
type answer struct {
	origin    string // the allowed origin, echoed; "" for none
	preflight bool   // answer now: 204 with the preflight headers when origin is set, else 403
	options   bool   // the request is OPTIONS: Vary also names the preflight headers
}

func (a answer) status() int {
	if a.origin != "" {
		return http.StatusNoContent
	}
	return http.StatusForbidden
}

// judge decides on a request from its method and first Origin line
// (hasOrigin is false when there is none), and whether it carries
// Access-Control-Request-Method. A preflight from an allowed origin then
// has its method and request headers judged by the caller.
func (m *minimal) judge(options, hasOrigin bool, origin string, hasACRM bool) answer {
	a := answer{options: options, preflight: options && hasOrigin && hasACRM}
	switch {
	case !hasOrigin:
		m.last = verdictNotCORS
	case !m.allowOrigin(origin):
		m.last = verdictOriginRefused
	default:
		a.origin = origin
		m.last = verdictAllowed
	}
	return a
}

// judgesRequest reports whether the method and request headers of the
// request must be judged: a preflight from an allowed origin.
func (a answer) judgesRequest() bool { return a.preflight && a.origin != "" }

func (a answer) vary() string {
	if a.options {
		return minimalVaryOptions
	}
	return minimalVary
}

// serveHTTP judges r and writes the answer into h through one fresh array.
func (m *minimal) serveHTTP(h http.Header, r *http.Request) answer {
	rh := r.Header
	options, origin := r.Method == http.MethodOptions, rh["Origin"]
	var acrm []string
	if options && len(origin) > 0 {
		acrm = rh["Access-Control-Request-Method"]
	}
	a := m.judge(options, len(origin) > 0, first(origin), len(acrm) > 0)
	if a.judgesRequest() {
		if !methodAllowed(acrm[0]) {
			m.last = verdictMethodRefused
		} else {
			for _, l := range rh["Access-Control-Request-Headers"] {
				if m.last = requestHeaders(l); m.last != verdictAllowed {
					break
				}
			}
		}
	}
	old := h[hdrVary]
	n := len(old) + 1
	if a.origin != "" {
		n += 3
		if a.preflight {
			n += 2
		}
	}
	vals := make([]string, n)
	i := 0
	set := func(k, v string) {
		vals[i] = v
		h[k] = vals[i : i+1 : i+1]
		i++
	}
	if a.origin != "" {
		set(hdrACAO, a.origin)
		set(hdrACAC, "true")
		if a.preflight {
			set(hdrACAM, minimalMethods)
			set(hdrACAH, minimalHeaders)
			set(hdrACMA, minimalMaxAge)
		} else {
			set(hdrACEH, minimalExposed)
		}
	}
	start := i
	i += copy(vals[i:], old)
	vals[i] = a.vary()
	h[hdrVary] = vals[start : i+1 : i+1]
	return a
}

func first(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

// serveFast judges a fasthttp request and writes the answer into resp.
func (m *minimal) serveFast(method string, req *fasthttp.RequestHeader, resp *fasthttp.ResponseHeader) answer {
	options, origin := method == http.MethodOptions, req.Peek("Origin")
	var acrm []byte
	if options && origin != nil {
		acrm = req.Peek("Access-Control-Request-Method")
	}
	a := m.judge(options, origin != nil, bytesString(origin), acrm != nil)
	if a.judgesRequest() {
		if !methodAllowed(bytesString(acrm)) {
			m.last = verdictMethodRefused
		} else {
			for _, l := range req.PeekAll("Access-Control-Request-Headers") {
				if m.last = requestHeaders(bytesString(l)); m.last != verdictAllowed {
					break
				}
			}
		}
	}
	// SetCanonical, as the fiber adapters write: the keys are canonical and
	// the values checked (the origin was matched), so fasthttp need not
	// normalise or scan them.
	set := func(k, v string) { resp.SetCanonical(stringBytes(k), stringBytes(v)) }
	if a.origin != "" {
		set(hdrACAO, a.origin)
		set(hdrACAC, "true")
		if a.preflight {
			set(hdrACAM, minimalMethods)
			set(hdrACAH, minimalHeaders)
			set(hdrACMA, minimalMaxAge)
		} else {
			set(hdrACEH, minimalExposed)
		}
	}
	resp.Add(hdrVary, a.vary())
	return a
}

// stringBytes views s as bytes that fasthttp copies and does not modify.
func stringBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// bytesString views b as a string for the duration of the request (b is
// a fasthttp request buffer, which the middleware does not keep).
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// httpMiddleware is the minimal middleware for net/http (and chi).
func (m *minimal) httpMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a := m.serveHTTP(w.Header(), r); a.preflight {
			w.WriteHeader(a.status())
			return
		}
		next.ServeHTTP(w, r)
	})
}
