package main

import (
	"log"
	"net"
	"net/http"

	fiberv3 "github.com/gofiber/fiber/v3"
	echov5 "github.com/labstack/echo/v5"
	corsechov5 "github.com/originguard/cors/adapters/echov5"
	corsfiberv3 "github.com/originguard/cors/adapters/fiberv3"
	cors "github.com/originguard/cors/core"
)

// serveEchoV5: e.Use, for the whole server (echo v5).
func serveEchoV5(ln net.Listener, p *cors.Policy) func() {
	e := echov5.New()
	e.Use(corsechov5.Middleware(p))
	e.GET("/public/items", func(c *echov5.Context) error { return c.String(http.StatusOK, bodyPublic) })
	e.GET("/api/items", func(c *echov5.Context) error { return c.String(http.StatusOK, bodyAPI) })
	e.PUT("/api/items/:id", func(c *echov5.Context) error { return c.String(http.StatusOK, put(c.Param("id"))) })
	e.DELETE("/api/items/:id", func(c *echov5.Context) error { return c.String(http.StatusOK, remove(c.Param("id"))) })
	e.GET("/other", func(c *echov5.Context) error { return c.String(http.StatusOK, bodyOther) })
	e.GET("/t", func(c *echov5.Context) error { return c.String(http.StatusOK, bodyTenant) })
	return serveHTTP(ln, e)
}

// serveFiberV3: app.Use, before the routes (fiber v3).
func serveFiberV3(ln net.Listener, p *cors.Policy) func() {
	app := fiberv3.New()
	app.Use(corsfiberv3.Middleware(p))
	app.Get("/public/items", func(c fiberv3.Ctx) error { return c.SendString(bodyPublic) })
	app.Get("/api/items", func(c fiberv3.Ctx) error { return c.SendString(bodyAPI) })
	app.Put("/api/items/:id", func(c fiberv3.Ctx) error { return c.SendString(put(c.Params("id"))) })
	app.Delete("/api/items/:id", func(c fiberv3.Ctx) error { return c.SendString(remove(c.Params("id"))) })
	app.Get("/other", func(c fiberv3.Ctx) error { return c.SendString(bodyOther) })
	app.Get("/t", func(c fiberv3.Ctx) error { return c.SendString(bodyTenant) })
	go func() {
		if err := app.Listener(ln, fiberv3.ListenConfig{DisableStartupMessage: true}); err != nil {
			log.Fatal(err)
		}
	}()
	return func() { _ = app.Shutdown() }
}
