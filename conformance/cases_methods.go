package conformance

import "net/http"

// methodCases: Access-Control-Request-Method and Access-Control-Allow-Methods.
func methodCases() []testCase {
	const s = "methods"
	ok := func(name, why string, p namedPolicy, method string) testCase {
		return tc(s, name, why, p, pre(oApp, method, ""), p.preflightOK(oApp), pfv(oApp, method, true))
	}
	no := func(name, why string, p namedPolicy, method string) testCase {
		return tc(s, name, why, p, pre(oApp, method, ""), p.refused(oApp), pfv(oApp, method, false))
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
		tc(s, "lowercase-put-normalised", "method-case-sensitive: put is one of the six names Fetch upper-cases: it is PUT",
			pList, pre(oApp, "put", ""), pList.preflightOK(oApp), pfv(oApp, "PUT", true)),
		tc(s, "lowercase-get-normalised", "method-case-sensitive, safelisted-methods: get is GET",
			pDefault, pre(oApp, "get", ""), pDefault.preflightOK(oApp), pfv(oApp, "GET", true)),
		tc(s, "lowercase-delete-normalised", "method-case-sensitive: delete is DELETE",
			pList, pre(oApp, "delete", ""), pList.preflightOK(oApp), pfv(oApp, "DELETE", true)),
		ok("star-any-patch", "method-allowlist: * allows any method without credentials: ACAM *", pStar, "PATCH"),
		ok("star-any-custom", "method-allowlist: * allows an extension method", pStar, "Chicken"),
		ok("star-any-lowercase", "method-case-sensitive, method-allowlist: * allows a lower-case extension method", pStar, "patch"),
		tc(s, "star-refuses-connect", "method-config: CONNECT is forbidden: never allowed, not even by *",
			pStar, pre(oApp, "CONNECT", ""), pStar.refused(oApp).with(hACAM, ""), nil),
		tc(s, "star-refuses-trace", "method-config: TRACE is forbidden: never allowed by *",
			pStar, pre(oApp, "TRACE", ""), pStar.refused(oApp).with(hACAM, ""), nil),
		tc(s, "acrm-with-space", "method-config: an ACRM that is not a token is refused; ACAM never repeats it",
			pList, pre(oApp, "P UT", ""), pList.refused(oApp), nil),
		tc(s, "acrm-empty", "method-config: an empty ACRM is refused",
			pList, pre(oApp, "", ""), pList.refused(oApp), nil),
		tc(s, "acrm-two-lines", "repeated-request-lines: two ACRM lines are refused",
			pList, pre(oApp, "PUT", "", hdr(hACRM, "DELETE")), pList.refused(oApp), nil),
		tc(s, "acrm-trailing-space", "method-case-sensitive, method-config: an ACRM with surrounding space is not a token",
			pList, pre(oApp, "PUT ", ""), pList.refused(oApp), nil),
		tc(s, "cred-star-delete", "method-allowlist, credentials-no-wildcards: with credentials, * answers DELETE with ACAM: DELETE",
			pCredStar, pre(oApp, "DELETE", ""), pCredStar.preflightOK(oApp).with(hACAM, "DELETE"), pfv(oApp, "DELETE", true).cred()),
		tc(s, "cred-star-custom", "method-allowlist: with credentials, * answers an extension method by name",
			pCredStar, pre(oApp, "Chicken", ""), pCredStar.preflightOK(oApp).with(hACAM, "Chicken"), pfv(oApp, "Chicken", true).cred()),
		tc(s, "cred-star-method-named-star", "credentials-no-wildcards: with credentials, * never grants a method literally named * (its echo would be a literal *)",
			pCredStar, pre(oApp, "*", ""), pCredStar.refused(oApp), pfv(oApp, "*", false).cred()),
		tc(s, "actual-method-not-checked", "safelisted-methods: an actual request is not refused for its method: CORS headers are added",
			pDefault, do(http.MethodDelete, org(oApp)), pDefault.allowed("DELETE", oApp), act(oApp, "DELETE", true)),
		tc(s, "actual-unrouted-method", "safelisted-methods, every-response-decorated: an extension-method actual request gets ACAO on the router's own error",
			pList, do("Chicken", org(oApp)), pList.allowed("Chicken", oApp).router(), act(oApp, "Chicken", true)),
		tc(s, "actual-head", "actual-allowed: HEAD gets the same CORS headers as GET",
			pList, do(http.MethodHead, org(oApp)), pList.allowed("HEAD", oApp), act(oApp, "HEAD", true)),
		tc(s, "actual-patch", "method-allowlist, safelisted-methods: the actual PATCH runs the app with ACAO",
			pList, do(http.MethodPatch, org(oApp)), pList.allowed("PATCH", oApp), act(oApp, "PATCH", true)),
		tc(s, "acam-list-valid", "method-allowlist, method-config: ACAM is a valid list of tokens that names every configured method",
			pList, pre(oApp, "DELETE", "content-type"), pList.preflightOK(oApp), pfv(oApp, "DELETE", true, "Content-Type")),
	}
}
