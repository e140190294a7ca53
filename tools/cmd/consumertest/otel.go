package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/originguard/cors/tools/internal/family"
)

// corsotelPath is the OpenTelemetry module the test uses as a program would.
const corsotelPath = "github.com/originguard/cors/corsotel"

// otelProgram counts one refused request with corsotel and prints what the
// OpenTelemetry SDK's manual reader collected.
const otelProgram = `package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/corsotel"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

func main() {
	reader := sdkmetric.NewManualReader()
	metrics, err := corsotel.New(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))
	if err != nil {
		panic(err)
	}
	p := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://app.example"}, Observe: metrics.Observe})
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Origin", "https://evil.example")
	p.Handler(http.NotFoundHandler()).ServeHTTP(httptest.NewRecorder(), r)
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		panic(err)
	}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			for _, dp := range m.Data.(metricdata.Sum[int64]).DataPoints {
				fmt.Println(m.Name, dp.Attributes.Encoded(attribute.DefaultEncoder()), dp.Value)
			}
		}
	}
}
`

// useCorsotel builds and runs otelProgram in a module of its own that gets
// corsotel (and the SDK at the version corsotel requires of the metric
// API) as a user would.
func useCorsotel(tmp string, env []string, mods []family.Module) error {
	var otelVersion string
	for _, m := range mods {
		if m.Path != corsotelPath {
			continue
		}
		for _, r := range m.File.Require {
			if r.Mod.Path == "go.opentelemetry.io/otel/metric" {
				otelVersion = r.Mod.Version
			}
		}
	}
	if otelVersion == "" {
		return fmt.Errorf("no published module %s requiring go.opentelemetry.io/otel/metric", corsotelPath)
	}
	c, err := newConsumer(filepath.Join(tmp, "consumer-corsotel"), env, goDirective(mods))
	if err != nil {
		return err
	}
	if err := c.goCmd("get", corsotelPath, "go.opentelemetry.io/otel/sdk/metric@"+otelVersion); err != nil {
		return err
	}
	if err := c.write("main.go", otelProgram); err != nil {
		return err
	}
	out, err := c.goOutput("run", ".")
	if err != nil {
		return fmt.Errorf("go run of the corsotel program: %v\n%s", err, out)
	}
	const want = "cors.decisions cors.kind=actual,cors.outcome=denied,cors.reason=origin-not-allowed 1"
	if strings.TrimSpace(out) != want {
		return fmt.Errorf("the corsotel program printed %q, want %q", out, want)
	}
	fmt.Println("ok: corsotel counts a refused request through the OpenTelemetry SDK in a module outside the repository")
	return nil
}
