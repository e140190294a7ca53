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

	// New builds the fixture application (see the package documentation)
	// with the CORS middleware for cfg mounted at the adapter's documented
	// point. It returns the error of cors.New for an invalid cfg.
	New func(cfg cors.Config) (http.Handler, error)

	// Mount builds the same fixture application around an already-built
	// policy (from cors.New or cors.NewScoped), with the adapter's
	// Middleware at the same point. The scoped cases use it.
	Mount func(p *cors.Policy) http.Handler

	// Listen, if set, serves the fixture application for p on ln with the
	// framework's own HTTP server until stop is called; the differential
	// test sends raw bytes to it. nil means the stack runs on net/http's
	// server (http.Server around Mount), right for every stack built on
	// net/http; a stack with its own server (fasthttp) must set it.
	Listen func(ln net.Listener, p *cors.Policy) (stop func())
}

// withPolicy is the harness whose New builds the policy with cors.New and
// hands it to mount.
func withPolicy(name string, mount func(p *cors.Policy) http.Handler) Harness {
	return Harness{Name: name, Mount: mount, New: func(cfg cors.Config) (http.Handler, error) {
		p, err := cors.New(cfg)
		if err != nil {
			return nil, err
		}
		return mount(p), nil
	}}
}

// Harnesses returns the harnesses of every stack the module ships: net/http,
// gin, echo v4 and v5 (each mounted with e.Use and with e.Pre), fiber v2 and
// v3, and chi.
func Harnesses() []Harness {
	return []Harness{NetHTTP(), Gin(), GinHandler(), Echo(), EchoPre(), EchoV5(), EchoV5Pre(), Fiber(), FiberV3(), Chi()}
}

// outerVary is the fixture's outermost middleware for net/http stacks.
func outerVary(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Vary", OuterVary)
		next.ServeHTTP(w, r)
	})
}

// markInner is the fixture's middleware right after CORS for net/http stacks.
func markInner(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(HeaderInner, "1")
		next.ServeHTTP(w, r)
	})
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
