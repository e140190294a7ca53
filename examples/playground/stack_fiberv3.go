package main

import (
	"context"
	"net"
	"strings"

	"github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	cors "github.com/originguard/cors/core"
)

// fiberV3Stack serves the API with fiber v3; the middleware is mounted with
// app.Use, after the recorder.
func fiberV3Stack(p *cors.Policy, rec *recorder, name string) apiServer {
	app := fiber.New()
	app.Use(rec.fiberV3(p))
	app.Use(corsfiber.Middleware(p))
	for _, m := range apiMethods {
		app.Add([]string{m}, apiPath, func(c fiber.Ctx) error {
			apiHeaders(c, name)
			return c.JSON(reply{Stack: name, Method: c.Method(), Cookie: c.Cookies(cookieName) != "", Custom: c.Get("X-Custom")})
		})
	}
	return fiberV3Server{app}
}

type fiberV3Server struct{ app *fiber.App }

func (s fiberV3Server) Serve(ln net.Listener) error {
	return s.app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
}
func (s fiberV3Server) Shutdown(ctx context.Context) error { return s.app.ShutdownWithContext(ctx) }

// fiberV3 is the recorder as fiber v3 middleware. fasthttp's strings live
// in per-request buffers, so everything recorded is copied.
func (rec *recorder) fiberV3(p *cors.Policy) fiber.Handler {
	return func(c fiber.Ctx) error {
		h := &c.Request().Header
		rec.observe(p, describeFast(h, c.Method()), strings.Clone(c.Path()), strings.Clone(c.Query("probe")))
		return c.Next()
	}
}
