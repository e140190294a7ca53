package main

import (
	"context"
	"net"
	"strings"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
)

// fiberStack serves the API with fiber v2; the middleware is mounted with
// app.Use, after the recorder.
func fiberStack(p *cors.Policy, rec *recorder, name string) apiServer {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Use(rec.fiber(p))
	app.Use(corsfiber.Middleware(p))
	for _, m := range apiMethods {
		app.Add(m, apiPath, func(c *fiber.Ctx) error {
			apiHeaders(c, name)
			return c.JSON(reply{Stack: name, Method: c.Method(), Cookie: c.Cookies(cookieName) != "", Custom: c.Get("X-Custom")})
		})
	}
	return fiberServer{app}
}

type fiberServer struct{ app *fiber.App }

func (s fiberServer) Serve(ln net.Listener) error        { return s.app.Listener(ln) }
func (s fiberServer) Shutdown(ctx context.Context) error { return s.app.ShutdownWithContext(ctx) }

// fiber is the recorder as fiber middleware. fasthttp's strings live in
// per-request buffers, so everything recorded is copied.
func (rec *recorder) fiber(p *cors.Policy) fiber.Handler {
	return func(c *fiber.Ctx) error {
		h := &c.Request().Header
		req := cors.Request{
			Method:                             strings.Clone(c.Method()),
			Origin:                             peekAll(h, "Origin"),
			AccessControlRequestMethod:         peekAll(h, "Access-Control-Request-Method"),
			AccessControlRequestHeaders:        peekAll(h, "Access-Control-Request-Headers"),
			AccessControlRequestPrivateNetwork: peekAll(h, "Access-Control-Request-Private-Network"),
		}
		rec.observe(p, req, strings.Clone(c.Path()), strings.Clone(c.Query("probe")))
		return c.Next()
	}
}

func peekAll(h *fasthttp.RequestHeader, name string) []string {
	var out []string
	for _, v := range h.PeekAll(name) {
		out = append(out, string(v))
	}
	return out
}
