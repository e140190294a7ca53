// Command echov5 serves a small API with echo v5 and originguard/cors. The
// middleware is mounted with e.Use, so that preflights reach it even for
// paths with no OPTIONS route (e.Pre works too). Apart from echo's own
// API, it is the echo v4 example with one import path changed:
// github.com/originguard/cors/adapters/echov5.
package main

import (
	"log"
	"net/http"
	"time"

	"github.com/labstack/echo/v5"
	corsecho "github.com/originguard/cors/adapters/echov5"
)

func newEcho() *echo.Echo {
	e := echo.New()
	e.Use(corsecho.New(corsecho.Config{ // e.Use: not on a group
		AllowedOrigins:   []string{"https://app.example", "http://localhost:3000"},
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	}))
	api := e.Group("/api")
	api.PUT("/items/:id", func(c *echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"id": c.Param("id")})
	})
	return e
}

func main() {
	log.Fatal(newEcho().Start("127.0.0.1:8080"))
}
