//go:build broken

package toycors_test

import (
	"net/http"
	"testing"

	"github.com/originguard/cors/conformance"
	cors "github.com/originguard/cors/core"
)

// reflectAll is the classic broken CORS middleware: it echoes every Origin,
// with credentials, and answers every OPTIONS request with 204.
func reflectAll(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// The kit must fail it (go test -tags broken -run TestBroken).
func TestBroken(t *testing.T) {
	conformance.Run(t, conformance.Harness{
		Name:  "reflect-all",
		Mount: func(*cors.Policy) http.Handler { return conformance.Fixture(reflectAll) },
	})
}
