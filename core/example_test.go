package cors_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

func api() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "hello") })
}

// send runs one request through h and prints the status and the
// Access-Control-* headers.
func send(h http.Handler, method, origin string, headers ...string) {
	r := httptest.NewRequest(method, "http://api.example/items", nil)
	r.Header.Set("Origin", origin)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	fmt.Println(w.Code)
	for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age", "Vary"} {
		if v := w.Header().Values(k); len(v) > 0 {
			fmt.Printf("  %s: %s\n", k, strings.Join(v, ", "))
		}
	}
}

// A basic allow-list wrapping the whole net/http server.
func Example_basic() {
	p := cors.MustNew(cors.Config{
		AllowedOrigins: []string{"https://app.example", "https://*.app.example"},
		AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"Content-Type"},
	})
	h := p.Handler(api()) // outermost: preflights reach it for every path
	send(h, "GET", "https://eu.app.example")
	send(h, "GET", "https://evil.example")
	// Output:
	// 200
	//   Access-Control-Allow-Origin: https://eu.app.example
	//   Vary: Origin
	// 200
	//   Vary: Origin
}

// Credentialed requests (cookies) need exact origins; the preflight answer
// carries Access-Control-Allow-Credentials too.
func Example_credentials() {
	p := cors.MustNew(cors.Config{
		AllowedOrigins:   []string{"https://app.example"},
		AllowedMethods:   []string{"PUT", "DELETE"},
		AllowedHeaders:   []string{"Content-Type", "X-CSRF-Token"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	})
	send(p.Handler(api()), "OPTIONS", "https://app.example",
		"Access-Control-Request-Method", "PUT",
		"Access-Control-Request-Headers", "content-type,x-csrf-token")
	// Output:
	// 204
	//   Access-Control-Allow-Origin: https://app.example
	//   Access-Control-Allow-Credentials: true
	//   Access-Control-Allow-Methods: PUT, DELETE
	//   Access-Control-Allow-Headers: content-type, x-csrf-token
	//   Access-Control-Max-Age: 600
	//   Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers
}

// Origins from a database or a tenant list: AllowOriginFunc is consulted
// when the static list does not match. It only ever sees valid serialized
// origins (or "null").
func Example_allowOriginFunc() {
	tenants := map[string]bool{"https://acme.example": true}
	p := cors.MustNew(cors.Config{
		AllowOriginFunc: func(origin string) bool { return tenants[origin] },
	})
	send(p.Handler(api()), "GET", "https://acme.example")
	// Output:
	// 200
	//   Access-Control-Allow-Origin: https://acme.example
	//   Vary: Origin
}

// Reconfigure swaps the policy atomically, for example when an admin adds
// an origin; an invalid configuration leaves the old one in force.
func ExamplePolicy_Reconfigure() {
	p := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://a.example"}})
	h := p.Handler(api())
	if err := p.Reconfigure(cors.Config{AllowedOrigins: []string{"https://a.example", "https://b.example"}}); err != nil {
		fmt.Println(err)
	}
	send(h, "GET", "https://b.example")
	err := p.Reconfigure(cors.Config{AllowedOrigins: []string{"https://B.example/"}})
	fmt.Println(err)
	send(h, "GET", "https://b.example")
	// Output:
	// 200
	//   Access-Control-Allow-Origin: https://b.example
	//   Vary: Origin
	// cors: AllowedOrigins[0] "https://B.example/" is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash); did you mean "https://b.example"?
	// 200
	//   Access-Control-Allow-Origin: https://b.example
	//   Vary: Origin
}

// New reports every problem at once, each a *ConfigError with a stable
// code for errors.Is.
func ExampleNew_errors() {
	_, err := cors.New(cors.Config{
		AllowedOrigins:   []string{"*", "https://*.github.io"},
		AllowCredentials: true,
		AllowedHeaders:   []string{"Cookie"},
		MaxAge:           48 * time.Hour,
	})
	fmt.Println(err)
	var ce *cors.ConfigError
	if errors.As(err, &ce) {
		fmt.Printf("first problem: %s[%d] %q\n", ce.Field, ce.Index, ce.Value)
	}
	fmt.Println("public suffix with credentials:", errors.Is(err, cors.ErrCredentialsPublicSuffix))
	// Output:
	// cors: AllowedOrigins[0] "*" allows every origin and cannot be combined with other entries
	// cors: AllowedOrigins[0] "*" cannot be used with AllowCredentials (browsers reject ACAO * on credentialed requests); list the origins instead
	// cors: AllowedOrigins[1] "https://*.github.io" allows every site under the public suffix github.io and cannot be used with AllowCredentials (set DangerouslyAllowPublicSuffixWildcardsWithCredentials to accept the risk)
	// cors: AllowedHeaders[0] "Cookie" is a forbidden request header that only the browser sets; remove it
	// cors: MaxAge "48h0m0s" exceeds 24h (no browser caches a preflight longer; Chromium stops at 2h)
	// first problem: AllowedOrigins[0] "*"
	// public suffix with credentials: true
}

// Evaluate is the framework-agnostic heart: an adapter describes the
// request, Evaluate writes the headers and says whether to answer now.
func ExamplePolicy_Evaluate() {
	p := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"PUT"}})
	var r adapter.Request // as a framework hands over the header lines
	r.Method = "OPTIONS"
	r.Add("Origin", "https://app.example")
	r.Add("Access-Control-Request-Method", "DELETE")
	h := http.Header{}
	d := p.Evaluate(context.Background(), &r, h)
	fmt.Println(d.Kind, d.Allowed, d.Respond, d.Status, d.Reason)
	fmt.Println(h.Get("Access-Control-Allow-Origin"), h.Get("Access-Control-Allow-Methods"))
	// Output:
	// preflight false true 204 method not allowed: "DELETE"
	// https://app.example PUT
}
