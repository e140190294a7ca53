package corsecho_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/labstack/echo/v4"
	corsecho "github.com/originguard/cors/adapters/echo"
)

func putItem(c echo.Context) error { return c.NoContent(http.StatusNoContent) }

// Mount the middleware for the whole server, with e.Use or e.Pre: either
// way preflights are answered by the policy for every path, including
// paths with no OPTIONS route and paths with no route at all. e.Pre runs
// before routing; choose it when another Pre middleware rewrites the path
// or method and CORS must see the request as the browser sent it.
func Example_basic() {
	cfg := corsecho.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	}
	for _, m := range []struct {
		name  string
		mount func(*echo.Echo, ...echo.MiddlewareFunc)
	}{{"e.Use", (*echo.Echo).Use}, {"e.Pre", (*echo.Echo).Pre}} {
		e := echo.New()
		m.mount(e, corsecho.New(cfg))
		e.PUT("/items/:id", putItem)
		for _, target := range [][2]string{
			{"https://app.example", "/items/1"},
			{"https://evil.example", "/items/1"},
			{"https://app.example", "/no/such/path"},
		} {
			req := httptest.NewRequest(http.MethodOptions, target[1], nil)
			req.Header.Set(echo.HeaderOrigin, target[0])
			req.Header.Set(echo.HeaderAccessControlRequestMethod, http.MethodPut)
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, req)
			fmt.Println(m.name, target[0], target[1], "->", rec.Code,
				rec.Header()[echo.HeaderAccessControlAllowOrigin], rec.Header()[echo.HeaderAccessControlAllowMethods])
		}
	}
	// Output:
	// e.Use https://app.example /items/1 -> 204 [https://app.example] [PUT]
	// e.Use https://evil.example /items/1 -> 403 [] []
	// e.Use https://app.example /no/such/path -> 204 [https://app.example] [PUT]
	// e.Pre https://app.example /items/1 -> 204 [https://app.example] [PUT]
	// e.Pre https://evil.example /items/1 -> 403 [] []
	// e.Pre https://app.example /no/such/path -> 204 [https://app.example] [PUT]
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
	e.PUT("/items/:id", putItem, mw)

	req := httptest.NewRequest(http.MethodOptions, "/items/1", nil)
	req.Header.Set(echo.HeaderOrigin, "https://app.example")
	req.Header.Set(echo.HeaderAccessControlRequestMethod, http.MethodPut)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	fmt.Printf("%d Allow=%q allow-origin=%q allow-methods=%q\n", rec.Code, rec.Header().Get(echo.HeaderAllow),
		rec.Header().Get(echo.HeaderAccessControlAllowOrigin), rec.Header().Get(echo.HeaderAccessControlAllowMethods))
	// Output: 204 Allow="OPTIONS, PUT" allow-origin="" allow-methods=""
}
