// Package conformance is the shared test suite that every adapter of
// github.com/originguard/cors runs: one table of requests, each checked on
// the raw response (status, every Access-Control-* header, Vary, whether
// the application ran) and on the verdict a browser would reach
// (github.com/originguard/cors/corscheck/fetchcheck), plus a table of hostile
// requests.
//
// The shape follows testing/slogtest and gocloud's drivertest: a stack
// supplies a Harness, a struct that builds an application for a given
// cors.Config, and calls Run from a test:
//
//	func TestConformance(t *testing.T) {
//		conformance.Run(t, conformance.Gin())
//	}
//
// # The fixture
//
// Every Harness builds the same application, so that responses can be
// compared across stacks. Outermost first:
//
//  1. an outer middleware that sets "Vary: X-Outer" before anything else
//     (the CORS middleware must append to it, never replace it);
//  2. the framework's panic recovery (net/http has none; its harness uses a
//     minimal equivalent), turning a panic into a 500;
//  3. the CORS middleware, mounted where the adapter documents it (gin
//     engine.Use, echo e.Use or e.Pre, fiber app.Use, chi root r.Use,
//     net/http: wrapping the router);
//  4. an inner middleware that sets "X-Inner: 1", proving the request got
//     past the CORS middleware;
//  5. the routes below, none of them for OPTIONS. Each handler sets
//     "X-App-Ran: 1" before doing anything else.
//
// Routes (see the Path constants): GET, HEAD, POST, PUT, DELETE and
// PATCH on PathResource answer 200 "ok"; GET PathGrouped is registered
// through the framework's route group; GET PathError answers 500 through the
// framework's error idiom (http.Error, c.String, echo.HTTPError,
// fiber.Error); GET PathRedirect answers 302 to PathResource; GET
// PathPanic panics. Every other path is the router's
// 404.
//
// Two stacks need a setting to stay uniform with the others: fiber answers
// 400 (v3: 501) before any middleware to a method outside
// fiber.Config.RequestMethods, so its fixtures accept the extension methods
// the cases send; chi's
// Recoverer gets a silent request logger instead of printing stacks.
//
// The case table's requests are handed to the application's ServeHTTP
// directly, never over a socket, so that the middleware sees bytes (NUL,
// CR, LF) that an HTTP server would reject before any handler runs. The
// fiber harnesses convert each request into a fasthttp.RequestCtx and back.
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
// compared. Run `go test -run 'TestConformance_.*/differential' -differential.n=20000` in this
// module for a longer run. It checks the cache rule on request groups that
// differ only in their Origin lines, and that invalid configurations are
// refused when the stack is built.
//
// # Reports
//
// Run fails a case when the response breaks the expectation written in the
// case (each case names the rules of docs/behaviour.md, at the repository's
// root, that it checks): the status, whether the application ran and
// whether the request got past the middleware, every Access-Control-* header (single-valued ones
// as exactly one line, lists compared as sets), Vary (the outer value first,
// then exactly the expected tokens, once each) and an empty body on the
// middleware's own answers. It then judges the response with fetchcheck, under
// both the Fetch standard and Chromium's leniencies, against the verdict the
// case expects; a preflight refused for a method or header must fail on that
// method or header, not on a missing Access-Control-Allow-Origin. It also
// replays every case on the net/http reference stack and fails when the
// adapter's Access-Control-* headers or Vary differ; status
// differences that belong to the framework's router (for example 404 versus
// 405 for an OPTIONS request without a route) are logged, not failed.
//
// # The one oracle
//
// The table is the repository's one statement of expected behaviour across
// stacks; the adapters' own tests keep only what no table can show. The
// module's tests also hold, once for every adapter: its public API (New,
// Middleware, Reconfigure, the zero and nil policy: adapters_test.go), what
// each framework does with the mounts users try (mounts_test.go), the
// fasthttp adapters' header reading and buffer reuse (fasthttp_test.go), and
// what the table covers (coverage_test.go: every ReasonCode, every
// Access-Control-Allow-Headers mode, every configuration error code and
// type, every rule of docs/behaviour.md).
package conformance
