// Package corschi applies a CORS policy from github.com/originguard/cors/core
// to chi v5 (github.com/go-chi/chi/v5).
//
// # Mount point
//
// Register the middleware on the root router, before any route (chi panics
// when Use follows a route):
//
//	r := chi.NewRouter()
//	r.Use(corschi.New(corschi.Config{AllowedOrigins: []string{"https://app.example"}}))
//
// Root middleware runs before routing, for every request, so a preflight is
// answered by the policy even where no OPTIONS route exists (chi would
// answer 405) or the path does not exist (404).
//
// # Pitfall: inline groups
//
// Middleware of an inline group (r.Group, r.With) runs only for requests
// that match one of the group's routes. A preflight is an OPTIONS request
// with no route, so chi answers it with 405 first and the browser reports a
// failed preflight (see Example_groupIncorrect). A subrouter (r.Route,
// r.Mount) is mounted for every method, so its middleware does see
// preflights under its prefix; the root router is still the right place.
//
// Because the CORS middleware runs first, responses produced later — 404,
// 405, 401 from an authentication middleware, http.Error, a panic recovered
// by middleware.Recoverer mounted after it — carry the CORS headers of an
// allowed origin. A Vary header set by an outer middleware is kept; the
// policy's Vary tokens are appended.
//
// The middleware is the core's net/http handler (cors.Policy.Handler); it
// holds no CORS logic of its own.
//
// # Host and path the policy judges
//
// A scoped policy (cors.NewScoped) judges r.Host and r.URL.Path (with
// r.URL.RawPath), as chi routes and handlers see them. chi does not read
// X-Forwarded-Host: behind a reverse proxy, a middleware that sets r.Host
// from it for trusted proxies only must run before this one, so that the
// policy and the handlers judge the same host (rule scope-host-readings in
// docs/behaviour.md).
package corschi
