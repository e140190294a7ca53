package main

import (
	"context"
	"log"
	"net"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/websocket"
	"github.com/labstack/echo/v4"
	corschi "github.com/originguard/cors/adapters/chi"
	corsecho "github.com/originguard/cors/adapters/echo"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

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

// serveNetHTTP: the policy's Handler wraps the whole ServeMux, and the
// WebSocket upgrader checks origins with the same policy.
func serveNetHTTP(ln net.Listener, p *cors.Policy, c *counter) func() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/transfer", func(w http.ResponseWriter, _ *http.Request) {
		c.transfer()
		_, _ = w.Write([]byte(transferred))
	})
	mux.HandleFunc("GET /api/count", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(c.String())) })
	upgrader := websocket.Upgrader{CheckOrigin: p.CheckOrigin}
	mux.HandleFunc("GET /ws", func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil) // answers 403 itself when CheckOrigin refuses
		if err != nil {
			return
		}
		defer func() { _ = conn.Close() }()
		for {
			kind, msg, err := conn.ReadMessage()
			if err != nil || conn.WriteMessage(kind, msg) != nil {
				return
			}
		}
	})
	return serveHTTP(ln, p.Handler(mux))
}

// serveGin: engine.Use, before every route.
func serveGin(ln net.Listener, p *cors.Policy, c *counter) func() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(corsgin.Middleware(p))
	r.POST("/api/transfer", func(ctx *gin.Context) { c.transfer(); ctx.String(http.StatusOK, transferred) })
	r.GET("/api/count", func(ctx *gin.Context) { ctx.String(http.StatusOK, c.String()) })
	return serveHTTP(ln, r)
}

// serveEcho: e.Use, for the whole server.
func serveEcho(ln net.Listener, p *cors.Policy, c *counter) func() {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Use(corsecho.Middleware(p))
	e.POST("/api/transfer", func(ctx echo.Context) error { c.transfer(); return ctx.String(http.StatusOK, transferred) })
	e.GET("/api/count", func(ctx echo.Context) error { return ctx.String(http.StatusOK, c.String()) })
	return serveHTTP(ln, e)
}

// serveFiber: app.Use, before the routes.
func serveFiber(ln net.Listener, p *cors.Policy, c *counter) func() {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(corsfiber.Middleware(p))
	app.Post("/api/transfer", func(ctx *fiber.Ctx) error { c.transfer(); return ctx.SendString(transferred) })
	app.Get("/api/count", func(ctx *fiber.Ctx) error { return ctx.SendString(c.String()) })
	go func() {
		if err := app.Listener(ln); err != nil {
			log.Fatal(err)
		}
	}()
	return func() { _ = app.Shutdown() }
}

// serveChi: root r.Use, before every route.
func serveChi(ln net.Listener, p *cors.Policy, c *counter) func() {
	r := chi.NewRouter()
	r.Use(corschi.Middleware(p))
	r.Post("/api/transfer", func(w http.ResponseWriter, _ *http.Request) { c.transfer(); _, _ = w.Write([]byte(transferred)) })
	r.Get("/api/count", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(c.String())) })
	return serveHTTP(ln, r)
}
