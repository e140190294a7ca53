package stacks

import (
	"github.com/originguard/cors/conformance"
	"net"
	"net/http"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/recover"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	cors "github.com/originguard/cors/core"
)

// FiberV3 is the harness of fiber v3: corsfiber.Middleware (of
// adapters/fiberv3) mounted with app.Use, after fiber's recover middleware,
// served through the same in-memory fasthttp bridge as Fiber.
func FiberV3() conformance.Harness {
	h := conformance.Harness{Name: "fiberv3", Mount: func(p *cors.Policy) http.Handler { return fasthttpBridge(newFiberV3App(p).Handler()) }}
	h.Listen = func(ln net.Listener, p *cors.Policy) func() {
		app := newFiberV3App(p)
		go func() { _ = app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) }()
		return func() { _ = app.Shutdown() }
	}
	return h
}

// newFiberV3App builds the fiber v3 fixture application.
func newFiberV3App(p *cors.Policy) *fiber.App {
	// As for fiber v2: fiber answers 400 to a method outside
	// Config.RequestMethods before any middleware runs.
	methods := append(append([]string(nil), fiber.DefaultMethods...), conformance.ExtensionMethods()...)
	app := fiber.New(fiber.Config{RequestMethods: methods})
	app.Use(func(c fiber.Ctx) error {
		c.Set("Vary", conformance.OuterVary)
		return c.Next()
	})
	app.Use(recover.New())
	app.Use(corsfiber.Middleware(p))
	app.Use(func(c fiber.Ctx) error {
		c.Set(conformance.HeaderInner, "1")
		return c.Next()
	})
	ok := func(c fiber.Ctx) error {
		c.Set(conformance.HeaderAppRan, "1")
		return c.SendString("ok")
	}
	app.Add(conformance.ResourceMethods(), conformance.PathResource, ok)
	app.Group("/g").Get("/r", ok)
	app.Get(conformance.PathError, func(c fiber.Ctx) error {
		c.Set(conformance.HeaderAppRan, "1")
		return fiber.NewError(http.StatusInternalServerError, "boom")
	})
	app.Get(conformance.PathPanic, func(c fiber.Ctx) error {
		c.Set(conformance.HeaderAppRan, "1")
		panic("conformance: deliberate panic")
	})
	app.Get(conformance.PathRedirect, func(c fiber.Ctx) error {
		c.Set(conformance.HeaderAppRan, "1")
		return c.Redirect().Status(http.StatusFound).To(conformance.PathResource)
	})
	return app
}
