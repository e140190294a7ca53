package conformance

import (
	"github.com/originguard/cors/conformance/internal/verdict"
	"net/http"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
)

// Origins used by the cases.
const (
	oApp   = "https://app.example"
	oEvil  = "https://evil.example"
	oSub   = "https://eu.sub.example"
	oLocal = "http://localhost:3000"
	oAdmin = "https://admin.example:8443"
	oDot   = "https://app.example." // a fully qualified host: its own origin
)

// shape holds the literal header values a policy is expected to produce,
// written by hand from the configuration (never computed by the core).
type shape struct {
	star  bool   // AllowedOrigins is "*"
	cred  bool   // AllowCredentials
	aceh  string // Access-Control-Expose-Headers on allowed actual responses
	acam  string // Access-Control-Allow-Methods on allowed preflights
	acah  string // Access-Control-Allow-Headers on allowed preflights
	acma  string // Access-Control-Max-Age on answered preflights
	pna   bool   // AllowPrivateNetwork
	ok204 int    // preflight success status
}

type namedPolicy struct {
	*policy
	shape
}

func pol(name string, cfg cors.Config, s shape) namedPolicy {
	if s.ok204 == 0 {
		s.ok204 = http.StatusNoContent
	}
	return namedPolicy{&policy{name: name, cfg: cfg}, s}
}

var (
	// pList is the workhorse: an allowlist with exact, pattern, any-port,
	// IP and explicit-port origins, no credentials.
	pList = pol("list", cors.Config{
		AllowedOrigins: []string{oApp, "https://*.sub.example", "http://localhost:*", oAdmin,
			"http://[::1]:3000", "http://127.0.0.1:8080", "https://xn--bcher-kva.example"},
		AllowedMethods: []string{"GET", "POST", "PUT", "DELETE", "patch"},
		AllowedHeaders: []string{"X-Custom", "Content-Type", "X-Requested-With"},
		ExposedHeaders: []string{"X-Request-Id", "ETag"},
		MaxAge:         10 * time.Minute,
	}, shape{
		aceh: "X-Request-Id, ETag",
		acam: "GET, POST, PUT, DELETE, patch",
		acah: "x-custom, content-type, x-requested-with",
		acma: "600",
	})

	// pDefault has one origin and every other field left at its default.
	pDefault = pol("default", cors.Config{AllowedOrigins: []string{oApp}},
		shape{acam: "GET, HEAD, POST"})

	// pCred allows credentials for an allowlist with Authorization.
	pCred = pol("cred", cors.Config{
		AllowedOrigins:   []string{oApp, "https://*.sub.example", "http://localhost:*"},
		AllowedMethods:   []string{"GET", "POST", "PUT", "DELETE"},
		AllowedHeaders:   []string{"X-Custom", "Content-Type", "Authorization"},
		ExposedHeaders:   []string{"X-Request-Id"},
		AllowCredentials: true,
		MaxAge:           2 * time.Hour,
	}, shape{
		cred: true,
		aceh: "X-Request-Id",
		acam: "GET, POST, PUT, DELETE",
		acah: "x-custom, content-type, authorization",
		acma: "7200",
	})

	// pCredStar uses "*" methods and headers with credentials: the core must
	// answer with the requested names, never a literal "*".
	pCredStar = pol("cred-star", cors.Config{
		AllowedOrigins:   []string{oApp},
		AllowedMethods:   []string{"*"},
		AllowedHeaders:   []string{"*"},
		AllowCredentials: true,
	}, shape{cred: true})

	// pStar is the public API: every origin, method and header, no caching.
	pStar = pol("star", cors.Config{
		AllowedOrigins: []string{"*"},
		AllowedMethods: []string{"*"},
		AllowedHeaders: []string{"*"},
		ExposedHeaders: []string{"*"},
		MaxAge:         -1,
	}, shape{star: true, aceh: "*", acam: "*", acah: "*", acma: "0"})

	// pStarOnly is "*" origins with every other field at its default.
	pStarOnly = pol("star-only", cors.Config{AllowedOrigins: []string{"*"}},
		shape{star: true, acam: "GET, HEAD, POST"})

	// pStarAuth lists Authorization next to "*" headers.
	pStarAuth = pol("star-auth", cors.Config{
		AllowedOrigins: []string{"*"},
		AllowedHeaders: []string{"*", "Authorization"},
	}, shape{star: true, acam: "GET, HEAD, POST", acah: "*, authorization"})

	// pListStarHdr is an allowlist with "*" headers, no credentials.
	pListStarHdr = pol("list-star-headers", cors.Config{
		AllowedOrigins: []string{oApp},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"*"},
	}, shape{acam: "GET, PUT", acah: "*"})

	// pPNA answers private network access preflights.
	pPNA = pol("pna", cors.Config{
		AllowedOrigins:      []string{oApp},
		AllowedMethods:      []string{"GET", "PUT"},
		AllowPrivateNetwork: true,
	}, shape{acam: "GET, PUT", pna: true})

	// pStarPNA answers private network access preflights from any origin.
	pStarPNA = pol("star-pna", cors.Config{
		AllowedOrigins:      []string{"*"},
		AllowPrivateNetwork: true,
	}, shape{star: true, acam: "GET, HEAD, POST", pna: true})

	// pPass passes successful preflights on to the application.
	pPass = pol("passthrough", cors.Config{
		AllowedOrigins:       []string{oApp},
		AllowedMethods:       []string{"GET", "PUT"},
		PreflightPassthrough: true,
	}, shape{acam: "GET, PUT"})

	// p200 answers preflights with 200 instead of 204.
	p200 = pol("status-200", cors.Config{
		AllowedOrigins:         []string{oApp},
		AllowedMethods:         []string{"GET", "PUT"},
		PreflightSuccessStatus: http.StatusOK,
		MaxAge:                 24 * time.Hour,
	}, shape{acam: "GET, PUT", acma: "86400", ok204: http.StatusOK})

	// pFunc allows app.example by list, partner subdomains and the opaque
	// "null" origin through AllowOriginFunc.
	pFunc = pol("func", cors.Config{
		AllowedOrigins: []string{oApp},
		AllowOriginFunc: func(o string) bool {
			return o == "null" || strings.HasSuffix(o, ".partner.example")
		},
	}, shape{acam: "GET, HEAD, POST"})

	// pDot lists an origin whose host ends in a dot, and a pattern that does.
	pDot = pol("trailing-dot", cors.Config{
		AllowedOrigins: []string{oDot, "https://*.sub.example."},
	}, shape{acam: "GET, HEAD, POST"})

	// pFuncAll reflects every origin the core accepts as well-formed: the
	// core must still never hand it malformed input.
	pFuncAll = pol("func-all", cors.Config{
		AllowOriginFunc: func(string) bool { return true },
	}, shape{acam: "GET, HEAD, POST"})
)

