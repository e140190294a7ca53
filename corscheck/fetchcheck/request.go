package fetchcheck

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Header is an author request header as the script set it (fetch headers
// option, Headers.append, XMLHttpRequest.setRequestHeader).
type Header struct{ Name, Value string }

// Request describes a cross-origin request as a script made it.
type Request struct {
	// Origin is the serialized request origin ("https://app.example"), or
	// "null" for an opaque origin.
	Origin string
	// Method is the method as the script wrote it; see NormalizeMethod.
	Method string
	// Headers are the author request headers. Forbidden request headers
	// (Cookie, Origin, Sec-*, …) are ignored, as a browser drops them.
	Headers []Header
	// Credentials is true for credentials mode "include" (fetch
	// credentials: "include", XMLHttpRequest withCredentials).
	Credentials bool
	// PrivateNetwork is true when the target is in a more private address
	// space than the page, so the browser sends a Private Network Access
	// preflight with Access-Control-Request-Private-Network: true.
	PrivateNetwork bool
}

// NormalizeMethod returns the method as a browser sends it: DELETE, GET,
// HEAD, OPTIONS, POST and PUT are upper-cased whatever their case; every
// other method is left exactly as written ("patch" stays "patch").
// Fetch#concept-method-normalize; rule method-case-sensitive.
func NormalizeMethod(m string) string {
	for _, n := range normalizedMethods {
		if strings.EqualFold(m, n) {
			return n
		}
	}
	return m
}

var normalizedMethods = [...]string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"}

// method returns r's normalized method, GET when empty (the fetch default).
func (r *Request) method() string {
	if r.Method == "" {
		return "GET"
	}
	return NormalizeMethod(r.Method)
}

// IsSafelistedMethod reports whether m (already normalized) is GET, HEAD or
// POST, the CORS-safelisted methods. The comparison is case-sensitive.
func IsSafelistedMethod(m string) bool {
	return m == "GET" || m == "HEAD" || m == "POST"
}

// IsForbiddenMethod reports whether m is CONNECT, TRACE or TRACK in any case:
// fetch() throws a TypeError for them.
func IsForbiddenMethod(m string) bool {
	return strings.EqualFold(m, "CONNECT") || strings.EqualFold(m, "TRACE") || strings.EqualFold(m, "TRACK")
}

var forbiddenHeaderNames = map[string]bool{
	"accept-charset": true, "accept-encoding": true,
	"access-control-request-headers": true, "access-control-request-method": true,
	"access-control-request-private-network": true,
	"connection":                             true, "content-length": true, "cookie": true, "cookie2": true,
	"date": true, "dnt": true, "expect": true, "host": true, "keep-alive": true,
	"origin": true, "referer": true, "set-cookie": true, "te": true, "trailer": true,
	"transfer-encoding": true, "upgrade": true, "via": true,
}

// IsForbiddenRequestHeader reports whether a script cannot set the header
// (Fetch#forbidden-request-header): the fixed list, any name starting with
// "proxy-" or "sec-", and X-HTTP-Method, X-HTTP-Method-Override and
// X-Method-Override when their value names a forbidden method.
func IsForbiddenRequestHeader(name, value string) bool {
	n := strings.ToLower(name)
	if forbiddenHeaderNames[n] || strings.HasPrefix(n, "proxy-") || strings.HasPrefix(n, "sec-") {
		return true
	}
	if n == "x-http-method" || n == "x-http-method-override" || n == "x-method-override" {
		for _, m := range strings.Split(value, ",") {
			if IsForbiddenMethod(trimOWS(m)) {
				return true
			}
		}
	}
	return false
}

// Validate reports what fetch() would throw a TypeError for, or an origin
// that is not a serialized origin: an empty or non-token method, a forbidden
// method, an invalid header name or a header value with NUL, CR or LF.
// Forbidden request headers are not errors (browsers drop them silently).
func Validate(r Request) error {
	var errs []error
	if r.Origin != "null" && !isSerializedOrigin(r.Origin) {
		msg := fmt.Sprintf("origin %q is not a serialized origin (scheme://host[:port] or null)", r.Origin)
		if fix := serializeOrigin(r.Origin); fix != "" {
			msg += fmt.Sprintf("; did you mean %q?", fix)
		}
		errs = append(errs, errors.New(msg))
	}
	if r.Method != "" && !isToken(r.Method) {
		errs = append(errs, fmt.Errorf("method %q is not a valid method token", r.Method))
	} else if IsForbiddenMethod(r.Method) {
		errs = append(errs, fmt.Errorf("method %q is forbidden: fetch() throws a TypeError", r.Method))
	}
	for _, h := range r.Headers {
		if !isToken(h.Name) {
			errs = append(errs, fmt.Errorf("header name %q is not a valid token", h.Name))
		}
		if strings.ContainsAny(h.Value, "\x00\r\n") {
			errs = append(errs, fmt.Errorf("header %s: value contains NUL, CR or LF", h.Name))
		}
	}
	return errors.Join(errs...)
}

// serializeOrigin returns the origin a browser sends for a page at the URL
// s (lower case, default port dropped, no path, query or userinfo), or ""
// when s is not a URL with a host. A bare host gets https://.
func serializeOrigin(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "://") {
		s = repairScheme(s)
	}
	u, err := url.Parse(s)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	scheme, host, port := strings.ToLower(u.Scheme), strings.ToLower(u.Hostname()), u.Port()
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	if o := scheme + "://" + host; isSerializedOrigin(o) {
		return o
	}
	return ""
}

// repairScheme adds the "://" that s lacks: "https//app.example",
// "https:/app.example" and "https:app.example" become
// "https://app.example"; a bare host gets "https://".
func repairScheme(s string) string {
	for _, scheme := range [...]string{"https", "http"} {
		if len(s) > len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
			if rest := strings.TrimLeft(s[len(scheme):], ":/"); len(rest) < len(s)-len(scheme) {
				return scheme + "://" + rest
			}
		}
	}
	return "https://" + s
}

// isSerializedOrigin accepts scheme "://" host [":" port] with a lower-case
// scheme and host and nothing after the host.
func isSerializedOrigin(s string) bool {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok || !isScheme(scheme) || scheme != strings.ToLower(scheme) || rest == "" {
		return false
	}
	if strings.ContainsAny(rest, "/?#@ \t") || rest != strings.ToLower(rest) {
		return false
	}
	host := rest
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return false
		}
		host, rest = rest[:end+1], rest[end+1:]
		if rest != "" && rest[0] != ':' {
			return false
		}
	} else if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		host, rest = rest[:i], rest[i:]
	} else {
		rest = ""
	}
	if host == "" {
		return false
	}
	if rest != "" {
		port := rest[1:]
		if port == "" || len(port) > 5 || !allDigits(port) {
			return false
		}
	}
	return true
}

func isScheme(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// isToken reports whether s is an RFC 9110 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTchar(s[i]) {
			return false
		}
	}
	return true
}

func isTchar(c byte) bool {
	if isAlpha(c) || isDigit(c) {
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// trimOWS removes leading and trailing spaces and tabs.
func trimOWS(s string) string { return strings.Trim(s, " \t") }

// trimHTTPWhitespace removes leading and trailing TAB, LF, CR and SP (Fetch
// "normalize" for header values).
func trimHTTPWhitespace(s string) string { return strings.Trim(s, " \t\r\n") }
