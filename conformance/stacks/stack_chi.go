package stacks

import (
	"github.com/originguard/cors/conformance"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	corschi "github.com/originguard/cors/adapters/chi"
	cors "github.com/originguard/cors/core"
)

// Chi is the harness of chi v5: corschi.Middleware mounted with r.Use on the
// root router, after chi's Recoverer.
func Chi() conformance.Harness {
	return conformance.Harness{Name: "chi", Mount: mountChi}
}

func mountChi(p *cors.Policy) http.Handler {
	r := chi.NewRouter()
	// The request logger gives Recoverer a log entry to report panics to,
	// instead of printing the stack on stderr for every deliberate panic.
	r.Use(conformance.OuterMiddleware, middleware.RequestLogger(quietLog{}), middleware.Recoverer, corschi.Middleware(p), conformance.InnerMiddleware)
	for _, m := range conformance.ResourceMethods() {
		r.Method(m, conformance.PathResource, conformance.RouteHandler(conformance.PathResource))
	}
	r.Route("/g", func(g chi.Router) { g.Method(http.MethodGet, "/r", conformance.RouteHandler(conformance.PathGrouped)) })
	for _, path := range []string{conformance.PathError, conformance.PathPanic, conformance.PathRedirect} {
		r.Method(http.MethodGet, path, conformance.RouteHandler(path))
	}
	return r
}

// quietLog is a chi LogFormatter that records nothing.
type quietLog struct{}

func (quietLog) NewLogEntry(*http.Request) middleware.LogEntry   { return quietLog{} }
func (quietLog) Write(int, int, http.Header, time.Duration, any) {}
func (quietLog) Panic(any, []byte)                               {}
