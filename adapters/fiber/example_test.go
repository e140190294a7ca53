package corsfiber_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
)

// sendPreflight sends the preflight a browser sends before a PUT from
// origin to path and prints what the browser would look at.
func sendPreflight(a *fiber.App, origin, path string) {
	req := httptest.NewRequest(http.MethodOptions, path, nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", http.MethodPut)
	res, err := a.Test(req, -1)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer res.Body.Close()
	fmt.Printf("%d allow-origin=%q allow-methods=%q\n", res.StatusCode,
		res.Header.Get("Access-Control-Allow-Origin"), res.Header.Get("Access-Control-Allow-Methods"))
}

func putItem(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) }

// Mount the middleware with app.Use: preflights are answered for every
// path, including paths without an OPTIONS route.
func Example_basic() {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(corsfiber.New(corsfiber.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{fiber.MethodPut},
	}))
	app.Put("/items/:id", putItem)

	sendPreflight(app, "https://app.example", "/items/1")
	sendPreflight(app, "https://evil.example", "/items/1")
	// Output:
	// 204 allow-origin="https://app.example" allow-methods="PUT"
	// 403 allow-origin="" allow-methods=""
}

// The mistake: attaching the middleware to a route. Route handlers run only
// for the route's method; a preflight is an OPTIONS request, so fiber
// answers it with 405 before the middleware runs, and the browser blocks the
// PUT. Mount it with app.Use instead. (Middleware given to app.Group does
// see preflights under the group's prefix: fiber registers it for every
// method.)
func Example_routeIncorrect() {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	mw := corsfiber.New(corsfiber.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{fiber.MethodPut},
	})
	app.Put("/items/:id", mw, putItem)

	sendPreflight(app, "https://app.example", "/items/1")
	// Output:
	// 405 allow-origin="" allow-methods=""
}
