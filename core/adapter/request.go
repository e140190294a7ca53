package adapter

import (
	"net/http"

	"github.com/originguard/cors/core/internal/ascii"
)

// Request describes an incoming request to cors.Policy.Evaluate: its method,
// host and path, and every field line of the CORS request headers (and of
// Sec-Fetch-Site, which forgery protection reads) as received, so that
// repeated or split headers are judged, not silently truncated. The zero Request is a request without headers; give it the
// header section's lines with Add.
//
// Host, Path and RawPath select the scope of a policy built with
// cors.NewScoped and are passed to Config.AllowOriginRequestFunc; a policy
// built with cors.New ignores them otherwise.
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
	RawPath string

	// The lines of each field, indexed by Field (index 0, Other, stays
	// empty): the first in place (browsers send each CORS request header
	// once), a count, and where the others are: the header map ReadHTTP
	// read, or more once Add has seen a field twice. Nothing in a Request
	// points into the Request itself, so that it can be passed by pointer
	// without escaping to the heap, and it is small (every request zeroes
	// one).
	first  [fieldCount + 1][1]string
	n      [fieldCount + 1]uint8 // lines of each field, 255 for 255 or more
	header http.Header           // the map ReadHTTP read
	unread uint8                 // bit f: field f is still to be read from header
	more   *[fieldCount + 1][]string
}

// Add records one field line of the request's header section when name is
// one of the CORS request headers (see FieldOf), and ignores it otherwise.
// A second line of the same header is stored on the heap; browsers send one.
func (r *Request) Add(name, value string) {
	// Most lines are other headers: their length alone rules them out, here,
	// where a caller visiting every line of a request inlines it.
	if fieldNameLengths&(1<<uint(len(name)&63)) != 0 {
		r.add(name, value) // FieldOf checks the name, whatever its length
	}
}

// fieldNameLengths has bit n set when a field FieldOf knows is n bytes long.
var fieldNameLengths = func() (m uint64) {
	for _, name := range canonicalNames[Origin:] {
		m |= 1 << len(name)
	}
	return m
}()

// add is Add for a name as long as one FieldOf knows.
func (r *Request) add(name, value string) {
	f := FieldOf(name)
	if f == Other {
		return
	}
	if r.unread&(1<<f) != 0 {
		r.lines(f)
	}
	if r.n[f] == 0 {
		r.first[f][0], r.n[f] = value, 1
		return
	}
	if r.more == nil {
		r.more = new([fieldCount + 1][]string)
	}
	if r.more[f] == nil {
		r.more[f] = append(make([]string, 0, 4), r.Lines(f)...)
	}
	r.more[f] = append(r.more[f], value)
	if r.n[f] < 255 {
		r.n[f]++
	}
}

// Lines returns every line of the field f as received, nil when it is
// absent or f is Other. The slice may share memory with r and must not be
// modified. A Request filled by ReadHTTP (or FromHTTP) reads some fields from the header
// map on their first use (see FromHTTP), so a Request is not safe for
// concurrent use.
func (r *Request) Lines(f Field) []string {
	// The usual case, small enough to inline: one line (a field with more
	// has two or more).
	if f < fieldCount+1 && r.n[f] == 1 {
		return r.first[f][:]
	}
	return r.lines(f)
}

// lines is Lines for a field that is absent, may have several lines, or
// is still to be read from the header map.
func (r *Request) lines(f Field) []string {
	if f == Other || f > fieldCount {
		return nil
	}
	if r.n[f]|r.unread&(1<<f) == 0 {
		return nil // absent: an early exit, for the usual request without Origin
	}
	if r.unread&(1<<f) != 0 {
		r.unread &^= 1 << f
		r.set(f, r.header[canonicalNames[f]])
	}
	switch {
	case r.n[f] == 0:
		return nil
	case r.more != nil && r.more[f] != nil:
		return r.more[f]
	case r.n[f] > 1:
		if vs := r.header[canonicalNames[f]]; len(vs) > 0 {
			return vs[:len(vs):len(vs)]
		}
	}
	return r.first[f][:] // one line, or the map changed since ReadHTTP
}

