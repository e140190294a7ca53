package corsgin_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
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
