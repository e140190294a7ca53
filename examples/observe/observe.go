package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/corsotel"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
)

// livePolicy is the policy that answers.
func livePolicy() cors.Config {
	return cors.Config{
		AllowedOrigins:   []string{"https://app.example"},
		AllowCredentials: true,
		AllowedMethods:   []string{http.MethodGet, http.MethodPut},
		AllowedHeaders:   []string{"X-Token"},
	}
}

// candidatePolicy is the tightened policy tried out in report-only mode:
// the live one without PUT.
func candidatePolicy() cors.Config {
	cfg := livePolicy()
	cfg.AllowedMethods = []string{http.MethodGet}
	return cfg
}

// server is the API on one stack.
type server struct {
	apiServer
	metricsShutdown func(context.Context) error
}

type apiServer interface {
	Serve(ln net.Listener) error
	Shutdown(ctx context.Context) error
}

// stack mounts the CORS middleware for p, GET /api/items and GET /metrics
// (served by metrics) on one framework.
type stack func(p *cors.Policy, metrics http.Handler) apiServer

// newServer builds the metrics pipeline (OpenTelemetry SDK, Prometheus
// exporter on its own registry), the live policy counted by it with the
// candidate in report-only mode, and the API on stack. Debug records go to
// logs.
func newServer(stackName string, logs io.Writer) (*server, error) {
	mount, ok := stacks[stackName]
	if !ok {
		return nil, fmt.Errorf("unknown stack %q (want one of %v)", stackName, stackNames())
	}
	registry := prometheus.NewRegistry()
	exporter, err := otelprom.New(otelprom.WithRegisterer(registry), otelprom.WithoutScopeInfo(), otelprom.WithoutTargetInfo())
	if err != nil {
		return nil, err
	}
	provider := sdkmetric.NewMeterProvider(sdkmetric.WithReader(exporter))
	metrics, err := corsotel.New(provider)
	if err != nil {
		return nil, err
	}

	candidate, err := cors.New(candidatePolicy())
	if err != nil {
		return nil, err
	}
	cfg := livePolicy()
	cfg.Observe = metrics.Observe
	cfg.ReportOnly = candidate
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	live, err := cors.New(cfg)
	if err != nil {
		return nil, err
	}

	api := mount(live, promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	return &server{apiServer: api, metricsShutdown: provider.Shutdown}, nil
}

// itemsPath is the API's resource; GET answers 200 with a small JSON list.
const itemsPath = "/api/items"

const items = `[{"id":1,"name":"first"}]`

func serveItems(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, items)
}

func newHTTPServer(h http.Handler) apiServer {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
}
