package cors_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

// sendTo runs a GET for target through h and prints the status, the
// Access-Control-Allow-* headers and the decision's reason.
func sendTo(p *cors.Policy, target, origin string) {
	r := httptest.NewRequest("GET", target, nil)
	r.Header.Set("Origin", origin)
	w := httptest.NewRecorder()
	p.Handler(api()).ServeHTTP(w, r)
	fmt.Println(target, "from", origin, w.Code)
	for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials"} {
		if v := w.Header().Get(k); v != "" {
			fmt.Printf("  %s: %s\n", k, v)
		}
	}
	req := adapter.FromHTTP(r)
	fmt.Println("  reason:", p.Evaluate(r.Context(), &req, nil).Reason)
}

// Different policies for different parts of one application, mounted once:
// a public read-only scope, a credentialed API, and no CORS elsewhere.
func ExampleNewScoped() {
	p, err := cors.NewScoped(cors.ScopedConfig{
		Scopes: []cors.Scope{
			{PathPrefix: "/public/", Config: cors.Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}},
			{PathPrefix: "/api/", Config: cors.Config{
				AllowedOrigins:   []string{"https://app.example"},
				AllowCredentials: true,
				AllowedMethods:   []string{"GET", "PUT", "DELETE"},
				AllowedHeaders:   []string{"X-Token"},
				MaxAge:           10 * time.Minute,
			}},
		},
		Default: nil, // no CORS outside the scopes
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	sendTo(p, "http://api.example/public/items", "https://any.example")
	sendTo(p, "http://api.example/api/items", "https://app.example")
	sendTo(p, "http://api.example/admin", "https://app.example")
	// Output:
	// http://api.example/public/items from https://any.example 200
	//   Access-Control-Allow-Origin: *
	//   reason: scope "/public/": every origin is allowed
	// http://api.example/api/items from https://app.example 200
	//   Access-Control-Allow-Origin: https://app.example
	//   Access-Control-Allow-Credentials: true
	//   reason: scope "/api/": origin allowed
	// http://api.example/admin from https://app.example 200
	//   reason: no scope matches the request's host and path (no CORS)
}

// A multi-tenant API: acme.tenant.example allows https://acme.example, and
// no other tenant's front end.
func ExampleConfig_allowOriginRequestFunc() {
	p := cors.MustNewScoped(cors.ScopedConfig{Scopes: []cors.Scope{{
		Host: "*.tenant.example",
		Config: cors.Config{
			AllowCredentials: true,
			AllowOriginRequestFunc: func(origin, host, path string) bool {
				tenant, _, _ := strings.Cut(strings.ToLower(host), ".")
				return origin == "https://"+tenant+".example"
			},
		},
	}}})
	sendTo(p, "http://acme.tenant.example/orders", "https://acme.example")
	sendTo(p, "http://acme.tenant.example/orders", "https://other.example")
	// Output:
	// http://acme.tenant.example/orders from https://acme.example 200
	//   Access-Control-Allow-Origin: https://acme.example
	//   Access-Control-Allow-Credentials: true
	//   reason: scope "*.tenant.example/": origin allowed
	// http://acme.tenant.example/orders from https://other.example 200
	//   reason: scope "*.tenant.example/": origin not allowed: "https://other.example"
}
