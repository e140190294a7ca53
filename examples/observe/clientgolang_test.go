package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	cors "github.com/originguard/cors/core"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// TestClientGolangObserver: the observer of docs/production.md gives the
// series the OpenTelemetry exporter gives (with an empty cors_scope, which
// Prometheus treats as absent, for a policy built with New).
func TestClientGolangObserver(t *testing.T) {
	reg := prometheus.NewRegistry()
	cfg := livePolicy()
	cfg.Observe = newPromObserver(reg).Observe
	cfg.ReportOnly = cors.MustNew(candidatePolicy())
	live := cors.MustNew(cfg)
	h := live.Handler(http.HandlerFunc(serveItems))
	for _, origin := range []string{"https://app.example", "https://evil.example"} {
		r := httptest.NewRequest("OPTIONS", itemsPath, nil)
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", "PUT")
		h.ServeHTTP(httptest.NewRecorder(), r)
	}
	w := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	var got []string
	for line := range strings.Lines(w.Body.String()) {
		if strings.HasPrefix(line, "cors_") {
			got = append(got, strings.TrimSpace(line))
		}
	}
	want := []string{
		`cors_decisions_total{cors_kind="preflight",cors_outcome="allowed",cors_reason="preflight-allowed",cors_scope=""} 1`,
		`cors_decisions_total{cors_kind="preflight",cors_outcome="denied",cors_reason="origin-not-allowed",cors_scope=""} 1`,
		`cors_report_only_differences_total{cors_kind="preflight",cors_reason="method-not-allowed"} 1`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestProductionDocShowsTheObserver: docs/production.md shows the code of
// clientgolang.go between its markers, so the documented observer is the
// one compiled and tested here.
func TestProductionDocShowsTheObserver(t *testing.T) {
	src, err := os.ReadFile("clientgolang.go")
	if err != nil {
		t.Fatal(err)
	}
	_, code, _ := strings.Cut(string(src), "// client_golang observer: begin\n")
	code, _, _ = strings.Cut(code, "\n// client_golang observer: end")
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "production.md"))
	if err != nil {
		t.Fatal(err)
	}
	if code == "" || !strings.Contains(string(doc), "```go\n"+code+"```\n") {
		t.Errorf("docs/production.md does not show the observer of clientgolang.go as a go block:\n%s", code)
	}
}
