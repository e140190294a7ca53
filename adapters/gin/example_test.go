package corsgin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// preflightForPUT is the OPTIONS request a browser on origin sends before
// a PUT to path.
func preflightForPUT(origin, path string) *http.Request {
	req := httptest.NewRequest(http.MethodOptions, path, nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", http.MethodPut)
	return req
}

// Mount the middleware on the engine with engine.Use, before the routes.
// Engine middleware runs for every request, also where gin finds no route:
// the preflights below have no OPTIONS route, and the GET only a PUT route,
// which gin answers 405 with HandleMethodNotAllowed on. The policy answers
// the preflights, and gin's 405 still carries the CORS headers, so the page
// can read the error.
func Example_basic() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(corsgin.New(corsgin.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	}))
	r.PUT("/items/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })

	get := httptest.NewRequest(http.MethodGet, "/items/1", nil)
	get.Header.Set("Origin", "https://app.example")
	for _, req := range []*http.Request{
		preflightForPUT("https://app.example", "/items/1"),
		preflightForPUT("https://evil.example", "/items/1"),
		get,
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		fmt.Printf("%s from %s: %d allow-origin=%q allow-methods=%q\n", req.Method, req.Header.Get("Origin"),
			w.Code, w.Header().Get("Access-Control-Allow-Origin"), w.Header().Get("Access-Control-Allow-Methods"))
	}
	// Output:
	// OPTIONS from https://app.example: 204 allow-origin="https://app.example" allow-methods="PUT"
	// OPTIONS from https://evil.example: 403 allow-origin="" allow-methods=""
	// GET from https://app.example: 405 allow-origin="https://app.example" allow-methods=""
}

// The mistake: mounting the middleware on a group. Group middleware runs
// only for requests that match one of the group's routes, and there is no
// OPTIONS route, so gin answers the preflight with 404 before the middleware
// runs, and the browser blocks the PUT. Mount it with engine.Use instead.
func Example_groupIncorrect() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	api := r.Group("/api", corsgin.New(corsgin.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	}))
	api.PUT("/items/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })

	w := httptest.NewRecorder()
	r.ServeHTTP(w, preflightForPUT("https://app.example", "/api/items/1"))
	fmt.Println(w.Code, w.Header().Values("Access-Control-Allow-Origin"))
	// Output: 404 []
}

// gin answers its trailing-slash redirect before engine middleware runs, so
// with engine.Use the redirect has no CORS headers and the browser fails
// it. Wrapping the whole engine with the policy's net/http middleware
// decorates every response, gin's own redirects included.
func Example_redirects() {
	gin.SetMode(gin.ReleaseMode)
	policy := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://app.example"}})
	r := gin.New()
	r.GET("/items", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	h := policy.Handler(r) // serve h, e.g. http.ListenAndServe(addr, h)

	req := httptest.NewRequest(http.MethodGet, "/items/", nil)
	req.Header.Set("Origin", "https://app.example")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	fmt.Println(w.Code, w.Header().Get("Location"), w.Header().Get("Access-Control-Allow-Origin"))
	// Output: 301 /items https://app.example
}
