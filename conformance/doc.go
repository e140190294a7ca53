// Package conformance is the conformance kit of github.com/originguard/cors:
// the test suite that every adapter of the repository runs, published so
// that an adapter written elsewhere can run it too. It requires nothing but
// the core. It is one table of requests, each checked on the raw response
// (status, every Access-Control-* header, Vary, whether the application
// ran), plus a table of hostile requests, invalid configurations, a
// cache-rule check and a differential test over a socket.
//
// The shape follows testing/slogtest and gocloud's drivertest: a stack
// supplies a Harness, a struct whose Mount builds the fixture application
// (below) with the adapter's middleware for a policy, and calls Run from a
// test. For an adapter of a router built on net/http handlers, Fixture
// builds the whole application:
//
//	func TestConformance(t *testing.T) {
//		conformance.Run(t, conformance.Harness{
//			Name:  "myrouter",
//			Mount: func(p *cors.Policy) http.Handler { return conformance.Fixture(mycors.Middleware(p)) },
//		})
//	}
//
// An adapter of another framework builds the same application with the
// framework's own router, recovery and error idioms, using the Path and
// Header constants, ResourceMethods and ExtensionMethods. The harnesses of
// the six framework stacks this repository ships adapters for (gin, echo v4
// and v5, fiber v2 and v3, chi) are examples of both kinds: they live in the
// repository's conformance/stacks directory, an unpublished module of its
// own, together with the tests that need a framework or a browser.
//
// # The fixture
//
// Every Harness builds the same application, so that responses can be
// compared across stacks. Outermost first:
//
//  1. an outer middleware that sets "Vary: X-Outer" before anything else
//     (the CORS middleware must append to it, never replace it);
//  2. the framework's panic recovery (net/http has none; Fixture uses a
//     minimal equivalent), turning a panic into a 500;
//  3. the CORS middleware, mounted where the adapter documents it (gin
//     engine.Use, echo e.Use or e.Pre, fiber app.Use, chi root r.Use,
//     net/http: wrapping the router);
//  4. an inner middleware that sets "X-Inner: 1", proving the request got
//     past the CORS middleware;
//  5. the routes below, none of them for OPTIONS. Each handler sets
//     "X-App-Ran: 1" before doing anything else (RouteHandler has them for
//     net/http).
//
// Routes (see the Path constants): GET, HEAD, POST, PUT, DELETE and
// PATCH on PathResource answer 200 "ok"; GET PathGrouped is registered
// through the framework's route group; GET PathError answers 500 through the
// framework's error idiom (http.Error, c.String, echo.HTTPError,
// fiber.Error); GET PathRedirect answers 302 to PathResource; GET
// PathPanic panics. Every other path is the router's
// 404.
//
// A framework that refuses unknown methods before any middleware runs must
// be set to accept ExtensionMethods (fiber answers 400, v3 501, to a
// method outside fiber.Config.RequestMethods), so that the cases' requests
// reach the middleware as on every other stack.
//
// The case table's requests are handed to the application's ServeHTTP
// directly, never over a socket, so that the middleware sees bytes (NUL,
// CR, LF) that an HTTP server would reject before any handler runs. A
// harness for a framework that is not built on net/http converts each
// request into the framework's own request type and back (the repository's
// fiber harnesses do so for fasthttp.RequestCtx).
//
// # Over the wire, and between requests
//
// Run also sends raw request bytes over a 127.0.0.1 socket to the stack's
// own HTTP server (Harness.Listen for fasthttp, net/http's server otherwise)
// and to net/http's, and compares the answers (the differential test): a
// fixed list of regressions (whitespace around values, chunked trailers,
// Unicode-folded header names, obs-fold, pipelining) and a seeded corpus of
// mutated requests (duplicates, casing, whitespace, obs-fold, NUL, CR and
// non-ASCII bytes, 100 kB values, null, IDN, IPv6, default ports, trailers,
// pipelined pairs), DifferentialSize of them; requests a server's parser
// refuses before any middleware (400, 431, …) are listed per stack, not
// compared. Raise DifferentialSize for a longer run (the repository's stack
// suite has a flag for it: go test -run 'TestConformance_.*/differential'
// -differential.n=20000 in conformance/stacks). It checks the cache rule on request groups that
// differ only in their Origin lines, and that invalid configurations are
// refused when the stack is built.
//
// # Reports
//
// Run fails a case when the response breaks the expectation written in the
// case (each case names the rules it checks, written down in the
// repository's docs/behaviour.md:
// https://github.com/originguard/cors/blob/main/docs/behaviour.md): the status, whether the application ran and whether the
// request got past the middleware, every Access-Control-* header
// (single-valued ones as exactly one line, lists compared as sets), Vary
// (the outer value first, then exactly the expected tokens, once each) and
// an empty body on the middleware's own answers. It also replays every case
// on the net/http reference stack and fails when the adapter's
// Access-Control-* headers or Vary differ; status differences that belong
// to the framework's router (for example 404 versus 405 for an OPTIONS
// request without a route) are logged, not failed. For a stack with its
// own HTTP server (Harness.Listen) it checks that Mount answers every case
// that survives an HTTP/1.1 round trip as the server does on a socket.
//
// # Browsers
//
// Most cases also say what a browser must conclude from the response. The
// kit pins every Access-Control-* header and Vary exactly, so a response
// that passes it is judged by a browser as the reference stack's is; the
// repository's own suite judges every response of every stack with a model
// of the Fetch standard and of Chromium
// (github.com/originguard/cors/corscheck/fetchcheck), and runs the same
// policies in headless Chromium, Firefox and WebKit. That model is not a
// requirement of the kit.
package conformance
