package conformance

import "net/http"

// methodCases: Access-Control-Request-Method and Access-Control-Allow-Methods.
func methodCases() []testCase {
	const s = "methods"
	ok := func(name, why string, p namedPolicy, method string) testCase {
		return newCase(s, name, why, p, preflightFor(oApp, method, ""), p.preflightOK(oApp), preflightPasses(oApp, method))
	}
	no := func(name, why string, p namedPolicy, method string) testCase {
		return newCase(s, name, why, p, preflightFor(oApp, method, ""), p.refused(oApp), preflightFails(oApp, method))
	}
	return []testCase{
		ok("listed-put", "method-allowlist: a listed method is allowed; ACAM lists it", pList, "PUT"),
		ok("listed-delete", "method-allowlist: a listed method is allowed", pList, "DELETE"),
		ok("listed-lowercase-patch", "method-case-sensitive: patch stays patch; the listed lower-case patch matches", pList, "patch"),
		no("upper-patch-not-listed", "method-case-sensitive: PATCH does not match patch (case-sensitive); answered with the allowed list so the console names PATCH", pList, "PATCH"),
		no("options-not-listed", "method-allowlist: an unlisted OPTIONS is refused", pList, "OPTIONS"),
		no("custom-not-listed", "method-case-sensitive, method-allowlist: an unlisted extension method is refused", pList, "Chicken"),
		no("star-token-not-listed", "method-allowlist: a method literally named * is not allowed by a list", pList, "*"),
		ok("safelisted-get-default", "safelisted-methods: GET passes whatever the list says", pDefault, "GET"),
		ok("safelisted-head-default", "safelisted-methods: HEAD passes whatever the list says", pDefault, "HEAD"),
		ok("safelisted-post-default", "safelisted-methods: POST passes whatever the list says", pDefault, "POST"),
		no("default-refuses-put", "method-allowlist: the default list (GET, HEAD, POST) refuses PUT", pDefault, "PUT"),
		no("default-refuses-delete", "method-allowlist: the default list refuses DELETE", pDefault, "DELETE"),
		newCase(s, "lowercase-put-normalised", "method-case-sensitive: put is one of the six names Fetch upper-cases: it is PUT",
			pList, preflightFor(oApp, "put", ""), pList.preflightOK(oApp), preflightPasses(oApp, "PUT")),
		newCase(s, "lowercase-get-normalised", "method-case-sensitive, safelisted-methods: get is GET",
			pDefault, preflightFor(oApp, "get", ""), pDefault.preflightOK(oApp), preflightPasses(oApp, "GET")),
		newCase(s, "lowercase-delete-normalised", "method-case-sensitive: delete is DELETE",
			pList, preflightFor(oApp, "delete", ""), pList.preflightOK(oApp), preflightPasses(oApp, "DELETE")),
		ok("star-any-patch", "method-allowlist: * allows any method without credentials: ACAM *", pStar, "PATCH"),
		ok("star-any-custom", "method-allowlist: * allows an extension method", pStar, "Chicken"),
		ok("star-any-lowercase", "method-case-sensitive, method-allowlist: * allows a lower-case extension method", pStar, "patch"),
		newCase(s, "star-refuses-connect", "method-config: CONNECT is forbidden: never allowed, not even by *",
			pStar, preflightFor(oApp, "CONNECT", ""), pStar.refused(oApp).with(hACAM, ""), nil),
		newCase(s, "star-refuses-trace", "method-config: TRACE is forbidden: never allowed by *",
			pStar, preflightFor(oApp, "TRACE", ""), pStar.refused(oApp).with(hACAM, ""), nil),
		newCase(s, "acrm-with-space", "method-config: an ACRM that is not a token is refused; ACAM never repeats it",
			pList, preflightFor(oApp, "P UT", ""), pList.refused(oApp), nil),
		newCase(s, "acrm-empty", "method-config: an empty ACRM is refused",
			pList, preflightFor(oApp, "", ""), pList.refused(oApp), nil),
		newCase(s, "acrm-two-lines", "repeated-request-lines: two ACRM lines are refused",
			pList, preflightFor(oApp, "PUT", "", withHeader(hACRM, "DELETE")), pList.refused(oApp), nil),
		newCase(s, "acrm-trailing-space", "method-case-sensitive, method-config: an ACRM with surrounding space is not a token",
			pList, preflightFor(oApp, "PUT ", ""), pList.refused(oApp), nil),
		newCase(s, "cred-star-delete", "method-allowlist, credentials-no-wildcards: with credentials, * answers DELETE with ACAM: DELETE",
			pCredStar, preflightFor(oApp, "DELETE", ""), pCredStar.preflightOK(oApp).with(hACAM, "DELETE"), preflightPasses(oApp, "DELETE").cred()),
		newCase(s, "cred-star-custom", "method-allowlist: with credentials, * answers an extension method by name",
			pCredStar, preflightFor(oApp, "Chicken", ""), pCredStar.preflightOK(oApp).with(hACAM, "Chicken"), preflightPasses(oApp, "Chicken").cred()),
		newCase(s, "cred-star-method-named-star", "credentials-no-wildcards: with credentials, * never grants a method literally named * (its echo would be a literal *)",
			pCredStar, preflightFor(oApp, "*", ""), pCredStar.refused(oApp), preflightFails(oApp, "*").cred()),
		newCase(s, "actual-method-not-checked", "safelisted-methods: an actual request is not refused for its method: CORS headers are added",
			pDefault, send(http.MethodDelete, fromOrigin(oApp)), pDefault.allowed("DELETE", oApp), browserReads(oApp, "DELETE")),
		newCase(s, "actual-unrouted-method", "safelisted-methods, every-response-decorated: an extension-method actual request gets ACAO on the router's own error",
			pList, send("Chicken", fromOrigin(oApp)), pList.allowed("Chicken", oApp).router(), browserReads(oApp, "Chicken")),
		newCase(s, "actual-head", "actual-allowed: HEAD gets the same CORS headers as GET",
			pList, send(http.MethodHead, fromOrigin(oApp)), pList.allowed("HEAD", oApp), browserReads(oApp, "HEAD")),
		newCase(s, "actual-patch", "method-allowlist, safelisted-methods: the actual PATCH runs the app with ACAO",
			pList, send(http.MethodPatch, fromOrigin(oApp)), pList.allowed("PATCH", oApp), browserReads(oApp, "PATCH")),
		newCase(s, "acam-list-valid", "method-allowlist, method-config: ACAM is a valid list of tokens that names every configured method",
			pList, preflightFor(oApp, "DELETE", "content-type"), pList.preflightOK(oApp), preflightPasses(oApp, "DELETE", "Content-Type")),
	}
}
