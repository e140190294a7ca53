// Package exampletest checks that each framework example applies the
// policy its source shows, through the framework's own request handling.
package exampletest

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Allowed is an origin every example allows; Path is a PUT route of every
// example, without an OPTIONS route.
const (
	Allowed = "https://app.example"
	Path    = "/api/items/42"
)

// Do sends a request to the example's handler and returns the response.
type Do func(r *http.Request) *http.Response

// Handler adapts an http.Handler to Do.
func Handler(h http.Handler) Do {
	return func(r *http.Request) *http.Response {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result()
	}
}

// Check checks that the example mounts its policy where every request
// reaches it (mount-before-routing in docs/behaviour.md): the preflight for
// a PUT to Path, which has no OPTIONS route, is answered by the middleware
// and the PUT reaches its route, both with the CORS headers. What a policy
// answers is the conformance suite's business.
func Check(t *testing.T, do Do) {
	t.Helper()
	preflight := httptest.NewRequest(http.MethodOptions, Path, nil)
	preflight.Header.Set("Origin", Allowed)
	preflight.Header.Set("Access-Control-Request-Method", http.MethodPut)
	if res := do(preflight); res.StatusCode/100 != 2 || res.Header.Get("Access-Control-Allow-Origin") != Allowed {
		t.Errorf("preflight for PUT %s: %d %v, want it answered by the middleware", Path, res.StatusCode, res.Header)
	}
	put := httptest.NewRequest(http.MethodPut, Path, nil)
	put.Header.Set("Origin", Allowed)
	if res := do(put); res.StatusCode != http.StatusOK || res.Header.Get("Access-Control-Allow-Origin") != Allowed {
		t.Errorf("PUT %s: %d %v, want the route's answer with the CORS headers", Path, res.StatusCode, res.Header)
	}
}
