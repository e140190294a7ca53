package cors

import (
	"net/http"
	"net/url"

	"github.com/originguard/cors/core/adapter"
)

// refuseForgery turns d into the refusal of forgery-protection
// (docs/behaviour.md) when r is an unsafe request that a browser marks
// cross-origin and the CORS decision did not allow its origin: 403,
// answered now, with no CORS header. A missing, repeated or "null" Origin is
// never allowed to send, even when AllowOriginFunc accepts "null".
// Preflights are CORS's business alone.
func (d *answer) refuseForgery(r *adapter.Request) {
	origin := r.Lines(adapter.Origin)
	switch {
	case d.Kind == Preflight:
		return
	case d.Kind == Actual && d.Allowed && d.vals[slotACAO] != "null":
		return
	case !crossOriginUnsafe(r.Method, r.Host, r.Lines(adapter.SecFetchSite), origin):
		return
	}
	*d = answer{Decision: Decision{Kind: d.Kind, Respond: true, Status: http.StatusForbidden,
		Reason: Reason{Code: ReasonForgery, Detail: firstLine(origin)}}, c: d.c, vary: d.vary, hooks: d.hooks}
}

// crossOriginUnsafe reports whether forgery protection judges a request (rule
// forgery-protection in docs/behaviour.md): an unsafe method (anything but
// GET, HEAD and OPTIONS, compared as received) that a browser marks
// cross-origin. It gives the verdicts of net/http's
// CrossOriginProtection.Check before that consults its trusted origins:
// Sec-Fetch-Site other than "same-origin" or "none" is cross-origin; without
// it, an Origin whose host (with port) differs from the request's Host is.
// Like Header.Get, it reads the first line of each header. Requests with
// neither header are not judged: they come from clients that are not
// browsers, or from same-origin pages of browsers too old to send them.
func crossOriginUnsafe(method, host string, secFetchSite, origin []string) bool {
	switch method {
	case "GET", "HEAD", "OPTIONS":
		return false
	}
	switch firstLine(secFetchSite) {
	case "":
	case "same-origin", "none":
		return false
	default:
		return true
	}
	o := firstLine(origin)
	if o == "" {
		return false
	}
	h, ok := originHost(o)
	return !ok || h != host
}

// firstLine is the first line of a header with its optional whitespace
// removed, as net/http's Header.Get sees it, or "".
func firstLine(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return trimOWS(lines[0])
}

// originHost returns the host (with port) that net/url's Parse finds in an
// Origin value, and false where Parse fails. A serialized origin of
// letters, digits, dots and hyphens with an optional port is read without
// allocating; anything else goes through Parse.
func originHost(o string) (string, bool) {
	if n := schemeLength(o); n > 0 {
		if h := o[n+3:]; simpleHostPort(h) {
			return h, true
		}
	}
	u, err := url.Parse(o)
	if err != nil {
		return "", false
	}
	return u.Host, true
}

// simpleHostPort reports whether h is a non-empty run of ASCII letters,
// digits, dots and hyphens followed by an optional ':' and digits: a host
// that net/url's Parse returns unchanged.
func simpleHostPort(h string) bool {
	i := 0
	for i < len(h) && (isAlnum(h[i]) || h[i] == '.' || h[i] == '-') {
		i++
	}
	if i == 0 {
		return false
	}
	if i < len(h) && h[i] == ':' {
		i++
		for i < len(h) && h[i] >= '0' && h[i] <= '9' {
			i++
		}
	}
	return i == len(h)
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
