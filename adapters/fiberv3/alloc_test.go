package corsfiber_test

import (
	"bufio"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	"github.com/valyala/fasthttp"
)

// benchCase is one of the request paths measured by the allocation test and
// the benchmarks.
type benchCase struct {
	name   string
	method string
	header []string
}

var benchCases = []benchCase{
	{"NoOrigin", "GET", nil},
	{"ActualAllowed", "GET", []string{"Origin", allowed}},
	{"ActualDenied", "GET", []string{"Origin", denied}},
	{"PreflightAllowed", "OPTIONS", preflight(allowed, "PUT", "Access-Control-Request-Headers", "x-token")},
	{"PreflightDenied", "OPTIONS", preflight(denied, "PUT")},
}

// benchApp is the app measured, with mw mounted by app.Use.
func benchApp(mw ...fiber.Handler) fasthttp.RequestHandler {
	a := fiber.New()
	for _, m := range mw {
		a.Use(m)
	}
	a.Get("/x", func(c fiber.Ctx) error { return c.SendStatus(fiber.StatusOK) })
	return a.Handler()
}

// requestCtx returns a fasthttp request context for bc, to be reused.
func (bc benchCase) requestCtx() *fasthttp.RequestCtx {
	ctx := new(fasthttp.RequestCtx)
	ctx.Request.Header.SetMethod(bc.method)
	ctx.Request.SetRequestURI("/x")
	for i := 0; i+1 < len(bc.header); i += 2 {
		ctx.Request.Header.Add(bc.header[i], bc.header[i+1])
	}
	return ctx
}

// serve runs h on ctx as a server would, after resetting the response.
func serve(h fasthttp.RequestHandler, ctx *fasthttp.RequestCtx) {
	ctx.Response.Reset()
	h(ctx)
}

// TestZeroAllocations asserts that the middleware, through the whole fiber
// app, allocates nothing on a reused request context.
func TestZeroAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector (the detector instruments allocations)")
	}
	h := benchApp(corsfiber.New(testConfig))
	for _, bc := range benchCases {
		ctx := bc.requestCtx()
		serve(h, ctx)
		if len(ctx.Response.Header.Peek("Vary")) == 0 {
			t.Fatalf("%s: the middleware did not run: %s", bc.name, ctx.Response.Header.String())
		}
		if n := testing.AllocsPerRun(200, func() { serve(h, ctx) }); n != 0 {
			t.Errorf("%s: %.0f allocs/op, want 0", bc.name, n)
		}
	}
	// A parsed request with a chunked body: the header block is read again
	// as received, so that trailers are ignored.
	ctx := new(fasthttp.RequestCtx)
	raw := "OPTIONS /x HTTP/1.1\r\nHost: api.example\r\nOrigin: " + allowed +
		"\r\nAccess-Control-Request-Method: PUT\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-Trailer: 1\r\n\r\n"
	if err := ctx.Request.Read(bufio.NewReader(strings.NewReader(raw))); err != nil {
		t.Fatal(err)
	}
	serve(h, ctx)
	if got := string(ctx.Response.Header.Peek("Access-Control-Allow-Origin")); got != allowed {
		t.Fatalf("chunked preflight: ACAO %q: %s", got, ctx.Response.Header.String())
	}
	if n := testing.AllocsPerRun(200, func() { serve(h, ctx) }); n != 0 {
		t.Errorf("chunked preflight: %.0f allocs/op, want 0", n)
	}
}

// Concurrent requests from different origins each get their own origin
// back: no buffer is shared between requests.
func TestConcurrentRequestsKeepTheirOrigin(t *testing.T) {
	origins := []string{"https://a.app.example", "https://b.app.example", "https://c.app.example", "https://d.app.example"}
	h := benchApp(corsfiber.New(corsfiber.Config{AllowedOrigins: []string{"https://*.app.example"}}))
	errs := make(chan string, len(origins))
	for _, o := range origins {
		go func() {
			ctx := benchCase{"", "OPTIONS", preflight(o, "GET")}.requestCtx()
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
