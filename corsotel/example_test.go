package corsotel_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/corsotel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// A policy counted with corsotel, and a report-only candidate that would
// refuse PUT. In an application the MeterProvider comes from the
// OpenTelemetry setup (with a Prometheus or OTLP exporter); here a manual
// reader shows the counts.
func ExampleNew() {
	reader := sdkmetric.NewManualReader()
	metrics, err := corsotel.New(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))
	if err != nil {
		panic(err)
	}
	live := cors.MustNew(cors.Config{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{"GET", "PUT"},
		Observe:        metrics.Observe,
		ReportOnly: cors.MustNew(cors.Config{
			AllowedOrigins: []string{"https://app.example"},
			AllowedMethods: []string{"GET"},
		}),
	})

	handler := live.Handler(http.NotFoundHandler())
	for _, origin := range []string{"https://app.example", "https://evil.example"} {
		r := httptest.NewRequest("OPTIONS", "http://api.example/items", nil)
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", "PUT")
		handler.ServeHTTP(httptest.NewRecorder(), r)
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		panic(err)
	}
	var lines []string
	for _, m := range rm.ScopeMetrics[0].Metrics {
		for _, dp := range m.Data.(metricdata.Sum[int64]).DataPoints {
			line := m.Name
			for _, kv := range dp.Attributes.ToSlice() {
				line += fmt.Sprintf(" %s=%s", kv.Key, kv.Value.AsString())
			}
			lines = append(lines, fmt.Sprint(line, ": ", dp.Value))
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	// Output:
	// cors.decisions cors.kind=preflight cors.outcome=allowed cors.reason=preflight-allowed: 1
	// cors.decisions cors.kind=preflight cors.outcome=denied cors.reason=origin-not-allowed: 1
	// cors.report_only.differences cors.kind=preflight cors.reason=method-not-allowed: 1
}
