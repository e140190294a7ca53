package browser

import (
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	fiberv3 "github.com/gofiber/fiber/v3"
	adaptorv3 "github.com/gofiber/fiber/v3/middleware/adaptor"
	"github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"
	corschi "github.com/originguard/cors/adapters/chi"
	corsecho "github.com/originguard/cors/adapters/echo"
	corsechov5 "github.com/originguard/cors/adapters/echov5"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsfiberv3 "github.com/originguard/cors/adapters/fiberv3"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
)

// customMethod is a non-standard method the Public profile allows; each
// framework must be told about it, or it never reaches a handler (fiber
// answers 501 before any middleware runs, so the answer has no CORS headers).
const customMethod = "SUPER"

// stack serves app behind the policy p, mounted the way the adapter's
// documentation tells users to (mount-before-routing), on ln until the test
// ends. Routes: every method on /api/...,
// and only PUT on /only-put (a preflight there must still reach the
// middleware). Responses are recorded into rec at the outermost layer.
type stack struct {
	name  string
	serve func(t *testing.T, ln net.Listener, p *cors.Policy, app http.Handler, rec *recorder, stripVary bool)
}

var stacks = []stack{
	{"nethttp", serveNetHTTP},
	{"gin", serveGin},
	{"echo", serveEcho((*echo.Echo).Use)},
	{"echo-pre", serveEcho((*echo.Echo).Pre)}, // before routing, the other mount point echo users pick
	{"echov5", serveEchoV5((*echov5.Echo).Use)},
	{"echov5-pre", serveEchoV5((*echov5.Echo).Pre)},
	{"fiber", serveFiber},
	{"fiberv3", serveFiberV3},
	{"chi", serveChi},
}

func serveNetHTTP(t *testing.T, ln net.Listener, p *cors.Policy, app http.Handler, rec *recorder, strip bool) {
	mux := http.NewServeMux()
	mux.Handle("/api/", app)
	mux.Handle("PUT /only-put", app)
	serveHTTP(t, ln, recordHTTP(rec, strip, p.Handler(mux)))
}

func serveGin(t *testing.T, ln net.Listener, p *cors.Policy, app http.Handler, rec *recorder, strip bool) {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.Use(corsgin.Middleware(p))
	e.Any("/api/*rest", gin.WrapH(app))
	e.Handle(customMethod, "/api/*rest", gin.WrapH(app))
	e.PUT("/only-put", gin.WrapH(app))
	serveHTTP(t, ln, recordHTTP(rec, strip, e))
}

// serveEcho mounts the middleware with mount: e.Use or e.Pre.
func serveEcho(mount func(*echo.Echo, ...echo.MiddlewareFunc)) func(*testing.T, net.Listener, *cors.Policy, http.Handler, *recorder, bool) {
	return func(t *testing.T, ln net.Listener, p *cors.Policy, app http.Handler, rec *recorder, strip bool) {
		e := echo.New()
		e.HideBanner, e.HidePort = true, true
		mount(e, corsecho.Middleware(p))
		e.Any("/api/*", echo.WrapHandler(app))
		e.Add(customMethod, "/api/*", echo.WrapHandler(app))
		e.PUT("/only-put", echo.WrapHandler(app))
		serveHTTP(t, ln, recordHTTP(rec, strip, e))
	}
}

// serveEchoV5 mounts the echo v5 middleware with mount: e.Use or e.Pre.
func serveEchoV5(mount func(*echov5.Echo, ...echov5.MiddlewareFunc)) func(*testing.T, net.Listener, *cors.Policy, http.Handler, *recorder, bool) {
	return func(t *testing.T, ln net.Listener, p *cors.Policy, app http.Handler, rec *recorder, strip bool) {
		e := echov5.New()
		mount(e, corsechov5.Middleware(p))
		e.Any("/api/*", echov5.WrapHandler(app))
		e.Add(customMethod, "/api/*", echov5.WrapHandler(app))
		e.PUT("/only-put", echov5.WrapHandler(app))
		serveHTTP(t, ln, recordHTTP(rec, strip, e))
	}
}

// registerChiMethod adds customMethod to chi's method table once: the table
// is global, and the engines' tests build chi servers in parallel.
var registerChiMethod = sync.OnceFunc(func() { chi.RegisterMethod(customMethod) })

func serveChi(t *testing.T, ln net.Listener, p *cors.Policy, app http.Handler, rec *recorder, strip bool) {
	registerChiMethod()
	r := chi.NewRouter()
	r.Use(corschi.Middleware(p))
	r.Handle("/api/*", app)
	r.Method(customMethod, "/api/*", app)
	r.Put("/only-put", app.ServeHTTP)
	serveHTTP(t, ln, recordHTTP(rec, strip, r))
}

func serveFiber(t *testing.T, ln net.Listener, p *cors.Policy, app http.Handler, rec *recorder, strip bool) {
	f := fiber.New(fiber.Config{DisableStartupMessage: true,
		RequestMethods: append(slices.Clone(fiber.DefaultMethods), customMethod)})
	// Outermost: let the error handler write its answer, then record.
	f.Use(func(c *fiber.Ctx) error {
		if err := c.Next(); err != nil {
			if herr := c.App().Config().ErrorHandler(c, err); herr != nil {
				return herr
			}
		}
		recordFasthttp(rec, strip, c.Method(), c.Request(), c.Response())
		return nil
	})
	f.Use(corsfiber.Middleware(p))
	h := adaptor.HTTPHandler(app)
	f.All("/api/*", h)
	f.Add(customMethod, "/api/*", h)
	f.Put("/only-put", h)
	go func() { _ = f.Listener(ln) }()
	t.Cleanup(func() { _ = f.Shutdown() })
}

func serveFiberV3(t *testing.T, ln net.Listener, p *cors.Policy, app http.Handler, rec *recorder, strip bool) {
	f := fiberv3.New(fiberv3.Config{RequestMethods: append(slices.Clone(fiberv3.DefaultMethods), customMethod)})
	// Outermost: let the error handler write its answer, then record.
	f.Use(func(c fiberv3.Ctx) error {
		if err := c.Next(); err != nil {
			if herr := c.App().Config().ErrorHandler(c, err); herr != nil {
				return herr
			}
		}
		recordFasthttp(rec, strip, c.Method(), c.Request(), c.Response())
		return nil
	})
	f.Use(corsfiberv3.Middleware(p))
	h := adaptorv3.HTTPHandler(app)
	f.All("/api/*", h)
	f.Add([]string{customMethod}, "/api/*", h)
	f.Put("/only-put", h)
	go func() { _ = f.Listener(ln, fiberv3.ListenConfig{DisableStartupMessage: true}) }()
	t.Cleanup(func() { _ = f.Shutdown() })
}

// recordFasthttp records a fiber (v2 or v3) response once the error
// handler has written it.
func recordFasthttp(rec *recorder, strip bool, method string, req *fasthttp.Request, resp *fasthttp.Response) {
	if strip {
		resp.Header.Del("Vary")
	}
	r := record{Method: strings.Clone(method), // the method aliases the connection buffer
		URI: string(req.RequestURI()), Req: http.Header{},
		Status: resp.StatusCode(), Header: http.Header{}, At: time.Now()}
	for k, v := range req.Header.All() {
		r.Req.Add(string(k), string(v))
	}
	for k, v := range resp.Header.All() {
		r.Header.Add(string(k), string(v))
	}
	rec.add(r)
}

// serveRaw serves a hand-written server (no stack, no policy).
func serveRaw(t *testing.T, ln net.Listener, h http.Handler, rec *recorder) {
	serveHTTP(t, ln, recordHTTP(rec, false, h))
}
