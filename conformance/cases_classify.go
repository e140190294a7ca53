package conformance

// cases returns the whole conformance table.
func cases() []testCase {
	var all []testCase
	for _, part := range [][]testCase{
		classifyCases(), originCases(), credentialCases(), preflightCases(), methodCases(),
		headerCases(), parsingCases(), maxAgeCases(), exposeCases(), varyCases(), redirectCases(),
		privateNetworkCases(), integrationCases(), scopedCases(), forgeryCases(),
	} {
		all = append(all, part...)
	}
	return all
}

// classifyCases: which requests are CORS requests and which are preflights.
func classifyCases() []testCase {
	const s = "classify"
	return []testCase{
		newCase(s, "no-origin-get", "cors-request, vary-origin: no Origin is not CORS: app runs, no ACAO, Vary: Origin for a dynamic policy",
			pList, get(PathResource), pList.notCORS("GET"), browserBlocks(oApp, "GET")),
		newCase(s, "no-origin-get-star", "cors-request, wildcard-origin: no Origin with static *: ACAO * on every response, no Vary: Origin",
			pStar, get(PathResource), pStar.notCORS("GET"), browserReads(oEvil, "GET")),
		newCase(s, "same-origin-post-with-origin", "cors-request: a same-origin POST carries Origin; an allowed origin gets ACAO",
			pList, send("POST", fromOrigin(oApp)), pList.allowed("POST", oApp), browserReads(oApp, "POST")),
		newCase(s, "options-without-acrm-is-actual", "preflight-classification: OPTIONS with Origin but no ACRM is an actual request: it reaches the app's router with actual-response headers",
			pList, send("OPTIONS", fromOrigin(oApp)), pList.allowed("OPTIONS", oApp).router(), browserReads(oApp, "OPTIONS")),
		newCase(s, "options-without-acrm-denied-origin", "preflight-classification, denied-actual: actual OPTIONS from a disallowed origin reaches the router without CORS headers",
			pList, send("OPTIONS", fromOrigin(oEvil)), pList.denied("OPTIONS").router(), browserBlocks(oEvil, "OPTIONS")),
		newCase(s, "options-without-origin", "cors-request: OPTIONS with ACRM but no Origin is not CORS: passed through untouched apart from Vary",
			pList, send("OPTIONS", withHeader(hACRM, "PUT")), pList.notCORS("OPTIONS").router(), preflightFails(oApp, "PUT")),
		newCase(s, "options-without-origin-star", "cors-request, wildcard-origin: OPTIONS without Origin under static * passes through with ACAO *",
			pStar, send("OPTIONS", withHeader(hACRM, "PUT")), pStar.notCORS("OPTIONS").router(), browserReads(oApp, "OPTIONS")),
		newCase(s, "preflight-acrm-post", "preflight-classification, safelisted-methods: OPTIONS+Origin+ACRM is a preflight even when ACRM is safelisted",
			pList, preflightFor(oApp, "POST", ""), pList.preflightOK(oApp), preflightPasses(oApp, "POST")),
		newCase(s, "preflight-acrm-get", "safelisted-methods: preflight for GET (forced by a private-network or upload request) succeeds",
			pList, preflightFor(oApp, "GET", ""), pList.preflightOK(oApp), preflightPasses(oApp, "GET")),
		newCase(s, "preflight-acrm-head", "safelisted-methods: preflight for HEAD succeeds",
			pDefault, preflightFor(oApp, "HEAD", ""), pDefault.preflightOK(oApp), preflightPasses(oApp, "HEAD")),
		newCase(s, "preflight-empty-acrh", "acrh-tolerant-bounded: an empty ACRH is handled like an absent one",
			pList, preflightFor(oApp, "PUT", "", withHeader(hACRH, "")), pList.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "preflight-no-acrh", "acrh-tolerant-bounded: ACRH omitted when no unsafe header is sent",
			pList, preflightFor(oApp, "PUT", ""), pList.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "preflight-without-credentials", "preflight-short-circuit, credentials-exact-origin: a credentialed fetch's preflight carries no cookies and still gets ACAO+ACAC",
			pCred, preflightFor(oApp, "PUT", "x-custom"), pCred.preflightOK(oApp), preflightPasses(oApp, "PUT", "X-Custom").cred()),
		newCase(s, "simple-post-text-plain-evil", "preflight-triggers: a simple POST from any site reaches the handler (CORS is no CSRF defence); only the read is blocked",
			pList, send("POST", fromOrigin(oEvil), withHeader("Content-Type", "text/plain")), pList.denied("POST"), browserBlocks(oEvil, "POST")),
		newCase(s, "csp-report-post-evil", "preflight-triggers: a CSP report POST arrives without preflight and is an ordinary actual request",
			pList, send("POST", fromOrigin(oEvil), withHeader("Content-Type", "application/csp-report")), pList.denied("POST"), browserBlocks(oEvil, "POST")),
		newCase(s, "preflight-browser-extras", "preflight-triggers: Accept: */*, Referer and User-Agent on a preflight change nothing",
			pList, preflightFor(oApp, "PUT", "x-custom", withHeader("Accept", "*/*"), withHeader("Referer", "https://app.example/page"), withHeader("User-Agent", "Mozilla/5.0")),
			pList.preflightOK(oApp), preflightPasses(oApp, "PUT", "X-Custom")),
		newCase(s, "preflight-with-content-type", "preflight-triggers: preflight handling does not depend on Content-Type",
			pList, preflightFor(oApp, "PUT", "", withHeader("Content-Type", "application/json")), pList.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "lowercase-options-is-not-preflight", "preflight-classification, method-case-sensitive: only the method OPTIONS (browsers normalise it) makes a preflight; \"options\" reaches the router as an actual request",
			pList, request{method: "options", path: PathResource, lines: []line{fromOrigin(oApp), withHeader(hACRM, "PUT")}},
			expect{routerStatus: true, inner: true, ac: hmap{hACAO: oApp, hACEH: pList.aceh}, vary: varyOrigin}, nil),
		newCase(s, "get-with-acrm-is-actual", "preflight-classification: a GET carrying ACRM is an actual request, not a preflight",
			pList, get(PathResource, fromOrigin(oApp), withHeader(hACRM, "PUT")), pList.allowed("GET", oApp), browserReads(oApp, "GET")),
		newCase(s, "post-denied-app-runs", "preflight-triggers, denied-actual: an actual POST from a disallowed origin still runs the handler (denial = no headers)",
			pList, send("POST", fromOrigin(oEvil)), pList.denied("POST"), browserBlocks(oEvil, "POST")),
	}
}
