package corsotel_test

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/corsotel"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// newMetrics returns a Metrics recording into a manual reader.
func newMetrics(t testing.TB) (*corsotel.Metrics, *sdkmetric.ManualReader) {
	t.Helper()
	reader := sdkmetric.NewManualReader()
	m, err := corsotel.New(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))
	if err != nil {
		t.Fatal(err)
	}
	return m, reader
}

// counts collects the reader's sums: instrument name, then the attribute
// set written "k=v,k=v" in key order, then the count.
func counts(t testing.TB, reader *sdkmetric.ManualReader) map[string]map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		if sm.Scope.Name != corsotel.ScopeName {
			t.Errorf("instrumentation scope %q, want %q", sm.Scope.Name, corsotel.ScopeName)
		}
		for _, m := range sm.Metrics {
			sum, ok := m.Data.(metricdata.Sum[int64])
			if !ok || !sum.IsMonotonic || sum.Temporality != metricdata.CumulativeTemporality {
				t.Errorf("%s: %T, want a cumulative monotonic int64 sum", m.Name, m.Data)
				continue
			}
			if want := map[string]string{"cors.decisions": "{decision}", "cors.report_only.differences": "{request}"}[m.Name]; m.Unit != want {
				t.Errorf("%s: unit %q, want %q", m.Name, m.Unit, want)
			}
			out[m.Name] = map[string]int64{}
			for _, dp := range sum.DataPoints {
				out[m.Name][setString(dp.Attributes)] += dp.Value
			}
		}
	}
	return out
}

func setString(s attribute.Set) string {
	var parts []string
	for _, kv := range s.ToSlice() {
		parts = append(parts, string(kv.Key)+"="+kv.Value.AsString())
	}
	return strings.Join(parts, ",")
}

// send evaluates a request through the policy's net/http middleware.
func send(p *cors.Policy, method, path, origin string, headers ...string) {
	r := httptest.NewRequest(method, "http://api.example"+path, nil)
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	p.Handler(http.NotFoundHandler()).ServeHTTP(httptest.NewRecorder(), r)
}

var live = cors.Config{
	AllowedOrigins:   []string{"https://app.example"},
	AllowCredentials: true,
	AllowedMethods:   []string{"GET", "PUT"},
	AllowedHeaders:   []string{"X-Token"},
}

func TestCountsPerAttributeSet(t *testing.T) {
	m, reader := newMetrics(t)
	candidate := live
	candidate.AllowedMethods = []string{"GET"}
	cfg := live
	cfg.Observe, cfg.ReportOnly = m.Observe, cors.MustNew(candidate)
	p := cors.MustNew(cfg)

	send(p, "GET", "/r", "")
	send(p, "GET", "/r", "")
	send(p, "GET", "/r", "https://app.example")
	send(p, "GET", "/r", "https://evil.example")
	send(p, "OPTIONS", "/r", "https://app.example", "Access-Control-Request-Method", "PUT")
	send(p, "OPTIONS", "/r", "https://app.example", "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-token")
	send(p, "OPTIONS", "/r", "https://app.example", "Access-Control-Request-Method", "DELETE")
	send(p, "OPTIONS", "/r", "https://evil.example", "Access-Control-Request-Method", "PUT")

	got := counts(t, reader)
	want := map[string]map[string]int64{
		"cors.decisions": {
			"cors.kind=not-cors,cors.outcome=allowed,cors.reason=not-cors":           2,
			"cors.kind=actual,cors.outcome=allowed,cors.reason=origin-allowed":       1,
			"cors.kind=actual,cors.outcome=denied,cors.reason=origin-not-allowed":    1,
			"cors.kind=preflight,cors.outcome=allowed,cors.reason=preflight-allowed": 2,
			"cors.kind=preflight,cors.outcome=denied,cors.reason=method-not-allowed": 1,
			"cors.kind=preflight,cors.outcome=denied,cors.reason=origin-not-allowed": 1,
		},
		"cors.report_only.differences": {
			// Both PUT preflights, which the candidate refuses, and the
			// DELETE one, refused by both but with another
			// Access-Control-Allow-Methods ("GET, PUT" against "GET").
			"cors.kind=preflight,cors.reason=method-not-allowed": 3,
		},
	}
	for name, sets := range want {
		for set, n := range sets {
			if got[name][set] != n {
				t.Errorf("%s{%s} = %d, want %d", name, set, got[name][set], n)
			}
		}
		for set, n := range got[name] {
			if _, ok := sets[set]; !ok {
				t.Errorf("unexpected %s{%s} = %d", name, set, n)
			}
		}
	}
}