// canonicalNames are the fields' names as net/http keys them.
var canonicalNames = [...]string{
	Other:                 "",
	Origin:                "Origin",
	RequestMethod:         "Access-Control-Request-Method",
	RequestHeaders:        "Access-Control-Request-Headers",
	RequestPrivateNetwork: "Access-Control-Request-Private-Network",
	SecFetchSite:          "Sec-Fetch-Site",
}

// FromHTTP describes r without allocating. It reads the header map with the
// canonical keys net/http uses for incoming requests (the Request refers to
// the map's slices, which it never modifies), and takes Host, Path and
// RawPath from r.Host and r.URL. The preflight headers matter only for
// OPTIONS, and Sec-Fetch-Site only for unsafe methods (forgery protection),
// so they are read only then. Access-Control-Request-Headers,
// Access-Control-Request-Private-Network and Sec-Fetch-Site are looked up
// when the policy first asks for them: a refused preflight or an unsafe
// request without forgery protection never pays for them.
//
// FromHTTP is ReadHTTP on a new Request. Middleware, which describes a
// request on every call, uses ReadHTTP on a Request of its own: returning a
// Request costs a copy of it.
func FromHTTP(r *http.Request) (req Request) {
	req.ReadHTTP(r)
	return req
}

// ReadHTTP makes r the description of hr, as FromHTTP does, replacing what
// r held. Declared in the middleware's function, r stays on its stack and
// is filled in place:
//
//	var r adapter.Request
//	r.ReadHTTP(req)
//	d := policy.Evaluate(req.Context(), &r, w.Header())
func (r *Request) ReadHTTP(hr *http.Request) {
	// Every field is set, the lines through their counts (a line is read
	// only where its count says it exists), so r need not be zeroed first.
	h := hr.Header
	path, rawPath := "", ""
	if u := hr.URL; u != nil {
		path, rawPath = u.Path, u.RawPath
	}
	r.Method, r.Host, r.Path, r.RawPath = hr.Method, hr.Host, path, rawPath
	r.n, r.header, r.unread, r.more = [fieldCount + 1]uint8{}, h, 0, nil
	r.set(Origin, h["Origin"])
	switch hr.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions:
		r.set(RequestMethod, h["Access-Control-Request-Method"])
		r.unread = 1<<RequestHeaders | 1<<RequestPrivateNetwork
	default:
		r.unread = 1 << SecFetchSite
	}
}

// set records vs, the lines of f in the header map: the first and their
// count (lines reads the map again for the others).
func (r *Request) set(f Field, vs []string) {
	if len(vs) > 0 {
		r.first[f][0], r.n[f] = vs[0], uint8(min(len(vs), 255))
	}
}

// HeaderWriter receives the response headers of a decision. Both
// http.Header and *fasthttp.ResponseHeader satisfy it.
type HeaderWriter interface {
	Set(key, value string)
	Add(key, value string)
}

// Field names a request header the policy reads; see FieldOf.
type Field uint8

// The request headers a Request holds: the CORS request headers and
// Sec-Fetch-Site.
const (
	Other                 Field = iota // any other header
	Origin                             // Origin
	RequestMethod                      // Access-Control-Request-Method
	RequestHeaders                     // Access-Control-Request-Headers
	RequestPrivateNetwork              // Access-Control-Request-Private-Network
	SecFetchSite                       // Sec-Fetch-Site, read by forgery protection

	fieldCount = SecFetchSite
)

// FieldOf says which CORS request header the field name is, the way
// net/http (RFC 9110) reads names: ASCII case-insensitively, never by
// Unicode case folding (no browser sends "Acce\u017fs-Control-Request-Method",
// and net/http refuses it). Request.Add uses it. (Optional whitespace around
// values, which some servers leave, is ignored by the policy.)
func FieldOf(name string) Field {
	// Most lines are other headers: their length alone rules them out.
	var f Field
	switch len(name) {
	case len("Origin"):
		f = Origin
	case len("Access-Control-Request-Method"):
		f = RequestMethod
	case len("Access-Control-Request-Headers"):
		f = RequestHeaders
	case len("Access-Control-Request-Private-Network"):
		f = RequestPrivateNetwork
	case len("Sec-Fetch-Site"):
		f = SecFetchSite
	default:
		return Other
	}
	if canonical := canonicalNames[f]; name == canonical || ascii.EqualFold(name, canonical) {
		return f
	}
	return Other
}
