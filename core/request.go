package cors

import (
	"bytes"
	"net/http"
)

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

// HeaderField names a CORS request header; see HeaderFieldOf.
type HeaderField uint8

// The CORS request headers a Request holds.
const (
	OtherField HeaderField = iota
	OriginField
	RequestMethodField
	RequestHeadersField
	RequestPrivateNetworkField
)

// HeaderFieldOf says which CORS request header the field name is, the way
// net/http (RFC 9110) reads names: ASCII case-insensitively, never by
// Unicode case folding (no browser sends "Acce\u017fs-Control-Request-Method",
// and net/http refuses it). Adapters for servers that hand over raw field
// lines (fasthttp) use it, or AddHeaderField, on every line of the header
// section, never on trailer fields, which net/http does not read as
// headers either. (Optional whitespace around values, which some servers
// leave, is ignored by Evaluate.)
func HeaderFieldOf(name string) HeaderField {
	const prefix = "Access-Control-Request-"
	switch {
	case equalFold(name, "Origin"):
		return OriginField
	case len(name) <= len(prefix) || !equalFold(name[:len(prefix)], prefix):
		return OtherField
	}
	switch rest := name[len(prefix):]; {
	case equalFold(rest, "Method"):
		return RequestMethodField
	case equalFold(rest, "Headers"):
		return RequestHeadersField
	case equalFold(rest, "Private-Network"):
		return RequestPrivateNetworkField
	}
	return OtherField
}

// MayCarryTrailers reports whether a request whose raw header section is
// header may have a chunked body, and so trailer fields: whether "chunked"
// appears in it in any ASCII case. Servers that merge a chunked body's
// trailer fields into the request's headers (fasthttp does) make an adapter
// re-read the header section as received when it returns true, so that a
// trailer never counts as a CORS request header. A false positive only
// costs that re-read.
func MayCarryTrailers(header []byte) bool {
	const word, k = "chunked", 4 // word[k] is 'k', a letter few header values contain
	for _, c := range [2]byte{'k', 'K'} {
		for i := k; i < len(header); i++ {
			j := bytes.IndexByte(header[i:], c)
			if j < 0 {
				break
			}
			i += j
			if i+len(word)-k <= len(header) && bytes.EqualFold(header[i-k:i-k+len(word)], []byte(word)) {
				return true
			}
		}
	}
	return false
}

// AddHeaderField appends one field line to r when HeaderFieldOf names a
// CORS request header, and ignores it otherwise. (It appends through a
// pointer, so slices backed by arrays on the caller's stack move to the
// heap; allocation-free adapters switch on HeaderFieldOf themselves.)
func (r *Request) AddHeaderField(name, value string) {
	switch HeaderFieldOf(name) {
	case OriginField:
		r.Origin = append(r.Origin, value)
	case RequestMethodField:
		r.AccessControlRequestMethod = append(r.AccessControlRequestMethod, value)
	case RequestHeadersField:
		r.AccessControlRequestHeaders = append(r.AccessControlRequestHeaders, value)
	case RequestPrivateNetworkField:
		r.AccessControlRequestPrivateNetwork = append(r.AccessControlRequestPrivateNetwork, value)
	}
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
