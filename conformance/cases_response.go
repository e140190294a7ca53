package conformance

import "net/http"

// parsingCases: how browsers parse what we send (every case
// also checks single lines and valid lists).
func parsingCases() []testCase {
	const s = "response-parsing"
	return []testCase{
		newCase(s, "acao-one-line", "one-field-line: exactly one ACAO line, even behind an outer middleware",
			pList, get(PathResource, fromOrigin(oApp)), pList.allowed("GET", oApp), browserReads(oApp, "GET")),
		newCase(s, "acac-exactly-true", "credentials-exact-origin, header-names-case-insensitive: ACAC is exactly the lower-case true",
			pCred, get(PathResource, fromOrigin(oApp)), pCred.allowed("GET", oApp), browserReads(oApp, "GET").cred()),
		newCase(s, "acam-is-a-list", "browser-response-parsing: ACAM parses as a list of tokens",
			pList, preflightFor(oApp, "patch", ""), pList.preflightOK(oApp), preflightPasses(oApp, "patch")),
		newCase(s, "acah-is-a-list", "browser-response-parsing: ACAH parses as a list of names",
			pList, preflightFor(oApp, "PUT", "x-requested-with"), pList.preflightOK(oApp), preflightPasses(oApp, "PUT", "X-Requested-With")),
		newCase(s, "acma-digits", "max-age: ACMA is delta-seconds, digits only",
			pCred, preflightFor(oApp, "PUT", ""), pCred.preflightOK(oApp), preflightPasses(oApp, "PUT").cred()),
		newCase(s, "aceh-is-a-list", "browser-response-parsing: ACEH parses as a list, so its names are exposed",
			pList, get(PathResource, fromOrigin(oApp)), pList.allowed("GET", oApp), browserReads(oApp, "GET").exposes("X-Request-Id", "ETag")),
		newCase(s, "acapn-exactly-true", "private-network: ACAPN is exactly true",
			pPNA, preflightFor(oApp, "GET", "", withHeader(hACRPN, "true")), pPNA.preflightOK(oApp).with(hACAPN, "true"), preflightPasses(oApp, "GET").pn()),
		newCase(s, "acao-not-repeated-on-error", "one-field-line, every-response-decorated: an error response still has one ACAO line",
			pList, get(PathError, fromOrigin(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), browserReads(oApp, "GET")),
	}
}

// maxAgeCases: Access-Control-Max-Age.
func maxAgeCases() []testCase {
	const s = "max-age"
	return []testCase{
		newCase(s, "configured-600", "max-age: MaxAge 10m is sent as 600",
			pList, preflightFor(oApp, "PUT", ""), pList.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "configured-7200", "max-age: MaxAge 2h (Chromium's cap) is sent as 7200",
			pCred, preflightFor(oApp, "PUT", ""), pCred.preflightOK(oApp), preflightPasses(oApp, "PUT").cred()),
		newCase(s, "configured-86400", "max-age: MaxAge 24h (the largest accepted) is sent as 86400",
			p200, preflightFor(oApp, "PUT", ""), p200.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "negative-is-zero", "max-age: a negative MaxAge disables caching with 0, never a negative number",
			pStar, preflightFor(oApp, "PUT", ""), pStar.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "unset-no-header", "max-age: MaxAge 0 sends no ACMA (browser default 5 s)",
			pDefault, preflightFor(oApp, "POST", ""), pDefault.preflightOK(oApp), preflightPasses(oApp, "POST")),
		newCase(s, "not-on-actual", "max-age: ACMA is not sent on actual responses",
			pList, send(http.MethodPut, fromOrigin(oApp)), pList.allowed("PUT", oApp), browserReads(oApp, "PUT")),
		newCase(s, "not-on-denied-preflight", "preflight-denied-origin, max-age: a denied preflight carries no ACMA",
			pList, preflightFor(oEvil, "PUT", ""), pList.forbidden(), preflightFails(oEvil, "PUT")),
		newCase(s, "per-url", "preflight-cache: each URL is its own cache entry: a preflight for another path is answered the same way",
			pList, preflightFor(oApp, "PUT", "").at(PathGrouped), pList.preflightOK(oApp), preflightPasses(oApp, "PUT")),
	}
}

// exposeCases: Access-Control-Expose-Headers.
func exposeCases() []testCase {
	const s = "expose"
	return []testCase{
		newCase(s, "listed", "expose-headers: listed headers are exposed on actual responses",
			pList, get(PathResource, fromOrigin(oApp)), pList.allowed("GET", oApp), browserReads(oApp, "GET").exposes("X-Request-Id", "ETag")),
		newCase(s, "star-uncredentialed", "expose-headers: ACEH * exposes every header to uncredentialed requests",
			pStar, get(PathResource, fromOrigin(oApp)), pStar.allowed("GET", oApp), browserReads(oApp, "GET").exposes(HeaderAppRan, HeaderInner)),
		newCase(s, "none-configured", "expose-headers: without ExposedHeaders no ACEH is sent; safelisted headers stay readable",
			pDefault, get(PathResource, fromOrigin(oApp)), pDefault.allowed("GET", oApp), browserReads(oApp, "GET").hides(HeaderAppRan)),
		newCase(s, "credentialed", "expose-headers: credentialed responses expose the explicit list",
			pCred, get(PathResource, fromOrigin(oApp)), pCred.allowed("GET", oApp), browserReads(oApp, "GET").cred().exposes("X-Request-Id").hides(HeaderAppRan)),
		newCase(s, "not-on-denied", "denied-actual: a denied actual response carries no ACEH",
			pList, get(PathResource, fromOrigin(oEvil)), pList.denied("GET"), browserBlocks(oEvil, "GET")),
		newCase(s, "not-on-preflight", "expose-headers: ACEH is not sent on preflight responses",
			pList, preflightFor(oApp, "GET", ""), pList.preflightOK(oApp), preflightPasses(oApp, "GET")),
		newCase(s, "not-on-non-cors", "vary-origin: a response without Origin does not carry ACEH",
			pList, get(PathResource), pList.notCORS("GET"), browserBlocks(oApp, "GET")),
		newCase(s, "on-404", "every-response-decorated: the router's 404 carries ACAO and ACEH",
			pList, get(PathMissing, fromOrigin(oApp)), pList.allowed("GET", oApp).notFound(), browserReads(oApp, "GET").exposes("X-Request-Id")),
		newCase(s, "on-500", "every-response-decorated: a 500 carries ACAO and ACEH",
			pList, get(PathError, fromOrigin(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), browserReads(oApp, "GET").exposes("X-Request-Id")),
		newCase(s, "head", "actual-allowed: HEAD exposes like GET",
			pList, send(http.MethodHead, fromOrigin(oApp)), pList.allowed("HEAD", oApp), browserReads(oApp, "HEAD").exposes("ETag")),
		newCase(s, "post", "every-response-decorated, expose-headers: a POST response exposes the list",
			pList, send(http.MethodPost, fromOrigin(oSub)), pList.allowed("POST", oSub), browserReads(oSub, "POST").exposes("X-Request-Id")),
	}
}
