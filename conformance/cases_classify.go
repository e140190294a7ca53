package conformance

// cases returns the whole conformance table.
func cases() []testCase {
	var all []testCase
	for _, part := range [][]testCase{
		classifyCases(), originCases(), credentialCases(), preflightCases(), methodCases(),
		headerCases(), parsingCases(), maxAgeCases(), exposeCases(), varyCases(), redirectCases(),
		privateNetworkCases(), integrationCases(),
	} {
		all = append(all, part...)
	}
	return all
}

// classifyCases: checklist §1.
func classifyCases() []testCase {
	const s = 1
	return []testCase{
		tc(s, "no-origin-get", "#1 #90 no Origin is not CORS: app runs, no ACAO, Vary: Origin for a dynamic policy",
			pList, get(PathResource), pList.notCORS("GET"), act(oApp, "GET", false)),
		tc(s, "no-origin-get-star", "#1 #20 no Origin with static *: ACAO * on every response, no Vary: Origin",
			pStar, get(PathResource), pStar.notCORS("GET"), act(oEvil, "GET", true)),
		tc(s, "same-origin-post-with-origin", "#1 a same-origin POST carries Origin; an allowed origin gets ACAO",
			pList, do("POST", org(oApp)), pList.allowed("POST", oApp), act(oApp, "POST", true)),
		tc(s, "options-without-acrm-is-actual", "#3 OPTIONS with Origin but no ACRM is an actual request: it reaches the app's router with actual-response headers",
			pList, do("OPTIONS", org(oApp)), pList.allowed("OPTIONS", oApp).router(), act(oApp, "OPTIONS", true)),
		tc(s, "options-without-acrm-denied-origin", "#3 #25 actual OPTIONS from a disallowed origin reaches the router without CORS headers",
			pList, do("OPTIONS", org(oEvil)), pList.denied("OPTIONS").router(), act(oEvil, "OPTIONS", false)),
		tc(s, "options-without-origin", "#4 OPTIONS with ACRM but no Origin is not CORS: passed through untouched apart from Vary",
			pList, do("OPTIONS", hdr(hACRM, "PUT")), pList.notCORS("OPTIONS").router(), pfv(oApp, "PUT", false)),
		tc(s, "options-without-origin-star", "#4 #20 OPTIONS without Origin under static * passes through with ACAO *",
			pStar, do("OPTIONS", hdr(hACRM, "PUT")), pStar.notCORS("OPTIONS").router(), act(oApp, "OPTIONS", true)),
		tc(s, "preflight-acrm-post", "#2 #5 OPTIONS+Origin+ACRM is a preflight even when ACRM is safelisted",
			pList, pre(oApp, "POST", ""), pList.preflightOK(oApp), pfv(oApp, "POST", true)),
		tc(s, "preflight-acrm-get", "#5 #46 preflight for GET (forced by a private-network or upload request) succeeds",
			pList, pre(oApp, "GET", ""), pList.preflightOK(oApp), pfv(oApp, "GET", true)),
		tc(s, "preflight-acrm-head", "#5 #46 preflight for HEAD succeeds",
			pDefault, pre(oApp, "HEAD", ""), pDefault.preflightOK(oApp), pfv(oApp, "HEAD", true)),
		tc(s, "preflight-empty-acrh", "#6 an empty ACRH is handled like an absent one",
			pList, pre(oApp, "PUT", "", hdr(hACRH, "")), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "preflight-no-acrh", "#6 ACRH omitted when no unsafe header is sent",
			pList, pre(oApp, "PUT", ""), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "preflight-without-credentials", "#7 #30 a credentialed fetch's preflight carries no cookies and still gets ACAO+ACAC",
			pCred, pre(oApp, "PUT", "x-custom"), pCred.preflightOK(oApp), pfv(oApp, "PUT", true, "X-Custom").cred()),
		tc(s, "simple-post-text-plain-evil", "#8 a simple POST from any site reaches the handler (CORS is no CSRF defence); only the read is blocked",
			pList, do("POST", org(oEvil), hdr("Content-Type", "text/plain")), pList.denied("POST"), act(oEvil, "POST", false)),
		tc(s, "csp-report-post-evil", "#9 a CSP report POST arrives without preflight and is an ordinary actual request",
			pList, do("POST", org(oEvil), hdr("Content-Type", "application/csp-report")), pList.denied("POST"), act(oEvil, "POST", false)),
		tc(s, "preflight-browser-extras", "#10 Accept: */*, Referer and User-Agent on a preflight change nothing",
			pList, pre(oApp, "PUT", "x-custom", hdr("Accept", "*/*"), hdr("Referer", "https://app.example/page"), hdr("User-Agent", "Mozilla/5.0")),
			pList.preflightOK(oApp), pfv(oApp, "PUT", true, "X-Custom")),
		tc(s, "preflight-with-content-type", "#10 preflight handling does not depend on Content-Type",
			pList, pre(oApp, "PUT", "", hdr("Content-Type", "application/json")), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "lowercase-options-is-not-preflight", "#2 #44 only the method OPTIONS (browsers normalise it) makes a preflight; \"options\" reaches the router as an actual request",
			pList, request{method: "options", path: PathResource, lines: []line{org(oApp), hdr(hACRM, "PUT")}},
			expect{routerStatus: true, inner: true, ac: hmap{hACAO: oApp, hACEH: pList.aceh}, vary: varyOrigin}, nil),
		tc(s, "get-with-acrm-is-actual", "#2 a GET carrying ACRM is an actual request, not a preflight",
			pList, get(PathResource, org(oApp), hdr(hACRM, "PUT")), pList.allowed("GET", oApp), act(oApp, "GET", true)),
		tc(s, "post-denied-app-runs", "#8 #113 an actual POST from a disallowed origin still runs the handler (denial = no headers)",
			pList, do("POST", org(oEvil)), pList.denied("POST"), act(oEvil, "POST", false)),
	}
}
