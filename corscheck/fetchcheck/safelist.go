package fetchcheck

import (
	"net/http"
	"sort"
	"strings"
)

// authorHeaders returns r's headers as the browser keeps them: forbidden
// request headers dropped, values trimmed of leading and trailing HTTP
// whitespace (Headers "normalize").
func (r *Request) authorHeaders() []Header {
	out := make([]Header, 0, len(r.Headers))
	for _, h := range r.Headers {
		v := trimHTTPWhitespace(h.Value)
		if IsForbiddenRequestHeader(h.Name, v) {
			continue
		}
		out = append(out, Header{Name: h.Name, Value: v})
	}
	return out
}

// UnsafeHeaderNames returns Fetch's "CORS-unsafe request-header names" for
// r's author headers: byte-lower-cased, sorted, without duplicates. A header
// is unsafe when it is not a CORS-safelisted request-header (see
// IsSafelistedRequestHeader); the safelisted ones all become unsafe when
// their values together exceed 1024 bytes. These are the names a preflight
// lists in Access-Control-Request-Headers. Fetch#cors-unsafe-request-header-names;
// rule preflight-triggers of docs/behaviour.md.
func UnsafeHeaderNames(r Request) []string {
	var unsafe, potentially []string
	size := 0
	for _, h := range r.authorHeaders() {
		if IsSafelistedRequestHeader(h.Name, h.Value) {
			potentially = append(potentially, h.Name)
			size += len(h.Value)
		} else {
			unsafe = append(unsafe, h.Name)
		}
	}
	if size > 1024 {
		unsafe = append(unsafe, potentially...)
	}
	return sortedLowercaseSet(unsafe)
}

func sortedLowercaseSet(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(names))
	out := make([]string, 0, len(names))
	for _, n := range names {
		l := strings.ToLower(n)
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// IsSafelistedRequestHeader reports whether (name, value) is a
// CORS-safelisted request-header (Fetch#cors-safelisted-request-header):
// values longer than 128 bytes never are; Accept without CORS-unsafe bytes;
// Accept-Language and Content-Language made of 0-9 A-Z a-z space * , - . ; =;
// Content-Type without CORS-unsafe bytes whose MIME essence is
// application/x-www-form-urlencoded, multipart/form-data or text/plain;
// Range with a single "bytes=N-" or "bytes=N-M" range.
func IsSafelistedRequestHeader(name, value string) bool {
	if len(value) > 128 {
		return false
	}
	switch strings.ToLower(name) {
	case "accept":
		return !hasUnsafeByte(value)
	case "accept-language", "content-language":
		for i := 0; i < len(value); i++ {
			c := value[i]
			if !isAlpha(c) && !isDigit(c) && strings.IndexByte(" *,-.;=", c) < 0 {
				return false
			}
		}
		return true
	case "content-type":
		if hasUnsafeByte(value) {
			return false
		}
		switch mimeEssence(value) {
		case "application/x-www-form-urlencoded", "multipart/form-data", "text/plain":
			return true
		}
		return false
	case "range":
		return isSimpleRange(value)
	}
	return false
}

// hasUnsafeByte reports a CORS-unsafe request-header byte: a control other
// than tab, or one of "():<>?@[\]{} and DEL.
func hasUnsafeByte(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if (c < 0x20 && c != '\t') || c == 0x7f || strings.IndexByte("\"():<>?@[\\]{}", c) >= 0 {
			return true
		}
	}
	return false
}

// mimeEssence parses a MIME type (WHATWG MIME Sniffing, reduced to the
// essence; parameters never make parsing fail) and returns "type/subtype"
// in lower case, or "" on failure.
func mimeEssence(v string) string {
	v = trimHTTPWhitespace(v)
	typ, rest, ok := strings.Cut(v, "/")
	if !ok || !isToken(typ) {
		return ""
	}
	sub, _, _ := strings.Cut(rest, ";")
	sub = strings.TrimRight(sub, " \t\r\n")
	if !isToken(sub) {
		return ""
	}
	return strings.ToLower(typ + "/" + sub)
}

// isSimpleRange implements "parse a single range header value" without
// whitespace and requires a start (suffix ranges are not safelisted).
func isSimpleRange(v string) bool {
	rest, ok := strings.CutPrefix(v, "bytes=")
	if !ok {
		return false
	}
	start, end, ok := strings.Cut(rest, "-")
	if !ok || start == "" || !allDigits(start) || (end != "" && !allDigits(end)) {
		return false
	}
	return end == "" || compareDecimal(start, end) <= 0
}

func compareDecimal(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// NeedsPreflight reports whether the browser sends a CORS preflight before
// r: a method other than GET, HEAD and POST (after normalisation), any
// CORS-unsafe request-header name, or a Private Network Access request.
// Fetch#main-fetch; rule preflight-triggers.
func NeedsPreflight(r Request) bool {
	return r.PrivateNetwork || !IsSafelistedMethod(r.method()) || len(UnsafeHeaderNames(r)) > 0
}

// PreflightHeaders returns the headers of the preflight a browser sends for
// r, whether or not one is needed: Accept: */* (Fetch step 2), Origin,
// Access-Control-Request-Method (the normalized method),
// Access-Control-Request-Headers (UnsafeHeaderNames joined with "," and no
// space; absent when there are none) and
// Access-Control-Request-Private-Network: true when r.PrivateNetwork.
// Headers the network stack adds (User-Agent, Referer, Sec-Fetch-*) are not
// included. Fetch#cors-preflight-fetch-0; rule acrh-tolerant-bounded.
func PreflightHeaders(r Request) http.Header {
	h := http.Header{
		"Accept":                        {"*/*"},
		"Origin":                        {r.Origin},
		"Access-Control-Request-Method": {r.method()},
	}
	if names := UnsafeHeaderNames(r); len(names) > 0 {
		h["Access-Control-Request-Headers"] = []string{strings.Join(names, ",")}
	}
	if r.PrivateNetwork {
		h["Access-Control-Request-Private-Network"] = []string{"true"}
	}
	return h
}
