package conformance_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/originguard/cors/conformance"
	cors "github.com/originguard/cors/core"
)

// Every stack the module ships has a harness.
func ExampleHarnesses() {
	for _, h := range conformance.Harnesses() {
		fmt.Println(h.Name)
	}
	// Output:
	// net/http
	// gin
	// gin-handler
	// echo
	// echo-pre
	// echov5
	// echov5-pre
	// fiber
	// fiberv3
	// chi
}

// A harness builds the fixture application for a policy; here a preflight
// for a path without any OPTIONS route is answered by the gin adapter.
func ExampleGin() {
	app, err := conformance.Gin().New(cors.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{"PUT"},
	})
	if err != nil {
		panic(err)
	}
	req := httptest.NewRequest(http.MethodOptions, conformance.PathGrouped, nil)
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Origin"), rec.Header().Values("Vary")[0])
	// Output: 204 https://app.example X-Outer
}

// A new stack supplies a Harness and calls Run from its own test.
func ExampleRun() {
	harness := conformance.Harness{
		Name: "my-router",
		New: func(cfg cors.Config) (http.Handler, error) {
			// Build the fixture described in the package documentation,
			// with the adapter for cfg mounted at its documented point.
			return conformance.NetHTTP().New(cfg)
		},
	}
	test := func(t *testing.T) { conformance.Run(t, harness) }
	_ = test // in a _test.go file: func TestConformance(t *testing.T) { conformance.Run(t, harness) }
}
