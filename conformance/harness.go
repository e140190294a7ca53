package conformance

import (
	"net"
	"net/http"

	cors "github.com/originguard/cors/core"
)

// Paths of the fixture application (see the package documentation).
const (
	// PathResource answers GET, HEAD, POST, PUT, DELETE and PATCH with 200.
	PathResource = "/r"
	// PathGrouped answers GET with 200 and is registered through a route group.
	PathGrouped = "/g/r"
	// PathError answers GET with 500 through the framework's error idiom.
	PathError = "/err"
	// PathPanic panics on GET; the framework's recovery answers 500.
	PathPanic = "/panic"
	// PathRedirect answers GET with 302 to PathResource.
	PathRedirect = "/redirect"
	// PathMissing has no route: the router answers 404.
	PathMissing = "/missing"
)

// Marker headers set by the fixture.
const (
	// HeaderAppRan is set to "1" by every route handler before it does
	// anything else.
	HeaderAppRan = "X-App-Ran"
	// HeaderInner is set to "1" by the middleware mounted right after the
	// CORS middleware: the request got past CORS.
	HeaderInner = "X-Inner"
	// OuterVary is the Vary value the outermost middleware sets first.
	OuterVary = "X-Outer"
)

// Harness describes one stack (a framework with its adapter) to Run. It is a
// struct so that it can grow fields without breaking implementers.
type Harness struct {
	// Name identifies the stack in reports, e.g. "gin".
	Name string

	// Mount builds the fixture application (see the package documentation)
	// around an already-built policy (from cors.New or cors.NewScoped),
	// with the adapter's middleware for p mounted at the adapter's
	// documented point.
	Mount func(p *cors.Policy) http.Handler

	// New, if set, builds the same fixture application from a
	// configuration through the adapter's own constructor, and returns the
	// error of cors.New for an invalid cfg (where the constructor panics on
	// one, as the frameworks' idiom has it, New recovers the panic and
	// returns its error). nil means cors.New, then Mount.
	New func(cfg cors.Config) (http.Handler, error)

	// Listen, if set, serves the fixture application for p on ln with the
	// framework's own HTTP server until stop is called; the differential
	// test sends raw bytes to it. nil means the stack runs on net/http's
	// server (http.Server around Mount), right for every stack built on
	// net/http; a stack with its own server (fasthttp) must set it.
	Listen func(ln net.Listener, p *cors.Policy) (stop func())
}

// build builds the fixture application for cfg with New, or with cors.New
// and Mount.
func (h Harness) build(cfg cors.Config) (http.Handler, error) {
	if h.New != nil {
		return h.New(cfg)
	}
	p, err := cors.New(cfg)
	if err != nil {
		return nil, err
	}
	return h.Mount(p), nil
}

// okHandler is the fixture's ordinary route handler for net/http stacks.
func okHandler(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set(HeaderAppRan, "1")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok"))
}

// errorHandler answers 500 the net/http way.
func errorHandler(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set(HeaderAppRan, "1")
	http.Error(w, "boom", http.StatusInternalServerError)
}

// redirectHandler answers 302 to PathResource.
func redirectHandler(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(HeaderAppRan, "1")
	http.Redirect(w, r, PathResource, http.StatusFound)
}

// panicHandler panics after marking that it ran.
func panicHandler(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set(HeaderAppRan, "1")
	panic("conformance: deliberate panic")
}

// extensionMethods are the methods beyond the standard ones that the cases
// send: stacks must let them reach the middleware.
var extensionMethods = []string{"Chicken", "options"}

// resourceMethods are the methods routed on PathResource.
var resourceMethods = []string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch,
}
