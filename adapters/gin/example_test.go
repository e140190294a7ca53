package corsgin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
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

// Mount the middleware on the engine, before the routes: preflights are
// answered for every path, including paths without an OPTIONS route.
func Example_basic() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(corsgin.New(corsgin.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	}))
	r.PUT("/items/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })

	sendPreflight(r, "https://app.example", "/items/1")
	sendPreflight(r, "https://evil.example", "/items/1")
	// Output:
	// 204 allow-origin="https://app.example" allow-methods="PUT"
	// 403 allow-origin="" allow-methods=""
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

	sendPreflight(r, "https://app.example", "/api/items/1")
	// Output:
	// 404 allow-origin="" allow-methods=""
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
