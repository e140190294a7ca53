package conformance

import (
	"net/http"
	"slices"

	cors "github.com/originguard/cors/core"
)

// NetHTTP is the harness of the plain net/http stack: the policy's
// (*cors.Policy).Handler in Fixture. It is the reference every other stack
// is compared with.
func NetHTTP() Harness {
	return Harness{Name: "net/http", Mount: func(p *cors.Policy) http.Handler { return Fixture(p.Handler) }}
}

// Fixture is the fixture application of the package documentation on
// net/http, around the CORS middleware mw: OuterMiddleware, a panic
// recovery that answers 500, mw, InnerMiddleware and an http.ServeMux
// routing the paths with RouteHandler. An adapter for a router built on
// net/http handlers can use it as is (Harness.Mount returns
// Fixture(middleware)); one for another framework builds the same
// application with the framework's own router and recovery.
func Fixture(mw func(http.Handler) http.Handler) http.Handler {
	return OuterMiddleware(recoverHTTP(mw(InnerMiddleware(fixtureMux()))))
}

// OuterMiddleware is the fixture's outermost middleware on net/http: it
// sets "Vary: X-Outer" (OuterVary) before anything else runs, so that a
// CORS middleware that replaces Vary instead of appending to it fails.
func OuterMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Vary", OuterVary)
		next.ServeHTTP(w, r)
	})
}

// InnerMiddleware is the fixture's middleware right after the CORS
// middleware on net/http: it sets "X-Inner: 1" (HeaderInner), showing that
// the request got past CORS.
func InnerMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(HeaderInner, "1")
		next.ServeHTTP(w, r)
	})
}

// RouteHandler returns the net/http handler of the fixture's route at path:
// PathResource and PathGrouped answer 200 "ok", PathError 500, PathPanic
// panics and PathRedirect answers 302 to PathResource; each sets
// "X-App-Ran: 1" (HeaderAppRan) first. It returns nil for any other path.
func RouteHandler(path string) http.Handler {
	switch path {
	case PathResource, PathGrouped:
		return http.HandlerFunc(okHandler)
	case PathError:
		return http.HandlerFunc(errorHandler)
	case PathPanic:
		return http.HandlerFunc(panicHandler)
	case PathRedirect:
		return http.HandlerFunc(redirectHandler)
	}
	return nil
}

// ResourceMethods returns the methods the fixture routes on PathResource:
// GET, HEAD, POST, PUT, DELETE and PATCH (the other paths route GET only).
func ResourceMethods() []string { return slices.Clone(resourceMethods) }

// ExtensionMethods returns the methods beyond the standard ones that the
// cases send. A framework that refuses unknown methods before any
// middleware runs (fiber) must be configured to accept them, so that they
// reach the CORS middleware as on every other stack.
func ExtensionMethods() []string { return slices.Clone(extensionMethods) }

// fixtureMux routes the fixture with the Go 1.22 ServeMux patterns. Method
// patterns make the mux answer 405 for other methods, as routers do.
func fixtureMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, m := range resourceMethods {
		if m == http.MethodHead {
			continue // "GET /r" also serves HEAD
		}
		mux.HandleFunc(m+" "+PathResource, okHandler)
	}
	group := http.NewServeMux()
	group.HandleFunc("GET "+PathGrouped, okHandler)
	mux.Handle("/g/", group)
	mux.HandleFunc("GET "+PathError, errorHandler)
	mux.HandleFunc("GET "+PathPanic, panicHandler)
	mux.HandleFunc("GET "+PathRedirect, redirectHandler)
	return mux
}

// recoverHTTP is the minimal panic recovery of the net/http fixture: it
// answers 500, keeping the headers already set, like the frameworks'
// recovery middlewares.
func recoverHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				w.WriteHeader(http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
