package conformance

import "net/http"

// preflightCases: who answers a preflight, and with which status.
func preflightCases() []testCase {
	const s = "preflight"
	ok := func(name, why, path string) testCase {
		return tc(s, name, why, pList, pre(oApp, "PUT", "x-custom").at(path), pList.preflightOK(oApp), pfv(oApp, "PUT", true, "X-Custom"))
	}
	return []testCase{
		ok("answered-204", "preflight-status, preflight-short-circuit: an allowed preflight is answered 204 by the middleware; the app never runs", PathResource),
		ok("answered-grouped-route", "mount-before-routing: a preflight for a grouped route is answered although the group has no OPTIONS route", PathGrouped),
		ok("answered-missing-route", "mount-before-routing: a preflight for a path without any route is answered 2xx, not 404", PathMissing),
		ok("answered-error-route", "preflight-short-circuit: a preflight never reaches a handler that would fail", PathError),
		ok("answered-panic-route", "preflight-short-circuit: a preflight never reaches a handler that would panic", PathPanic),
		ok("answered-redirect-route", "preflight-status: a preflight is never redirected", PathRedirect),
		ok("answered-query", "preflight-cache: a query string does not change the answer", PathResource+"?page=2"),
		tc(s, "status-200", "preflight-status: PreflightSuccessStatus 200 is used for allowed preflights",
			p200, pre(oApp, "PUT", ""), p200.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "status-200-refused-method", "preflight-status: a refused method gets the configured success status too",
			p200, pre(oApp, "DELETE", ""), p200.refused(oApp), pfv(oApp, "DELETE", false)),
		tc(s, "status-200-denied-origin", "preflight-denied-origin: a denied origin still gets 403",
			p200, pre(oEvil, "PUT", ""), p200.forbidden(), pfv(oEvil, "PUT", false)),
		tc(s, "denied-origin-403", "preflight-denied-origin: denied preflight: 403 without any Access-Control-* header; the app never runs",
			pList, pre(oEvil, "PUT", "x-custom"), pList.forbidden(), pfv(oEvil, "PUT", false, "X-Custom")),
		tc(s, "denied-origin-missing-route", "preflight-denied-origin, mount-before-routing: a denied preflight for a missing path is answered 403 by the middleware",
			pList, pre(oEvil, "PUT", "").at(PathMissing), pList.forbidden(), pfv(oEvil, "PUT", false)),
		tc(s, "passthrough-allowed", "preflight-short-circuit: PreflightPassthrough adds the headers and hands the preflight to the router",
			pPass, pre(oApp, "PUT", ""), pPass.preflightOK(oApp).router(), nil),
		tc(s, "passthrough-denied-origin", "preflight-short-circuit, preflight-denied-origin: with passthrough, a denied preflight is still answered 403 by the middleware",
			pPass, pre(oEvil, "PUT", ""), pPass.forbidden(), pfv(oEvil, "PUT", false)),
		tc(s, "passthrough-refused-method", "preflight-short-circuit: with passthrough, a refused method is answered by the middleware",
			pPass, pre(oApp, "DELETE", ""), pPass.refused(oApp), pfv(oApp, "DELETE", false)),
		tc(s, "passthrough-actual", "actual-allowed: passthrough changes nothing for actual requests",
			pPass, get(PathResource, org(oApp)), pPass.allowed("GET", oApp), act(oApp, "GET", true)),
		tc(s, "actual-after-preflight", "actual-allowed: the actual request after a good preflight carries ACAO again",
			pList, do(http.MethodPut, org(oApp), hdr("X-Custom", "1")), pList.allowed("PUT", oApp), act(oApp, "PUT", true, "X-Custom")),
		tc(s, "actual-delete-after-preflight", "actual-allowed, safelisted-methods: the actual DELETE gets ACAO and runs the app",
			pList, do(http.MethodDelete, org(oApp)), pList.allowed("DELETE", oApp), act(oApp, "DELETE", true)),
		tc(s, "preflight-with-authorization-header", "preflight-short-circuit: an Authorization header on the preflight itself is not needed and changes nothing",
			pList, pre(oApp, "PUT", "", hdr("Authorization", "Bearer x")), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
	}
}
