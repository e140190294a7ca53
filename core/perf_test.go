package cors

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/originguard/cors/core/adapter"
)

// perfPaths are the request paths the allocation and latency budgets cover.
func perfPaths() []struct {
	name string
	p    *Policy
	r    *http.Request
} {
	base := MustNew(baseConfig)
	many := make([]string, 1000)
	for i := range many {
		many[i] = fmt.Sprintf("https://app%04d.example.net", i)
	}
	thousand := MustNew(Config{AllowedOrigins: many, AllowCredentials: true})
	one := MustNew(Config{AllowedOrigins: many[:1], AllowCredentials: true})
	star := MustNew(with(baseConfig, func(c *Config) { c.AllowedHeaders = []string{"*"} }))
	return []struct {
		name string
		p    *Policy
		r    *http.Request
	}{
		{"non-CORS", base, req("GET", "")},
		{"actual-allowed", base, req("GET", "https://app.example")},
		{"actual-allowed-pattern", base, req("GET", "https://eu.sub.example")},
		{"actual-denied", base, req("GET", "https://evil.example")},
		{"preflight-allowed", base, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: content-type,x-token")},
		{"preflight-denied-origin", base, preflight("https://evil.example", "PUT", "Access-Control-Request-Headers: content-type")},
		{"preflight-denied-method", base, preflight("https://app.example", "MOVE")},
		{"preflight-denied-header", base, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-foo")},
		{"preflight-echo-headers", star, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-a,x-b")},
		{"preflight-filtered-headers", star, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: X-A, authorization")},
		{"preflight-1MB-ACRH", base, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: "+strings.Repeat(",", 1<<20))},
		{"1-origin-hit", one, req("GET", "https://app0000.example.net")},
		{"1000-origins-hit", thousand, req("GET", "https://app0999.example.net")},
		{"1000-origins-miss", thousand, req("GET", "https://app1000.example.net")},
	}
}

// discardWriter is a reused ResponseWriter whose header map the test
// clears, so that only the middleware's own allocations are counted.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

var sinkDecision Decision

func TestEvaluateAllocs(t *testing.T) {
	for _, tc := range perfPaths() {
		r := adapter.FromHTTP(tc.r)
		if n := testing.AllocsPerRun(100, func() { sinkDecision = tc.p.Evaluate(context.Background(), &r, nil) }); n != 0 {
			t.Errorf("%s: Evaluate allocates %v times, budget 0", tc.name, n)
		}
	}
}

func TestHandlerAllocs(t *testing.T) {
	for _, tc := range perfPaths() {
		h := tc.p.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
		w := &discardWriter{h: http.Header{}}
		n := testing.AllocsPerRun(100, func() {
			clear(w.h)
			h.ServeHTTP(w, tc.r)
		})
		if n > 1 {
			t.Errorf("%s: Handler allocates %v times, budget 1", tc.name, n)
		}
		if len(w.h) == 0 {
			t.Errorf("%s: no header written", tc.name)
		}
	}
}

// BenchmarkEvaluate and BenchmarkHandler report, besides ns/op (wall
// clock), cpu-ns/op: the process's CPU time per operation, which does not
// count the time spent waiting for a CPU on a loaded machine.
func BenchmarkEvaluate(b *testing.B) {
	for _, tc := range perfPaths() {
		r := adapter.FromHTTP(tc.r)
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				sinkDecision = tc.p.Evaluate(context.Background(), &r, nil)
			}
		})
	}
}

// reportCPU reports the CPU time per operation since cpu0.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkHandler(b *testing.B) {
	for _, tc := range perfPaths() {
		h := tc.p.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
		w := &discardWriter{h: http.Header{}}
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, cpuTime())
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, tc.r)
			}
		})
	}
}

// TestEvaluateKeepsRequestOnStack: a Request described line by line on the
// caller's stack (as the fiber adapters do), evaluated and written into a
// HeaderWriter that is not an http.Header, costs no allocation, also when
// an origin function receives the host and path.
func TestEvaluateKeepsRequestOnStack(t *testing.T) {
	star := with(baseConfig, func(c *Config) { c.AllowedHeaders = []string{"*"} })
	tenant := Config{AllowOriginRequestFunc: func(origin, host, path string) bool { return host == "api.example" && path == "/r" }}
	for _, p := range []*Policy{MustNew(baseConfig), MustNew(star), MustNew(tenant)} {
		for _, origin := range []string{"https://app.example", "https://evil.example"} {
			f := &fakeFastHeader{lines: make([][2]string, 0, 16)}
			n := testing.AllocsPerRun(100, func() {
				r := adapter.Request{Method: "OPTIONS", Host: "api.example", Path: "/r"}
				r.Add("Origin", origin)
				r.Add("Access-Control-Request-Method", "PUT")
				r.Add("Access-Control-Request-Headers", "x-token,X-A")
				f.lines = f.lines[:0]
				sinkDecision = p.Evaluate(context.Background(), &r, f)
			})
			if n != 0 {
				t.Errorf("%s: %v allocs, want the request to stay on the stack", origin, n)
			}
			if len(f.lines) == 0 {
				t.Errorf("%s: no header written", origin)
			}
		}
	}
}

// TestLongUpperCaseHeaderNameAllocs: a requested name longer than 32 bytes
// with upper-case letters is matched in its lower-case buffer without a
// string conversion, which would allocate; with a small and a large set of
// allowed headers.
func TestLongUpperCaseHeaderNameAllocs(t *testing.T) {
	long := "x-a-rather-long-header-name-for-this-test"
	many := []string{long}
	for i := range 20 {
		many = append(many, fmt.Sprintf("x-h%d", i))
	}
	for _, allowed := range [][]string{{long}, many} {
		p := MustNew(Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"PUT"}, AllowedHeaders: allowed})
		r := adapter.FromHTTP(preflight("https://app.example", "PUT", "Access-Control-Request-Headers: "+strings.ToUpper(long)))
		var d Decision
		if n := testing.AllocsPerRun(100, func() { d = p.Evaluate(context.Background(), &r, nil) }); n != 0 || !d.Allowed {
			t.Errorf("%d allowed headers: %v allocs, allowed %v (%s)", len(allowed), n, d.Allowed, d.Reason)
		}
	}
}
