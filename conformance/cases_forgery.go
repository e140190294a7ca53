package conformance

import (
	"net/http"

	cors "github.com/originguard/cors/core"
)

// The forgery cases' request metadata and origins.
const (
	hSFS      = "Sec-Fetch-Site"
	oSelf     = "https://api.example" // the cases' own origin: requests go to Host api.example
	oSameSite = "https://www.api.example"
)

var (
	forgeryCfg = cors.Config{
		AllowedOrigins:    []string{oApp, "https://*.sub.example"},
		AllowCredentials:  true,
		AllowedMethods:    []string{"GET", "POST", "PUT", "DELETE"},
		AllowedHeaders:    []string{"Content-Type"},
		ForgeryProtection: true,
	}
	forgeryShape = shape{cred: true, acam: "GET, POST, PUT, DELETE", acah: "content-type"}
	// pForgery is a credentialed allowlist with forgery protection.
	pForgery = pol("forgery", forgeryCfg, forgeryShape)

	// pForgeryScoped turns the protection off for PathResource, a path
	// that receives cross-site posts (a payment callback), and keeps it on
	// everywhere else.
	pForgeryScoped = namedPolicy{&policy{name: "forgery-scoped", scoped: &cors.ScopedConfig{
		Scopes:  []cors.Scope{{PathPrefix: PathResource, Config: withoutForgery(forgeryCfg)}},
		Default: &forgeryCfg,
	}}, forgeryShape}
)

func withoutForgery(c cors.Config) cors.Config { c.ForgeryProtection = false; return c }

// site is the request's Sec-Fetch-Site line.
func site(v string) line { return withHeader(hSFS, v) }

// forged is a request refused by forgery protection: 403 from the
// middleware before routing, no Access-Control-* header.
func (p namedPolicy) forged(method string) expect {
	return expect{status: http.StatusForbidden, vary: p.vary(method)}
}