// ---- requests ----

// withHeader is one request header line, k: v.
func withHeader(k, v string) line { return line{k, v} }

// fromOrigin is the request's Origin line.
func fromOrigin(v string) line { return line{hOrigin, v} }

// get is a GET on path with the given lines.
func get(path string, lines ...line) request {
	return request{method: http.MethodGet, path: path, lines: lines}
}

// send is a request with any method on PathResource.
func send(method string, lines ...line) request {
	return request{method: method, path: PathResource, lines: lines}
}

// preflightFor is a preflight from origin for method, with an
// Access-Control-Request-Headers line when acrh is not "" (extra lines,
// such as an empty or a second ACRH line, follow).
func preflightFor(origin, method, acrh string, extra ...line) request {
	lines := []line{fromOrigin(origin), withHeader(hACRM, method)}
	if acrh != "" {
		lines = append(lines, withHeader(hACRH, acrh))
	}
	return request{method: http.MethodOptions, path: PathResource, lines: append(lines, extra...)}
}

func (r request) at(path string) request { r.path = path; return r }

// ---- expectations ----

type hmap = map[string]string

// vary is the Vary a response to method carries: Origin on every response
// of a dynamic policy and on every OPTIONS response (whether it is a
// preflight depends on Origin); the preflight request headers on OPTIONS.
func (p namedPolicy) vary(method string) []string {
	var v []string
	if !p.star || method == http.MethodOptions {
		v = append(v, "Origin")
	}
	if method == http.MethodOptions {
		v = append(v, hACRM, hACRH)
		if p.pna {
			v = append(v, hACRPN)
		}
	}
	return v
}

// originHeaders are ACAO (+ACAC) for an allowed origin.
func (p namedPolicy) originHeaders(origin string) hmap {
	m := hmap{hACAO: origin}
	if p.star {
		m[hACAO] = "*"
	}
	if p.cred {
		m[hACAC] = "true"
	}
	return m
}

// allowed is an allowed actual request that reaches the application.
func (p namedPolicy) allowed(method, origin string) expect {
	m := p.originHeaders(origin)
	if p.aceh != "" {
		m[hACEH] = p.aceh
	}
	return expect{status: http.StatusOK, app: true, inner: true, ac: m, vary: p.vary(method)}
}

