package corsfiber_test

import (
	"fmt"

	"github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	"github.com/valyala/fasthttp"
)

// handle runs one request, described by a method, a path and header pairs,
// through the app's fasthttp handler (what app.Listen serves, without the
// network) and returns the response.
func handle(app *fiber.App, method, path string, headerPairs ...string) *fasthttp.Response {
	var ctx fasthttp.RequestCtx
	ctx.Request.Header.SetMethod(method)
	ctx.Request.SetRequestURI(path)
	for i := 0; i+1 < len(headerPairs); i += 2 {
		ctx.Request.Header.Set(headerPairs[i], headerPairs[i+1])
	}
	app.Handler()(&ctx)
	return &ctx.Response
}

// Moving from fiber v2 to v3 changes one import path, from
// github.com/originguard/cors/adapters/fiber to .../adapters/fiberv3: the
// package name, Config, New and the mount point stay the same, and only
// the handlers change, to fiber v3's fiber.Ctx interface. Mount the
// middleware with app.Use: preflights are answered for every path,
// including paths without an OPTIONS route.
func Example_basic() {
	app := fiber.New()
	app.Use(corsfiber.New(corsfiber.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{fiber.MethodPut},
	}))
	app.Put("/items/:id", func(c fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })

	for _, origin := range []string{"https://app.example", "https://evil.example"} {
		res := handle(app, fiber.MethodOptions, "/items/1",
			fiber.HeaderOrigin, origin, fiber.HeaderAccessControlRequestMethod, fiber.MethodPut)
		fmt.Printf("%s: %d %q %q\n", origin, res.StatusCode(),
			res.Header.Peek(fiber.HeaderAccessControlAllowOrigin), res.Header.Peek(fiber.HeaderAccessControlAllowMethods))
	}
	// Output:
	// https://app.example: 204 "https://app.example" "PUT"
	// https://evil.example: 403 "" ""
}

// fiber.ErrUnauthorized returned after the middleware (here by an
// authentication middleware mounted after it; likewise by a handler) is
// written by fiber's error handler into the same response, so it keeps the
// CORS headers and the page can read the 401. With credentials the origin
// is echoed and Access-Control-Allow-Credentials is sent.
func Example_credentials() {
	app := fiber.New()
	app.Use(corsfiber.New(corsfiber.Config{
		AllowedOrigins:   []string{"https://app.example"},
		AllowedHeaders:   []string{"Authorization"},
		AllowCredentials: true,
	}))
	requireAuthorization := func(c fiber.Ctx) error {
		if c.Get(fiber.HeaderAuthorization) == "" {
			return fiber.ErrUnauthorized
		}
		return c.Next()
	}
	app.Use(requireAuthorization)
	app.Get("/me", func(c fiber.Ctx) error { return c.SendString("me") })

	res := handle(app, fiber.MethodGet, "/me", fiber.HeaderOrigin, "https://app.example")
	fmt.Println(res.StatusCode())
	fmt.Println(fiber.HeaderAccessControlAllowOrigin+":", string(res.Header.Peek(fiber.HeaderAccessControlAllowOrigin)))
	fmt.Println(fiber.HeaderAccessControlAllowCredentials+":", string(res.Header.Peek(fiber.HeaderAccessControlAllowCredentials)))
	// Output:
	// 401
	// Access-Control-Allow-Origin: https://app.example
	// Access-Control-Allow-Credentials: true
}

// The mistake: attaching the middleware to a route. Route handlers run only
// for the route's method; a preflight is an OPTIONS request, so fiber
// answers it with 405 before the middleware runs, and the browser blocks the
// PUT. Mount it with app.Use instead. (Middleware given to app.Group does
// see preflights under the group's prefix: fiber registers it for every
// method.)
func Example_routeIncorrect() {
	app := fiber.New()
	mw := corsfiber.New(corsfiber.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{fiber.MethodPut},
	})
	app.Put("/items/:id", mw, func(c fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })

	res := handle(app, fiber.MethodOptions, "/items/1",
		fiber.HeaderOrigin, "https://app.example", fiber.HeaderAccessControlRequestMethod, fiber.MethodPut)
	fmt.Printf("%d %q %q\n", res.StatusCode(),
		res.Header.Peek(fiber.HeaderAccessControlAllowOrigin), res.Header.Peek(fiber.HeaderAccessControlAllowMethods))
	// Output: 405 "" ""
}
