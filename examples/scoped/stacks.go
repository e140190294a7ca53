package main

import (
	"context"
	"log"
	"net"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	"github.com/labstack/echo/v4"
	corschi "github.com/originguard/cors/adapters/chi"
	corsecho "github.com/originguard/cors/adapters/echo"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// Bodies of the routes.
const (
	bodyPublic = "public items\n"
	bodyAPI    = "api items\n"
	bodyOther  = "other\n"
	bodyTenant = "tenant\n"
)

func put(id string) string    { return "put " + id + "\n" }
func remove(id string) string { return "deleted " + id + "\n" }

// serveHTTP serves h on ln; stop shuts the server down.
func serveHTTP(ln net.Listener, h http.Handler) (stop func()) {
	srv := &http.Server{Handler: h}
	go func() {
		if err := srv.Serve(ln); err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()
	return func() { _ = srv.Shutdown(context.Background()) }
}

// serveNetHTTP: the policy's Handler wraps the whole ServeMux.
func serveNetHTTP(ln net.Listener, p *cors.Policy) func() {
	mux := http.NewServeMux()
	text := func(body func(r *http.Request) string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body(r))) }
	}
	mux.Handle("GET /public/items", text(func(*http.Request) string { return bodyPublic }))
	mux.Handle("GET /api/items", text(func(*http.Request) string { return bodyAPI }))
	mux.Handle("PUT /api/items/{id}", text(func(r *http.Request) string { return put(r.PathValue("id")) }))
	mux.Handle("DELETE /api/items/{id}", text(func(r *http.Request) string { return remove(r.PathValue("id")) }))
	mux.Handle("GET /other", text(func(*http.Request) string { return bodyOther }))
	mux.Handle("GET /t", text(func(*http.Request) string { return bodyTenant }))
	return serveHTTP(ln, p.Handler(mux))
}

// serveGin: engine.Use, before every route.
func serveGin(ln net.Listener, p *cors.Policy) func() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(corsgin.Middleware(p))
	r.GET("/public/items", func(c *gin.Context) { c.String(http.StatusOK, bodyPublic) })
	r.GET("/api/items", func(c *gin.Context) { c.String(http.StatusOK, bodyAPI) })
	r.PUT("/api/items/:id", func(c *gin.Context) { c.String(http.StatusOK, put(c.Param("id"))) })
	r.DELETE("/api/items/:id", func(c *gin.Context) { c.String(http.StatusOK, remove(c.Param("id"))) })
	r.GET("/other", func(c *gin.Context) { c.String(http.StatusOK, bodyOther) })
	r.GET("/t", func(c *gin.Context) { c.String(http.StatusOK, bodyTenant) })
	return serveHTTP(ln, r)
}

// serveEcho: e.Use, for the whole server.
func serveEcho(ln net.Listener, p *cors.Policy) func() {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(corsecho.Middleware(p))
	e.GET("/public/items", func(c echo.Context) error { return c.String(http.StatusOK, bodyPublic) })
	e.GET("/api/items", func(c echo.Context) error { return c.String(http.StatusOK, bodyAPI) })
	e.PUT("/api/items/:id", func(c echo.Context) error { return c.String(http.StatusOK, put(c.Param("id"))) })
	e.DELETE("/api/items/:id", func(c echo.Context) error { return c.String(http.StatusOK, remove(c.Param("id"))) })
	e.GET("/other", func(c echo.Context) error { return c.String(http.StatusOK, bodyOther) })
	e.GET("/t", func(c echo.Context) error { return c.String(http.StatusOK, bodyTenant) })
	return serveHTTP(ln, e)
}

// serveFiber: app.Use, before the routes.
func serveFiber(ln net.Listener, p *cors.Policy) func() {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(corsfiber.Middleware(p))
	app.Get("/public/items", func(c *fiber.Ctx) error { return c.SendString(bodyPublic) })
	app.Get("/api/items", func(c *fiber.Ctx) error { return c.SendString(bodyAPI) })
	app.Put("/api/items/:id", func(c *fiber.Ctx) error { return c.SendString(put(c.Params("id"))) })
	app.Delete("/api/items/:id", func(c *fiber.Ctx) error { return c.SendString(remove(c.Params("id"))) })
	app.Get("/other", func(c *fiber.Ctx) error { return c.SendString(bodyOther) })
	app.Get("/t", func(c *fiber.Ctx) error { return c.SendString(bodyTenant) })
	go func() {
		if err := app.Listener(ln); err != nil {
			log.Fatal(err)
		}
	}()
	return func() { _ = app.Shutdown() }
}

// serveChi: root r.Use, before every route.
func serveChi(ln net.Listener, p *cors.Policy) func() {
	r := chi.NewRouter()
	r.Use(corschi.Middleware(p))
	text := func(body func(r *http.Request) string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body(r))) }
	}
	r.Get("/public/items", text(func(*http.Request) string { return bodyPublic }))
	r.Get("/api/items", text(func(*http.Request) string { return bodyAPI }))
	r.Put("/api/items/{id}", text(func(r *http.Request) string { return put(chi.URLParam(r, "id")) }))
	r.Delete("/api/items/{id}", text(func(r *http.Request) string { return remove(chi.URLParam(r, "id")) }))
	r.Get("/other", text(func(*http.Request) string { return bodyOther }))
	r.Get("/t", text(func(*http.Request) string { return bodyTenant }))
	return serveHTTP(ln, r)
}
