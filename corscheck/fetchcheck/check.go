package fetchcheck

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Model selects whose checks to reproduce: the Fetch standard (Spec, the
// zero value) or one browser engine (Chromium, Firefox, WebKit). All are
// constants, so no caller can change what another caller's model means.
//
// The engines give the same verdicts on every response the repository's
// browser suite measures; they differ from the standard in one verdict
// (Access-Control-Allow-Headers: * covering Authorization) and from one
// another in the preflight cache (PreflightCacheSeconds, ReusesPreflight),
// in cookies on cross-site requests (SendsCrossSiteCookies) and in the
// wording of a refused fetch() (FetchError). Error names, details and
// console messages are Chromium's in every model: only Chromium reports
// them.
type Model uint8

const (
	// Spec follows the Fetch standard.
	Spec Model = iota
	// Chromium reproduces what current Chromium accepts. Its verdicts differ
	// from Spec in one place: Access-Control-Allow-Headers: * covers an
	// Authorization request header on uncredentialed requests. The standard
	// forbids it (Authorization is the one CORS non-wildcard request-header
	// name, https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name);
	// Chromium still allows it with a console deprecation warning.
	Chromium
	// Firefox reproduces Firefox ESR (measured on 153): the verdicts of
	// Chromium (ACAH * covers Authorization there too), a preflight cache
	// keyed on the credentials mode, no third-party cookies.
	Firefox
	// WebKit reproduces WebKitGTK (measured on 2.50), the engine of Safari:
	// the verdicts of Chromium, cookies it already holds sent on cross-site
	// credentialed requests.
	WebKit
)

// Engines returns the browser engine models, Chromium, Firefox and WebKit,
// in that order. Each call returns a fresh slice.
func Engines() []Model { return []Model{Chromium, Firefox, WebKit} }

// String returns "Spec", "Chromium", "Firefox" or "WebKit".
func (m Model) String() string {
	switch m {
	case Chromium:
		return "Chromium"
	case Firefox:
		return "Firefox"
	case WebKit:
		return "WebKit"
	}
	return "Spec"
}

// authorizationCoveredByWildcard reports whether ACAH "*" covers
// Authorization in this model: in every engine, not in the standard.
func (m Model) authorizationCoveredByWildcard() bool { return m != Spec }

// CheckPreflight is Spec.CheckPreflight.
func CheckPreflight(r Request, resp Response) Result { return Spec.CheckPreflight(r, resp) }

// CheckActual is Spec.CheckActual.
func CheckActual(r Request, resp Response) Result { return Spec.CheckActual(r, resp) }

// corsCheck is Fetch#cors-check with Chromium's error classification:
// Access-Control-Allow-Origin must be one value equal to r.Origin byte for
// byte (or "*" without credentials) and, with credentials,
// Access-Control-Allow-Credentials must be exactly "true". Rules
// origin-byte-exact, one-field-line, null-origin, credentials-exact-origin.
func corsCheck(r *Request, resp *Response) (error, detail, fix string) {
	acao, present := resp.get(HeaderAllowOrigin)
	origin := r.Origin
	switch {
	case !present:
		return MissingAllowOriginHeader, "", "send Access-Control-Allow-Origin: " + origin + " (allow this origin in the server's CORS policy)"
	case acao == "*":
		if r.Credentials {
			return WildcardOriginNotAllowed, "", "with credentials, send Access-Control-Allow-Origin: " + origin +
				" (the request's origin, not *) and Access-Control-Allow-Credentials: true"
		}
		return "", "", ""
	case acao != origin:
		if strings.ContainsAny(acao, " ,") {
			return MultipleAllowOriginValues, acao, "send exactly one Access-Control-Allow-Origin value, " + origin +
				": set the header once (never add it twice) and never list several origins"
		}
		if acao != "null" && !looksLikeURL(acao) {
			return InvalidAllowOriginValue, acao, "send Access-Control-Allow-Origin: " + origin +
				" (a serialized origin: scheme://host[:port], no path, quotes or trailing slash)"
		}
		return AllowOriginMismatch, acao, "send Access-Control-Allow-Origin: " + origin +
			" (the request's Origin, byte for byte), and Vary: Origin if the value depends on the request"
	}
	if r.Credentials {
		acac, _ := resp.get(HeaderAllowCredentials)
		if acac != "true" {
			return InvalidAllowCredentials, acac, "send Access-Control-Allow-Credentials: true (exactly, in lower case, on one line)"
		}
	}
	return "", "", ""
}

// looksLikeURL approximates "GURL considers it valid": a scheme, and for
// special schemes "//" and a host.
func looksLikeURL(s string) bool {
	scheme, rest, ok := strings.Cut(s, ":")
	if !ok || !isScheme(scheme) {
		return false
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "ws", "wss", "ftp":
		if !strings.HasPrefix(rest, "//") {
			return false
		}
		u, err := url.Parse(s)
		return err == nil && u.Host != ""
	}
	return true
}

// hasCORSHeaders reports whether resp carries any Access-Control-* header.
func hasCORSHeaders(resp *Response) bool {
	for k := range resp.Header {
		if len(k) > len("Access-Control-") && strings.EqualFold(k[:len("Access-Control-")], "Access-Control-") {
			return true
		}
	}
	return false
}

// routingFix is the advice for a preflight answered 404 or 405 without any
// CORS header: the router answered it, so the CORS middleware most likely
// never ran for OPTIONS (a refused origin usually gets 403 or 204).
func routingFix(status int) string {
	return "the preflight (OPTIONS) got " + statusText(status) + " and no Access-Control-* header, so the router answered it and the CORS middleware " +
		"probably never ran: it is most likely mounted below routing (on a route group, or after the routes), where no OPTIONS route exists. " +
		"Mount it once on the root router or engine, before the routes; if it already is, allow this origin in the server's CORS policy"
}

// redirectFix is the advice for a redirect without any Access-Control-*
// header: whatever sent it ran before the CORS middleware, the way gin
// answers its trailing-slash and fixed-path redirects before engine
// middleware runs. The origin may well be allowed: allowing it again changes
// nothing.
func redirectFix(status int, loc string) string {
	return "the " + strconv.Itoa(status) + " redirect to " + loc + " carries no Access-Control-* header, so it was answered before the CORS middleware ran " +
		"(gin does this for its trailing-slash and fixed-path redirects, RedirectTrailingSlash and RedirectFixedPath). Call " + loc +
		" directly, or make the CORS middleware run first: wrap the whole router (gin: serve policy.Handler(engine) instead of engine.Use(…)) " +
		"or turn the redirects off (gin: engine.RedirectTrailingSlash = false; engine.RedirectFixedPath = false)"
}

// isRedirect reports a redirect status with a Location header, which a
// browser follows (or, for a preflight, refuses).
func isRedirect(resp *Response) (string, bool) {
	switch resp.Status {
	case 301, 302, 303, 307, 308:
		loc, ok := resp.get("Location")
		return loc, ok
	}
	return "", false
}

var preflightError = map[string]string{
	WildcardOriginNotAllowed:  PreflightWildcardOriginNotAllowed,
	MissingAllowOriginHeader:  PreflightMissingAllowOriginHeader,
	MultipleAllowOriginValues: PreflightMultipleAllowOriginValues,
	InvalidAllowOriginValue:   PreflightInvalidAllowOriginValue,
	AllowOriginMismatch:       PreflightAllowOriginMismatch,
	InvalidAllowCredentials:   PreflightInvalidAllowCredentials,
}

// CheckPreflight judges resp as the answer to the preflight for r
// (Fetch#cors-preflight-fetch-0 step 7 and PNA "CORS preflight"), in
// Chromium's order:
//
//  1. a redirect (301, 302, 303, 307, 308 with Location) fails
//     (PreflightDisallowedRedirect; preflights are never redirected);
//  2. the CORS check, using r.Credentials (Preflight* errors);
//  3. the status must be ok, 200-299 (PreflightInvalidStatus);
//  4. with r.PrivateNetwork, Access-Control-Allow-Private-Network must be
//     exactly "true";
//  5. Access-Control-Allow-Methods and -Headers must parse as lists of
//     tokens; one bad element voids the list and fails the preflight;
//  6. the normalized method must be GET, HEAD or POST, listed byte for byte,
//     or covered by "*" when r is not credentialed;
//  7. every CORS-unsafe request-header name must be listed (compared
//     case-insensitively) or covered by "*" when r is not credentialed;
//     "*" never covers Authorization unless m is Chromium.
//
// Rules preflight-status, preflight-success, method-case-sensitive,
// safelisted-methods, method-allowlist, allow-headers, authorization-explicit,
// browser-response-parsing, private-network.
func (m Model) CheckPreflight(r Request, resp Response) Result {
	if loc, ok := isRedirect(&resp); ok {
		fix := "answer the preflight (OPTIONS) at this URL with a 2xx status instead of redirecting to " +
			loc + "; preflights are never redirected (check trailing-slash, HTTP-to-HTTPS and login redirects)"
		if !hasCORSHeaders(&resp) {
			fix = "preflights are never redirected; " + redirectFix(resp.Status, loc)
		}
		return fail(PreflightDisallowedRedirect, "", fix)
	}
	if e, d, fix := corsCheck(&r, &resp); e != "" {
		if e == MissingAllowOriginHeader && (resp.Status == 404 || resp.Status == 405) && !hasCORSHeaders(&resp) {
			return fail(preflightError[e], d, routingFix(resp.Status))
		}
		return fail(preflightError[e], d, "on the preflight (OPTIONS) response, "+fix+
			"; make sure the CORS middleware answers OPTIONS before routing and authentication")
	}
	if resp.Status < 200 || resp.Status > 299 {
		return fail(PreflightInvalidStatus, "", "answer the preflight (OPTIONS) with 204 or 200 instead of "+statusText(resp.Status)+
			": mount the CORS middleware before routing, authentication and redirects")
	}
	if r.PrivateNetwork {
		v, ok := resp.get(HeaderAllowPrivateNetwork)
		if !ok {
			return fail(PreflightMissingAllowPrivateNetwork, "", "send Access-Control-Allow-Private-Network: true on the preflight response")
		}
		if v != "true" {
			return fail(PreflightInvalidAllowPrivateNetwork, v, "send Access-Control-Allow-Private-Network: true (exactly) instead of '"+v+"'")
		}
	}
	acam, _ := resp.get(HeaderAllowMethods)
	methods, bad, ok := parseList(acam)
	if !ok {
		return fail(InvalidAllowMethodsPreflightResponse, "", "make Access-Control-Allow-Methods a comma-separated list of method tokens; remove the invalid element \""+bad+"\"")
	}
	acah, _ := resp.get(HeaderAllowHeaders)
	headers, bad, ok := parseList(acah)
	if !ok {
		return fail(InvalidAllowHeadersPreflightResponse, "", "make Access-Control-Allow-Headers a comma-separated list of header names; remove the invalid element \""+bad+"\"")
	}
	method := r.method()
	if !IsSafelistedMethod(method) && !slices.Contains(methods, method) && (r.Credentials || !slices.Contains(methods, "*")) {
		fix := "add `" + method + "` to Access-Control-Allow-Methods (methods are case-sensitive)"
		if r.Credentials && slices.Contains(methods, "*") {
			fix = "list `" + method + "` in Access-Control-Allow-Methods: with credentials, * is a literal method name, not a wildcard"
		} else if containsFold(methods, method) {
			fix = "add `" + method + "` to Access-Control-Allow-Methods in exactly this case (the list has a different case; methods are case-sensitive)"
		}
		return fail(MethodDisallowedByPreflightResponse, method, fix)
	}
	wildcard := !r.Credentials && slices.Contains(headers, "*")
	for _, name := range UnsafeHeaderNames(r) {
		if containsFold(headers, name) {
			continue
		}
		if wildcard && (name != "authorization" || m.authorizationCoveredByWildcard()) {
			continue
		}
		fix := "add `" + name + "` to Access-Control-Allow-Headers"
		switch {
		case wildcard && name == "authorization":
			fix = "list `authorization` explicitly: Access-Control-Allow-Headers: *, authorization (* never covers Authorization per the Fetch standard and in Firefox)"
		case r.Credentials && slices.Contains(headers, "*"):
			fix = "list `" + name + "` in Access-Control-Allow-Headers: with credentials, * is a literal header name, not a wildcard"
		}
		return fail(HeaderDisallowedByPreflightResponse, name, fix)
	}
	return okResult
}

// CheckActual judges resp as the response to r itself (Fetch#cors-check,
// applied in HTTP fetch to every response of a CORS request, redirects
// included): the CORS check using r.Credentials and, for a redirect, a
// Location without userinfo (RedirectContainsCredentials). The status does
// not matter: any status can be shared. Rules actual-allowed,
// every-response-decorated, redirect-chains.
func (m Model) CheckActual(r Request, resp Response) Result {
	loc, redirect := isRedirect(&resp)
	if e, d, fix := corsCheck(&r, &resp); e != "" {
		if e == MissingAllowOriginHeader && redirect && !hasCORSHeaders(&resp) {
			fix = redirectFix(resp.Status, loc)
		}
		return fail(e, d, fix)
	}
	if redirect {
		if u, err := url.Parse(loc); err == nil && u.User != nil {
			return fail(RedirectContainsCredentials, loc, "remove the user name and password from the Location URL")
		}
	}
	return okResult
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func statusText(code int) string { return "status " + strconv.Itoa(code) }
