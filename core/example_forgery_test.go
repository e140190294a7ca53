package cors_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	cors "github.com/originguard/cors/core"
)

// Forgery protection refuses the form post a page on another site makes a
// browser send, before the handler runs, and lets the allowed origin and
// the server's own pages through.
func ExampleConfig_forgeryProtection() {
	policy := cors.MustNew(cors.Config{
		AllowedOrigins:    []string{"https://app.example"},
		AllowCredentials:  true,
		AllowedMethods:    []string{"GET", "POST", "PUT", "DELETE"},
		ForgeryProtection: true,
	})
	transfers := 0
	h := policy.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { transfers++ }))
	for _, from := range []struct{ origin, site string }{
		{"https://evil.example", "cross-site"},
		{"https://app.example", "cross-site"},
		{"https://api.example", "same-origin"},
	} {
		r := httptest.NewRequest("POST", "https://api.example/transfer", nil)
		r.Header.Set("Origin", from.origin)
		r.Header.Set("Sec-Fetch-Site", from.site)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(from.origin, w.Code)
	}
	fmt.Println("transfers:", transfers)
	// Output:
	// https://evil.example 403
	// https://app.example 200
	// https://api.example 200
	// transfers: 2
}

// CheckOrigin is gorilla/websocket's Upgrader.CheckOrigin:
//
//	upgrader := websocket.Upgrader{CheckOrigin: policy.CheckOrigin}
func ExamplePolicy_CheckOrigin() {
	policy := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://app.example", "https://*.app.example"}})
	for _, origin := range []string{"https://app.example", "https://eu.app.example", "https://api.example", "https://evil.example", "null"} {
		r := httptest.NewRequest("GET", "https://api.example/ws", nil)
		r.Header.Set("Origin", origin)
		fmt.Println(origin, policy.CheckOrigin(r))
	}
	// Output:
	// https://app.example true
	// https://eu.app.example true
	// https://api.example true
	// https://evil.example false
	// null false
}

// An application that keeps net/http's protection builds it from the
// policy; the error names what net/http cannot express.
func ExamplePolicy_CrossOriginProtection() {
	policy := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://app.example", "https://*.app.example"}})
	protection, err := policy.CrossOriginProtection()
	fmt.Println(err)
	r := httptest.NewRequest("POST", "https://api.example/transfer", nil)
	r.Header.Set("Origin", "https://app.example")
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	fmt.Println(protection.Check(r))
	// Output:
	// cors: AllowedOrigins entry "https://*.app.example" is a pattern; net/http's CrossOriginProtection trusts exact origins only
	// <nil>
}
