package corsfiber_test

import (
	"fmt"
	"net/http/httptest"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
)

var putPolicy = corsfiber.Config{
	AllowedOrigins: []string{"https://app.example"},
	AllowedMethods: []string{fiber.MethodPut},
}

// testPreflights runs, with app.Test (fiber's in-memory test server), the
// preflight a browser on origin sends before a PUT to each path, and prints
// one line per path.
func testPreflights(app *fiber.App, origin string, paths ...string) {
	for _, path := range paths {
		req := httptest.NewRequest(fiber.MethodOptions, path, nil)
		req.Header.Set(fiber.HeaderOrigin, origin)
		req.Header.Set(fiber.HeaderAccessControlRequestMethod, fiber.MethodPut)
		res, err := app.Test(req, -1)
		if err != nil {
			fmt.Println(path, err)
			continue
		}
		res.Body.Close()
		fmt.Printf("%s from %s: %d allow-origin=%q allow-methods=%q\n", path, origin, res.StatusCode,
			res.Header.Get(fiber.HeaderAccessControlAllowOrigin), res.Header.Get(fiber.HeaderAccessControlAllowMethods))
	}
}

func putItem(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) }

// Mount the middleware with app.Use, before the routes: app.Use middleware
// runs for every method and path, so preflights are answered for every
// path, including paths without an OPTIONS route (fiber would answer 405)
// and paths without any route (404).
func Example_basic() {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(corsfiber.New(putPolicy))
	app.Put("/items/:id", putItem)

	testPreflights(app, "https://app.example", "/items/1", "/no/such/path")
	testPreflights(app, "https://evil.example", "/items/1")
	// Output:
	// /items/1 from https://app.example: 204 allow-origin="https://app.example" allow-methods="PUT"
	// /no/such/path from https://app.example: 204 allow-origin="https://app.example" allow-methods="PUT"
	// /items/1 from https://evil.example: 403 allow-origin="" allow-methods=""
}

// The mistake: attaching the middleware to a route. Route handlers run only
// for the route's method; a preflight is an OPTIONS request, so fiber
// answers it with 405 before the middleware runs, and the browser blocks the
// PUT. Mount it with app.Use instead.
func Example_routeIncorrect() {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Put("/items/:id", corsfiber.New(putPolicy), putItem)

	testPreflights(app, "https://app.example", "/items/1")
	// Output:
	// /items/1 from https://app.example: 405 allow-origin="" allow-methods=""
}

// Middleware given to app.Group is registered for every method under the
// group's prefix, so it does see the preflights there, but not those for
// paths outside the group, which fiber answers 405 without CORS headers.
// app.Use covers both.
func Example_group() {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	api := app.Group("/api", corsfiber.New(putPolicy))
	api.Put("/items/:id", putItem)
	app.Put("/uploads/:id", putItem)

	testPreflights(app, "https://app.example", "/api/items/1", "/uploads/1")
	// Output:
	// /api/items/1 from https://app.example: 204 allow-origin="https://app.example" allow-methods="PUT"
	// /uploads/1 from https://app.example: 405 allow-origin="" allow-methods=""
}
