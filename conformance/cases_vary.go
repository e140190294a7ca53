package conformance

import "net/http"

// varyCases: Vary on every kind of response.
func varyCases() []testCase {
	const s = "vary"
	return []testCase{
		tc(s, "non-cors-dynamic", "vary-origin: a dynamic policy varies on Origin even without Origin, and adds no ACAO",
			pList, get(PathResource), pList.notCORS("GET"), act(oApp, "GET", false)),
		tc(s, "non-cors-static-star", "wildcard-origin: static * always sends ACAO * and, on non-OPTIONS responses, never Vary: Origin",
			pStarOnly, get(PathResource), pStarOnly.notCORS("GET"), act(oApp, "GET", true)),
		tc(s, "allowed-appends", "vary-append: Vary: Origin is appended after the outer middleware's value",
			pList, get(PathResource, org(oApp)), pList.allowed("GET", oApp), act(oApp, "GET", true)),
		tc(s, "denied-varies", "vary-origin: a denied response varies on Origin too",
			pList, get(PathResource, org(oEvil)), pList.denied("GET"), act(oEvil, "GET", false)),
		tc(s, "star-allowed-no-vary-origin", "wildcard-origin: * answers without Vary: Origin",
			pStarOnly, get(PathResource, org(oEvil)), pStarOnly.allowed("GET", oEvil), act(oEvil, "GET", true)),
		tc(s, "preflight-varies-on-request-headers", "vary-preflight: a preflight response varies on Origin, ACRM and ACRH",
			pList, pre(oApp, "PUT", "x-custom"), pList.preflightOK(oApp), pfv(oApp, "PUT", true, "X-Custom")),
		tc(s, "denied-preflight-varies", "vary-preflight: a denied preflight varies the same way",
			pList, pre(oEvil, "PUT", ""), pList.forbidden(), pfv(oEvil, "PUT", false)),
		tc(s, "refused-preflight-varies", "vary-preflight: a refused preflight varies the same way",
			pList, pre(oApp, "Chicken", ""), pList.refused(oApp), pfv(oApp, "Chicken", false)),
		tc(s, "star-preflight-varies-on-request-headers", "wildcard-origin, vary-preflight: a * preflight varies on ACRM, ACRH and Origin (only whether Origin is present matters)",
			pStar, pre(oApp, "PUT", "x-a"), pStar.preflightOK(oApp), pfv(oApp, "PUT", true, "X-A")),
		tc(s, "pna-varies-on-acrpn", "vary-preflight, private-network: with private network access on, preflights also vary on ACRPN",
			pPNA, pre(oApp, "PUT", ""), pPNA.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "options-no-origin-varies", "vary-preflight, vary-origin: an OPTIONS without Origin varies like a preflight",
			pList, do(http.MethodOptions), pList.notCORS("OPTIONS").router(), pfv(oApp, "PUT", false)),
		tc(s, "error-varies", "vary-origin, every-response-decorated: the 500 path keeps the outer Vary and adds Origin",
			pList, get(PathError, org(oEvil)), pList.denied("GET").withStatus(http.StatusInternalServerError), act(oEvil, "GET", false)),
		tc(s, "not-found-varies", "vary-origin, every-response-decorated: the router's 404 keeps the outer Vary and adds Origin",
			pList, get(PathMissing), pList.notCORS("GET").notFound(), act(oApp, "GET", false)),
		tc(s, "credentialed-varies", "vary-origin: credentialed responses vary on Origin",
			pCred, get(PathResource, org(oApp)), pCred.allowed("GET", oApp), act(oApp, "GET", true).cred()),
		tc(s, "star-no-origin-exposes", "origin-cache-rule, wildcard-origin: under * a response without Origin carries the same ACAO and ACEH as one with Origin, so a shared cache may serve it to any script",
			pStar, get(PathResource), pStar.notCORS("GET"), act(oApp, "GET", true).exposes("X-App-Ran")),
		tc(s, "star-repeated-origin", "origin-cache-rule, wildcard-origin: under * several Origin lines are answered like one: the response does not vary on Origin, so it must not depend on it",
			pStarOnly, get(PathResource, org(oApp), org(oEvil)), pStarOnly.allowed("GET", oApp), act(oApp, "GET", true)),
		tc(s, "star-repeated-origin-preflight", "origin-cache-rule, wildcard-origin: under * a preflight with several Origin lines is answered like one with a single Origin",
			pStar, pre(oApp, "PUT", "", org(oEvil)), pStar.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "star-options-varies-on-origin", "origin-cache-rule, vary-preflight: under * an OPTIONS response varies on Origin: whether it is a preflight depends on Origin being present",
			pStarOnly, do(http.MethodOptions, hdr(hACRM, "PUT")), pStarOnly.notCORS("OPTIONS").router(), pfv(oApp, "PUT", false)),
	}
}

