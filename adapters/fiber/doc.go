// Package corsfiber applies a CORS policy from github.com/originguard/cors/core
// to fiber v2 (github.com/gofiber/fiber/v2, on fasthttp).
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
// # Performance
//
// The middleware does not allocate. One pass over the request headers
// collects every field line of the CORS request headers into a description
// of the request on the stack (adapter.Request), as strings pointing into
// the request's own buffer: the policy reads them only while the middleware
// runs and copies what it logs, so nothing outlives the request. The policy writes the headers straight into the
// fasthttp response header while the request is in hand.
//
// # Reading headers like net/http
//
// fasthttp reads requests differently from net/http; the adapter reads the
// CORS request headers as net/http does (adapter.Request.Add), so a
// request gets the same answer on fiber as on the net/http stacks: names
// match ASCII case-insensitively (never by Unicode case folding), whitespace
// around values is ignored, and for a chunked request only the header
// section is read, never the trailer fields fasthttp merges into the
// header. Requests fasthttp itself refuses before any middleware runs (a
// header section over Config.ReadBufferSize gets 431, a folded Origin line
// 400) never reach the policy.
//
// The adapter holds no CORS logic: it describes the request to
// cors.Policy.Evaluate and carries out the decision.
//
// # Host and path the policy judges
//
// A scoped policy (cors.NewScoped) judges c.Hostname() and c.Path(), what
// handlers see. With fiber's defaults c.Hostname() is X-Forwarded-Host
// from any client, so a client chooses the host both the policy and the
// handlers judge; behind a reverse proxy set EnableTrustedProxyCheck and
// TrustedProxies so that only the proxy is believed. fasthttp lowers the
// host's case; an upper-case or trailing-dot X-Forwarded-Host, or a
// default port, gets no CORS under host scopes (rule scope-host-readings
// in docs/behaviour.md).
package corsfiber
