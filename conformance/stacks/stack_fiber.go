package stacks

import (
	"github.com/originguard/cors/conformance"
	"net"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
)

// Fiber is the harness of fiber v2: corsfiber.Middleware mounted with
// app.Use, after fiber's recover middleware. The returned http.Handler
// copies each request, header lines byte for byte, into a
// fasthttp.RequestCtx, runs the fiber application's handler on it and copies
// status, header lines and body back.
func Fiber() conformance.Harness {
	h := conformance.Harness{Name: "fiber", Mount: func(p *cors.Policy) http.Handler { return fasthttpBridge(newFiberApp(p).Handler()) }}
	h.Listen = func(ln net.Listener, p *cors.Policy) func() {
		app := newFiberApp(p)
		go func() { _ = app.Listener(ln) }()
		return func() { _ = app.Shutdown() }
	}
	return h
}

// newFiberApp builds the fiber fixture application.
func newFiberApp(p *cors.Policy) *fiber.App {
	// Fiber answers 400 to a method outside Config.RequestMethods before
	// any middleware runs; the fixture accepts the extension methods the
	// cases send so that, like every other stack, the request reaches the
	// middleware and the router.
	methods := append(append([]string(nil), fiber.DefaultMethods...), conformance.ExtensionMethods()...)
	app := fiber.New(fiber.Config{DisableStartupMessage: true, RequestMethods: methods})
	app.Use(func(c *fiber.Ctx) error {
		c.Set("Vary", conformance.OuterVary)
		return c.Next()
	})
	app.Use(recover.New())
	app.Use(corsfiber.Middleware(p))
	app.Use(func(c *fiber.Ctx) error {
		c.Set(conformance.HeaderInner, "1")
		return c.Next()
	})
	ok := func(c *fiber.Ctx) error {
		c.Set(conformance.HeaderAppRan, "1")
		return c.SendString("ok")
	}
	for _, m := range conformance.ResourceMethods() {
		app.Add(m, conformance.PathResource, ok)
	}
	app.Group("/g").Get("/r", ok)
	app.Get(conformance.PathError, func(c *fiber.Ctx) error {
		c.Set(conformance.HeaderAppRan, "1")
		return fiber.NewError(http.StatusInternalServerError, "boom")
	})
	app.Get(conformance.PathPanic, func(c *fiber.Ctx) error {
		c.Set(conformance.HeaderAppRan, "1")
		panic("conformance: deliberate panic")
	})
	app.Get(conformance.PathRedirect, func(c *fiber.Ctx) error {
		c.Set(conformance.HeaderAppRan, "1")
		return c.Redirect(conformance.PathResource, http.StatusFound)
	})
	return app
}

var bridgeAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000}

// fasthttpBridge serves h as an http.Handler without a socket, so that
// header bytes an HTTP parser would reject still reach the middleware.
func fasthttpBridge(h fasthttp.RequestHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req fasthttp.Request
		req.Header.DisableNormalizing()
		req.Header.SetMethod(r.Method)
		req.SetRequestURI(r.URL.RequestURI())
		req.Header.SetHost(r.Host)
		for k, lines := range r.Header {
			for _, v := range lines {
				req.Header.Add(k, v)
			}
		}
		var ctx fasthttp.RequestCtx
		ctx.Init(&req, bridgeAddr, nil)
		h(&ctx)
		out := w.Header()
		for k, v := range ctx.Response.Header.All() {
			if key := string(k); key != "Content-Length" {
				out[key] = append(out[key], string(v))
			}
		}
		w.WriteHeader(ctx.Response.StatusCode())
		_, _ = w.Write(ctx.Response.Body())
	})
}
