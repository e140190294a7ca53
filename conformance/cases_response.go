package conformance

import "net/http"

// parsingCases: checklist §7 (how browsers parse what we send; every case
// also checks single lines and valid lists).
func parsingCases() []testCase {
	const s = 7
	return []testCase{
		tc(s, "acao-one-line", "#13 #67 exactly one ACAO line, even behind an outer middleware",
			pList, get(PathResource, org(oApp)), pList.allowed("GET", oApp), act(oApp, "GET", true)),
		tc(s, "acac-exactly-true", "#28 #71 ACAC is exactly the lower-case true",
			pCred, get(PathResource, org(oApp)), pCred.allowed("GET", oApp), act(oApp, "GET", true).cred()),
		tc(s, "acam-is-a-list", "#65 #66 ACAM parses as a list of tokens",
			pList, pre(oApp, "patch", ""), pList.preflightOK(oApp), pfv(oApp, "patch", true)),
		tc(s, "acah-is-a-list", "#65 #66 ACAH parses as a list of names",
			pList, pre(oApp, "PUT", "x-requested-with"), pList.preflightOK(oApp), pfv(oApp, "PUT", true, "X-Requested-With")),
		tc(s, "acma-digits", "#68 ACMA is delta-seconds, digits only",
			pCred, pre(oApp, "PUT", ""), pCred.preflightOK(oApp), pfv(oApp, "PUT", true).cred()),
		tc(s, "aceh-is-a-list", "#69 ACEH parses as a list, so its names are exposed",
			pList, get(PathResource, org(oApp)), pList.allowed("GET", oApp), act(oApp, "GET", true).exposes("X-Request-Id", "ETag")),
		tc(s, "acapn-exactly-true", "#70 ACAPN is exactly true",
			pPNA, pre(oApp, "GET", "", hdr(hACRPN, "true")), pPNA.preflightOK(oApp).with(hACAPN, "true"), pfv(oApp, "GET", true).pn()),
		tc(s, "acao-not-repeated-on-error", "#13 #112 an error response still has one ACAO line",
			pList, get(PathError, org(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), act(oApp, "GET", true)),
	}
}

// maxAgeCases: checklist §8.
func maxAgeCases() []testCase {
	const s = 8
	return []testCase{
		tc(s, "configured-600", "#72 #74 MaxAge 10m is sent as 600",
			pList, pre(oApp, "PUT", ""), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "configured-7200", "#74 MaxAge 2h (Chromium's cap) is sent as 7200",
			pCred, pre(oApp, "PUT", ""), pCred.preflightOK(oApp), pfv(oApp, "PUT", true).cred()),
		tc(s, "configured-86400", "#74 #122 MaxAge 24h (the largest accepted) is sent as 86400",
			p200, pre(oApp, "PUT", ""), p200.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "negative-is-zero", "#73 a negative MaxAge disables caching with 0, never a negative number",
			pStar, pre(oApp, "PUT", ""), pStar.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "unset-no-header", "#72 MaxAge 0 sends no ACMA (browser default 5 s)",
			pDefault, pre(oApp, "POST", ""), pDefault.preflightOK(oApp), pfv(oApp, "POST", true)),
		tc(s, "not-on-actual", "#79 ACMA is not sent on actual responses",
			pList, do(http.MethodPut, org(oApp)), pList.allowed("PUT", oApp), act(oApp, "PUT", true)),
		tc(s, "not-on-denied-preflight", "#40 #80 a denied preflight carries no ACMA",
			pList, pre(oEvil, "PUT", ""), pList.forbidden(), pfv(oEvil, "PUT", false)),
		tc(s, "per-url", "#75 each URL is its own cache entry: a preflight for another path is answered the same way",
			pList, pre(oApp, "PUT", "").at(PathGrouped), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
	}
}

// exposeCases: checklist §9.
func exposeCases() []testCase {
	const s = 9
	return []testCase{
		tc(s, "listed", "#83 listed headers are exposed on actual responses",
			pList, get(PathResource, org(oApp)), pList.allowed("GET", oApp), act(oApp, "GET", true).exposes("X-Request-Id", "ETag")),
		tc(s, "star-uncredentialed", "#84 ACEH * exposes every header to uncredentialed requests",
			pStar, get(PathResource, org(oApp)), pStar.allowed("GET", oApp), act(oApp, "GET", true).exposes(HeaderAppRan, HeaderInner)),
		tc(s, "none-configured", "#82 without ExposedHeaders no ACEH is sent; safelisted headers stay readable",
			pDefault, get(PathResource, org(oApp)), pDefault.allowed("GET", oApp), act(oApp, "GET", true).hides(HeaderAppRan)),
		tc(s, "credentialed", "#83 #84 credentialed responses expose the explicit list",
			pCred, get(PathResource, org(oApp)), pCred.allowed("GET", oApp), act(oApp, "GET", true).cred().exposes("X-Request-Id").hides(HeaderAppRan)),
		tc(s, "not-on-denied", "#25 a denied actual response carries no ACEH",
			pList, get(PathResource, org(oEvil)), pList.denied("GET"), act(oEvil, "GET", false)),
		tc(s, "not-on-preflight", "#87 ACEH is not sent on preflight responses",
			pList, pre(oApp, "GET", ""), pList.preflightOK(oApp), pfv(oApp, "GET", true)),
		tc(s, "not-on-non-cors", "#95 a response without Origin does not carry ACEH",
			pList, get(PathResource), pList.notCORS("GET"), act(oApp, "GET", false)),
		tc(s, "on-404", "#81 the router's 404 carries ACAO and ACEH",
			pList, get(PathMissing, org(oApp)), pList.allowed("GET", oApp).notFound(), act(oApp, "GET", true).exposes("X-Request-Id")),
		tc(s, "on-500", "#81 a 500 carries ACAO and ACEH",
			pList, get(PathError, org(oApp)), pList.allowed("GET", oApp).withStatus(http.StatusInternalServerError), act(oApp, "GET", true).exposes("X-Request-Id")),
		tc(s, "head", "#89 HEAD exposes like GET",
			pList, do(http.MethodHead, org(oApp)), pList.allowed("HEAD", oApp), act(oApp, "HEAD", true).exposes("ETag")),
		tc(s, "post", "#81 #83 a POST response exposes the list",
			pList, do(http.MethodPost, org(oSub)), pList.allowed("POST", oSub), act(oSub, "POST", true).exposes("X-Request-Id")),
	}
}
