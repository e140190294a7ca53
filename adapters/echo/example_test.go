package corsecho_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/labstack/echo/v4"
	corsecho "github.com/originguard/cors/adapters/echo"
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

// Mount the middleware with e.Use (or e.Pre): preflights are answered for
// every path, including paths without an OPTIONS route.
func Example_basic() {
	e := echo.New()
	e.Use(corsecho.New(corsecho.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	}))
	e.PUT("/items/:id", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })

	sendPreflight(e, "https://app.example", "/items/1")
	sendPreflight(e, "https://evil.example", "/items/1")
	sendPreflight(e, "https://app.example", "/no/such/path")
	// Output:
	// 204 allow-origin="https://app.example" allow-methods="PUT"
	// 403 allow-origin="" allow-methods=""
	// 204 allow-origin="https://app.example" allow-methods="PUT"
}

// The mistake: attaching the middleware to routes. Route middleware runs
// only when the route matches the request's method; for OPTIONS on a path
// that has only a PUT route, echo's router answers by itself (204 with an
// Allow header), so the preflight carries no Access-Control-Allow-Origin and
// the browser blocks the PUT. Mount it with e.Use or e.Pre instead. (Group
// middleware, e.Group("/api", mw), does see preflights under its prefix:
// echo adds a catch-all route to a group that has middleware.)
func Example_routeIncorrect() {
	e := echo.New()
	mw := corsecho.New(corsecho.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	})
	e.PUT("/items/:id", func(c echo.Context) error { return c.NoContent(http.StatusNoContent) }, mw)

	sendPreflight(e, "https://app.example", "/items/1")
	// Output:
	// 204 allow-origin="" allow-methods=""
}
