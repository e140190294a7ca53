package cors

import "strconv"

// ReasonCode names why a decision was taken. Codes are stable; their text is
// for people.
type ReasonCode uint8

// The reasons a Decision can carry.
const (
	ReasonNotCORS ReasonCode = iota
	ReasonOriginAllowed
	ReasonAnyOrigin
	ReasonPreflightAllowed
	ReasonOriginNotAllowed
	ReasonOriginMalformed
	ReasonOriginRepeated
	ReasonMethodNotAllowed
	ReasonMethodMalformed
	ReasonMethodRepeated
	ReasonHeaderNotAllowed
	ReasonHeadersMalformed
	ReasonHeadersTooLong
	ReasonMethodTooLong
	// ReasonNoPolicy is the reason of every decision of the zero Policy,
	// which writes no header and answers nothing itself.
	ReasonNoPolicy
	// ReasonNoScope: a scoped policy has no scope for the request's host and
	// path and no Default, so the request gets no CORS headers.
	ReasonNoScope
	// ReasonPathAmbiguous: the request's path has more than one reading
	// (a dot or empty segment, a backslash, a different scope in its escaped
	// form or in another letter case), so a scoped policy gives it no CORS
	// headers.
	ReasonPathAmbiguous
	// ReasonHostAmbiguous: a scoped policy with host scopes got a host in a
	// form browsers never send (upper case, a trailing dot, an explicit
	// default port), or one whose scope depends on whether its port counts,
	// so the router or the application could judge another host than the
	// policy; the request gets no CORS headers.
	ReasonHostAmbiguous
	// ReasonForgery: Config.ForgeryProtection refused an unsafe-method
	// request that a browser marks cross-origin, from an origin the policy
	// does not allow (or without one); the application is not reached.
	ReasonForgery
)

// reasonInfo is what the package knows about each ReasonCode; String, Denied
// and Reason.String read it, so a new code is one line here.
var reasonInfo = [...]struct {
	name   string // ReasonCode.String: stable, for logs and metrics
	text   string // Reason.String: for people
	denied bool
}{
	ReasonNotCORS:          {"not-cors", "no Origin header: not a CORS request", false},
	ReasonOriginAllowed:    {"origin-allowed", "origin allowed", false},
	ReasonAnyOrigin:        {"any-origin", "every origin is allowed", false},
	ReasonPreflightAllowed: {"preflight-allowed", "preflight allowed", false},
	ReasonOriginNotAllowed: {"origin-not-allowed", "origin not allowed", true},
	ReasonOriginMalformed:  {"origin-malformed", "Origin is not a serialized origin", true},
	ReasonOriginRepeated:   {"origin-repeated", "more than one Origin header line", true},
	ReasonMethodNotAllowed: {"method-not-allowed", "method not allowed", true},
	ReasonMethodMalformed:  {"method-malformed", "Access-Control-Request-Method is not a method token", true},
	ReasonMethodRepeated:   {"method-repeated", "more than one Access-Control-Request-Method header line", true},
	ReasonHeaderNotAllowed: {"header-not-allowed", "request header not allowed", true},
	ReasonHeadersMalformed: {"headers-malformed", "Access-Control-Request-Headers is not a list of header names", true},
	ReasonHeadersTooLong:   {"headers-too-long", "Access-Control-Request-Headers exceeds the parsing bound", true},
	ReasonMethodTooLong:    {"method-too-long", "Access-Control-Request-Method is longer than 64 bytes", true},
	ReasonNoPolicy:         {"no-policy", "no policy configured: the zero Policy passes requests through without CORS headers", true},
	ReasonNoScope:          {"no-scope", "no scope matches the request's host and path (no CORS)", true},
	ReasonPathAmbiguous:    {"path-ambiguous", "the path has more than one reading, so no scope applies (no CORS)", true},
	ReasonHostAmbiguous:    {"host-ambiguous", "the host is not in the form browsers send (upper case, trailing dot, default port) or its scope depends on whether the port counts, so no scope applies (no CORS)", true},
	ReasonForgery:          {"forgery", "cross-origin unsafe request from an origin the policy does not allow (forgery protection)", true},
}

// String returns the code's stable name, such as "origin-not-allowed", or
// "ReasonCode(N)" for a value that is not one of the constants.
func (c ReasonCode) String() string {
	if int(c) < len(reasonInfo) {
		return reasonInfo[c].name
	}
	return "ReasonCode(" + strconv.Itoa(int(c)) + ")"
}

// Denied reports whether the code is a refusal: the decision grants no
// cross-origin access (Decision.Allowed is false).
func (c ReasonCode) Denied() bool {
	return int(c) < len(reasonInfo) && reasonInfo[c].denied
}

// Reason explains a decision: a code and, where one helps, a detail.
type Reason struct {
	Code ReasonCode
	// Detail is, where one helps, the refused value (origin, method or
	// header name) as the request sent it, in full, so it may be long or
	// hostile; it is never written into a response header, and String
	// quotes it and shortens it to 64 bytes.
	//
	// Detail may share memory with the request: fiber (fasthttp) reuses a
	// request's buffers once its handler returns. Read it, log it or
	// compare it while the request is being handled; to keep it longer,
	// keep strings.Clone(Detail) or String's result, which are copies.
	Detail string
	// Scope names what decided under a policy built with NewScoped: the
	// scope's Host followed by its PathPrefix ("/api/",
	// "*.tenant.test/"), ScopeDefault or ScopeNone. It is "" for a policy
	// built with New. It never refers to the request's memory.
	Scope string
}

// String returns the reason in words, e.g. `request header not allowed: "x-foo"`,
// preceded by the scope that decided under a scoped policy:
// `scope "/api/": request header not allowed: "x-foo"` (not when no scope
// applies: the reason says so itself).
func (r Reason) String() string {
	text := "unknown reason " + r.Code.String()
	if int(r.Code) < len(reasonInfo) {
		text = reasonInfo[r.Code].text
	}
	if r.Detail != "" {
		text += ": " + quoteDetail(r.Detail)
	}
	if r.Scope != "" && r.Scope != ScopeNone { // the text itself says that no scope applies
		text = "scope " + quoteDetail(r.Scope) + ": " + text
	}
	return text
}

// maxDetail bounds how much of a hostile value a reason repeats.
const maxDetail = 64

func quoteDetail(s string) string {
	b := make([]byte, 0, min(len(s), maxDetail)+len(`""…`))
	b = append(b, '"')
	for i := 0; i < len(s) && i < maxDetail; i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c >= 0x7f:
			const hex = "0123456789abcdef"
			b = append(b, '\\', 'x', hex[c>>4], hex[c&15])
		default:
			b = append(b, c)
		}
	}
	if len(s) > maxDetail {
		b = append(b, "…"...)
	}
	b = append(b, '"')
	return string(b)
}
