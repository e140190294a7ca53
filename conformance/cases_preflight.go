package conformance

import "net/http"

// preflightCases: who answers a preflight, and with which status.
func preflightCases() []testCase {
	const s = "preflight"
	ok := func(name, why, path string) testCase {
		return newCase(s, name, why, pList, preflightFor(oApp, "PUT", "x-custom").at(path), pList.preflightOK(oApp), preflightPasses(oApp, "PUT", "X-Custom"))
	}
	return []testCase{
		ok("answered-204", "preflight-status, preflight-short-circuit: an allowed preflight is answered 204 by the middleware; the app never runs", PathResource),
		ok("answered-grouped-route", "mount-before-routing: a preflight for a grouped route is answered although the group has no OPTIONS route", PathGrouped),
		ok("answered-missing-route", "mount-before-routing: a preflight for a path without any route is answered 2xx, not 404", PathMissing),
		ok("answered-error-route", "preflight-short-circuit: a preflight never reaches a handler that would fail", PathError),
		ok("answered-panic-route", "preflight-short-circuit: a preflight never reaches a handler that would panic", PathPanic),
		ok("answered-redirect-route", "preflight-status: a preflight is never redirected", PathRedirect),
		ok("answered-query", "preflight-cache: a query string does not change the answer", PathResource+"?page=2"),
		newCase(s, "status-200", "preflight-status: PreflightSuccessStatus 200 is used for allowed preflights",
			p200, preflightFor(oApp, "PUT", ""), p200.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "status-200-refused-method", "preflight-status: a refused method gets the configured success status too",
			p200, preflightFor(oApp, "DELETE", ""), p200.refused(oApp), preflightFails(oApp, "DELETE")),
		newCase(s, "status-200-denied-origin", "preflight-denied-origin: a denied origin still gets 403",
			p200, preflightFor(oEvil, "PUT", ""), p200.forbidden(), preflightFails(oEvil, "PUT")),
		newCase(s, "denied-origin-403", "preflight-denied-origin: denied preflight: 403 without any Access-Control-* header; the app never runs",
			pList, preflightFor(oEvil, "PUT", "x-custom"), pList.forbidden(), preflightFails(oEvil, "PUT", "X-Custom")),
		newCase(s, "denied-origin-missing-route", "preflight-denied-origin, mount-before-routing: a denied preflight for a missing path is answered 403 by the middleware",
			pList, preflightFor(oEvil, "PUT", "").at(PathMissing), pList.forbidden(), preflightFails(oEvil, "PUT")),
		newCase(s, "passthrough-allowed", "preflight-short-circuit: PreflightPassthrough adds the headers and hands the preflight to the router",
			pPass, preflightFor(oApp, "PUT", ""), pPass.preflightOK(oApp).router(), nil),
		newCase(s, "passthrough-denied-origin", "preflight-short-circuit, preflight-denied-origin: with passthrough, a denied preflight is still answered 403 by the middleware",
			pPass, preflightFor(oEvil, "PUT", ""), pPass.forbidden(), preflightFails(oEvil, "PUT")),
		newCase(s, "passthrough-refused-method", "preflight-short-circuit: with passthrough, a refused method is answered by the middleware",
			pPass, preflightFor(oApp, "DELETE", ""), pPass.refused(oApp), preflightFails(oApp, "DELETE")),
		newCase(s, "passthrough-actual", "actual-allowed: passthrough changes nothing for actual requests",
			pPass, get(PathResource, fromOrigin(oApp)), pPass.allowed("GET", oApp), browserReads(oApp, "GET")),
		newCase(s, "actual-after-preflight", "actual-allowed: the actual request after a good preflight carries ACAO again",
			pList, send(http.MethodPut, fromOrigin(oApp), withHeader("X-Custom", "1")), pList.allowed("PUT", oApp), browserReads(oApp, "PUT", "X-Custom")),
		newCase(s, "actual-delete-after-preflight", "actual-allowed, safelisted-methods: the actual DELETE gets ACAO and runs the app",
			pList, send(http.MethodDelete, fromOrigin(oApp)), pList.allowed("DELETE", oApp), browserReads(oApp, "DELETE")),
		newCase(s, "preflight-with-authorization-header", "preflight-short-circuit: an Authorization header on the preflight itself is not needed and changes nothing",
			pList, preflightFor(oApp, "PUT", "", withHeader("Authorization", "Bearer x")), pList.preflightOK(oApp), preflightPasses(oApp, "PUT")),
	}
}
