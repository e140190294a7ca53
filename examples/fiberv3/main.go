// Command fiberv3 serves a small API with fiber v3 and originguard/cors.
// The middleware is mounted with app.Use, before routes and groups, so that
// preflights reach it even for paths with no OPTIONS route. Apart from
// fiber's own API, it is the fiber v2 example with one import path changed:
// github.com/originguard/cors/adapters/fiberv3.
package main

import (
	"log"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
)

func newApp() *fiber.App {
	app := fiber.New()
	app.Use(corsfiber.New(corsfiber.Config{ // app.Use, first
		AllowedOrigins:   []string{"https://app.example", "http://localhost:3000"},
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	}))
	api := app.Group("/api")
	api.Put("/items/:id", func(c fiber.Ctx) error {
		return c.JSON(fiber.Map{"id": c.Params("id")})
	})
	return app
}

func main() {
	log.Fatal(newApp().Listen("127.0.0.1:8080"))
}
