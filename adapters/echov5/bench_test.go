package corsecho_test

import (
	"net/http"
	"testing"

	corsecho "github.com/originguard/cors/adapters/echov5"
)

func benchmarkServe(b *testing.B, h http.Handler) {
	for _, bc := range benchCases {
		b.Run(bc.name, func(b *testing.B) {
			req := bc.request()
			w := &discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, req)
			}
		})
	}
}

// BenchmarkBaseline is the same router without CORS.
func BenchmarkBaseline(b *testing.B) { benchmarkServe(b, benchEcho()) }

// BenchmarkPassThrough is the same router with a middleware that does
// nothing: the per-request cost echo adds to any middleware.
func BenchmarkPassThrough(b *testing.B) { benchmarkServe(b, benchEcho(passThrough)) }

// BenchmarkCORS is the router with the middleware mounted by e.Use.
func BenchmarkCORS(b *testing.B) { benchmarkServe(b, benchEcho(corsecho.New(testConfig))) }