// forgeryCases: unsafe requests a browser marks cross-origin are refused
// unless their origin is allowed, on every stack.
func forgeryCases() []testCase {
	const s = "forgery"
	const fp = "forgery-protection"
	const why = fp + ": "
	form := withHeader("Content-Type", "application/x-www-form-urlencoded")
	p := pForgery
	return []testCase{
		newCase(s, "cross-site-form-post", why+"a cross-site form post from a disallowed origin is refused with 403 before the application runs, with no CORS header",
			p, send("POST", fromOrigin(oEvil), site("cross-site"), form), p.forged("POST"), browserBlocks(oEvil, "POST")),
		newCase(s, "same-site-post", why+"Sec-Fetch-Site same-site is cross-origin: a sibling subdomain that is not allowed is refused",
			p, send("PUT", fromOrigin(oSameSite), site("same-site")), p.forged("PUT"), browserBlocks(oSameSite, "PUT")),
		newCase(s, "no-fetch-metadata", why+"without Sec-Fetch-Site, an Origin whose host differs from Host is cross-origin",
			p, send("POST", fromOrigin(oEvil), form), p.forged("POST"), browserBlocks(oEvil, "POST")),
		newCase(s, "null-origin", why+"Origin null is never allowed to send",
			p, send("POST", fromOrigin("null"), site("cross-site")), p.forged("POST"), browserBlocks("null", "POST")),
		newCase(s, "no-origin", why+"Sec-Fetch-Site cross-site without Origin is refused",
			p, send("DELETE", site("cross-site")), p.forged("DELETE"), browserBlocks(oApp, "DELETE")),
		newCase(s, "repeated-origin", why+"two Origin lines are never an allowed origin",
			p, send("POST", fromOrigin(oApp), fromOrigin(oApp), site("cross-site")), p.forged("POST"), nil),
		newCase(s, "unknown-site-value", why+"any Sec-Fetch-Site value but same-origin and none is cross-origin, as net/http reads it",
			p, send("POST", fromOrigin(oEvil), site("Same-Origin")), p.forged("POST"), nil),
		newCase(s, "site-value-whitespace", why+"optional whitespace around Sec-Fetch-Site is ignored on every stack, as net/http's parser drops it",
			p, send("PUT", fromOrigin(oEvil), site("\tcross-site ")), p.forged("PUT"), browserBlocks(oEvil, "PUT")),
		newCase(s, "site-first-line", why+"of two Sec-Fetch-Site lines the first decides, as net/http's Header.Get reads it",
			p, send("PUT", fromOrigin(oEvil), site("same-origin"), site("cross-site")), p.denied("PUT"), nil),
		newCase(s, "delete-without-route", fp+", mount-before-routing: a forged DELETE to a path with no route is refused by the middleware, not answered 404 by the router",
			p, send("DELETE", fromOrigin(oEvil), site("cross-site")).at(PathMissing), p.forged("DELETE"), browserBlocks(oEvil, "DELETE")),
		newCase(s, "allowed-origin-credentialed-post", why+"a credentialed cross-site post from an allowed origin reaches the application with its CORS headers",
			p, send("POST", fromOrigin(oApp), site("cross-site"), withHeader("Cookie", "sid=1"), form), p.allowed("POST", oApp), browserReads(oApp, "POST").cred()),
		newCase(s, "allowed-pattern-put", why+"an origin allowed by a *. pattern may send",
			p, send("PUT", fromOrigin(oSub), site("cross-site")), p.allowed("PUT", oSub), browserReads(oSub, "PUT").cred()),
		newCase(s, "same-origin-post", why+"Sec-Fetch-Site same-origin is never refused (the CORS answer is the denied one: the own origin is not listed)",
			p, send("POST", fromOrigin(oSelf), site("same-origin")), p.denied("POST"), browserBlocks(oSelf, "POST")),
		newCase(s, "same-origin-old-browser", why+"without Sec-Fetch-Site, an Origin whose host equals Host is same-origin",
			p, send("DELETE", fromOrigin(oSelf)), p.denied("DELETE"), browserBlocks(oSelf, "DELETE")),
		newCase(s, "user-initiated", why+"Sec-Fetch-Site none (typed in the address bar, a bookmark) is never refused",
			p, send("POST", site("none")), p.notCORS("POST"), browserBlocks(oApp, "POST")),
		newCase(s, "not-a-browser", why+"a request with neither Sec-Fetch-Site nor Origin (curl, a server) is never refused",
			p, send("DELETE"), p.notCORS("DELETE"), browserBlocks(oApp, "DELETE")),
		newCase(s, "cross-site-get", why+"safe methods are never refused: a cross-site GET reaches the application without CORS headers",
			p, get(PathResource, fromOrigin(oEvil), site("cross-site")), p.denied("GET"), browserBlocks(oEvil, "GET")),
		newCase(s, "cross-site-options", fp+", preflight-classification: an OPTIONS without ACRM is safe and reaches the router",
			p, send("OPTIONS", fromOrigin(oEvil), site("cross-site")), p.denied("OPTIONS").router(), browserBlocks(oEvil, "OPTIONS")),
		newCase(s, "refused-preflight", fp+", preflight-denied-origin: preflights are judged by CORS alone",
			p, preflightFor(oEvil, "PUT", "", site("cross-site")), p.forbidden(), preflightFails(oEvil, "PUT")),
		newCase(s, "allowed-preflight", fp+", preflight-success: an allowed origin's preflight is answered as usual",
			p, preflightFor(oApp, "DELETE", "content-type", site("cross-site")), p.preflightOK(oApp), preflightPasses(oApp, "DELETE", "Content-Type").cred()),
		newCase(s, "scope-without-protection", fp+", scope-selection: a scope that leaves the protection off lets a cross-site post through (without CORS headers)",
			pForgeryScoped, send("POST", fromOrigin(oEvil), site("cross-site"), form), pForgeryScoped.denied("POST"), browserBlocks(oEvil, "POST")),
		newCase(s, "scope-default-protected", fp+", scope-selection: the Default keeps the protection for every other path",
			pForgeryScoped, send("DELETE", fromOrigin(oEvil), site("cross-site")).at(PathMissing), pForgeryScoped.forged("DELETE"), browserBlocks(oEvil, "DELETE")),
	}
}
