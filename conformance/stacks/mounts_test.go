package stacks

import (
	"github.com/originguard/cors/conformance"
	"io"
	"net/http"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	fiberv3 "github.com/gofiber/fiber/v3"
	"github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"
	corschi "github.com/originguard/cors/adapters/chi"
	corsecho "github.com/originguard/cors/adapters/echo"
	corsechov5 "github.com/originguard/cors/adapters/echov5"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsfiberv3 "github.com/originguard/cors/adapters/fiberv3"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// mountCase is one way of mounting an adapter and one request to it: does
// the request reach the middleware? The harnesses mount every adapter the
// documented way (mount-before-routing); these rows record what each
// framework does with the other mounts users try, so that the adapters'
// documentation can say it per framework.
type mountCase struct {
	framework, mount string
	app              func(cfg cors.Config) http.Handler
	req              *http.Request
	reached          bool // the middleware answered: ACAO is the request's origin
}

func mountCases() []mountCase {
	ok := func(c *gin.Context) { c.Status(http.StatusOK) }
	ginGroup := func(cfg cors.Config) http.Handler {
		quietGin()
		e := gin.New()
		e.Group("/api", corsgin.New(cfg)).GET("/items", ok)
		return e
	}
	ginMethodNotAllowed := func(cfg cors.Config) http.Handler {
		quietGin()
		e := gin.New()
		e.HandleMethodNotAllowed = true
		e.Use(corsgin.New(cfg))
		e.GET(conformance.PathResource, ok)
		return e
	}
	echoOK := func(c echo.Context) error { return c.NoContent(http.StatusOK) }
	echoGroup := func(cfg cors.Config) http.Handler {
		e := echo.New()
		e.Logger.SetOutput(io.Discard)
		e.Group("/api", corsecho.New(cfg)).GET("/items", echoOK)
		e.GET("/x", echoOK)
		return e
	}
	echoRoute := func(cfg cors.Config) http.Handler {
		e := echo.New()
		e.PUT("/items", echoOK, corsecho.New(cfg))
		return e
	}
	chiInlineGroup := func(cfg cors.Config) http.Handler {
		r := chi.NewRouter()
		r.Group(func(r chi.Router) {
			r.Use(corschi.New(cfg))
			r.Get("/group/x", okHandler)
		})
		return r
	}
	chiSubrouter := func(cfg cors.Config) http.Handler {
		r := chi.NewRouter()
		r.Route("/sub", func(r chi.Router) {
			r.Use(corschi.New(cfg))
			r.Get("/x", okHandler)
		})
		return r
	}
	fiberOK := func(c *fiber.Ctx) error { return c.SendStatus(http.StatusOK) }
	fiberGroup := func(cfg cors.Config) http.Handler {
		a := fiber.New(fiber.Config{DisableStartupMessage: true})
		a.Group("/api", corsfiber.New(cfg)).Get("/items", fiberOK)
		return fasthttpBridge(a.Handler())
	}
	fiberRoute := func(cfg cors.Config) http.Handler {
		a := fiber.New(fiber.Config{DisableStartupMessage: true})
		a.Get("/route", corsfiber.New(cfg), fiberOK)
		return fasthttpBridge(a.Handler())
	}
	echoV5OK := func(c *echov5.Context) error { return c.NoContent(http.StatusOK) }
	echoV5Group := func(cfg cors.Config) http.Handler {
		e := echov5.New()
		e.Group("/api", corsechov5.New(cfg)).GET("/items", echoV5OK)
		e.GET("/x", echoV5OK)
		return e
	}
	echoV5Route := func(cfg cors.Config) http.Handler {
		e := echov5.New()
		e.PUT("/items", echoV5OK, corsechov5.New(cfg))
		return e
	}
	fiberV3OK := func(c fiberv3.Ctx) error { return c.SendStatus(http.StatusOK) }
	fiberV3Group := func(cfg cors.Config) http.Handler {
		a := fiberv3.New()
		a.Group("/api", corsfiberv3.New(cfg)).Get("/items", fiberV3OK)
		return fasthttpBridge(a.Handler())
	}
	fiberV3Route := func(cfg cors.Config) http.Handler {
		a := fiberv3.New()
		a.Get("/route", corsfiberv3.New(cfg), fiberV3OK)
		return fasthttpBridge(a.Handler())
	}
	preTo := func(path string) *http.Request {
		return newRequest(http.MethodOptions, path, hOrigin, oApp, "Access-Control-Request-Method", "PUT")
	}
	return []mountCase{
		{framework: "gin", mount: "group middleware (404 from the router first)", app: ginGroup, req: preTo("/api/items")},
		{framework: "gin", mount: "engine.Use with HandleMethodNotAllowed", app: ginMethodNotAllowed, req: preTo(conformance.PathResource), reached: true},
		{framework: "gin", mount: "engine.Use with HandleMethodNotAllowed, 405 actual", app: ginMethodNotAllowed, req: newRequest(http.MethodDelete, conformance.PathResource, hOrigin, oApp), reached: true},
		{framework: "echo", mount: "group middleware, route in the group", app: echoGroup, req: preTo("/api/items"), reached: true},
		{framework: "echo", mount: "group middleware, unknown path in the group", app: echoGroup, req: preTo("/api/nowhere"), reached: true},
		{framework: "echo", mount: "group middleware, path outside the group (echo's own OPTIONS answer)", app: echoGroup, req: preTo("/x")},
		{framework: "echo", mount: "route middleware", app: echoRoute, req: preTo("/items")},
		{framework: "echo v5", mount: "group middleware, route in the group", app: echoV5Group, req: preTo("/api/items"), reached: true},
		{framework: "echo v5", mount: "group middleware, unknown path in the group", app: echoV5Group, req: preTo("/api/nowhere"), reached: true},
		{framework: "echo v5", mount: "group middleware, path outside the group (echo's own OPTIONS answer)", app: echoV5Group, req: preTo("/x")},
		{framework: "echo v5", mount: "route middleware", app: echoV5Route, req: preTo("/items")},
		{framework: "chi", mount: "inline group (405 from the router first)", app: chiInlineGroup, req: preTo("/group/x")},
		{framework: "chi", mount: "subrouter, route in it", app: chiSubrouter, req: preTo("/sub/x"), reached: true},
		{framework: "chi", mount: "subrouter, unknown path in it", app: chiSubrouter, req: preTo("/sub/nowhere"), reached: true},
		{framework: "fiber", mount: "group middleware, route in the group", app: fiberGroup, req: preTo("/api/items"), reached: true},
		{framework: "fiber", mount: "group middleware, unknown path in the group", app: fiberGroup, req: preTo("/api/nowhere"), reached: true},
		{framework: "fiber", mount: "route middleware (405 from the router first)", app: fiberRoute, req: preTo("/route")},
		{framework: "fiber v3", mount: "group middleware, route in the group", app: fiberV3Group, req: preTo("/api/items"), reached: true},
		{framework: "fiber v3", mount: "group middleware, unknown path in the group", app: fiberV3Group, req: preTo("/api/nowhere"), reached: true},
		{framework: "fiber v3", mount: "route middleware (405 from the router first)", app: fiberV3Route, req: preTo("/route")},
	}
}

func TestMounts(t *testing.T) {
	cfg := cors.Config{AllowedOrigins: []string{oApp}, AllowedMethods: []string{http.MethodPut}}
	for _, m := range mountCases() {
		resp, err := serve(m.app(cfg), m.req)
		if err != nil {
			t.Fatal(err)
		}
		if reached := resp.header.Get(hACAO) == oApp; reached != m.reached {
			t.Errorf("%s, %s: %s reached the middleware: %v, want %v (status %d, headers %v)",
				m.framework, m.mount, m.req.Method+" "+m.req.URL.Path, reached, m.reached, resp.status, resp.header)
		}
	}
}
