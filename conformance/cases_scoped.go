package conformance

import (
	"net/http"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
)

// Hosts and origins of the scoped cases.
const (
	hostAPI   = "api.example"      // the credentialed scope's host
	hostWWW   = "www.example"      // a host no host scope names
	hostAcme  = "acme.tenant.test" // a tenant
	oAcme     = "https://acme.example"
	oOther    = "https://other.example" // another tenant's front end
	pathUnder = PathResource + "/missing"
)

// tenantOrigin allows https://<first label of host>.example.
func tenantOrigin(origin, host, _ string) bool {
	tenant, _, _ := strings.Cut(strings.ToLower(host), ".")
	return origin == "https://"+tenant+".example"
}

// scopes are the scopes of the scoped policies, declared with the most
// specific last to show that order does not matter: a public read-only
// scope for the grouped route, a credentialed scope for PathResource on
// hostAPI, and tenant hosts.
var scopes = []cors.Scope{
	{PathPrefix: "/g/", Config: cors.Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}},
	{Host: hostAPI, PathPrefix: PathResource, Config: cors.Config{
		AllowedOrigins: []string{oApp}, AllowCredentials: true,
		AllowedMethods: []string{"GET", "PUT", "DELETE"}, AllowedHeaders: []string{"X-Token"}, MaxAge: 10 * time.Minute,
	}},
	{Host: "*.tenant.test", PathPrefix: "/", Config: cors.Config{
		AllowOriginRequestFunc: tenantOrigin, AllowCredentials: true, AllowedMethods: []string{"GET", "PUT"},
	}},
}

var (
	// pScoped has no Default: no CORS outside the scopes.
	pScoped = &policy{name: "scoped", scoped: &cors.ScopedConfig{Scopes: scopes}}
	// pScopedDefault answers "*" outside the scopes.
	pScopedDefault = &policy{name: "scoped-default", scoped: &cors.ScopedConfig{Scopes: scopes,
		Default: &cors.Config{AllowedOrigins: []string{"*"}}}}

	// The shapes each scope produces, for the expectation builders.
	sPublic  = namedPolicy{pScoped, shape{star: true, acam: "GET", ok204: http.StatusNoContent}}
	sAPI     = namedPolicy{pScoped, shape{cred: true, acam: "GET, PUT, DELETE", acah: "x-token", acma: "600", ok204: http.StatusNoContent}}
	sTenant  = namedPolicy{pScoped, shape{cred: true, acam: "GET, PUT", ok204: http.StatusNoContent}}
	sDefault = namedPolicy{pScopedDefault, shape{star: true, acam: "GET, HEAD, POST", ok204: http.StatusNoContent}}
	sAPID    = namedPolicy{pScopedDefault, sAPI.shape}
)

func (r request) on(host string) request { r.host = host; return r }

// noCORS is a request that gets no CORS at all: the application runs, no
// Access-Control-* header, no Vary added.
func noCORS() expect { return expect{status: http.StatusOK, app: true, inner: true} }

// ambiguous is a request whose path routers read differently: no CORS, and
// the router decides what answers it.
func ambiguous() expect { e := noCORS().router(); e.anyApp = true; return e }

