// Package cors is a CORS policy engine that follows the Fetch standard to the
// letter. It turns a description of a request into a Decision (allowed or
// denied, with a reason; whether to answer now) and writes the headers that
// carry it out, and it serves net/http directly through Policy.Handler. The adapters corsgin,
// corsecho, corsfiber and corschi apply the same engine to their frameworks.
//
// # Rules of use
//
//   - Mount the middleware once, outermost: before routing, authentication,
//     rate limiting and CSRF checks. Preflights carry no credentials and
//     often target paths without an OPTIONS route; a middleware mounted on a
//     route group or route misses the preflights the router answers itself
//     (gin groups and chi's inline groups run only for requests one of their
//     routes matches, echo and fiber groups and chi subrouters only under
//     their prefix, route middleware never for OPTIONS), and the browser
//     reports a CORS error. The README lists what each framework does.
//   - Do not stack two CORS middlewares, and do not set Access-Control-*
//     headers in handlers: the middleware sets each of them exactly once.
//   - An actual request from a disallowed origin still reaches the
//     application; it is answered without CORS headers, so the browser hides
//     the response from the script. CORS is not an authorization mechanism:
//     authorize state-changing requests yourself.
//   - A preflight from a disallowed origin is answered 403 with no
//     Access-Control-* header. A preflight from an allowed origin that asks
//     for a refused method or header is answered with the success status and
//     the allowed methods and headers, never the refused one, so the browser
//     console names exactly what was refused.
//   - Two requests that differ only in their Origin lines get identical
//     headers, or both carry Vary: Origin, so that a shared cache never
//     hands one origin's answer to another (the cache rule). Under "*"
//     every request is answered alike (Access-Control-Allow-Origin: * and
//     Access-Control-Expose-Headers even without Origin, whatever its
//     lines), without Vary: Origin except on OPTIONS responses, where
//     Origin decides whether the request is a preflight.
//   - Vary is appended to, never overwritten: Origin on every response whose
//     headers depend on it (all of them unless AllowedOrigins is "*"), plus
//     Access-Control-Request-Method and -Headers (and -Private-Network when
//     enabled) on every OPTIONS response. Handlers must append to Vary too:
//     w.Header().Set("Vary", "Accept-Encoding") drops Vary: Origin, and a
//     shared cache may then serve one origin's response to another; write
//     w.Header().Add("Vary", "Accept-Encoding") instead.
//   - Whatever a preflight asks for is answered in full or refused with its
//     reason: Access-Control-Request-Headers split over several lines (up to
//     32) is one list, and every allowed name of it is
//     answered; an empty one asks for nothing and gets no
//     Access-Control-Allow-Headers.
//   - Configuration mistakes are errors at construction, never surprises at
//     request time: New reports every problem at once; MustNew and the
//     adapters' New panic with the same message.
//
// # Scopes and tenants
//
// One application often needs several policies: a public read-only API open
// to every origin, a credentialed API for its own front end, and no CORS on
// admin pages, webhooks and health checks. Mounting a middleware per route
// group does not work (the router answers many preflights first, see above), so NewScoped
// builds one Policy from several Configs, each for a Scope (a path prefix
// and optionally a host or host pattern), plus a Default for the rest (nil:
// no CORS). The policy is mounted once at the root like any other; the most
// specific scope decides (a host over no host, then the longest prefix), the
// order of declaration never matters, and a path that routers could read in
// more than one way ("//api/", "/public/..%2Fapi/", "/API/" next to a scope
// for "/api/") gets no CORS at all. Every Reason names the scope that
// decided (Reason.Scope).
//
// Config.AllowOriginRequestFunc serves multi-tenant APIs whose allowed
// origins depend on the host (acme.api.example allows https://acme.example).
// It receives the origin, the host and the path, and nothing else from the
// request, on purpose. A response is cached by shared caches under its URL
// (which holds host and path) and the request headers listed in Vary; the
// policy already sends Vary: Origin. An origin check that reads any other
// request header (Authorization, a cookie, a tenant header) makes responses
// differ on a header the cache does not key on, so a cache can serve one
// client's CORS answer to another: web cache poisoning. That is the history
// of rs/cors's AllowOriginRequestFunc, which handed the whole *http.Request
// to the callback (https://github.com/rs/cors/pull/60), was shown to open
// that door (https://github.com/rs/cors/issues/157), and was deprecated in
// rs/cors v1.11.0 in favour of a variant that must also return the Vary
// header names (https://github.com/rs/cors/pull/169). Here the decision stays
// a function of the cache key, so no extra Vary is ever needed.
//
// # Observing decisions
//
// Config.Observe receives every decision (kind, outcome, reason code,
// scope; never the origin, host or path, so metrics built on it have a
// bounded number of series), with the request's context, at no cost when
// unset and without allocation in this package when set; the module
// github.com/originguard/cors/corsotel counts decisions as OpenTelemetry
// metrics. Config.ReportOnly tries a candidate policy on live traffic:
// every request is judged by both, answered by the live one, and each
// difference goes to Observe (Decision.ReportOnly set) and to the Logger at
// Debug level. See observer and report-only in docs/behaviour.md.
//
// # Forgery protection and WebSockets
//
// CORS only decides what a page on another origin may read. With
// Config.ForgeryProtection the same origins decide who may send: an
// unsafe-method request that a browser marks cross-origin, from an origin
// the policy does not allow, is answered 403 before the application runs
// (the verdicts of net/http's CrossOriginProtection, with the policy's
// origins as its trusted ones; see Policy.CrossOriginProtection to seed one
// from the policy). Policy.CheckOrigin applies the same origins to WebSocket
// handshakes, which CORS does not cover: it is gorilla/websocket's
// Upgrader.CheckOrigin. Neither covers GET handlers with side effects, nor
// clients that send neither Sec-Fetch-Site nor Origin.
//
// # Writing an adapter
//
// Adapters for other frameworks are supported: they describe each request
// with package github.com/originguard/cors/core/adapter, call
// Policy.Evaluate, which writes the response's headers while the request is
// in hand, and answer or call the next handler as the Decision says; the
// adapter package's documentation gives the steps. Evaluate, Decision and
// the adapter package follow the module's semantic versioning like every
// exported name.
//
// Hold an adapter to the same behaviour as the shipped ones with the
// conformance kit, a published module that requires only this one
// (go get github.com/originguard/cors/conformance): give conformance.Run a
// conformance.Harness whose Mount builds the kit's fixture application
// around the adapter's middleware for a policy (conformance.Fixture builds
// it for routers on net/http handlers), and call conformance.Run(t, harness)
// from a test. The adapters in this repository, each a few dozen lines, are
// the examples to copy; their harnesses are in the repository's
// conformance/stacks directory.
//
// # Bounds
//
// Evaluate does not allocate (but for the one backing array of the values it
// writes into an http.Header, so that no slice is shared between responses)
// and does a bounded amount of work per request:
// Access-Control-Request-Headers longer than 4096 bytes or split over more
// than 32 lines is refused before it is parsed, and so is an
// Access-Control-Request-Method longer than 64 bytes;
// Origin values are matched by hash lookups whose cost does not depend on how
// many origins are configured. Under a scoped policy the scope is found by
// hash lookups too, one per segment boundary of the path up to the longest
// prefix and one per label of the host, whatever the number of scopes; the
// path is scanned once for ambiguous readings.
package cors
