// Package cors is a CORS policy engine that follows the Fetch standard to the
// letter. It turns a description of a request into a Decision (allowed or
// denied, with a reason; which headers to write; whether to answer now), and
// it serves net/http directly through Policy.Handler. The adapters corsgin,
// corsecho, corsfiber and corschi apply the same engine to their frameworks.
//
// # Rules of use
//
//   - Mount the middleware once, outermost: before routing, authentication,
//     rate limiting and CSRF checks. Preflights carry no credentials and
//     often target paths without an OPTIONS route; a middleware mounted on a
//     route group never sees them, and the browser reports a CORS error.
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
//   - Vary is appended to, never overwritten: Origin on every response whose
//     headers depend on it (all of them unless AllowedOrigins is "*"), plus
//     Access-Control-Request-Method and -Headers (and -Private-Network when
//     enabled) on every OPTIONS response.
//   - Configuration mistakes are errors at construction, never surprises at
//     request time: New reports every problem at once; MustNew and the
//     adapters' New panic with the same message.
//
// # Bounds
//
// Evaluate does not allocate and does a bounded amount of work per request:
// Access-Control-Request-Headers longer than MaxRequestHeadersBytes or split
// over more than MaxRequestHeadersLines lines is refused before it is parsed,
// and so is an Access-Control-Request-Method longer than MaxMethodLength;
// Origin values are matched by hash lookups whose cost does not depend on how
// many origins are configured.
package cors
