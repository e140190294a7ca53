package corschi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/go-chi/chi/v5"
	corschi "github.com/originguard/cors/adapters/chi"
)

func putItem(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }

// preflight serves, through h, the preflight a browser on origin sends
// before a PUT to path, and describes the answer as the browser sees it.
func preflight(h http.Handler, origin, path string) string {
	req := httptest.NewRequest(http.MethodOptions, path, nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", http.MethodPut)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	allowOrigin, allowMethods := w.Header().Get("Access-Control-Allow-Origin"), w.Header().Get("Access-Control-Allow-Methods")
	if allowOrigin != origin {
		return fmt.Sprintf("%d, PUT blocked (allow-origin %q, allow-methods %q)", w.Code, allowOrigin, allowMethods)
	}
	return fmt.Sprintf("%d, PUT allowed (methods %s)", w.Code, allowMethods)
}

// Mount the middleware on the root router with r.Use, before the routes:
// root middleware runs before chi routes, so preflights are answered for
// every path, including paths without an OPTIONS route (chi would answer
// 405) and paths without any route (404).
func Example_basic() {
	r := chi.NewRouter()
	r.Use(corschi.New(corschi.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	}))
	r.Put("/items/{id}", putItem)

	fmt.Println("app.example, /items/1:", preflight(r, "https://app.example", "/items/1"))
	fmt.Println("evil.example, /items/1:", preflight(r, "https://evil.example", "/items/1"))
	fmt.Println("app.example, /no/such/path:", preflight(r, "https://app.example", "/no/such/path"))
	// Output:
	// app.example, /items/1: 204, PUT allowed (methods PUT)
	// evil.example, /items/1: 403, PUT blocked (allow-origin "", allow-methods "")
	// app.example, /no/such/path: 204, PUT allowed (methods PUT)
}

// The mistake: mounting the middleware in an inline group (r.Group or
// r.With). Its middleware runs only for requests matching one of its
// routes, and there is no OPTIONS route, so chi answers the preflight with
// 405 before the middleware runs, and the browser blocks the PUT. Mount it
// on the root router instead.
func Example_groupIncorrect() {
	mw := corschi.New(corschi.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	})
	r := chi.NewRouter()
	r.Group(func(r chi.Router) {
		r.Use(mw)
		r.Put("/items/{id}", putItem)
	})
	r.With(mw).Put("/orders/{id}", putItem)

	fmt.Println("r.Group:", preflight(r, "https://app.example", "/items/1"))
	fmt.Println("r.With:", preflight(r, "https://app.example", "/orders/1"))
	// Output:
	// r.Group: 405, PUT blocked (allow-origin "", allow-methods "")
	// r.With: 405, PUT blocked (allow-origin "", allow-methods "")
}

// A subrouter (r.Route or r.Mount) is mounted for every method, so its
// middleware does see preflights under its prefix, but not those for paths
// outside it, which the root router answers without CORS headers. The root
// router remains the right place.
func Example_subrouter() {
	r := chi.NewRouter()
	r.Route("/api", func(api chi.Router) {
		api.Use(corschi.New(corschi.Config{
			AllowedOrigins: []string{"https://app.example"},
			AllowedMethods: []string{http.MethodPut},
		}))
		api.Put("/items/{id}", putItem)
	})
	r.Put("/uploads/{id}", putItem)

	fmt.Println("/api/items/1:", preflight(r, "https://app.example", "/api/items/1"))
	fmt.Println("/uploads/1:", preflight(r, "https://app.example", "/uploads/1"))
	// Output:
	// /api/items/1: 204, PUT allowed (methods PUT)
	// /uploads/1: 405, PUT blocked (allow-origin "", allow-methods "")
}
