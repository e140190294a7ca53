package conformance

// cases returns the whole conformance table.
func cases() []testCase {
	var all []testCase
	for _, part := range [][]testCase{
		classifyCases(), originCases(), credentialCases(), preflightCases(), methodCases(),
		headerCases(), parsingCases(), maxAgeCases(), exposeCases(), varyCases(), redirectCases(),
		privateNetworkCases(), integrationCases(), scopedCases(),
	} {
		all = append(all, part...)
	}
	return all
}

// classifyCases: which requests are CORS requests and which are preflights.
func classifyCases() []testCase {
	const s = "classify"
	return []testCase{
		tc(s, "no-origin-get", "cors-request, vary-origin: no Origin is not CORS: app runs, no ACAO, Vary: Origin for a dynamic policy",
			pList, get(PathResource), pList.notCORS("GET"), act(oApp, "GET", false)),
		tc(s, "no-origin-get-star", "cors-request, wildcard-origin: no Origin with static *: ACAO * on every response, no Vary: Origin",
			pStar, get(PathResource), pStar.notCORS("GET"), act(oEvil, "GET", true)),
		tc(s, "same-origin-post-with-origin", "cors-request: a same-origin POST carries Origin; an allowed origin gets ACAO",
			pList, do("POST", org(oApp)), pList.allowed("POST", oApp), act(oApp, "POST", true)),
		tc(s, "options-without-acrm-is-actual", "preflight-classification: OPTIONS with Origin but no ACRM is an actual request: it reaches the app's router with actual-response headers",
			pList, do("OPTIONS", org(oApp)), pList.allowed("OPTIONS", oApp).router(), act(oApp, "OPTIONS", true)),
		tc(s, "options-without-acrm-denied-origin", "preflight-classification, denied-actual: actual OPTIONS from a disallowed origin reaches the router without CORS headers",
			pList, do("OPTIONS", org(oEvil)), pList.denied("OPTIONS").router(), act(oEvil, "OPTIONS", false)),
		tc(s, "options-without-origin", "cors-request: OPTIONS with ACRM but no Origin is not CORS: passed through untouched apart from Vary",
			pList, do("OPTIONS", hdr(hACRM, "PUT")), pList.notCORS("OPTIONS").router(), pfv(oApp, "PUT", false)),
		tc(s, "options-without-origin-star", "cors-request, wildcard-origin: OPTIONS without Origin under static * passes through with ACAO *",
			pStar, do("OPTIONS", hdr(hACRM, "PUT")), pStar.notCORS("OPTIONS").router(), act(oApp, "OPTIONS", true)),
		tc(s, "preflight-acrm-post", "preflight-classification, safelisted-methods: OPTIONS+Origin+ACRM is a preflight even when ACRM is safelisted",
			pList, pre(oApp, "POST", ""), pList.preflightOK(oApp), pfv(oApp, "POST", true)),
		tc(s, "preflight-acrm-get", "safelisted-methods: preflight for GET (forced by a private-network or upload request) succeeds",
			pList, pre(oApp, "GET", ""), pList.preflightOK(oApp), pfv(oApp, "GET", true)),
		tc(s, "preflight-acrm-head", "safelisted-methods: preflight for HEAD succeeds",
			pDefault, pre(oApp, "HEAD", ""), pDefault.preflightOK(oApp), pfv(oApp, "HEAD", true)),
		tc(s, "preflight-empty-acrh", "acrh-tolerant-bounded: an empty ACRH is handled like an absent one",
			pList, pre(oApp, "PUT", "", hdr(hACRH, "")), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "preflight-no-acrh", "acrh-tolerant-bounded: ACRH omitted when no unsafe header is sent",
			pList, pre(oApp, "PUT", ""), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "preflight-without-credentials", "preflight-short-circuit, credentials-exact-origin: a credentialed fetch's preflight carries no cookies and still gets ACAO+ACAC",
			pCred, pre(oApp, "PUT", "x-custom"), pCred.preflightOK(oApp), pfv(oApp, "PUT", true, "X-Custom").cred()),
		tc(s, "simple-post-text-plain-evil", "preflight-triggers: a simple POST from any site reaches the handler (CORS is no CSRF defence); only the read is blocked",
			pList, do("POST", org(oEvil), hdr("Content-Type", "text/plain")), pList.denied("POST"), act(oEvil, "POST", false)),
		tc(s, "csp-report-post-evil", "preflight-triggers: a CSP report POST arrives without preflight and is an ordinary actual request",
			pList, do("POST", org(oEvil), hdr("Content-Type", "application/csp-report")), pList.denied("POST"), act(oEvil, "POST", false)),
		tc(s, "preflight-browser-extras", "preflight-triggers: Accept: */*, Referer and User-Agent on a preflight change nothing",
			pList, pre(oApp, "PUT", "x-custom", hdr("Accept", "*/*"), hdr("Referer", "https://app.example/page"), hdr("User-Agent", "Mozilla/5.0")),
			pList.preflightOK(oApp), pfv(oApp, "PUT", true, "X-Custom")),
		tc(s, "preflight-with-content-type", "preflight-triggers: preflight handling does not depend on Content-Type",
			pList, pre(oApp, "PUT", "", hdr("Content-Type", "application/json")), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "lowercase-options-is-not-preflight", "preflight-classification, method-case-sensitive: only the method OPTIONS (browsers normalise it) makes a preflight; \"options\" reaches the router as an actual request",
			pList, request{method: "options", path: PathResource, lines: []line{org(oApp), hdr(hACRM, "PUT")}},
			expect{routerStatus: true, inner: true, ac: hmap{hACAO: oApp, hACEH: pList.aceh}, vary: varyOrigin}, nil),
		tc(s, "get-with-acrm-is-actual", "preflight-classification: a GET carrying ACRM is an actual request, not a preflight",
			pList, get(PathResource, org(oApp), hdr(hACRM, "PUT")), pList.allowed("GET", oApp), act(oApp, "GET", true)),
		tc(s, "post-denied-app-runs", "preflight-triggers, denied-actual: an actual POST from a disallowed origin still runs the handler (denial = no headers)",
			pList, do("POST", org(oEvil)), pList.denied("POST"), act(oEvil, "POST", false)),
	}
}
