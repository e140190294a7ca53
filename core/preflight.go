package cors

import (
	"net/http"

	"github.com/originguard/cors/core/adapter"
)

// evaluatePreflight judges a preflight in steps, each returning a verdict:
// the origin, then the method and the request headers; private network
// access, when the policy allows it, is granted last. A refused origin is
// answered 403 at once (preflight-denied-origin). Past the origin every step
// runs and fills the response header it owns, and the first refusal becomes
// the decision's reason, so the answer still lists what is allowed and the
// browser console names exactly what was refused
// (preflight-partial-refusal).
func (d *answer) evaluatePreflight(r *adapter.Request) {
	c := d.c
	if !d.checkOrigin(r) {
		d.Respond, d.Status = true, http.StatusForbidden
		return
	}
	d.Respond, d.Status, d.Reason.Code = !c.passthrough, c.status, ReasonPreflightAllowed
	if c.maxAge != "" {
		d.put(slotACMA, c.maxAge)
	}
	d.refuseOn(d.checkMethod(r.Lines(adapter.RequestMethod)))
	// With a configured list (not "*"), ACAH answers with the list
	// whatever is asked. After a refusal the requested names are then not
	// read: the reason is already the first refusal. Nor is a verdict built
	// for the usual request: one line, within the bound, of configured
	// names as browsers send them.
	if c.allowHeaders != "" && !c.anyHeader &&
		(!d.Allowed || c.allConfigured(r.Lines(adapter.RequestHeaders))) {
		d.allowHeaders = allowHeadersList
		d.put(slotACAH, c.allowHeaders)
	} else {
		d.refuseOn(d.checkRequestHeaders(r.Lines(adapter.RequestHeaders)))
	}
	if c.privateNetwork {
		d.grantPrivateNetwork(r.Lines(adapter.RequestPrivateNetwork))
	}
}

// verdict is the outcome of one preflight step: ReasonPreflightAllowed, or
// a refusal and its detail.
type verdict struct {
	code   ReasonCode
	detail string
}

var preflightAllowed = verdict{code: ReasonPreflightAllowed}

// refuseOn makes v the decision's reason when it is the first refusal: the
// preflight is then answered now, with the success status.
func (d *answer) refuseOn(v verdict) {
	if v.code != ReasonPreflightAllowed && d.Allowed {
		d.Allowed, d.Reason, d.Respond = false, Reason{Code: v.code, Detail: v.detail}, true
	}
}

// checkMethod judges Access-Control-Request-Method (method-case-sensitive,
// safelisted-methods, method-allowlist) and chooses the ACAM to answer with:
// the configured list, or, where "*" cannot be sent (with credentials) or
// would not help (the method is refused), the requested method itself when
// it is allowed and not safelisted.
func (d *answer) checkMethod(lines []string) verdict {
	c := d.c
	var method string
	var v verdict
	// The usual case first, without a call: one line naming a standard
	// method as browsers send it, which its bit judges unless "*" is
	// configured.
	switch b := firstMethodBit(lines); {
	case b&(safelistedMethodBits|c.methodBits) != 0:
		method, v = lines[0], preflightAllowed
	case b != 0 && !c.anyMethod:
		method, v = lines[0], verdict{ReasonMethodNotAllowed, lines[0]}
	default:
		method, v = c.methodVerdict(lines)
	}
	allowed := v.code == ReasonPreflightAllowed
	acam := c.allowMethods
	if c.anyMethod && (c.credentials || !allowed) {
		acam = ""
		if allowed && !isSafelistedMethod(method) {
			acam = method
		}
	}
	if acam != "" {
		d.put(slotACAM, acam)
	}
	return v
}

// firstMethodBit is the methodBit of the requested method when there is
// one line, else 0.
func firstMethodBit(lines []string) uint8 {
	if len(lines) != 1 {
		return 0
	}
	return methodBit(lines[0])
}

// methodVerdict returns the normalised requested method (when it is one)
// and whether the policy allows it.
func (c *compiled) methodVerdict(lines []string) (method string, v verdict) {
	m := trimFieldValue(lines[0], maxMethodLength)
	switch {
	case len(lines) > 1:
		return "", verdict{code: ReasonMethodRepeated}
	case len(m) > maxMethodLength:
		return "", verdict{ReasonMethodTooLong, m}
	case !isToken(m):
		return "", verdict{ReasonMethodMalformed, m}
	}
	method = normalizeMethod(m)
	listed := c.methods.has(method)
	// With credentials "*" is echoed as the method itself, and a method
	// named "*" would echo a literal "*": refused, like a "*" header.
	starGrants := c.anyMethod && !isForbiddenMethod(method) && !(c.credentials && method == "*")
	if isSafelistedMethod(method) || listed || starGrants {
		return method, preflightAllowed
	}
	return method, verdict{ReasonMethodNotAllowed, method}
}

// checkRequestHeaders judges Access-Control-Request-Headers
// (acrh-tolerant-bounded, allow-headers, authorization-explicit) and chooses
// how ACAH is written; when ACAH answers with the requested names, they are
// read from the request again as the headers are written.
func (d *answer) checkRequestHeaders(lines []string) verdict {
	v := d.c.checkHeaders(lines)
	switch d.allowHeaders = d.c.allowHeadersMode(&v, len(lines) > 0); d.allowHeaders {
	case allowHeadersList:
		d.put(slotACAH, d.c.allowHeaders)
	case allowHeadersEcho:
		d.put(slotACAH, lines[0])
	}
	return v.verdict
}

// allowHeadersMode decides how ACAH is written. "Configured" is the list
// compiled from AllowedHeaders ("*" or "*, authorization" without
// credentials, else the names); it is empty when no header is configured or
// when "*" is used with credentials, where the requested names must be
// answered instead:
//
//	requested headers                          configured non-empty  configured empty
//	unreadable (too long or malformed)         list, none for "*"    none
//	Authorization, which "*" does not cover    filtered              filtered
//	none                                       list                  none
//	all allowed, one browser-form line         list                  echo
//	anything else                              list                  filtered
//
// "list" writes the configured list, "echo" the request's own line (already
// validated, in browser form), "filtered" each requested name the policy
// allows: never an unvalidated echo.
func (c *compiled) allowHeadersMode(v *headerVerdict, requested bool) allowHeadersMode {
	configured := c.allowHeaders != ""
	switch {
	case v.code == ReasonHeadersTooLong || v.code == ReasonHeadersMalformed:
		if configured && !c.anyHeader {
			return allowHeadersList
		}
		return allowHeadersNone
	case c.anyHeader && v.authorization && !c.authorizationAllowed:
		return allowHeadersFiltered
	case configured:
		return allowHeadersList
	case !requested:
		return allowHeadersNone
	case v.code == ReasonPreflightAllowed && v.browserForm:
		return allowHeadersEcho
	}
	return allowHeadersFiltered
}

// grantPrivateNetwork answers Access-Control-Request-Private-Network
// (private-network) under AllowPrivateNetwork: only the value "true" asks
// for access, and it is granted, even alongside a refusal, like the other
// lists of what is allowed. Without AllowPrivateNetwork the header is not
// read: the answer would not depend on it.
func (d *answer) grantPrivateNetwork(lines []string) {
	if len(lines) == 1 && trimFieldValue(lines[0], len("true")) == "true" {
		d.put(slotACAPN, "true")
	}
}
