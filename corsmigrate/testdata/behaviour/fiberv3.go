// Package fiberv3 serves fiber v3 CORS configurations, one per entry of Servers.
package fiberv3

import (
	"net"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/cors"
)

func serve(ln net.Listener, mw fiber.Handler) error {
	app := fiber.New()
	app.Use(mw)
	app.All("/", func(c fiber.Ctx) error {
		c.Set("X-Total", "1")
		return c.SendString("ok")
	})
	return app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
}

// Servers serves each configuration on a listener.
var Servers = map[string]func(net.Listener) error{
	"default": func(ln net.Listener) error {
		return serve(ln, cors.New())
	},
	"credentials": func(ln net.Listener) error {
		return serve(ln, cors.New(cors.Config{
			AllowOrigins:     []string{"https://app.example", "https://*.app.example"},
			AllowMethods:     []string{"GET", "PUT"},
			AllowHeaders:     []string{"X-Token", "Content-Type"},
			ExposeHeaders:    []string{"X-Total"},
			AllowCredentials: true,
			MaxAge:           300,
		}))
	},
}
