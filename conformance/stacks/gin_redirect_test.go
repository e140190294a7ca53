package stacks

import (
	"github.com/originguard/cors/conformance"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// TestGinRedirects checks what corsgin documents about the redirects gin
// answers itself (trailing slash, fixed path), before engine middleware
// runs (every-response-decorated, redirect-chains): with engine.Use they
// carry no CORS headers, so the browser fails the redirect; wrapped by
// Policy.Handler the engine's redirects carry them; with gin's redirects
// turned off the request is the router's 404, decorated.
func TestGinRedirects(t *testing.T) {
	p := cors.MustNew(cors.Config{AllowedOrigins: []string{oApp}, AllowedMethods: []string{http.MethodPut}})
	routes := func(e *gin.Engine) *gin.Engine {
		e.GET(conformance.PathResource, func(c *gin.Context) { c.String(http.StatusOK, "ok") })
		e.PUT(conformance.PathResource, func(c *gin.Context) { c.String(http.StatusOK, "ok") })
		return e
	}
	engineUse := func(redirects bool) http.Handler {
		e := newGinEngine()
		e.RedirectTrailingSlash, e.RedirectFixedPath = redirects, redirects
		e.Use(corsgin.Middleware(p))
		return routes(e)
	}
	stacks := []struct {
		name     string
		h        http.Handler
		decorate bool // the redirect or 404 carries ACAO
	}{
		{"engine.Use (gin's redirects skip the middleware)", engineUse(true), false},
		{"Policy.Handler around the engine", p.Handler(routes(newGinEngine())), true},
		{"engine.Use, gin's redirects off", engineUse(false), true},
	}
	for _, s := range stacks {
		for _, r := range []struct{ method, path string }{{http.MethodGet, conformance.PathResource + "/"}, {http.MethodPut, conformance.PathResource + "/"}, {http.MethodGet, "/R"}} {
			req := httptest.NewRequest(r.method, r.path, nil)
			req.Header.Set(hOrigin, oApp)
			w := httptest.NewRecorder()
			s.h.ServeHTTP(w, req)
			acao := w.Header().Get(hACAO)
			t.Logf("%s: %s %s -> %d %s ACAO %q", s.name, r.method, r.path, w.Code, w.Header().Get("Location"), acao)
			if (acao == oApp) != s.decorate {
				t.Errorf("%s: %s %s answered %d with ACAO %q, want ACAO %v", s.name, r.method, r.path, w.Code, acao, s.decorate)
			}
		}
	}
}
