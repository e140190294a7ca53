package conformance

import "net/http"

// varyCases: Vary on every kind of response.
func varyCases() []testCase {
	const s = "vary"
	return []testCase{
		newCase(s, "non-cors-dynamic", "vary-origin: a dynamic policy varies on Origin even without Origin, and adds no ACAO",
			pList, get(PathResource), pList.notCORS("GET"), browserBlocks(oApp, "GET")),
		newCase(s, "non-cors-static-star", "wildcard-origin: static * always sends ACAO * and, on non-OPTIONS responses, never Vary: Origin",
			pStarOnly, get(PathResource), pStarOnly.notCORS("GET"), browserReads(oApp, "GET")),
		newCase(s, "allowed-appends", "vary-append: Vary: Origin is appended after the outer middleware's value",
			pList, get(PathResource, fromOrigin(oApp)), pList.allowed("GET", oApp), browserReads(oApp, "GET")),
		newCase(s, "denied-varies", "vary-origin: a denied response varies on Origin too",
			pList, get(PathResource, fromOrigin(oEvil)), pList.denied("GET"), browserBlocks(oEvil, "GET")),
		newCase(s, "star-allowed-no-vary-origin", "wildcard-origin: * answers without Vary: Origin",
			pStarOnly, get(PathResource, fromOrigin(oEvil)), pStarOnly.allowed("GET", oEvil), browserReads(oEvil, "GET")),
		newCase(s, "preflight-varies-on-request-headers", "vary-preflight: a preflight response varies on Origin, ACRM and ACRH",
			pList, preflightFor(oApp, "PUT", "x-custom"), pList.preflightOK(oApp), preflightPasses(oApp, "PUT", "X-Custom")),
		newCase(s, "denied-preflight-varies", "vary-preflight: a denied preflight varies the same way",
			pList, preflightFor(oEvil, "PUT", ""), pList.forbidden(), preflightFails(oEvil, "PUT")),
		newCase(s, "refused-preflight-varies", "vary-preflight: a refused preflight varies the same way",
			pList, preflightFor(oApp, "Chicken", ""), pList.refused(oApp), preflightFails(oApp, "Chicken")),
		newCase(s, "star-preflight-varies-on-request-headers", "wildcard-origin, vary-preflight: a * preflight varies on ACRM, ACRH and Origin (only whether Origin is present matters)",
			pStar, preflightFor(oApp, "PUT", "x-a"), pStar.preflightOK(oApp), preflightPasses(oApp, "PUT", "X-A")),
		newCase(s, "pna-varies-on-acrpn", "vary-preflight, private-network: with private network access on, preflights also vary on ACRPN",
			pPNA, preflightFor(oApp, "PUT", ""), pPNA.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "options-no-origin-varies", "vary-preflight, vary-origin: an OPTIONS without Origin varies like a preflight",
			pList, send(http.MethodOptions), pList.notCORS("OPTIONS").router(), preflightFails(oApp, "PUT")),
		newCase(s, "error-varies", "vary-origin, every-response-decorated: the 500 path keeps the outer Vary and adds Origin",
			pList, get(PathError, fromOrigin(oEvil)), pList.denied("GET").withStatus(http.StatusInternalServerError), browserBlocks(oEvil, "GET")),
		newCase(s, "not-found-varies", "vary-origin, every-response-decorated: the router's 404 keeps the outer Vary and adds Origin",
			pList, get(PathMissing), pList.notCORS("GET").notFound(), browserBlocks(oApp, "GET")),
		newCase(s, "credentialed-varies", "vary-origin: credentialed responses vary on Origin",
			pCred, get(PathResource, fromOrigin(oApp)), pCred.allowed("GET", oApp), browserReads(oApp, "GET").cred()),
		newCase(s, "star-no-origin-exposes", "origin-cache-rule, wildcard-origin: under * a response without Origin carries the same ACAO and ACEH as one with Origin, so a shared cache may serve it to any script",
			pStar, get(PathResource), pStar.notCORS("GET"), browserReads(oApp, "GET").exposes("X-App-Ran")),
		newCase(s, "star-repeated-origin", "origin-cache-rule, wildcard-origin: under * several Origin lines are answered like one: the response does not vary on Origin, so it must not depend on it",
			pStarOnly, get(PathResource, fromOrigin(oApp), fromOrigin(oEvil)), pStarOnly.allowed("GET", oApp), browserReads(oApp, "GET")),
		newCase(s, "star-repeated-origin-preflight", "origin-cache-rule, wildcard-origin: under * a preflight with several Origin lines is answered like one with a single Origin",
			pStar, preflightFor(oApp, "PUT", "", fromOrigin(oEvil)), pStar.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "star-options-varies-on-origin", "origin-cache-rule, vary-preflight: under * an OPTIONS response varies on Origin: whether it is a preflight depends on Origin being present",
			pStarOnly, send(http.MethodOptions, withHeader(hACRM, "PUT")), pStarOnly.notCORS("OPTIONS").router(), preflightFails(oApp, "PUT")),
	}
}

