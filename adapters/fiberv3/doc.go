// Package corsfiber applies a CORS policy from github.com/originguard/cors/core
// to fiber v3 (github.com/gofiber/fiber/v3, on fasthttp). It is the fiber v2
// adapter (github.com/originguard/cors/adapters/fiber) for fiber v3, with the
// same package name and API: moving an application from fiber v2 to v3
// changes only the import path of this package.
//
// # Mount point
//
// Register the middleware with app.Use, before the routes:
//
//	app := fiber.New()
//	app.Use(corsfiber.New(corsfiber.Config{AllowedOrigins: []string{"https://app.example"}}))
//
// app.Use middleware runs for every method and path, so a preflight is
// answered by the policy (status, empty body) even where no OPTIONS route
// exists (fiber would answer 405) or the path does not exist (404).
//
// # Pitfall: route-level middleware
//
// A handler given to a route (app.Put(path, mw, h)) runs only for that
// route's method. A preflight is an OPTIONS request, so fiber answers it
// with 405 and the browser reports a failed preflight (see
// Example_routeIncorrect). Middleware given to app.Group("/api", mw) is
// registered for every method and does see preflights under the prefix, but
// not elsewhere; prefer app.Use.
//
// Because the CORS middleware runs first, responses produced later — 404 and
// 405 from the router, fiber.ErrUnauthorized from an authentication
// middleware, fiber.NewError, a panic recovered by the recover middleware
// mounted after it — carry the CORS headers of an allowed origin. A Vary
// header set by an outer middleware is kept; the policy's Vary field is
// added as a separate line.
//
// # Reading the request
//
// One pass over the request headers collects every field line of the CORS
// request headers, as net/http reads them: names matched case-insensitively
// in ASCII only (a long s is not an s); fasthttp's parser has already
// trimmed the values' optional whitespace and joined obs-fold lines.
// fasthttp adds the trailer fields of a chunked body to the request headers;
// for a chunked request the middleware reads the header block as received
// instead, so that trailers are ignored, as net/http ignores them.
//
// # Performance
//
// The middleware does not allocate. The field lines go into a description
// of the request on the stack (adapter.Request), as strings pointing into
// the request's own buffer: the policy reads them only while the middleware
// runs and copies what it logs, so nothing outlives the request. The policy writes the headers straight into the
// fasthttp response header while the request is in hand.
//
// The adapter holds no CORS logic: it describes the request to
// cors.Policy.Evaluate and carries out the decision.
//
// # Host and path the policy judges
//
// A scoped policy (cors.NewScoped) judges c.Host() and c.Path(), what
// handlers see: X-Forwarded-Host only from proxies trusted through
// TrustProxy and TrustProxyConfig, the Host header otherwise. An
// upper-case or trailing-dot forwarded host, or a default port, gets no
// CORS under host scopes (rule scope-host-readings in docs/behaviour.md).
package corsfiber