// scopedCases: one policy with several scopes, mounted once at the root.
func scopedCases() []testCase {
	const s = "scopes"
	apiPre := func(path string) request { return preflightFor(oApp, "DELETE", "x-token").at(path).on(hostAPI) }
	return []testCase{
		newCase(s, "public-scope-any-origin", "scope-selection, wildcard-origin: the public scope answers any origin with ACAO *",
			sPublic, get(PathGrouped, fromOrigin(oEvil)), sPublic.allowed("GET", oEvil), browserReads(oEvil, "GET")),
		newCase(s, "public-scope-refuses-put", "scope-selection, preflight-partial-refusal: the public scope allows GET only, so a PUT preflight gets ACAM GET",
			sPublic, preflightFor(oEvil, "PUT", "").at(PathGrouped), sPublic.refused(oEvil), preflightFails(oEvil, "PUT")),
		newCase(s, "credentialed-scope-app-origin", "scope-selection, credentials-exact-origin: the credentialed scope echoes the app origin with ACAC",
			sAPI, get(PathResource, fromOrigin(oApp)).on(hostAPI), sAPI.allowed("GET", oApp), browserReads(oApp, "GET").cred()),
		newCase(s, "credentialed-scope-other-origin", "scope-selection, denied-actual: the credentialed scope refuses another origin",
			sAPI, get(PathResource, fromOrigin(oEvil)).on(hostAPI), sAPI.denied("GET"), browserBlocks(oEvil, "GET").cred()),
		newCase(s, "credentialed-scope-preflight", "scope-selection, mount-before-routing: a preflight under the scope is answered although no OPTIONS route exists",
			sAPI, apiPre(PathResource), sAPI.preflightOK(oApp), preflightPasses(oApp, "DELETE", "X-Token").cred()),
		newCase(s, "credentialed-scope-preflight-missing-path", "scope-selection, mount-before-routing: a preflight for a path below the prefix that has no route is answered too",
			sAPI, apiPre(pathUnder), sAPI.preflightOK(oApp), preflightPasses(oApp, "DELETE", "X-Token").cred()),
		newCase(s, "credentialed-scope-escaped-slash-below-prefix", "scope-path-readings: an escaped slash below the prefix reads the same either way, so the scope answers",
			sAPI, apiPre(PathResource+"/a%2Fb"), sAPI.preflightOK(oApp), preflightPasses(oApp, "DELETE", "X-Token").cred()),
		newCase(s, "app-origin-outside-its-scope", "scope-outside: the app origin on a host outside every scope gets no CORS, and no Vary",
			sAPI, get(PathResource, fromOrigin(oApp)).on(hostWWW), noCORS(), browserBlocks(oApp, "GET").cred()),
		newCase(s, "preflight-outside-scopes", "scope-outside: a preflight outside every scope passes through to the router untouched",
			sAPI, preflightFor(oApp, "PUT", "").on(hostWWW), noCORS().router(), nil),
		newCase(s, "no-origin-outside-scopes", "scope-outside, cors-request: a request without Origin outside every scope gets nothing",
			sAPI, get(PathResource).on(hostWWW), noCORS(), nil),
		newCase(s, "tenant-own-origin", "scope-selection, origin-request-func: a tenant host allows its own front end, with credentials",
			sTenant, get(PathResource, fromOrigin(oAcme)).on(hostAcme), sTenant.allowed("GET", oAcme), browserReads(oAcme, "GET").cred()),
		newCase(s, "tenant-other-tenants-origin", "origin-request-func, denied-actual: a tenant host refuses another tenant's front end",
			sTenant, get(PathResource, fromOrigin(oOther)).on(hostAcme), sTenant.denied("GET"), browserBlocks(oOther, "GET").cred()),
		newCase(s, "tenant-preflight", "origin-request-func, mount-before-routing: a tenant preflight is answered by the tenant scope",
			sTenant, preflightFor(oAcme, "PUT", "").on(hostAcme), sTenant.preflightOK(oAcme), preflightPasses(oAcme, "PUT").cred()),
		newCase(s, "host-trailing-dot", "scope-host-readings: a tenant host ending in a dot is another host to a router that compares hosts exactly: no CORS",
			sTenant, get(PathResource, fromOrigin(oAcme)).on(hostAcme+"."), ambiguous(), browserBlocks(oAcme, "GET").cred()),
		newCase(s, "host-default-port", "scope-host-readings: an explicit default port, which browsers never send, is another host to echo's host routes: no CORS",
			sTenant, get(PathResource, fromOrigin(oAcme)).on(hostAcme+":443"), ambiguous(), browserBlocks(oAcme, "GET").cred()),
		newCase(s, "host-port-the-scope-does-not-name", "scope-host-readings: a port the tenant scope does not name counts for some routers and not others: no CORS, preflight included",
			sTenant, preflightFor(oAcme, "PUT", "").on(hostAcme+":8443"), ambiguous(), preflightFails(oAcme, "PUT").cred()),
		newCase(s, "host-empty-label", "scope-host-readings, scope-selection: *.tenant.test needs a non-empty label, so ..tenant.test is outside every scope",
			sTenant, get(PathResource, fromOrigin(oAcme)).on(".."+hostAcme[len("acme"):]), noCORS(), browserBlocks(oAcme, "GET").cred()),
		newCase(s, "tenant-host-wins-over-path", "scope-selection: a host scope wins over the public path scope, so the tenant rules apply under /g/",
			sTenant, get(PathGrouped, fromOrigin(oEvil)).on(hostAcme), sTenant.denied("GET"), browserBlocks(oEvil, "GET")),
		newCase(s, "default-outside-scopes", "scope-outside, wildcard-origin: with a Default, requests outside every scope get the Default",
			sDefault, get(PathResource, fromOrigin(oEvil)).on(hostWWW), sDefault.allowed("GET", oEvil), browserReads(oEvil, "GET")),
		newCase(s, "default-leaves-scopes-alone", "scope-selection: the Default never replaces a matching scope",
			sAPID, get(PathResource, fromOrigin(oEvil)).on(hostAPI), sAPID.denied("GET"), browserBlocks(oEvil, "GET")),
		newCase(s, "ambiguous-encoded-dot-segment", "scope-path-readings: /r%2F.. decodes to a dot segment: no CORS, even with a Default",
			sDefault, get(PathResource+"%2F..", fromOrigin(oApp)).on(hostAPI), ambiguous(), nil),
		newCase(s, "ambiguous-escaped-prefix", "scope-path-readings: /%72 is /r once decoded, so its readings disagree: no CORS",
			sDefault, get("/%72", fromOrigin(oApp)).on(hostAPI), ambiguous(), nil),
		newCase(s, "ambiguous-upper-case", "scope-path-readings: /R is /r to a case-insensitive router (fiber's default): no CORS",
			sDefault, get("/R", fromOrigin(oApp)).on(hostAPI), ambiguous(), nil),
		newCase(s, "ambiguous-empty-segment", "scope-path-readings: //r has an empty segment: no CORS",
			sDefault, get("/"+PathResource, fromOrigin(oApp)).on(hostAPI), ambiguous(), nil),
		newCase(s, "ambiguous-dot-dot-into-scope", "scope-path-readings: /g/..%2Fr would climb from the public scope into another: no CORS",
			sDefault, get("/g/..%2Fr", fromOrigin(oApp)).on(hostAPI), ambiguous(), nil),
		newCase(s, "ambiguous-preflight", "scope-path-readings: a preflight for an ambiguous path is not answered by the policy",
			sDefault, preflightFor(oApp, "DELETE", "").at("/R").on(hostAPI), ambiguous(), nil),
	}
}