// denied is an actual request from a disallowed origin: the application
// runs, no Access-Control-* header.
func (p namedPolicy) denied(method string) expect {
	return expect{status: http.StatusOK, app: true, inner: true, vary: p.vary(method)}
}

// notCORS is a request without Origin.
func (p namedPolicy) notCORS(method string) expect {
	e := expect{status: http.StatusOK, app: true, inner: true, vary: p.vary(method)}
	if p.star {
		e.ac = hmap{hACAO: "*"}
		set(e.ac, hACEH, p.aceh)
	}
	return e
}

// preflightOK is an allowed preflight answered by the middleware with the
// configured lists.
func (p namedPolicy) preflightOK(origin string) expect {
	m := p.originHeaders(origin)
	set(m, hACAM, p.acam)
	set(m, hACAH, p.acah)
	set(m, hACMA, p.acma)
	return expect{status: p.ok204, ac: m, vary: p.vary(http.MethodOptions)}
}

// refused is a preflight from an allowed origin whose method or headers
// are refused: success status, ACAO and the allowed lists (preflight-partial-refusal).
func (p namedPolicy) refused(origin string) expect { return p.preflightOK(origin) }

// forbidden is a preflight from a disallowed origin: 403, no
// Access-Control-* header.
func (p namedPolicy) forbidden() expect {
	return expect{status: http.StatusForbidden, vary: p.vary(http.MethodOptions)}
}

func set(m hmap, k, v string) {
	if v != "" {
		m[k] = v
	}
}

// with returns e with header k set to v ("" deletes it).
func (e expect) with(k, v string) expect {
	m := hmap{}
	for a, b := range e.ac {
		m[a] = b
	}
	if v == "" {
		delete(m, k)
	} else {
		m[k] = v
	}
	e.ac = m
	return e
}

// router marks the status as the framework router's (the request passes
// the middleware but no handler serves it).
func (e expect) router() expect {
	e.routerStatus, e.app, e.inner = true, false, true
	return e
}

func (e expect) withStatus(s int) expect { e.status = s; return e }

// notFound is the router's 404 for a path without route: the request got
// past the middleware, no handler ran.
func (e expect) notFound() expect {
	e.status, e.app, e.inner = http.StatusNotFound, false, true
	return e
}

// ---- browser verdicts ----

// browserVerdict is a case's verdict.Verdict, with the builders below.
type browserVerdict verdict.Verdict

// browserReads is the verdict on an actual (not preflighted) fetch from
// origin with method and the script-set header names: the browser must let
// the script read the response. browserBlocks is the opposite verdict: the
// browser must keep the response from the script.
func browserReads(origin, method string, headers ...string) *browserVerdict {
	return &browserVerdict{Origin: origin, Method: method, Headers: headers, OK: true}
}

// browserBlocks: see browserReads.
func browserBlocks(origin, method string, headers ...string) *browserVerdict {
	return &browserVerdict{Origin: origin, Method: method, Headers: headers}
}

// preflightPasses is the verdict on the preflight a browser sends for a
// fetch from origin with method and the script-set header names: the
// browser must let the fetch through. preflightFails is the opposite
// verdict: the browser must stop the fetch at the preflight.
func preflightPasses(origin, method string, headers ...string) *browserVerdict {
	return &browserVerdict{Preflight: true, Origin: origin, Method: method, Headers: headers, OK: true}
}

// preflightFails: see preflightPasses.
func preflightFails(origin, method string, headers ...string) *browserVerdict {
	return &browserVerdict{Preflight: true, Origin: origin, Method: method, Headers: headers}
}

// cred, pn, exposes and hides return a copy of v for a credentialed fetch,
// a private-network fetch, and with response headers the script must or
// must not be able to read.
func (v *browserVerdict) cred() *browserVerdict { c := *v; c.Credentials = true; return &c }
func (v *browserVerdict) pn() *browserVerdict   { c := *v; c.Private = true; return &c }
func (v *browserVerdict) exposes(names ...string) *browserVerdict {
	c := *v
	c.Exposed = names
	return &c
}
func (v *browserVerdict) hides(names ...string) *browserVerdict {
	c := *v
	c.Hidden = names
	return &c
}

// newCase builds a row of the table: its group, name, the rules it cites
// (why), the policy, the request, the expected response and the browser's
// verdict (nil when no browser sends the request).
func newCase(group, name, why string, p namedPolicy, req request, want expect, v *browserVerdict) testCase {
	return testCase{group: group, name: name, why: why, pol: p.policy, req: req, want: want, browser: v}
}
