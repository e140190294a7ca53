package corschi_test

import (
	"net/http"
	"testing"

	"github.com/go-chi/chi/v5"
	corschi "github.com/originguard/cors/adapters/chi"
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

// benchRouter is the router measured, with mw mounted by r.Use.
func benchRouter(mw ...func(http.Handler) http.Handler) *chi.Mux {
	r := chi.NewRouter()
	r.Use(mw...)
	r.Get("/x", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	return r
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

// TestAllocationBudget asserts at most one allocation per request over the
// same router without CORS: the fresh backing array of the header values.
func TestAllocationBudget(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector (sync.Pool drops objects)")
	}
	base, withCORS := benchRouter(), benchRouter(corschi.New(testConfig))
	for _, bc := range benchCases {
		req := bc.request()
		b, c := allocs(base, req), allocs(withCORS, req)
		t.Logf("%s: baseline %.0f, with CORS %.0f allocs/op", bc.name, b, c)
		if c > b+1 {
			t.Errorf("%s: %.0f allocs/op with CORS, baseline %.0f: budget is baseline+1", bc.name, c, b)
		}
	}
}
