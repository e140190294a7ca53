// Package corsecho applies a CORS policy from github.com/originguard/cors/core
// to echo v5 (github.com/labstack/echo/v5). It is the echo v4 adapter
// (github.com/originguard/cors/adapters/echo) for echo v5, with the same
// package name and API: moving an application from echo v4 to v5 changes
// only the import path of this package.
//
// # Mount point
//
// Register the middleware for the whole server, with e.Use or e.Pre:
//
//	e := echo.New()
//	e.Use(corsecho.New(corsecho.Config{AllowedOrigins: []string{"https://app.example"}}))
//
// e.Use middleware runs after routing, but echo runs it for every request:
// when no route matches, the chain ends in echo's NotFound handler, when the
// path exists for other methods in its MethodNotAllowed handler, and for an
// OPTIONS request to such a path in echo's own OPTIONS handler (204 with
// Allow). The CORS middleware comes first in that chain, so an OPTIONS
// preflight to a path that has only a GET route, or to a path that does not
// exist, is answered by the policy (status and empty body), and echo's 405
// or Allow answer is never produced for it. e.Pre runs before routing and
// behaves the same; use it if a Pre middleware rewrites paths or methods
// and CORS must see the original request. Both mount points are tested.
//
// # Pitfall: route-level middleware
//
// Middleware given to a route (e.PUT(path, h, mw)) runs only when the route
// matches the request's method. A preflight is an OPTIONS request, so echo
// answers it itself, without CORS headers, and the browser reports a failed
// preflight (see Example_routeIncorrect). Group middleware
// (e.Group("/api", mw)) does see preflights under the group's prefix, because
// echo adds a catch-all route to a group with middleware, but not those for
// other paths; prefer e.Use.
//
// Because the CORS middleware runs before the handler, responses produced
// later — echo.HTTPError values returned by handlers or by an authentication
// middleware mounted after it (401), 404 and 405, http.Error on
// c.Response(), a panic recovered by middleware.Recover — carry the CORS
// headers of an allowed origin. A Vary header set by an outer middleware is
// kept; the policy's Vary tokens are appended.
//
// # Allocation
//
// echo v5 composes its middleware chain once, so a middleware that does
// nothing costs no allocation per request. The policy adds at most one (the
// backing array of the response header values it writes).
//
// The adapter holds no CORS logic: it describes the request to
// cors.Policy.Evaluate and carries out the decision.
//
// # Host and path the policy judges
//
// A scoped policy (cors.NewScoped) judges c.Request().Host and the request's
// URL.Path (with RawPath), as echo routes them; NewVirtualHostHandler
// compares the whole Host value, port included, and a host whose scope would
// depend on the port gets no CORS. echo never takes the host from
// X-Forwarded-Host (IPExtractor governs RealIP only); rule
// scope-host-readings in docs/behaviour.md.
package corsecho
