package corsecho_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"

	"github.com/labstack/echo/v5"
	corsecho "github.com/originguard/cors/adapters/echov5"
)

// fromBrowser sends a request to the server at base as a browser on origin
// would, with the extra header pairs, over a real connection, and prints
// the status and the response's Allow and Access-Control-* headers.
func fromBrowser(base, method, path, origin string, headerPairs ...string) {
	req, err := http.NewRequest(method, base+path, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	req.Header.Set("Origin", origin)
	for i := 0; i+1 < len(headerPairs); i += 2 {
		req.Header.Set(headerPairs[i], headerPairs[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	res.Body.Close()
	var names []string
	for name := range res.Header {
		if name == "Allow" || strings.HasPrefix(name, "Access-Control-") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	fmt.Printf("%s %s from %s: %d\n", method, path, origin, res.StatusCode)
	for _, name := range names {
		fmt.Printf("  %s: %s\n", name, res.Header.Get(name))
	}
}

// Moving from echo v4 to v5 changes one import path, from
// github.com/originguard/cors/adapters/echo to .../adapters/echov5: the
// package name, Config, New and the mount points stay the same, and only
// the handlers change, to echo v5's *echo.Context. Mount the middleware
// with e.Use (or e.Pre): preflights are answered for every path, including
// paths without an OPTIONS route.
func Example_basic() {
	e := echo.New()
	e.Use(corsecho.New(corsecho.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
	}))
	e.PUT("/items/:id", func(c *echo.Context) error { return c.NoContent(http.StatusNoContent) })
	srv := httptest.NewServer(e)
	defer srv.Close()

	for _, origin := range []string{"https://app.example", "https://evil.example"} {
		fromBrowser(srv.URL, http.MethodOptions, "/items/1", origin, "Access-Control-Request-Method", http.MethodPut)
	}
	fromBrowser(srv.URL, http.MethodOptions, "/no/such/path", "https://app.example", "Access-Control-Request-Method", http.MethodPut)
	// Output:
	// OPTIONS /items/1 from https://app.example: 204
	//   Access-Control-Allow-Methods: PUT
	//   Access-Control-Allow-Origin: https://app.example
	// OPTIONS /items/1 from https://evil.example: 403
	// OPTIONS /no/such/path from https://app.example: 204
	//   Access-Control-Allow-Methods: PUT
	//   Access-Control-Allow-Origin: https://app.example
}

// An *echo.HTTPError returned after the middleware (here by the handler;
// likewise by an authentication middleware mounted after it) is written by
// echo's error handler into the same response, so it keeps the CORS
// headers and the page can read the 401. With credentials the origin is
// echoed and Access-Control-Allow-Credentials is sent.
func Example_credentials() {
	withCookies := corsecho.Config{
		AllowedOrigins:   []string{"https://app.example"},
		AllowedHeaders:   []string{"Authorization"},
		AllowCredentials: true,
	}
	e := echo.New()
	e.Use(corsecho.New(withCookies))
	e.GET("/me", func(c *echo.Context) error {
		if c.Request().Header.Get("Authorization") == "" {
			return echo.ErrUnauthorized
		}
		return c.String(http.StatusOK, "me")
	})
	srv := httptest.NewServer(e)
	defer srv.Close()

	fromBrowser(srv.URL, http.MethodGet, "/me", "https://app.example")
	// Output:
	// GET /me from https://app.example: 401
	//   Access-Control-Allow-Credentials: true
	//   Access-Control-Allow-Origin: https://app.example
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
	e.PUT("/items/:id", func(c *echo.Context) error { return c.NoContent(http.StatusNoContent) }, mw)
	srv := httptest.NewServer(e)
	defer srv.Close()

	fromBrowser(srv.URL, http.MethodOptions, "/items/1", "https://app.example", "Access-Control-Request-Method", http.MethodPut)
	// Output:
	// OPTIONS /items/1 from https://app.example: 204
	//   Allow: OPTIONS, PUT
}
