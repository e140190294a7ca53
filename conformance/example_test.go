package conformance_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/originguard/cors/conformance"
	cors "github.com/originguard/cors/core"
)

// An adapter for a router built on net/http handlers mounts its middleware
// in Fixture; here a preflight for a path without any OPTIONS route is
// answered by the middleware, after the outer middleware's Vary.
func ExampleFixture() {
	p := cors.MustNew(cors.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{"PUT"},
	})
	app := conformance.Fixture(p.Handler)
	req := httptest.NewRequest(http.MethodOptions, conformance.PathGrouped, nil)
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Origin"), rec.Header().Values("Vary"))
	// Output: 204 https://app.example [X-Outer Origin, Access-Control-Request-Method, Access-Control-Request-Headers]
}

// An adapter's own test hands Run a Harness that mounts the adapter in the
// fixture application. Here the adapter is the core's own net/http
// middleware, (*cors.Policy).Handler.
//
// This example has no output and is compiled, not run: Run needs the
// *testing.T of a running test, which an example does not have. Put the
// body of conformanceTest in a TestConformance function of a _test.go file.
func ExampleRun() {
	harness := conformance.Harness{
		Name:  "my-adapter",
		Mount: func(p *cors.Policy) http.Handler { return conformance.Fixture(p.Handler) },
	}
	conformanceTest := func(t *testing.T) { conformance.Run(t, harness) }
	_ = conformanceTest
}
