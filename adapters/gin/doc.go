// Package corsgin applies a CORS policy from github.com/originguard/cors/core
// to gin (github.com/gin-gonic/gin).
//
// # Mount point
//
// Register the middleware on the engine, before any route or group:
//
//	r := gin.New()
//	r.Use(corsgin.New(corsgin.Config{AllowedOrigins: []string{"https://app.example"}}))
//
// Call Use before registering routes: gin copies the engine's middleware
// into each route when the route is added.
//
// gin runs engine-level middleware for every request, including requests
// for which no route matches (404) or whose method has no handler (405 when
// HandleMethodNotAllowed is on), so a preflight reaches the middleware
// although no OPTIONS route exists, and is answered with the policy's
// status and an empty body.
//
// # Pitfall: group-level middleware
//
// Middleware attached to a group (r.Group("/api", mw) or g.Use(mw)) runs only
// for requests that match a route of that group. A preflight is an OPTIONS
// request, and there is normally no OPTIONS route, so gin answers it with
// 404 before the group's middleware runs; the browser then reports a failed
// preflight. Use engine.Use instead (see Example_groupIncorrect).
//
// Because the CORS middleware runs first, responses produced later — 404,
// 401 from an authentication middleware, c.AbortWithStatus, c.String with an
// error status, a panic recovered by gin.Recovery mounted after it — carry
// the CORS headers of an allowed origin, so the browser lets the page read
// the error. A Vary header set by an outer middleware is kept; the policy's
// Vary tokens are appended.
//
// # Redirects gin answers itself
//
// Engine middleware sees every request except the ones gin answers before
// running any handler: the trailing-slash redirect (GET /items/ answered
// 301 Location: /items when only /items is routed, 307 for other methods;
// Engine.RedirectTrailingSlash, on by default), the fixed-path redirect
// (Engine.RedirectFixedPath) and "OPTIONS *", which no browser sends. Those
// responses carry no CORS headers, and a browser fails a cross-origin
// redirect without Access-Control-Allow-Origin. If clients may hit them,
// either wrap the whole engine with the policy's net/http middleware
// instead of engine.Use (see Example_redirects):
//
//	policy := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://app.example"}})
//	http.ListenAndServe(addr, policy.Handler(engine))
//
// or turn the redirects off (engine.RedirectTrailingSlash = false,
// engine.RedirectFixedPath = false), so that such paths are the router's
// 404, which the middleware decorates. Do not combine the two mounts.
//
// The adapter holds no CORS logic: it describes the request to
// cors.Policy.Evaluate and carries out the decision.
//
// # Host and path the policy judges
//
// A scoped policy (cors.NewScoped) judges c.Request.Host and the request's
// URL.Path (with RawPath), as gin routes and handlers see them. gin never
// takes the host from X-Forwarded-Host (SetTrustedProxies and
// TrustedPlatform govern ClientIP only); behind a reverse proxy, a
// middleware that sets the host from it for trusted proxies only must run
// before this one (rule scope-host-readings in docs/behaviour.md).
package corsgin
