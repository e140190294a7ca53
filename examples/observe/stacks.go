package main

import (
	"context"
	"net"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	fiberv2 "github.com/gofiber/fiber/v2"
	fiberv2adaptor "github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/adaptor"
	echov4 "github.com/labstack/echo/v4"
	"github.com/labstack/echo/v5"
	corschi "github.com/originguard/cors/adapters/chi"
	corsechov4 "github.com/originguard/cors/adapters/echo"
	corsecho "github.com/originguard/cors/adapters/echov5"
	corsfiberv2 "github.com/originguard/cors/adapters/fiber"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// stacks mount the same application on each framework, with the CORS
// middleware at the root, where every request (and every preflight)
// reaches it.
var stacks = map[string]stack{
	"nethttp": func(p *cors.Policy, metrics http.Handler) apiServer {
		mux := http.NewServeMux()
		mux.HandleFunc("GET "+itemsPath, serveItems)
		mux.Handle("GET /metrics", metrics)
		return newHTTPServer(p.Handler(mux))
	},
	"chi": func(p *cors.Policy, metrics http.Handler) apiServer {
		r := chi.NewRouter()
		r.Use(corschi.Middleware(p))
		r.Get(itemsPath, serveItems)
		r.Method(http.MethodGet, "/metrics", metrics)
		return newHTTPServer(r)
	},
	"gin": func(p *cors.Policy, metrics http.Handler) apiServer {
		gin.SetMode(gin.ReleaseMode)
		r := gin.New()
		r.Use(corsgin.Middleware(p))
		r.GET(itemsPath, gin.WrapF(serveItems))
		r.GET("/metrics", gin.WrapH(metrics))
		return newHTTPServer(r)
	},
	"echo": func(p *cors.Policy, metrics http.Handler) apiServer {
		e := echov4.New()
		e.HideBanner, e.HidePort = true, true
		e.Use(corsechov4.Middleware(p))
		e.GET(itemsPath, echov4.WrapHandler(http.HandlerFunc(serveItems)))
		e.GET("/metrics", echov4.WrapHandler(metrics))
		return newHTTPServer(e)
	},
	"echov5": func(p *cors.Policy, metrics http.Handler) apiServer {
		e := echo.New()
		e.Use(corsecho.Middleware(p))
		e.GET(itemsPath, echo.WrapHandler(http.HandlerFunc(serveItems)))
		e.GET("/metrics", echo.WrapHandler(metrics))
		return newHTTPServer(e)
	},
	"fiber": func(p *cors.Policy, metrics http.Handler) apiServer {
		app := fiberv2.New(fiberv2.Config{DisableStartupMessage: true})
		app.Use(corsfiberv2.Middleware(p))
		app.Get(itemsPath, func(c *fiberv2.Ctx) error {
			c.Set("Content-Type", "application/json")
			return c.SendString(items)
		})
		app.Get("/metrics", fiberv2adaptor.HTTPHandler(metrics))
		return fiberV2Server{app}
	},
	"fiberv3": func(p *cors.Policy, metrics http.Handler) apiServer {
		app := fiber.New()
		app.Use(corsfiber.Middleware(p))
		app.Get(itemsPath, func(c fiber.Ctx) error {
			c.Set("Content-Type", "application/json")
			return c.SendString(items)
		})
		app.Get("/metrics", adaptor.HTTPHandler(metrics))
		return fiberV3Server{app}
	},
}

type fiberV2Server struct{ app *fiberv2.App }

func (s fiberV2Server) Serve(ln net.Listener) error        { return s.app.Listener(ln) }
func (s fiberV2Server) Shutdown(ctx context.Context) error { return s.app.ShutdownWithContext(ctx) }

type fiberV3Server struct{ app *fiber.App }

func (s fiberV3Server) Serve(ln net.Listener) error {
	return s.app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
}
func (s fiberV3Server) Shutdown(ctx context.Context) error { return s.app.ShutdownWithContext(ctx) }
