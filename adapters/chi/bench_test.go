package corschi_test

import (
	"net/http"
	"testing"

	corschi "github.com/originguard/cors/adapters/chi"
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
func BenchmarkBaseline(b *testing.B) { benchmarkServe(b, benchRouter()) }

// BenchmarkCORS is the router with the middleware mounted by r.Use.
func BenchmarkCORS(b *testing.B) { benchmarkServe(b, benchRouter(corschi.New(testConfig))) }
