package fetchcheck

import (
	"net/http"
	"sort"
	"strings"
)

// Response is what the browser received: the status and the header fields.
// Header keys need not be canonical.
type Response struct {
	Status int
	Header http.Header
}

// Header names the checks read.
const (
	HeaderAllowOrigin         = "Access-Control-Allow-Origin"
	HeaderAllowCredentials    = "Access-Control-Allow-Credentials"
	HeaderAllowMethods        = "Access-Control-Allow-Methods"
	HeaderAllowHeaders        = "Access-Control-Allow-Headers"
	HeaderExposeHeaders       = "Access-Control-Expose-Headers"
	HeaderMaxAge              = "Access-Control-Max-Age"
	HeaderAllowPrivateNetwork = "Access-Control-Allow-Private-Network"
)

// lines returns every field line of name (case-insensitive), each trimmed
// of leading and trailing spaces and tabs. Lines under the canonical key
// come first, then those under other spellings in sorted key order.
func (resp *Response) lines(name string) []string {
	canon := http.CanonicalHeaderKey(name)
	var out []string
	for _, v := range resp.Header[canon] {
		out = append(out, trimOWS(v))
	}
	var others []string
	for k := range resp.Header {
		if k != canon && strings.EqualFold(k, name) {
			others = append(others, k)
		}
	}
	sort.Strings(others)
	for _, k := range others {
		for _, v := range resp.Header[k] {
			out = append(out, trimOWS(v))
		}
	}
	return out
}

// get implements Fetch "get": the lines combined with ", ", ok false when
// the header is absent.
func (resp *Response) get(name string) (string, bool) {
	l := resp.lines(name)
	if len(l) == 0 {
		return "", false
	}
	return strings.Join(l, ", "), true
}

// parseList parses a comma-separated list of tokens (#token): optional
// whitespace around elements and empty elements are allowed; any other
// element voids the list. It returns the elements, the first bad element
// and whether the list parsed. Fetch#extract-header-list-values; rule
// browser-response-parsing of docs/behaviour.md.
func parseList(v string) (items []string, bad string, ok bool) {
	for _, e := range strings.Split(v, ",") {
		e = trimOWS(e)
		if e == "" {
			continue
		}
		if !isToken(e) {
			return nil, e, false
		}
		items = append(items, e)
	}
	return items, "", true
}

// maxDeltaSeconds is where delta-seconds saturate (RFC 9111 §1.2.2).
const maxDeltaSeconds = 2147483648

// MaxAge parses Access-Control-Max-Age as browsers should: a single line of
// digits only (delta-seconds). ok is false when the header is absent, split
// over several lines or not all digits; the browser then caches the preflight
// result for 5 seconds (DefaultMaxAge). Values too large saturate at
// 2147483648. Browsers clamp further (see MaxAgeCaps). Chromium, unlike the
// standard, reads a negative value as 0. Rule max-age.
func MaxAge(resp Response) (seconds int, ok bool) {
	l := resp.lines(HeaderMaxAge)
	if len(l) != 1 || !allDigits(l[0]) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(l[0]); i++ {
		n = n*10 + int(l[0][i]-'0')
		if n >= maxDeltaSeconds {
			return maxDeltaSeconds, true
		}
	}
	return n, true
}

// DefaultMaxAge is how long, in seconds, a preflight result is cached when
// Access-Control-Max-Age is absent or invalid.
const DefaultMaxAge = 5

// MaxAgeCap is the largest Access-Control-Max-Age, in seconds, that one
// browser engine honours; larger values are silently clamped. Rule max-age.
type MaxAgeCap struct {
	Browser string
	Seconds int
}

// MaxAgeCaps returns the Access-Control-Max-Age caps of Chromium, Firefox
// and Safari, in that order. Each call returns a fresh slice.
func MaxAgeCaps() []MaxAgeCap {
	return []MaxAgeCap{
		{"Chromium", 7200},
		{"Firefox", 86400},
		{"Safari", 600},
	}
}

// safelistedResponseHeaders are readable without Access-Control-Expose-Headers.
var safelistedResponseHeaders = map[string]bool{
	"cache-control": true, "content-language": true, "content-length": true,
	"content-type": true, "expires": true, "last-modified": true, "pragma": true,
}

func isForbiddenResponseHeader(lower string) bool {
	return lower == "set-cookie" || lower == "set-cookie2"
}

// ExposedHeaders returns what Access-Control-Expose-Headers lets a script
// read beyond the CORS-safelisted response headers, as lower-case names,
// sorted and unique. all is true when the header contains "*" and r is not
// credentialed; names then holds every header name of resp. With
// credentials, "*" is only the literal name "*". A list that does not parse
// exposes nothing. Set-Cookie and Set-Cookie2 are never returned.
// Fetch#main-fetch (CORS-exposed header-name list); rule expose-headers.
func ExposedHeaders(r Request, resp Response) (names []string, all bool) {
	v, present := resp.get(HeaderExposeHeaders)
	if !present {
		return nil, false
	}
	items, _, ok := parseList(v)
	if !ok {
		return nil, false
	}
	for _, it := range items {
		if it == "*" && !r.Credentials {
			all = true
		}
	}
	if all {
		items = items[:0]
		for k := range resp.Header {
			items = append(items, k)
		}
	}
	out := sortedLowercaseSet(items)
	keep := out[:0]
	for _, n := range out {
		if !isForbiddenResponseHeader(n) {
			keep = append(keep, n)
		}
	}
	if len(keep) == 0 {
		return nil, all
	}
	return keep, all
}

// CanRead reports whether a script may read response header name from a
// CORS response to r: the safelisted response headers (Cache-Control,
// Content-Language, Content-Length, Content-Type, Expires, Last-Modified,
// Pragma) and the exposed ones; never Set-Cookie. It does not check that
// the response passed CheckActual. Rule expose-headers.
func CanRead(r Request, resp Response, name string) bool {
	l := strings.ToLower(name)
	if isForbiddenResponseHeader(l) {
		return false
	}
	if safelistedResponseHeaders[l] {
		return true
	}
	names, all := ExposedHeaders(r, resp)
	if all {
		return true
	}
	for _, n := range names {
		if n == l {
			return true
		}
	}
	return false
}
