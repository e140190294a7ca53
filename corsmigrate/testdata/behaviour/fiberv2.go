// Package fiberv2 serves fiber v2 CORS configurations, one per entry of Servers.
package fiberv2

import (
	"net"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/cors"
)

func serve(ln net.Listener, mw fiber.Handler) error {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(mw)
	app.All("/", func(c *fiber.Ctx) error {
		c.Set("X-Total", "1")
		return c.SendString("ok")
	})
	return app.Listener(ln)
}

// Servers serves each configuration on a listener.
var Servers = map[string]func(net.Listener) error{
	"default": func(ln net.Listener) error {
		return serve(ln, cors.New())
	},
	"credentials": func(ln net.Listener) error {
		return serve(ln, cors.New(cors.Config{
			AllowOrigins:     "https://*.app.example, https://app.example",
			AllowMethods:     "GET,PUT",
			AllowHeaders:     "X-Token, Content-Type",
			ExposeHeaders:    "X-Total",
			AllowCredentials: true,
			MaxAge:           300,
		}))
	},
}
