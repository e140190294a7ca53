package examples_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	cors "github.com/originguard/cors/core"
)

// Wrap the outermost handler with Policy.Handler: preflights are answered
// for every path, even those with no OPTIONS route.
func Example() {
	mux := http.NewServeMux()
	mux.HandleFunc("PUT /api/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "item %s updated", r.PathValue("id"))
	})
	policy, err := cors.New(cors.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
		AllowedHeaders: []string{"Content-Type"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	handler := policy.Handler(mux)

	preflight := httptest.NewRequest(http.MethodOptions, "/api/items/42", nil)
	preflight.Header.Set("Origin", "https://app.example")
	preflight.Header.Set("Access-Control-Request-Method", "PUT")
	w := httptest.NewRecorder()
	handler.ServeHTTP(w, preflight)
	fmt.Println(w.Code, w.Header().Get("Access-Control-Allow-Origin"), w.Header().Get("Access-Control-Allow-Methods"))
	// Output: 204 https://app.example PUT
}

// Configuration mistakes are reported together, each with its fix.
func Example_configErrors() {
	_, err := cors.New(cors.Config{
		AllowedOrigins:   []string{"https://App.example/", "*"},
		AllowCredentials: true,
	})
	fmt.Println(err)
	// Output:
	// cors: AllowedOrigins[0] "https://App.example/" is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash); did you mean "https://app.example"?
	// cors: AllowedOrigins[1] "*" allows every origin and cannot be combined with other entries
	// cors: AllowedOrigins[1] "*" cannot be used with AllowCredentials (browsers reject ACAO * on credentialed requests); list the origins instead
}
