package conformance

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	corschi "github.com/originguard/cors/adapters/chi"
	cors "github.com/originguard/cors/core"
)

// Chi is the harness of chi v5: corschi.Middleware mounted with r.Use on the
// root router, after chi's Recoverer.
func Chi() Harness {
	return withPolicy("chi", mountChi)
}

func mountChi(p *cors.Policy) http.Handler {
	r := chi.NewRouter()
	// The request logger gives Recoverer a log entry to report panics to,
	// instead of printing the stack on stderr for every deliberate panic.
	r.Use(outerVary, middleware.RequestLogger(quietLog{}), middleware.Recoverer, corschi.Middleware(p), markInner)
	for _, m := range resourceMethods {
		r.MethodFunc(m, PathResource, okHandler)
	}
	r.Route("/g", func(g chi.Router) { g.Get("/r", okHandler) })
	r.Get(PathError, errorHandler)
	r.Get(PathPanic, panicHandler)
	r.Get(PathRedirect, redirectHandler)
	return r
}

// quietLog is a chi LogFormatter that records nothing.
type quietLog struct{}

func (quietLog) NewLogEntry(*http.Request) middleware.LogEntry   { return quietLog{} }
func (quietLog) Write(int, int, http.Header, time.Duration, any) {}
func (quietLog) Panic(any, []byte)                               {}