// redirectCases: redirects and the origins they leave behind.
func redirectCases() []testCase {
	const s = "redirects"
	return []testCase{
		newCase(s, "redirect-decorated", "every-response-decorated: a redirect from the app carries ACAO so the browser follows it",
			pList, get(PathRedirect, fromOrigin(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusFound), browserReads(oApp, "GET")),
		newCase(s, "redirect-credentialed", "every-response-decorated: a credentialed redirect carries ACAO and ACAC",
			pCred, get(PathRedirect, fromOrigin(oApp)), pCred.allowed("GET", oApp).withStatus(http.StatusFound), browserReads(oApp, "GET").cred()),
		newCase(s, "redirect-denied", "denied-actual, every-response-decorated: a redirect to a disallowed origin has no ACAO (browser stops)",
			pList, get(PathRedirect, fromOrigin(oEvil)), pList.denied("GET").withStatus(http.StatusFound), browserBlocks(oEvil, "GET")),
		newCase(s, "redirect-star", "every-response-decorated: a * redirect carries ACAO *",
			pStarOnly, get(PathRedirect, fromOrigin(oApp)), pStarOnly.allowed("GET", oApp).withStatus(http.StatusFound), browserReads(oApp, "GET")),
		newCase(s, "tainted-null-list", "redirect-chains: after a tainting redirect the Origin is null; a list denies it",
			pList, get(PathResource, fromOrigin("null")), pList.denied("GET"), browserBlocks("null", "GET")),
		newCase(s, "tainted-null-star", "redirect-chains: after a tainting redirect * still serves null",
			pStarOnly, get(PathResource, fromOrigin("null")), pStarOnly.allowed("GET", "null"), browserReads("null", "GET")),
		newCase(s, "tainted-null-func", "redirect-chains, null-origin: an explicit opt-in allows the tainted null origin with ACAO null",
			pFunc, get(PathResource, fromOrigin("null")), pFunc.allowed("GET", "null"), browserReads("null", "GET")),
		newCase(s, "tainted-null-preflight", "redirect-chains: a preflight after a tainting redirect has Origin null; * answers it",
			pStar, preflightFor("null", "DELETE", ""), pStar.preflightOK("null"), preflightPasses("null", "DELETE")),
		newCase(s, "same-origin-chain-keeps-origin", "redirect-chains: an A to A redirect keeps the real Origin, allowed as usual",
			pList, get(PathResource, fromOrigin(oApp)), pList.allowed("GET", oApp), browserReads(oApp, "GET")),
	}
}

// privateNetworkCases: private network access preflights.
func privateNetworkCases() []testCase {
	const s = "private-network"
	pn := withHeader(hACRPN, "true")
	return []testCase{
		newCase(s, "allowed-get", "private-network: a PNA preflight for GET: ACAO and ACAPN: true",
			pPNA, preflightFor(oApp, "GET", "", pn), pPNA.preflightOK(oApp).with(hACAPN, "true"), preflightPasses(oApp, "GET").pn()),
		newCase(s, "allowed-put", "private-network: a PNA preflight for PUT also checks the method",
			pPNA, preflightFor(oApp, "PUT", "", pn), pPNA.preflightOK(oApp).with(hACAPN, "true"), preflightPasses(oApp, "PUT").pn()),
		newCase(s, "refused-method", "private-network: PNA does not bypass the method check",
			pPNA, preflightFor(oApp, "DELETE", "", pn), pPNA.refused(oApp).with(hACAPN, "true"), preflightFails(oApp, "DELETE").pn()),
		newCase(s, "off-no-acapn", "private-network: private network access is opt-in: without it ACRPN is not read and no ACAPN is sent, which a browser asking for it treats as a refusal",
			pList, preflightFor(oApp, "GET", "", pn), pList.preflightOK(oApp), preflightFails(oApp, "GET").pn()),
		newCase(s, "denied-origin", "private-network: never ACAPN for a disallowed origin",
			pPNA, preflightFor(oEvil, "GET", "", pn), pPNA.forbidden(), preflightFails(oEvil, "GET").pn()),
		newCase(s, "not-requested", "private-network: no ACAPN when ACRPN is absent",
			pPNA, preflightFor(oApp, "GET", ""), pPNA.preflightOK(oApp), preflightPasses(oApp, "GET")),
		newCase(s, "acrpn-false", "private-network: ACRPN other than true asks for nothing",
			pPNA, preflightFor(oApp, "GET", "", withHeader(hACRPN, "false")), pPNA.preflightOK(oApp), nil),
		newCase(s, "acrpn-upper-true", "private-network: ACRPN TRUE is not true",
			pPNA, preflightFor(oApp, "GET", "", withHeader(hACRPN, "TRUE")), pPNA.preflightOK(oApp), nil),
		newCase(s, "acrpn-two-lines", "private-network: two ACRPN lines ask for nothing",
			pPNA, preflightFor(oApp, "GET", "", pn, pn), pPNA.preflightOK(oApp), nil),
		newCase(s, "actual-no-acapn", "private-network: ACAPN belongs to preflights only",
			pPNA, get(PathResource, fromOrigin(oApp), pn), pPNA.allowed("GET", oApp), browserReads(oApp, "GET")),
		newCase(s, "star-origin-pna", "private-network, wildcard-origin: a * policy with private network access answers ACAO * and ACAPN",
			pStarPNA, preflightFor(oEvil, "GET", "", pn), pStarPNA.preflightOK(oEvil).with(hACAPN, "true"), preflightPasses(oEvil, "GET").pn()),
		newCase(s, "missing-route", "mount-before-routing: a PNA preflight to a device path without an OPTIONS route is answered 2xx",
			pPNA, preflightFor(oApp, "GET", "", pn).at(PathMissing), pPNA.preflightOK(oApp).with(hACAPN, "true"), preflightPasses(oApp, "GET").pn()),
	}
}

// integrationCases: every response path is decorated.
func integrationCases() []testCase {
	const s = "integration"
	return []testCase{
		newCase(s, "error-500-allowed", "every-response-decorated: a 500 from the framework's error idiom carries ACAO",
			pList, get(PathError, fromOrigin(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), browserReads(oApp, "GET")),
		newCase(s, "error-500-denied", "denied-actual: a denied request to a failing handler: the app runs, no ACAO",
			pList, get(PathError, fromOrigin(oEvil)), pList.denied("GET").withStatus(http.StatusInternalServerError), browserBlocks(oEvil, "GET")),
		newCase(s, "panic-allowed", "every-response-decorated: a recovered panic's 500 carries ACAO",
			pList, get(PathPanic, fromOrigin(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), browserReads(oApp, "GET")),
		newCase(s, "panic-credentialed", "every-response-decorated: a recovered panic's 500 carries ACAO and ACAC",
			pCred, get(PathPanic, fromOrigin(oApp)), pCred.allowed("GET", oApp).withStatus(http.StatusInternalServerError), browserReads(oApp, "GET").cred()),
		newCase(s, "panic-denied", "denied-actual: a denied request to a panicking handler: 500 without ACAO",
			pList, get(PathPanic, fromOrigin(oEvil)), pList.denied("GET").withStatus(http.StatusInternalServerError), browserBlocks(oEvil, "GET")),
		newCase(s, "not-found-allowed", "every-response-decorated: the router's 404 carries ACAO",
			pList, get(PathMissing, fromOrigin(oApp)), pList.allowed("GET", oApp).notFound(), browserReads(oApp, "GET")),
		newCase(s, "not-found-denied", "denied-actual: the router's 404 for a disallowed origin has no ACAO",
			pList, get(PathMissing, fromOrigin(oEvil)), pList.denied("GET").notFound(), browserBlocks(oEvil, "GET")),
		newCase(s, "not-found-star", "every-response-decorated: the router's 404 carries ACAO * under *",
			pStar, get(PathMissing, fromOrigin(oEvil)), pStar.allowed("GET", oEvil).notFound(), browserReads(oEvil, "GET")),
		newCase(s, "grouped-actual", "mount-before-routing: a grouped route's actual response is decorated by the global middleware",
			pList, get(PathGrouped, fromOrigin(oApp)), pList.allowed("GET", oApp), browserReads(oApp, "GET")),
		newCase(s, "grouped-preflight", "mount-before-routing: a grouped route's preflight is answered by the global middleware",
			pList, preflightFor(oApp, "DELETE", "x-custom").at(PathGrouped), pList.preflightOK(oApp), preflightPasses(oApp, "DELETE", "X-Custom")),
		newCase(s, "grouped-preflight-credentialed", "mount-before-routing: a grouped route's credentialed preflight",
			pCred, preflightFor(oApp, "PUT", "authorization").at(PathGrouped), pCred.preflightOK(oApp), preflightPasses(oApp, "PUT", "Authorization").cred()),
		newCase(s, "method-not-routed-actual", "every-response-decorated: the router's 405/404 for an unrouted method carries ACAO",
			pList, send(http.MethodOptions, fromOrigin(oApp)).at(PathGrouped), pList.allowed("OPTIONS", oApp).router(), browserReads(oApp, "OPTIONS")),
		newCase(s, "set-not-add", "one-field-line: headers are set once, never appended twice across middlewares",
			pCred, send(http.MethodPut, fromOrigin(oApp)), pCred.allowed("PUT", oApp), browserReads(oApp, "PUT").cred()),
		newCase(s, "websocket-handshake", "cors-request: a WebSocket handshake carries Origin; it is an ordinary GET to CORS (headers added, app runs)",
			pList, get(PathResource, fromOrigin(oEvil), withHeader("Connection", "Upgrade"), withHeader("Upgrade", "websocket")), pList.denied("GET"), nil),
		newCase(s, "canonical-names", "one-field-line: one line per Access-Control-* header, canonical names",
			pList, preflightFor(oApp, "PUT", "content-type"), pList.preflightOK(oApp), preflightPasses(oApp, "PUT", "Content-Type")),
	}
}