// redirectCases: redirects and the origins they leave behind.
func redirectCases() []testCase {
	const s = "redirects"
	return []testCase{
		tc(s, "redirect-decorated", "every-response-decorated: a redirect from the app carries ACAO so the browser follows it",
			pList, get(PathRedirect, org(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusFound), act(oApp, "GET", true)),
		tc(s, "redirect-credentialed", "every-response-decorated: a credentialed redirect carries ACAO and ACAC",
			pCred, get(PathRedirect, org(oApp)), pCred.allowed("GET", oApp).withStatus(http.StatusFound), act(oApp, "GET", true).cred()),
		tc(s, "redirect-denied", "denied-actual, every-response-decorated: a redirect to a disallowed origin has no ACAO (browser stops)",
			pList, get(PathRedirect, org(oEvil)), pList.denied("GET").withStatus(http.StatusFound), act(oEvil, "GET", false)),
		tc(s, "redirect-star", "every-response-decorated: a * redirect carries ACAO *",
			pStarOnly, get(PathRedirect, org(oApp)), pStarOnly.allowed("GET", oApp).withStatus(http.StatusFound), act(oApp, "GET", true)),
		tc(s, "tainted-null-list", "redirect-chains: after a tainting redirect the Origin is null; a list denies it",
			pList, get(PathResource, org("null")), pList.denied("GET"), act("null", "GET", false)),
		tc(s, "tainted-null-star", "redirect-chains: after a tainting redirect * still serves null",
			pStarOnly, get(PathResource, org("null")), pStarOnly.allowed("GET", "null"), act("null", "GET", true)),
		tc(s, "tainted-null-func", "redirect-chains, null-origin: an explicit opt-in allows the tainted null origin with ACAO null",
			pFunc, get(PathResource, org("null")), pFunc.allowed("GET", "null"), act("null", "GET", true)),
		tc(s, "tainted-null-preflight", "redirect-chains: a preflight after a tainting redirect has Origin null; * answers it",
			pStar, pre("null", "DELETE", ""), pStar.preflightOK("null"), pfv("null", "DELETE", true)),
		tc(s, "same-origin-chain-keeps-origin", "redirect-chains: an A to A redirect keeps the real Origin, allowed as usual",
			pList, get(PathResource, org(oApp)), pList.allowed("GET", oApp), act(oApp, "GET", true)),
	}
}

// privateNetworkCases: private network access preflights.
func privateNetworkCases() []testCase {
	const s = "private-network"
	pn := hdr(hACRPN, "true")
	return []testCase{
		tc(s, "allowed-get", "private-network: a PNA preflight for GET: ACAO and ACAPN: true",
			pPNA, pre(oApp, "GET", "", pn), pPNA.preflightOK(oApp).with(hACAPN, "true"), pfv(oApp, "GET", true).pn()),
		tc(s, "allowed-put", "private-network: a PNA preflight for PUT also checks the method",
			pPNA, pre(oApp, "PUT", "", pn), pPNA.preflightOK(oApp).with(hACAPN, "true"), pfv(oApp, "PUT", true).pn()),
		tc(s, "refused-method", "private-network: PNA does not bypass the method check",
			pPNA, pre(oApp, "DELETE", "", pn), pPNA.refused(oApp).with(hACAPN, "true"), pfv(oApp, "DELETE", false).pn()),
		tc(s, "off-refused", "private-network: private network access is opt-in: without it no ACAPN and the preflight is refused",
			pList, pre(oApp, "GET", "", pn), pList.refused(oApp), pfv(oApp, "GET", false).pn()),
		tc(s, "denied-origin", "private-network: never ACAPN for a disallowed origin",
			pPNA, pre(oEvil, "GET", "", pn), pPNA.forbidden(), pfv(oEvil, "GET", false).pn()),
		tc(s, "not-requested", "private-network: no ACAPN when ACRPN is absent",
			pPNA, pre(oApp, "GET", ""), pPNA.preflightOK(oApp), pfv(oApp, "GET", true)),
		tc(s, "acrpn-false", "private-network: ACRPN other than true asks for nothing",
			pPNA, pre(oApp, "GET", "", hdr(hACRPN, "false")), pPNA.preflightOK(oApp), nil),
		tc(s, "acrpn-upper-true", "private-network: ACRPN TRUE is not true",
			pPNA, pre(oApp, "GET", "", hdr(hACRPN, "TRUE")), pPNA.preflightOK(oApp), nil),
		tc(s, "acrpn-two-lines", "private-network: two ACRPN lines ask for nothing",
			pPNA, pre(oApp, "GET", "", pn, pn), pPNA.preflightOK(oApp), nil),
		tc(s, "actual-no-acapn", "private-network: ACAPN belongs to preflights only",
			pPNA, get(PathResource, org(oApp), pn), pPNA.allowed("GET", oApp), act(oApp, "GET", true)),
		tc(s, "star-origin-pna", "private-network, wildcard-origin: a * policy with private network access answers ACAO * and ACAPN",
			pStarPNA, pre(oEvil, "GET", "", pn), pStarPNA.preflightOK(oEvil).with(hACAPN, "true"), pfv(oEvil, "GET", true).pn()),
		tc(s, "missing-route", "mount-before-routing: a PNA preflight to a device path without an OPTIONS route is answered 2xx",
			pPNA, pre(oApp, "GET", "", pn).at(PathMissing), pPNA.preflightOK(oApp).with(hACAPN, "true"), pfv(oApp, "GET", true).pn()),
	}
}

// integrationCases: every response path is decorated.
func integrationCases() []testCase {
	const s = "integration"
	return []testCase{
		tc(s, "error-500-allowed", "every-response-decorated: a 500 from the framework's error idiom carries ACAO",
			pList, get(PathError, org(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), act(oApp, "GET", true)),
		tc(s, "error-500-denied", "denied-actual: a denied request to a failing handler: the app runs, no ACAO",
			pList, get(PathError, org(oEvil)), pList.denied("GET").withStatus(http.StatusInternalServerError), act(oEvil, "GET", false)),
		tc(s, "panic-allowed", "every-response-decorated: a recovered panic's 500 carries ACAO",
			pList, get(PathPanic, org(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), act(oApp, "GET", true)),
		tc(s, "panic-credentialed", "every-response-decorated: a recovered panic's 500 carries ACAO and ACAC",
			pCred, get(PathPanic, org(oApp)), pCred.allowed("GET", oApp).withStatus(http.StatusInternalServerError), act(oApp, "GET", true).cred()),
		tc(s, "panic-denied", "denied-actual: a denied request to a panicking handler: 500 without ACAO",
			pList, get(PathPanic, org(oEvil)), pList.denied("GET").withStatus(http.StatusInternalServerError), act(oEvil, "GET", false)),
		tc(s, "not-found-allowed", "every-response-decorated: the router's 404 carries ACAO",
			pList, get(PathMissing, org(oApp)), pList.allowed("GET", oApp).notFound(), act(oApp, "GET", true)),
		tc(s, "not-found-denied", "denied-actual: the router's 404 for a disallowed origin has no ACAO",
			pList, get(PathMissing, org(oEvil)), pList.denied("GET").notFound(), act(oEvil, "GET", false)),
		tc(s, "not-found-star", "every-response-decorated: the router's 404 carries ACAO * under *",
			pStar, get(PathMissing, org(oEvil)), pStar.allowed("GET", oEvil).notFound(), act(oEvil, "GET", true)),
		tc(s, "grouped-actual", "mount-before-routing: a grouped route's actual response is decorated by the global middleware",
			pList, get(PathGrouped, org(oApp)), pList.allowed("GET", oApp), act(oApp, "GET", true)),
		tc(s, "grouped-preflight", "mount-before-routing: a grouped route's preflight is answered by the global middleware",
			pList, pre(oApp, "DELETE", "x-custom").at(PathGrouped), pList.preflightOK(oApp), pfv(oApp, "DELETE", true, "X-Custom")),
		tc(s, "grouped-preflight-credentialed", "mount-before-routing: a grouped route's credentialed preflight",
			pCred, pre(oApp, "PUT", "authorization").at(PathGrouped), pCred.preflightOK(oApp), pfv(oApp, "PUT", true, "Authorization").cred()),
		tc(s, "method-not-routed-actual", "every-response-decorated: the router's 405/404 for an unrouted method carries ACAO",
			pList, do(http.MethodOptions, org(oApp)).at(PathGrouped), pList.allowed("OPTIONS", oApp).router(), act(oApp, "OPTIONS", true)),
		tc(s, "set-not-add", "one-field-line: headers are set once, never appended twice across middlewares",
			pCred, do(http.MethodPut, org(oApp)), pCred.allowed("PUT", oApp), act(oApp, "PUT", true).cred()),
		tc(s, "websocket-handshake", "cors-request: a WebSocket handshake carries Origin; it is an ordinary GET to CORS (headers added, app runs)",
			pList, get(PathResource, org(oEvil), hdr("Connection", "Upgrade"), hdr("Upgrade", "websocket")), pList.denied("GET"), nil),
		tc(s, "canonical-names", "one-field-line: one line per Access-Control-* header, canonical names",
			pList, pre(oApp, "PUT", "content-type"), pList.preflightOK(oApp), pfv(oApp, "PUT", true, "Content-Type")),
	}
}