// TestScopeAttribute: scoped decisions carry cors.scope, with the
// configured names only.
func TestScopeAttribute(t *testing.T) {
	m, reader := newMetrics(t)
	p := cors.MustNewScoped(cors.ScopedConfig{
		Scopes:  []cors.Scope{{PathPrefix: "/api/", Config: live}},
		Observe: m.Observe,
	})
	send(p, "GET", "/api/items", "https://app.example")
	send(p, "GET", "/elsewhere", "https://app.example")
	send(p, "GET", "/api/items", "https://evil.example")
	got := counts(t, reader)["cors.decisions"]
	want := map[string]int64{
		"cors.kind=actual,cors.outcome=allowed,cors.reason=origin-allowed,cors.scope=/api/":    1,
		"cors.kind=actual,cors.outcome=denied,cors.reason=no-scope,cors.scope=none":            1,
		"cors.kind=actual,cors.outcome=denied,cors.reason=origin-not-allowed,cors.scope=/api/": 1,
	}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestNoRequestValueInAttributes: hostile and varied requests add no
// attribute value that comes from the request.
func TestNoRequestValueInAttributes(t *testing.T) {
	m, reader := newMetrics(t)
	cfg := live
	cfg.Observe = m.Observe
	p := cors.MustNew(cfg)
	for _, origin := range []string{"https://evil.example", "https://a.evil.example", "null", "https://app.example:1", "garbage\x01"} {
		send(p, "GET", "/secret/path", origin)
		send(p, "OPTIONS", "/secret/path", origin, "Access-Control-Request-Method", "X-SECRET", "Access-Control-Request-Headers", "x-secret")
	}
	keys := []string{"cors.kind", "cors.outcome", "cors.reason", "cors.scope"}
	for _, sets := range counts(t, reader) {
		for set := range sets {
			for _, kv := range strings.Split(set, ",") {
				k, v, _ := strings.Cut(kv, "=")
				if !slices.Contains(keys, k) || strings.Contains(v, "evil") || strings.Contains(v, "secret") || strings.Contains(v, "SECRET") || strings.Contains(v, "example") {
					t.Errorf("attribute %s=%q in %s", k, v, set)
				}
			}
		}
	}
}

// TestObserveAllocs: once an attribute combination has been seen, counting
// it costs no allocation in this package (the SDK's own work included).
func TestObserveAllocs(t *testing.T) {
	m, _ := newMetrics(t)
	d := cors.Decision{Kind: cors.Preflight, Reason: cors.Reason{Code: cors.ReasonMethodNotAllowed, Scope: "/api/"}}
	diff := d
	diff.ReportOnly = true
	for _, d := range []cors.Decision{d, diff} {
		m.Observe(context.Background(), d)
		if n := testing.AllocsPerRun(100, func() { m.Observe(context.Background(), d) }); n != 0 {
			t.Errorf("Observe (report-only %v) allocates %v times", d.ReportOnly, n)
		}
	}
}

func BenchmarkObserve(b *testing.B) {
	m, _ := newMetrics(b)
	d := cors.Decision{Kind: cors.Actual, Allowed: true, Reason: cors.Reason{Code: cors.ReasonOriginAllowed}}
	b.ReportAllocs()
	for b.Loop() {
		m.Observe(context.Background(), d)
	}
}
