package conformance

import "net/http"

// parsingCases: how browsers parse what we send (every case
// also checks single lines and valid lists).
func parsingCases() []testCase {
	const s = "response-parsing"
	return []testCase{
		tc(s, "acao-one-line", "one-field-line: exactly one ACAO line, even behind an outer middleware",
			pList, get(PathResource, org(oApp)), pList.allowed("GET", oApp), act(oApp, "GET", true)),
		tc(s, "acac-exactly-true", "credentials-exact-origin, header-names-case-insensitive: ACAC is exactly the lower-case true",
			pCred, get(PathResource, org(oApp)), pCred.allowed("GET", oApp), act(oApp, "GET", true).cred()),
		tc(s, "acam-is-a-list", "browser-response-parsing: ACAM parses as a list of tokens",
			pList, pre(oApp, "patch", ""), pList.preflightOK(oApp), pfv(oApp, "patch", true)),
		tc(s, "acah-is-a-list", "browser-response-parsing: ACAH parses as a list of names",
			pList, pre(oApp, "PUT", "x-requested-with"), pList.preflightOK(oApp), pfv(oApp, "PUT", true, "X-Requested-With")),
		tc(s, "acma-digits", "max-age: ACMA is delta-seconds, digits only",
			pCred, pre(oApp, "PUT", ""), pCred.preflightOK(oApp), pfv(oApp, "PUT", true).cred()),
		tc(s, "aceh-is-a-list", "browser-response-parsing: ACEH parses as a list, so its names are exposed",
			pList, get(PathResource, org(oApp)), pList.allowed("GET", oApp), act(oApp, "GET", true).exposes("X-Request-Id", "ETag")),
		tc(s, "acapn-exactly-true", "private-network: ACAPN is exactly true",
			pPNA, pre(oApp, "GET", "", hdr(hACRPN, "true")), pPNA.preflightOK(oApp).with(hACAPN, "true"), pfv(oApp, "GET", true).pn()),
		tc(s, "acao-not-repeated-on-error", "one-field-line, every-response-decorated: an error response still has one ACAO line",
			pList, get(PathError, org(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), act(oApp, "GET", true)),
	}
}

// maxAgeCases: Access-Control-Max-Age.
func maxAgeCases() []testCase {
	const s = "max-age"
	return []testCase{
		tc(s, "configured-600", "max-age: MaxAge 10m is sent as 600",
			pList, pre(oApp, "PUT", ""), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "configured-7200", "max-age: MaxAge 2h (Chromium's cap) is sent as 7200",
			pCred, pre(oApp, "PUT", ""), pCred.preflightOK(oApp), pfv(oApp, "PUT", true).cred()),
		tc(s, "configured-86400", "max-age: MaxAge 24h (the largest accepted) is sent as 86400",
			p200, pre(oApp, "PUT", ""), p200.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "negative-is-zero", "max-age: a negative MaxAge disables caching with 0, never a negative number",
			pStar, pre(oApp, "PUT", ""), pStar.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "unset-no-header", "max-age: MaxAge 0 sends no ACMA (browser default 5 s)",
			pDefault, pre(oApp, "POST", ""), pDefault.preflightOK(oApp), pfv(oApp, "POST", true)),
		tc(s, "not-on-actual", "max-age: ACMA is not sent on actual responses",
			pList, do(http.MethodPut, org(oApp)), pList.allowed("PUT", oApp), act(oApp, "PUT", true)),
		tc(s, "not-on-denied-preflight", "preflight-denied-origin, max-age: a denied preflight carries no ACMA",
			pList, pre(oEvil, "PUT", ""), pList.forbidden(), pfv(oEvil, "PUT", false)),
		tc(s, "per-url", "preflight-cache: each URL is its own cache entry: a preflight for another path is answered the same way",
			pList, pre(oApp, "PUT", "").at(PathGrouped), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
	}
}

// exposeCases: Access-Control-Expose-Headers.
func exposeCases() []testCase {
	const s = "expose"
	return []testCase{
		tc(s, "listed", "expose-headers: listed headers are exposed on actual responses",
			pList, get(PathResource, org(oApp)), pList.allowed("GET", oApp), act(oApp, "GET", true).exposes("X-Request-Id", "ETag")),
		tc(s, "star-uncredentialed", "expose-headers: ACEH * exposes every header to uncredentialed requests",
			pStar, get(PathResource, org(oApp)), pStar.allowed("GET", oApp), act(oApp, "GET", true).exposes(HeaderAppRan, HeaderInner)),
		tc(s, "none-configured", "expose-headers: without ExposedHeaders no ACEH is sent; safelisted headers stay readable",
			pDefault, get(PathResource, org(oApp)), pDefault.allowed("GET", oApp), act(oApp, "GET", true).hides(HeaderAppRan)),
		tc(s, "credentialed", "expose-headers: credentialed responses expose the explicit list",
			pCred, get(PathResource, org(oApp)), pCred.allowed("GET", oApp), act(oApp, "GET", true).cred().exposes("X-Request-Id").hides(HeaderAppRan)),
		tc(s, "not-on-denied", "denied-actual: a denied actual response carries no ACEH",
			pList, get(PathResource, org(oEvil)), pList.denied("GET"), act(oEvil, "GET", false)),
		tc(s, "not-on-preflight", "expose-headers: ACEH is not sent on preflight responses",
			pList, pre(oApp, "GET", ""), pList.preflightOK(oApp), pfv(oApp, "GET", true)),
		tc(s, "not-on-non-cors", "vary-origin: a response without Origin does not carry ACEH",
			pList, get(PathResource), pList.notCORS("GET"), act(oApp, "GET", false)),
		tc(s, "on-404", "every-response-decorated: the router's 404 carries ACAO and ACEH",
			pList, get(PathMissing, org(oApp)), pList.allowed("GET", oApp).notFound(), act(oApp, "GET", true).exposes("X-Request-Id")),
		tc(s, "on-500", "every-response-decorated: a 500 carries ACAO and ACEH",
			pList, get(PathError, org(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), act(oApp, "GET", true).exposes("X-Request-Id")),
		tc(s, "head", "actual-allowed: HEAD exposes like GET",
			pList, do(http.MethodHead, org(oApp)), pList.allowed("HEAD", oApp), act(oApp, "HEAD", true).exposes("ETag")),
		tc(s, "post", "every-response-decorated, expose-headers: a POST response exposes the list",
			pList, do(http.MethodPost, org(oSub)), pList.allowed("POST", oSub), act(oSub, "POST", true).exposes("X-Request-Id")),
	}
}
