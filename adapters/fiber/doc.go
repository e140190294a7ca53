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
// The middleware does not allocate. Every field line of the CORS request
// headers is read with fasthttp's PeekAll and passed to the policy as a
// string pointing into the request's own buffer (never retained after the
// middleware returns; New gives the policy's Logger copies of the strings it
// logs, so a handler that keeps records is safe); the headers are written straight into the fasthttp
// response header. With fiber's default header normalization, header names
// are matched case-insensitively; with DisableHeaderNormalizing, clients
// must send the canonical names (Origin, Access-Control-Request-Method, …).
//
// The adapter holds no CORS logic: it describes the request to
// cors.Policy.Evaluate and carries out the decision.
package corsfiber
