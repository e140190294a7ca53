package corsfiber_test

// The conformance suite (module conformance) runs its whole table on fiber.
// These tests cover what only the fasthttp side of the adapter does:
// collecting header field lines from fasthttp's request, and never keeping
// fasthttp's reused buffers beyond a request.

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
)

const allowed = "https://app.example"

var testConfig = corsfiber.Config{
	AllowedOrigins:   []string{allowed},
	AllowedMethods:   []string{"PUT"},
	AllowedHeaders:   []string{"X-Token", "Authorization"},
	AllowCredentials: true,
}

// fiberHandler is a fiber app with mw mounted by app.Use and a GET route
// on /x.
func fiberHandler(mw fiber.Handler) fasthttp.RequestHandler {
	a := fiber.New(fiber.Config{DisableStartupMessage: true})
	a.Use(mw)
	a.Get("/x", func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusOK) })
	return a.Handler()
}

// rawRequest is a reusable request context for /x whose header lines
// (name, value, name, value…) keep the case and order given, as they do
// with fiber.Config.DisableHeaderNormalizing.
func rawRequest(method string, lines ...string) *fasthttp.RequestCtx {
	ctx := new(fasthttp.RequestCtx)
	ctx.Request.Header.DisableNormalizing()
	ctx.Request.Header.SetMethod(method)
	ctx.Request.SetRequestURI("/x")
	for i := 0; i+1 < len(lines); i += 2 {
		ctx.Request.Header.Add(lines[i], lines[i+1])
	}
	return ctx
}

// serve runs h on ctx as a server would, after resetting the response.
func serve(h fasthttp.RequestHandler, ctx *fasthttp.RequestCtx) {
	ctx.Response.Reset()
	h(ctx)
}

// corsAnswer is the status and the Access-Control-* and Vary lines of a
// response, in a comparable form.
func corsAnswer(status int, h http.Header) string {
	s := http.StatusText(status)
	for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
		"Access-Control-Allow-Headers", "Access-Control-Allow-Private-Network", "Access-Control-Max-Age", "Access-Control-Expose-Headers", "Vary"} {
		s += "\n" + k + ": " + strings.Join(h.Values(k), " | ")
	}
	return s
}

// TestHeaderFieldLines: every field line of Origin and the
// Access-Control-Request-* headers reaches the policy, whatever the case of
// its name, so the adapter answers exactly as the core's net/http
// middleware answers the same lines.
func TestHeaderFieldLines(t *testing.T) {
	p := cors.MustNew(testConfig)
	h := fiberHandler(corsfiber.Middleware(p))
	reference := p.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	for _, lines := range [][]string{
		{"origin", allowed},
		{"ORIGIN", allowed, "access-control-request-method", "PUT"},
		{"Origin", allowed, "Origin", allowed, "Access-Control-Request-Method", "PUT"},
		{"Origin", allowed, "access-control-request-method", "PUT", "Access-Control-Request-Headers", "x-token", "access-control-request-headers", "x-other"},
		{"Origin", allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-token", "Access-Control-Request-Headers", "authorization"},
		{"Origin", allowed, "Access-Control-Request-Method", "PUT", "access-control-request-private-network", "true"},
	} {
		method := http.MethodGet
		if slices.ContainsFunc(lines, func(s string) bool { return strings.EqualFold(s, "Access-Control-Request-Method") }) {
			method = http.MethodOptions
		}
		ctx := rawRequest(method, lines...)
		serve(h, ctx)
		got := http.Header{}
		for k, v := range ctx.Response.Header.All() {
			got.Add(string(k), string(v))
		}

		req := httptest.NewRequest(method, "/x", nil)
		for i := 0; i+1 < len(lines); i += 2 {
			req.Header.Add(lines[i], lines[i+1])
		}
		w := httptest.NewRecorder()
		reference.ServeHTTP(w, req)
		if g, want := corsAnswer(ctx.Response.StatusCode(), got), corsAnswer(w.Code, w.Header()); g != want {
			t.Errorf("%s %q:\nfiber:    %s\nnet/http: %s", method, lines, g, want)
		}
	}
}

// Concurrent requests from different origins each get their own origin
// back: no buffer is shared between requests.
func TestConcurrentRequestsKeepTheirOrigin(t *testing.T) {
	origins := []string{"https://a.app.example", "https://b.app.example", "https://c.app.example", "https://d.app.example"}
	h := fiberHandler(corsfiber.New(corsfiber.Config{AllowedOrigins: []string{"https://*.app.example"}}))
	errs := make(chan string, len(origins))
	for _, o := range origins {
		go func() {
			ctx := rawRequest(http.MethodOptions, "Origin", o, "Access-Control-Request-Method", "GET")
			for range 2000 {
				serve(h, ctx)
				if got := string(ctx.Response.Header.Peek("Access-Control-Allow-Origin")); got != o {
					errs <- "sent " + o + ", got ACAO " + got
					return
				}
			}
			errs <- ""
		}()
	}
	for range origins {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
