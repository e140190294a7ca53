package stacks

import (
	"fmt"
	"github.com/originguard/cors/conformance"
	"net/http"
	"strings"
	"testing"
	"time"

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

// invalidConfigs are configurations cors.New refuses, with one problem or
// several. Run checks that every harness refuses each invalid
// configuration of the conformance table with its error code.
var invalidConfigs = map[string]cors.Config{
	"origin-not-serialized": {AllowedOrigins: []string{"https://App.example/"}},
	"credentials-wildcard":  {AllowedOrigins: []string{"*"}, AllowCredentials: true},
	"forbidden-method":      {AllowedOrigins: []string{oApp}, AllowedMethods: []string{"CONNECT"}},
	"several-problems":      {AllowedOrigins: []string{"null"}, AllowedHeaders: []string{"bad header"}, MaxAge: 25 * time.Hour},
}

// TestAdaptersRejectInvalidConfig covers config-validation (docs/behaviour.md)
// for every adapter's New: it panics with exactly the message of cors.New.
func TestAdaptersRejectInvalidConfig(t *testing.T) {
	for name, cfg := range invalidConfigs {
		_, want := cors.New(cfg)
		if want == nil {
			t.Errorf("%s: cors.New accepted %+v", name, cfg)
			continue
		}
		for _, a := range adapterAPIs() {
			if got := panicMessage(func() { a.fromConfig(cfg) }); got != want.Error() {
				t.Errorf("%s: %s.New panicked with %q, want %q", name, a.name, got, want.Error())
			}
		}
	}
}

// adapterAPI is one adapter's public API, each function mounting the
// adapter's middleware the documented way in front of a route that answers
// 200 on conformance.PathResource.
type adapterAPI struct {
	name       string
	fromConfig func(cors.Config) http.Handler  // the adapter's New
	fromPolicy func(*cors.Policy) http.Handler // the adapter's Middleware
}

func adapterAPIs() []adapterAPI {
	okGin := func(c *gin.Context) { c.Status(http.StatusOK) }
	ginApp := func(mw gin.HandlerFunc) http.Handler {
		quietGin()
		e := gin.New()
		e.Use(mw)
		e.GET(conformance.PathResource, okGin)
		return e
	}
	echoApp := func(mw echo.MiddlewareFunc) http.Handler {
		e := echo.New()
		e.Use(mw)
		e.GET(conformance.PathResource, func(c echo.Context) error { return c.NoContent(http.StatusOK) })
		return e
	}
	fiberApp := func(mw fiber.Handler) http.Handler {
		a := fiber.New(fiber.Config{DisableStartupMessage: true})
		a.Use(mw)
		a.Get(conformance.PathResource, func(c *fiber.Ctx) error { return c.SendStatus(http.StatusOK) })
		return fasthttpBridge(a.Handler())
	}
	echoV5App := func(mw echov5.MiddlewareFunc) http.Handler {
		e := echov5.New()
		e.Use(mw)
		e.GET(conformance.PathResource, func(c *echov5.Context) error { return c.NoContent(http.StatusOK) })
		return e
	}
	fiberV3App := func(mw fiberv3.Handler) http.Handler {
		a := fiberv3.New()
		a.Use(mw)
		a.Get(conformance.PathResource, func(c fiberv3.Ctx) error { return c.SendStatus(http.StatusOK) })
		return fasthttpBridge(a.Handler())
	}
	chiApp := func(mw func(http.Handler) http.Handler) http.Handler {
		r := chi.NewRouter()
		r.Use(mw)
		r.Get(conformance.PathResource, okHandler)
		return r
	}
	return []adapterAPI{
		{name: "gin",
			fromConfig: func(c cors.Config) http.Handler { return ginApp(corsgin.New(c)) },
			fromPolicy: func(p *cors.Policy) http.Handler { return ginApp(corsgin.Middleware(p)) }},
		{name: "echo",
			fromConfig: func(c cors.Config) http.Handler { return echoApp(corsecho.New(c)) },
			fromPolicy: func(p *cors.Policy) http.Handler { return echoApp(corsecho.Middleware(p)) }},
		{name: "echov5",
			fromConfig: func(c cors.Config) http.Handler { return echoV5App(corsechov5.New(c)) },
			fromPolicy: func(p *cors.Policy) http.Handler { return echoV5App(corsechov5.Middleware(p)) }},
		{name: "fiber",
			fromConfig: func(c cors.Config) http.Handler { return fiberApp(corsfiber.New(c)) },
			fromPolicy: func(p *cors.Policy) http.Handler { return fiberApp(corsfiber.Middleware(p)) }},
		{name: "fiberv3",
			fromConfig: func(c cors.Config) http.Handler { return fiberV3App(corsfiberv3.New(c)) },
			fromPolicy: func(p *cors.Policy) http.Handler { return fiberV3App(corsfiberv3.Middleware(p)) }},
		{name: "chi",
			fromConfig: func(c cors.Config) http.Handler { return chiApp(corschi.New(c)) },
			fromPolicy: func(p *cors.Policy) http.Handler { return chiApp(corschi.Middleware(p)) }},
	}
}

// acaoFrom sends a GET from origin to h and returns its
// Access-Control-Allow-Origin.
func acaoFrom(h http.Handler, origin string) string {
	resp, err := serve(h, newRequest(http.MethodGet, conformance.PathResource, hOrigin, origin))
	if err != nil {
		return err.Error()
	}
	return resp.header.Get(hACAO)
}

// TestAdaptersApplyTheirPolicy checks, for every adapter, that New applies
// its configuration, that Middleware consults its policy on every request,
// so that Reconfigure takes effect without mounting again, and that the
// zero Policy passes requests through without CORS headers.
func TestAdaptersApplyTheirPolicy(t *testing.T) {
	for _, a := range adapterAPIs() {
		zero, err := serve(a.fromPolicy(new(cors.Policy)), newRequest(http.MethodGet, conformance.PathResource, hOrigin, oApp))
		if err != nil || zero.status != http.StatusOK || len(zero.header.Values(hACAO)) != 0 {
			t.Errorf("%s.Middleware(zero Policy): %v, status %d, headers %v; want the request passed on without CORS headers", a.name, err, zero.status, zero.header)
		}
		if got := acaoFrom(a.fromConfig(cors.Config{AllowedOrigins: []string{oApp}}), oApp); got != oApp {
			t.Errorf("%s.New: allowed origin answered with ACAO %q", a.name, got)
		}
		p := cors.MustNew(cors.Config{AllowedOrigins: []string{oApp}})
		h := a.fromPolicy(p)
		if got := acaoFrom(h, oEvil); got != "" {
			t.Errorf("%s.Middleware: unlisted origin answered with ACAO %q", a.name, got)
		}
		if err := p.Reconfigure(cors.Config{AllowedOrigins: []string{oEvil}}); err != nil {
			t.Fatal(err)
		}
		if got := acaoFrom(h, oEvil); got != oEvil {
			t.Errorf("%s.Middleware after Reconfigure: ACAO %q, want %q", a.name, got, oEvil)
		}
	}
}

// TestAdaptersRejectNilPolicy: Middleware(nil) panics at once, naming the
// mistake, instead of failing on the first request.
func TestAdaptersRejectNilPolicy(t *testing.T) {
	for _, a := range adapterAPIs() {
		if got := panicMessage(func() { a.fromPolicy(nil) }); !strings.Contains(got, "nil") {
			t.Errorf("%s.Middleware(nil) panicked with %q, want a message naming nil", a.name, got)
		}
	}
}

func panicMessage(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return "(no panic)"
}
