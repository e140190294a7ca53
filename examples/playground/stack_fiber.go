package main

import (
	"context"
	"net"
	"strings"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
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
		rec.observe(p, describeFast(h, c.Method()), strings.Clone(c.Path()), strings.Clone(c.Query("probe")))
		return c.Next()
	}
}

// describeFast copies the CORS request headers of h into a description
// of the request.
func describeFast(h *fasthttp.RequestHeader, method string) adapter.Request {
	req := adapter.Request{Method: strings.Clone(method)}
	for _, name := range []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers", "Access-Control-Request-Private-Network"} {
		for _, v := range h.PeekAll(name) {
			req.Add(name, string(v))
		}
	}
	return req
}
