package browser

import "time"

// Helpers that keep the table readable.
var (
	hCustom = Header{"X-Custom", "1"}
	hOther  = Header{"X-Other", "1"}
	hAuth   = Header{"Authorization", "Bearer t"}
	hJSON   = Header{"Content-Type", "application/json"}
)

func ok(preflights int) Want { return Want{Allowed: true, Preflights: preflights} }

func refused(corsError, param string, preflights int) Want {
	return Want{CORSError: corsError, FailedParameter: param, Preflights: preflights}
}

func with(w Want, f func(*Want)) Want { f(&w); return w }

func with2(s Step, f func(*Step)) Step { f(&s); return s }

// put is a PUT with X-Custom (preflighted) from PageA.
func put(w Want) Step { return Step{Method: "PUT", Headers: []Header{hCustom}, Want: w} }

// expiry is the pause after which every preflight-cache entry of the
// scenarios but Max-Age 600 has expired (the default is 5 seconds).
const expiry = 6 * time.Second

// scenarios is the table. Steps run in order; "Preflights" counts the
// OPTIONS requests the engine sends for the step.
var scenarios = []*Scenario{
	// --- simple requests (no preflight) ---
	{ID: "get-simple", Doc: "simple GET from an allowed origin", Refs: "actual-allowed", Profile: Main,
		Steps: []Step{{Want: with(ok(0), func(w *Want) {
			w.Readable = []string{"x-exposed", "content-type", "cache-control"}
			w.Hidden = []string{"x-hidden"}
		})}},
		Hits: &Hits{Actual: 1, App: 1}},
	{ID: "head-simple", Doc: "simple HEAD", Refs: "actual-allowed, preflight-triggers", Profile: Main,
		Steps: []Step{{Method: "HEAD", Want: ok(0)}}},
	{ID: "post-text-plain", Doc: "POST text/plain needs no preflight", Refs: "preflight-triggers", Profile: Main,
		Steps: []Step{{Method: "POST", Headers: []Header{{"Content-Type", "text/plain;charset=UTF-8"}}, Body: "hi", Want: with(ok(0), func(w *Want) { w.BodyContains = `"method":"POST"` })}},
		Hits:  &Hits{Actual: 1, App: 1}},
	{ID: "post-form", Doc: "POST application/x-www-form-urlencoded needs no preflight", Refs: "preflight-triggers", Profile: Main,
		Steps: []Step{{Method: "POST", Headers: []Header{{"Content-Type", "application/x-www-form-urlencoded"}}, Body: "a=1", Want: ok(0)}}},
	{ID: "get-safelisted-headers", Doc: "Accept, Accept-Language, Content-Language need no preflight", Refs: "preflight-triggers", Profile: Main,
		Steps: []Step{{Headers: []Header{{"Accept", "application/json"}, {"Accept-Language", "nn"}, {"Content-Language", "nn"}}, Want: ok(0)}}},
	{ID: "get-credentialed", Doc: "credentialed GET: cookie sent, ACAC true", Refs: "credentials-exact-origin", Profile: Main,
		Steps: []Step{{Credentials: "include", Want: with(ok(0), func(w *Want) { w.BodyContains = `"cookie":"sid=a"` })}}},
	{ID: "error-status-500", Doc: "a 500 from the app is readable", Refs: "every-response-decorated", Profile: Main,
		Steps: []Step{{Path: "/api/status/500", Want: with(ok(0), func(w *Want) { w.Status = 500 })}}},
	{ID: "error-status-404-route", Doc: "the framework's own 404 for an unknown route is readable", Refs: "every-response-decorated", Profile: Main,
		Steps: []Step{{Path: "/nowhere", Want: with(ok(0), func(w *Want) { w.Status = 404 })}}},
	{ID: "exposed-header-credentialed", Doc: "credentialed GET: X-Exposed readable, X-Hidden not", Refs: "expose-headers, credentials-exact-origin", Profile: Main,
		Steps: []Step{{Credentials: "include", Want: with(ok(0), func(w *Want) { w.Readable = []string{"x-exposed"}; w.Hidden = []string{"x-hidden"} })}}},

	// --- preflighted requests ---
	{ID: "put-custom-header", Doc: "PUT with X-Custom: preflight answered by the middleware", Refs: "preflight-short-circuit, method-allowlist, allow-headers", Profile: Main,
		Steps: []Step{{Method: "PUT", Headers: []Header{hCustom}, Want: with(ok(1), func(w *Want) { w.BodyContains = `"custom":"1"` })}},
		Hits:  &Hits{Preflights: 1, Actual: 1, App: 1}},
	{ID: "patch-custom-header", Doc: "PATCH with X-Custom", Refs: "method-allowlist, allow-headers", Profile: Main,
		Steps: []Step{{Method: "PATCH", Headers: []Header{hCustom}, Want: ok(1)}}},
	{ID: "delete-custom-header", Doc: "DELETE with X-Custom", Refs: "method-allowlist", Profile: Main,
		Steps: []Step{{Method: "DELETE", Headers: []Header{hCustom}, Want: ok(1)}}},
	{ID: "delete-plain", Doc: "DELETE without custom headers is still preflighted", Refs: "method-allowlist", Profile: Main,
		Steps: []Step{{Method: "DELETE", Want: ok(1)}}},
	{ID: "put-lowercase", Doc: "fetch upper-cases 'put'", Refs: "method-case-sensitive", Profile: Main,
		Steps: []Step{{Method: "put", Headers: []Header{hCustom}, Want: ok(1)}}},
	{ID: "delete-lowercase", Doc: "fetch upper-cases 'delete'", Refs: "method-case-sensitive", Profile: Main,
		Steps: []Step{{Method: "delete", Want: ok(1)}}},
	{ID: "patch-lowercase", Doc: "'patch' is not normalised and PATCH does not match it", Refs: "method-case-sensitive, preflight-partial-refusal", Profile: Main,
		Steps: []Step{{Method: "patch", Want: refused("MethodDisallowedByPreflightResponse", "patch", 1)}},
		Hits:  &Hits{Preflights: 1}},
	{ID: "put-credentialed", Doc: "credentialed PUT with X-Custom", Refs: "credentials-exact-origin, preflight-success", Profile: Main,
		Steps: []Step{{Method: "PUT", Credentials: "include", Headers: []Header{hCustom}, Want: with(ok(1), func(w *Want) { w.BodyContains = `"cookie":"sid=a"` })}}},
	{ID: "get-custom-header", Doc: "GET with X-Custom is preflighted", Refs: "safelisted-methods, allow-headers", Profile: Main,
		Steps: []Step{{Headers: []Header{hCustom}, Want: ok(1)}}},
	{ID: "header-case", Doc: "header names match case-insensitively", Refs: "header-names-case-insensitive", Profile: Main,
		Steps: []Step{{Method: "PUT", Headers: []Header{{"X-CUSTOM", "1"}}, Want: ok(1)}}},
	{ID: "post-json", Doc: "POST application/json is preflighted, Content-Type allowed", Refs: "preflight-triggers, allow-headers", Profile: Main,
		Steps: []Step{{Method: "POST", Headers: []Header{hJSON}, Body: `{}`, Want: ok(1)}}},
	{ID: "authorization-listed", Doc: "Authorization listed explicitly", Refs: "authorization-explicit", Profile: Main,
		Steps: []Step{{Headers: []Header{hAuth}, Credentials: "include", Want: ok(1)}}},
	{ID: "many-headers", Doc: "several requested headers at once", Refs: "allow-headers", Profile: Main,
		Steps: []Step{{Method: "PATCH", Headers: []Header{hCustom, hJSON, hAuth}, Body: `{}`, Want: ok(1)}}},
	{ID: "put-only-route", Doc: "preflight to a route that has only PUT registered", Refs: "mount-before-routing", Profile: Main,
		Steps: []Step{{Path: "/only-put", Method: "PUT", Headers: []Header{hCustom}, Want: ok(1)}}},
	{ID: "error-status-after-preflight", Doc: "a 401 after a successful preflight is readable", Refs: "every-response-decorated, actual-allowed", Profile: Main,
		Steps: []Step{{Path: "/api/status/401", Method: "PUT", Headers: []Header{hCustom}, Want: with(ok(1), func(w *Want) { w.Status = 401 })}}},
	{ID: "preflight-status-200", Doc: "preflight answered 200 instead of 204", Refs: "preflight-status", Profile: Status200,
		Steps: []Step{{Method: "PUT", Headers: []Header{hCustom}, Want: ok(1)}}},

	// --- denials ---
	{ID: "denied-origin-get", Doc: "simple GET from an origin not listed: the app runs, no ACAO", Refs: "denied-actual", Profile: Main,
		Steps: []Step{{Page: PageOther, Want: refused("MissingAllowOriginHeader", "", 0)}},
		Hits:  &Hits{Actual: 1, App: 1}},
	{ID: "denied-origin-credentialed", Doc: "credentialed GET from an origin not listed", Refs: "denied-actual", Profile: Main,
		Steps: []Step{{Page: PageOther, Credentials: "include", Want: refused("MissingAllowOriginHeader", "", 0)}}},
	{ID: "denied-origin-put", Doc: "preflight from an origin not listed: 403, no CORS headers", Refs: "preflight-denied-origin", Profile: Main,
		Steps: []Step{{Page: PageOther, Method: "PUT", Headers: []Header{hCustom}, Want: refused("PreflightMissingAllowOriginHeader", "", 1)}},
		Hits:  &Hits{Preflights: 1}},
	{ID: "denied-method", Doc: "method not allowed", Refs: "preflight-partial-refusal, method-allowlist", Profile: Main,
		Steps: []Step{{Method: "PURGE", Want: refused("MethodDisallowedByPreflightResponse", "PURGE", 1)}},
		Hits:  &Hits{Preflights: 1}},
	{ID: "denied-header", Doc: "header not allowed", Refs: "preflight-partial-refusal, allow-headers", Profile: Main,
		Steps: []Step{{Method: "PUT", Headers: []Header{hOther}, Want: refused("HeaderDisallowedByPreflightResponse", "x-other", 1)}},
		Hits:  &Hits{Preflights: 1}},
	{ID: "denied-header-mixed", Doc: "one allowed and one refused header", Refs: "preflight-partial-refusal, allow-headers", Profile: Main,
		Steps: []Step{{Method: "PUT", Headers: []Header{hCustom, hOther}, Want: refused("HeaderDisallowedByPreflightResponse", "x-other", 1)}}},
	{ID: "null-origin-denied", Doc: "sandboxed page (Origin: null) against an allowlist", Refs: "null-origin", Profile: Main,
		Steps: []Step{{Page: PageNull, Want: refused("MissingAllowOriginHeader", "", 0)}}},
	{ID: "null-origin-func", Doc: "Origin: null allowed by AllowOriginFunc", Refs: "null-origin, origin-func", Profile: NullFunc,
		Steps: []Step{{Page: PageNull, Method: "PUT", Headers: []Header{hCustom}, Want: ok(1)}}},

	// --- preflight cache ---
	{ID: "max-age-0", Doc: "Access-Control-Max-Age: 0: every request is preflighted", Refs: "max-age", Profile: Main,
		Steps: []Step{{Method: "PUT", Headers: []Header{hCustom}, Want: ok(1)}, {Method: "PUT", Headers: []Header{hCustom}, Want: ok(1)}},
		Hits:  &Hits{Preflights: 2, Actual: 2, App: 2}},
	{ID: "max-age-600", Doc: "Access-Control-Max-Age: 600: the same request twice, then after a pause, uses the cached preflight; a missing Max-Age (the 5-second default) fails after the pause, a Max-Age of 0 on the second request", Refs: "max-age, preflight-cache", Profile: Cached,
		Steps: []Step{put(ok(1)), put(ok(0)), with2(put(ok(0)), func(s *Step) { s.After = expiry })},
		Hits:  &Hits{Preflights: 1, Actual: 3, App: 3}},
	{ID: "max-age-absent", Doc: "no Access-Control-Max-Age: the preflight is cached for the 5-second default, then sent again, as the standard requires", Refs: "max-age, preflight-cache", Profile: DefaultAge,
		Steps: []Step{put(ok(1)), put(ok(0)), with2(put(ok(1)), func(s *Step) { s.After = expiry })},
		Hits:  &Hits{Preflights: 2, Actual: 3, App: 3}},
	{ID: "max-age-short", Doc: "Access-Control-Max-Age: 3: the preflight is reused at once, then sent again after the pause, as the standard requires; a Max-Age longer than the pause fails there", Refs: "max-age, preflight-cache", Profile: ShortAge,
		Steps: []Step{put(ok(1)), put(ok(0)), with2(put(ok(1)), func(s *Step) { s.After = expiry })},
		Hits:  &Hits{Preflights: 2, Actual: 3, App: 3}},
	{ID: "credentialed-preflight-then-plain", Doc: "a credentialed preflight, then the same request without credentials", Refs: "preflight-cache", Profile: Cached,
		Steps: []Step{with2(put(ok(1)), func(s *Step) { s.Credentials = "include" }),
			{Method: "PUT", Headers: []Header{hCustom}, Want: ok(0), Differs: map[string]Want{"firefox": ok(1)}}},
		Hits: &Hits{Preflights: 1, Actual: 2, App: 2}, HitsDiffer: map[string]Hits{"firefox": {Preflights: 2, Actual: 2, App: 2}},
		Standard: "an entry made by a credentialed preflight matches the same request without credentials " +
			"(https://fetch.spec.whatwg.org/#concept-cache-match): no second preflight",
		Deviations: map[string]string{"firefox": "keys its preflight cache on the credentials mode and preflights the uncredentialed request again"}},
	{ID: "plain-preflight-then-credentialed", Doc: "an uncredentialed preflight does not cover the same request with credentials", Refs: "preflight-cache", Profile: Cached,
		Steps: []Step{put(ok(1)), with2(put(ok(1)), func(s *Step) { s.Credentials = "include" })},
		Hits:  &Hits{Preflights: 2, Actual: 2, App: 2}},

	// --- cookies across sites ---
	{ID: "cross-site-cookie", Doc: "credentialed GET from another site (localhost) to 127.0.0.1: allowed; whether the cookie goes along is the engine's third-party policy", Refs: "credentials-exact-origin", Profile: Main,
		Steps: []Step{{Page: PageCross, Credentials: "include", Want: with(ok(0), func(w *Want) { w.BodyContains = `"cookie":""` }),
			Differs: map[string]Want{"webkit": with(ok(0), func(w *Want) { w.BodyContains = `"cookie":"sid=a"` })}}},
		Hits: &Hits{Actual: 1, App: 1},
		Standard: "the standard sends the cookies the user agent's cookie policy allows with a credentialed request " +
			"(https://fetch.spec.whatwg.org/#http-network-or-cache-fetch); blocking third-party cookies is the user agent's choice"},

	// --- Vary and the HTTP cache ---
	{ID: "vary-kept", Doc: "cacheable response with Vary: Origin: both origins allowed", Refs: "vary-origin", Profile: Main,
		Steps: []Step{{Path: "/api/cache/vary-kept", Want: ok(0)}, {Page: PageA2, Path: "/api/cache/vary-kept", Want: ok(0)}},
		Hits:  &Hits{Actual: 2, App: 2}},
	{ID: "vary-dropped", Doc: "Vary dropped by a proxy: the second origin gets the first one's cached ACAO", Refs: "vary-origin", Profile: NoVary,
		Steps: []Step{{Path: "/api/cache/vary-dropped", Want: ok(0)}, {Page: PageA2, Path: "/api/cache/vary-dropped", Want: refused("AllowOriginMismatch", "{A}", 0)}},
		Hits:  &Hits{Actual: 1, App: 1}},

	// --- public (uncredentialed "*") ---
	{ID: "public-get", Doc: "ACAO * and ACEH *: every header readable", Refs: "wildcard-origin, expose-headers", Profile: Public,
		Steps: []Step{{Want: with(ok(0), func(w *Want) { w.Readable = []string{"x-exposed", "x-hidden"} })}}},
	{ID: "public-credentialed-get", Doc: "credentialed GET against ACAO *", Refs: "credentials-exact-origin, wildcard-origin", Profile: Public,
		Steps: []Step{{Credentials: "include", Want: refused("WildcardOriginNotAllowed", "", 0)}}},
	{ID: "public-credentialed-put", Doc: "credentialed preflight against ACAO *", Refs: "credentials-exact-origin, wildcard-origin", Profile: Public,
		Steps: []Step{{Method: "PUT", Credentials: "include", Headers: []Header{hCustom}, Want: refused("PreflightWildcardOriginNotAllowed", "", 1)}}},
	{ID: "public-authorization", Doc: "Authorization is not covered by ACAH *: the middleware does not answer *", Refs: "authorization-explicit", Profile: Public,
		Steps: []Step{{Headers: []Header{hAuth}, Want: refused("HeaderDisallowedByPreflightResponse", "authorization", 1)}}},
	{ID: "public-custom-method", Doc: "custom method and header under ACAM/ACAH *", Refs: "method-allowlist, allow-headers", Profile: Public,
		Steps: []Step{{Method: "SUPER", Headers: []Header{{"X-Test", "1"}}, Want: ok(1)}}},
	{ID: "public-null-origin", Doc: "sandboxed page (Origin: null) against ACAO *", Refs: "wildcard-origin, null-origin", Profile: Public,
		Steps: []Step{{Page: PageNull, Want: ok(0)}}},
	{ID: "public-other-origin-put", Doc: "any origin may PUT with any header", Refs: "wildcard-origin, allow-headers", Profile: Public,
		Steps: []Step{{Page: PageOther, Method: "PUT", Headers: []Header{{"X-Anything", "1"}}, Want: ok(1)}}},

	// --- one policy, several scopes ---
	{ID: "scoped-public-any-origin", Doc: "the public scope answers an origin no list names", Refs: "scope-selection, wildcard-origin", Profile: Scoped,
		Steps: []Step{{Page: PageOther, Path: "/api/public/items", Want: ok(0)}},
		Hits:  &Hits{Actual: 1, App: 1}},
	{ID: "scoped-credentialed-app-origin", Doc: "the credentialed scope answers the app origin, cookie sent", Refs: "scope-selection, credentials-exact-origin", Profile: Scoped,
		Steps: []Step{{Path: "/api/app/items", Credentials: "include", Want: with(ok(0), func(w *Want) { w.BodyContains = `"cookie":"sid=a"` })}}},
	{ID: "scoped-origin-outside-its-scope", Doc: "the same app origin outside every scope gets no CORS: the app runs, the browser hides the answer", Refs: "scope-outside", Profile: Scoped,
		Steps: []Step{{Want: refused("MissingAllowOriginHeader", "", 0)}},
		Hits:  &Hits{Actual: 1, App: 1}},
	{ID: "scoped-preflight-no-options-route", Doc: "a preflight under a scope for a path with only a PUT route is answered by the policy", Refs: "scope-selection, mount-before-routing", Profile: Scoped,
		Steps: []Step{{Path: "/only-put", Method: "PUT", Headers: []Header{hCustom}, Want: ok(1)}},
		Hits:  &Hits{Preflights: 1, Actual: 1, App: 1}},
	{ID: "scoped-tenant-host", Doc: "the tenant host allows its own front end and refuses another tenant's", Refs: "scope-selection, origin-request-func", Profile: Scoped,
		Steps: []Step{{Host: "localhost", Want: ok(0)}, {Page: PageA2, Host: "localhost", Want: refused("MissingAllowOriginHeader", "", 0)}},
		Hits:  &Hits{Actual: 2, App: 2}},

	// --- raw servers (stack-independent) ---
	{ID: "raw-star-authorization", Doc: "a server answering ACAH * to Authorization: every engine still lets it through (the standard refuses)", Refs: "authorization-explicit", Profile: rawStarAuthorization, ChromiumLenient: true,
		Standard: "Authorization is the one CORS non-wildcard request-header name: ACAH * does not cover it, the preflight fails " +
			"(https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name)",
		Deviations: map[string]string{
			"chromium": "lets the request through (with a deprecation warning in the console)",
			"firefox":  "lets the request through",
			"webkit":   "lets the request through",
		},
		Steps: []Step{{Headers: []Header{hAuth}, Want: ok(1)}}},
	{ID: "raw-acao-mismatch", Doc: "ACAO names another origin", Refs: "origin-byte-exact", Profile: rawMismatch,
		Steps: []Step{{Want: refused("AllowOriginMismatch", "http://example.invalid", 0)}}},
	{ID: "raw-two-acao", Doc: "two ACAO lines", Refs: "one-field-line", Profile: rawTwoACAO,
		Steps: []Step{{Want: refused("MultipleAllowOriginValues", "{A}, {A}", 0)}}},
	{ID: "raw-list-acao", Doc: "ACAO lists the allowlist", Refs: "one-field-line", Profile: rawListACAO,
		Steps: []Step{{Want: refused("MultipleAllowOriginValues", "{A} {A2}", 0)}}},
	{ID: "raw-preflight-403", Doc: "preflight 403 with otherwise valid headers", Refs: "preflight-status", Profile: rawPreflight403,
		Steps: []Step{{Method: "PUT", Headers: []Header{hCustom}, Want: refused("PreflightInvalidStatus", "", 1)}}},
	{ID: "raw-no-acac", Doc: "credentialed GET without ACAC", Refs: "credentials-exact-origin", Profile: rawNoACAC,
		Steps: []Step{{Credentials: "include", Want: refused("InvalidAllowCredentials", "", 0)}}},
	{ID: "raw-acac-True", Doc: "ACAC: True", Refs: "credentials-exact-origin, header-names-case-insensitive", Profile: rawACACTitle,
		Steps: []Step{{Credentials: "include", Want: refused("InvalidAllowCredentials", "True", 0)}}},
	{ID: "raw-star-credentials", Doc: "ACAO * with ACAC true to a credentialed GET", Refs: "credentials-exact-origin", Profile: rawStarCredentials,
		Steps: []Step{{Credentials: "include", Want: refused("WildcardOriginNotAllowed", "", 0)}}},
	{ID: "raw-acao-null", Doc: "ACAO: null to a normal origin", Refs: "null-origin", Profile: rawNullACAO,
		Steps: []Step{{Want: refused("AllowOriginMismatch", "null", 0)}}},
	{ID: "raw-acao-null-sandboxed", Doc: "ACAO: null to a sandboxed page", Refs: "null-origin", Profile: rawNullACAO,
		Steps: []Step{{Page: PageNull, Want: ok(0)}}},
	{ID: "raw-preflight-no-acah", Doc: "preflight without ACAH", Refs: "allow-headers", Profile: rawPreflightNoACAH,
		Steps: []Step{{Method: "PUT", Headers: []Header{hCustom}, Want: refused("HeaderDisallowedByPreflightResponse", "x-custom", 1)}}},
	{ID: "raw-preflight-no-acao", Doc: "preflight with ACAM/ACAH but no ACAO", Refs: "preflight-success", Profile: rawPreflightNoACAO,
		Steps: []Step{{Method: "PUT", Headers: []Header{hCustom}, Want: refused("PreflightMissingAllowOriginHeader", "", 1)}}},
	{ID: "raw-star-acah-credentialed", Doc: "credentialed preflight answered ACAH * (literal)", Refs: "credentials-no-wildcards", Profile: rawStarHeadersCredentialed,
		Steps: []Step{{Method: "PUT", Credentials: "include", Headers: []Header{hCustom}, Want: refused("HeaderDisallowedByPreflightResponse", "x-custom", 1)}}},
	{ID: "raw-max-age-negative", Doc: "Access-Control-Max-Age: -1: no engine caches the preflight", Refs: "max-age, preflight-cache", Profile: rawNegativeMaxAge,
		Steps: []Step{put(ok(1)), put(ok(1))},
		Hits:  &Hits{Preflights: 2, Actual: 2},
		Standard: "-1 is not a delta-seconds value, so extracting Access-Control-Max-Age fails and the preflight is cached " +
			"for the 5-second default (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0): the second request goes without one",
		Deviations: map[string]string{
			"chromium": "treats a negative Max-Age as 0: no caching, a preflight for every request",
			"firefox":  "treats a negative Max-Age as 0: no caching, a preflight for every request",
			"webkit":   "treats a negative Max-Age as 0: no caching, a preflight for every request",
		}},
}

// Scenarios returns the browser scenarios, in order. The slice is fresh;
// the scenarios are shared and must not be modified.
func Scenarios() []*Scenario {
	return append([]*Scenario(nil), scenarios...)
}
