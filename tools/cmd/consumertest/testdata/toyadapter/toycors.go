// Package toycors is a toy CORS adapter for routers built on net/http
// handlers, written the way an adapter outside the originguard/cors
// repository is: on the core's public API only.
package toycors

import (
	"net/http"

	cors "github.com/originguard/cors/core"
)

// New builds the policy for cfg and returns its middleware, or the error of
// cors.New.
func New(cfg cors.Config) (func(http.Handler) http.Handler, error) {
	p, err := cors.New(cfg)
	if err != nil {
		return nil, err
	}
	return Middleware(p), nil
}

// Middleware applies p in front of the handler it wraps: mount it around
// the whole router, so that preflights reach it whatever the routes.
func Middleware(p *cors.Policy) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return p.Handler(next) }
}
