package main

import (
	"github.com/go-chi/chi/v5"
	corschi "github.com/originguard/cors/adapters/chi"
	cors "github.com/originguard/cors/core"
)

// chiStack serves the API with chi; the middleware is mounted on the root
// router with r.Use.
func chiStack(p *cors.Policy, rec *recorder, name string) apiServer {
	r := chi.NewRouter()
	r.Use(corschi.Middleware(p))
	for _, m := range apiMethods {
		r.Method(m, apiPath, netHTTPHello(name))
	}
	return newHTTPServer(rec.wrap(p, r))
}
