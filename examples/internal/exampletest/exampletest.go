// Package exampletest checks that each framework example applies the
// policy its source shows, through the framework's own request handling.
package exampletest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Allowed and Denied are the origins the examples allow and do not allow.
const (
	Allowed = "https://app.example"
	Denied  = "https://evil.example"
	Path    = "/api/items/42" // a PUT route, without an OPTIONS route
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

// Check runs the behaviour every example must show.
func Check(t *testing.T, do Do) {
	t.Helper()
	preflight := func(origin, method string) *http.Response {
		r := httptest.NewRequest(http.MethodOptions, Path, nil)
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", method)
		r.Header.Set("Access-Control-Request-Headers", "content-type,authorization")
		return do(r)
	}
	if res := preflight(Allowed, http.MethodPut); res.StatusCode != http.StatusNoContent ||
		res.Header.Get("Access-Control-Allow-Origin") != Allowed || res.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Errorf("allowed preflight: %d %v", res.StatusCode, res.Header)
	}
	if res := preflight(Denied, http.MethodPut); res.StatusCode != http.StatusForbidden || res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from a disallowed origin: %d %v", res.StatusCode, res.Header)
	}
	// PATCH is not listed: the answer lists what is allowed, never PATCH.
	if res := preflight(Allowed, http.MethodPatch); res.Header.Get("Access-Control-Allow-Methods") == "" ||
		strings.Contains(res.Header.Get("Access-Control-Allow-Methods"), http.MethodPatch) {
		t.Errorf("PATCH preflight: %d %v", res.StatusCode, res.Header)
	}
	for _, origin := range []string{Allowed, Denied} {
		r := httptest.NewRequest(http.MethodPut, Path, nil)
		r.Header.Set("Origin", origin)
		res := do(r)
		want := ""
		if origin == Allowed {
			want = Allowed
		}
		if res.StatusCode != http.StatusOK || res.Header.Get("Access-Control-Allow-Origin") != want {
			t.Errorf("PUT from %s: %d %v", origin, res.StatusCode, res.Header)
		}
	}
}
