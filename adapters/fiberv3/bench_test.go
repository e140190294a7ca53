package corsfiber_test

import (
	"testing"

	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	"github.com/valyala/fasthttp"
)

func benchmarkServe(b *testing.B, h fasthttp.RequestHandler) {
	for _, bc := range benchCases {
		b.Run(bc.name, func(b *testing.B) {
			ctx := bc.requestCtx()
			b.ReportAllocs()
			for b.Loop() {
				serve(h, ctx)
			}
		})
	}
}

// BenchmarkBaseline is the same app without CORS.
func BenchmarkBaseline(b *testing.B) { benchmarkServe(b, benchApp()) }

// BenchmarkCORS is the app with the middleware mounted by app.Use.
func BenchmarkCORS(b *testing.B) { benchmarkServe(b, benchApp(corsfiber.New(testConfig))) }
