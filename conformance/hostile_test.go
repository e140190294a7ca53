package conformance

import (
	"net/http"
	"testing"

	cors "github.com/originguard/cors/core"
)

// discard is a reusable ResponseWriter: the measured work is the
// middleware's, not a recorder's.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// serve runs h on r with the header emptied first, as a fresh response.
func (d *discard) serve(h http.Handler, r *http.Request) {
	clear(d.h)
	h.ServeHTTP(d, r)
}

// benchServe measures h serving r.
func benchServe(b *testing.B, h http.Handler, r *http.Request) {
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		w.serve(h, r)
	}
}

// hostileHandler is the net/http middleware for p around a no-op handler.
func hostileHandler(tb testing.TB, p namedPolicy) http.Handler {
	pol, err := cors.New(p.cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return pol.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
}

// TestHostileAllocations bounds the memory of every hostile request: the
// net/http middleware allocates at most once per request (the backing array
// of the response header values), whatever the size of the input.
func TestHostileAllocations(t *testing.T) {
	for _, p := range hostilePolicies {
		h := hostileHandler(t, p)
		for _, c := range hostileCases() {
			r := c.req.httpRequest()
			w := &discard{h: http.Header{}}
			allocs := testing.AllocsPerRun(20, func() { w.serve(h, r) })
			if allocs > 1 {
				t.Errorf("%s/%s: %.0f allocations per request, want at most 1", c.name, p.name, allocs)
			}
		}
	}
}

// BenchmarkHostile measures every hostile request through the net/http
// middleware under each hostile policy (report: worst ns/op and B/op).
func BenchmarkHostile(b *testing.B) {
	for _, c := range hostileCases() {
		for _, p := range hostilePolicies {
			b.Run(c.name+"/"+p.name, func(b *testing.B) {
				benchServe(b, hostileHandler(b, p), c.req.httpRequest())
			})
		}
	}
}

// BenchmarkBaseline is an ordinary allowed preflight and actual request, for
// comparison with BenchmarkHostile.
func BenchmarkBaseline(b *testing.B) {
	for name, req := range map[string]request{
		"preflight": preflightFor(oApp, "PUT", "content-type,x-custom"),
		"actual":    get(PathResource, fromOrigin(oApp)),
	} {
		b.Run(name, func(b *testing.B) {
			benchServe(b, hostileHandler(b, pList), req.httpRequest())
		})
	}
}
