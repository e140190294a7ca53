package corsecho_test

import (
	"net/http"
	"testing"

	"github.com/labstack/echo/v5"
	corsecho "github.com/originguard/cors/adapters/echov5"
)

// discardWriter is a ResponseWriter reused across iterations; its header
// map is cleared before each request so that measurements see only the
// allocations of the router and the middleware.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }

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

// benchEcho is the router measured, with mw mounted by e.Use.
func benchEcho(mw ...echo.MiddlewareFunc) *echo.Echo {
	e := echo.New()
	e.Use(mw...)
	e.GET("/x", func(c *echo.Context) error { return c.NoContent(http.StatusOK) })
	return e
}

func (bc benchCase) request() *http.Request {
	req, _ := http.NewRequest(bc.method, "/x", nil)
	for i := 0; i+1 < len(bc.header); i += 2 {
		req.Header.Add(bc.header[i], bc.header[i+1])
	}
	return req
}

func allocs(h http.Handler, req *http.Request) float64 {
	w := &discardWriter{h: http.Header{}}
	return testing.AllocsPerRun(200, func() {
		clear(w.h)
		h.ServeHTTP(w, req)
	})
}

// passThrough is a middleware that does nothing: the baseline for any
// middleware. echo v5 composes the e.Use chain once, when middleware is
// registered, so it costs no allocation per request (echo v4 allocated a
// closure per middleware per request).
func passThrough(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error { return next(c) }
}

// TestAllocationBudget asserts at most one allocation per request over the
// same router with a pass-through middleware (the fresh backing array of the
// header values), and that the pass-through middleware itself costs nothing
// over the bare router.
func TestAllocationBudget(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector (sync.Pool drops objects)")
	}
	bare, base, withCORS := benchEcho(), benchEcho(passThrough), benchEcho(corsecho.New(testConfig))
	for _, bc := range benchCases {
		req := bc.request()
		r, b, c := allocs(bare, req), allocs(base, req), allocs(withCORS, req)
		t.Logf("%s: bare router %.0f, pass-through middleware %.0f, with CORS %.0f allocs/op", bc.name, r, b, c)
		if c > b+1 {
			t.Errorf("%s: %.0f allocs/op with CORS, %.0f with a pass-through middleware: budget is +1", bc.name, c, b)
		}
		if b != r {
			t.Errorf("%s: a pass-through middleware costs %.0f allocs/op over the bare router, expected none", bc.name, b-r)
		}
	}
}
