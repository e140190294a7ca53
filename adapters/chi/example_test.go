package corschi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/go-chi/chi/v5"
	corschi "github.com/originguard/cors/adapters/chi"
)

// sendPreflight sends the preflight a browser sends before a PUT from
// origin to path and prints what the browser would look at.
func sendPreflight(h http.Handler, origin, path string) {
	req := httptest.NewRequest(http.MethodOptions, path, nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", http.MethodPut)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	fmt.Printf("%d allow-origin=%q allow-methods=%q\n", w.Code,
		w.Header().Get("Access-Control-Allow-Origin"), w.Header().Get("Access-Control-Allow-Methods"))
}

func putItem(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }

// Mount the middleware on the root router with r.Use: preflights are
// answered for every path, including paths without an OPTIONS route.
func Example_basic() {
	r := chi.NewRouter()
	r.Use(corschi.New(corschi.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	}))
	r.Put("/items/{id}", putItem)

	sendPreflight(r, "https://app.example", "/items/1")
	sendPreflight(r, "https://evil.example", "/items/1")
	// Output:
	// 204 allow-origin="https://app.example" allow-methods="PUT"
	// 403 allow-origin="" allow-methods=""
}

// The mistake: mounting the middleware in an inline group (r.Group or
// r.With). Its middleware runs only for requests matching one of its
// routes, and there is no OPTIONS route, so chi answers the preflight with
// 405 before the middleware runs, and the browser blocks the PUT. Mount it
// on the root router instead.
func Example_groupIncorrect() {
	r := chi.NewRouter()
	r.Group(func(r chi.Router) {
		r.Use(corschi.New(corschi.Config{
			AllowedOrigins: []string{"https://app.example"},
			AllowedMethods: []string{http.MethodPut},
		}))
		r.Put("/items/{id}", putItem)
	})

	sendPreflight(r, "https://app.example", "/items/1")
	// Output:
	// 405 allow-origin="" allow-methods=""
}
