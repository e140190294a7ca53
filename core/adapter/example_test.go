package adapter_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

// middleware is an adapter for a framework on net/http: describe the
// request, let the policy decide and write the headers, then answer or go
// on. (Policy.Handler is exactly this.)
func middleware(p *cors.Policy, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req adapter.Request
		req.ReadHTTP(r)
		if d := p.Evaluate(r.Context(), &req, w.Header()); d.Respond {
			w.WriteHeader(d.Status)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func Example() {
	p := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"PUT"}})
	h := middleware(p, http.NotFoundHandler())
	r := httptest.NewRequest("OPTIONS", "/items/1", nil)
	r.Header.Set("Origin", "https://app.example")
	r.Header.Set("Access-Control-Request-Method", "PUT")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Access-Control-Allow-Methods"))
	// Output: 204 PUT
}

// A server that hands over raw header lines (fasthttp) gives each one to
// Add, which keeps the CORS request headers, whatever their case, and
// ignores the rest.
func ExampleRequest_Add() {
	r := adapter.Request{Method: "OPTIONS", Host: "api.example", Path: "/items"}
	for _, line := range [][2]string{
		{"host", "api.example"},
		{"origin", "https://app.example"},
		{"access-control-request-method", "PUT"},
		{"Access-Control-Request-Headers", "content-type"},
		{"Access-Control-Request-Headers", "x-token"},
	} {
		r.Add(line[0], line[1])
	}
	fmt.Println(r.Lines(adapter.Origin), r.Lines(adapter.RequestHeaders))
	// Output: [https://app.example] [content-type x-token]
}
