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
func serveEchoV5(ln net.Listener, p *cors.Policy, c *counter) func() {
	e := echov5.New()
	e.Use(corsechov5.Middleware(p))
	e.POST("/api/transfer", func(ctx *echov5.Context) error { c.transfer(); return ctx.String(http.StatusOK, transferred) })
	e.GET("/api/count", func(ctx *echov5.Context) error { return ctx.String(http.StatusOK, c.String()) })
	return serveHTTP(ln, e)
}

// serveFiberV3: app.Use, before the routes (fiber v3).
func serveFiberV3(ln net.Listener, p *cors.Policy, c *counter) func() {
	app := fiberv3.New()
	app.Use(corsfiberv3.Middleware(p))
	app.Post("/api/transfer", func(ctx fiberv3.Ctx) error { c.transfer(); return ctx.SendString(transferred) })
	app.Get("/api/count", func(ctx fiberv3.Ctx) error { return ctx.SendString(c.String()) })
	go func() {
		if err := app.Listener(ln, fiberv3.ListenConfig{DisableStartupMessage: true}); err != nil {
			log.Fatal(err)
		}
	}()
	return func() { _ = app.Shutdown() }
}
