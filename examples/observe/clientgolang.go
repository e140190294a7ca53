package main

import (
	"context"

	cors "github.com/originguard/cors/core"
	"github.com/prometheus/client_golang/prometheus"
)

// promObserver is the observer docs/production.md shows, between the
// markers, for programs that use Prometheus's client_golang without
// OpenTelemetry: the same series as corsotel's through the exporter.

// client_golang observer: begin
type promObserver struct{ decisions, differences *prometheus.CounterVec }

func newPromObserver(reg prometheus.Registerer) promObserver {
	o := promObserver{
		prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cors_decisions_total", Help: "CORS decisions."},
			[]string{"cors_kind", "cors_outcome", "cors_reason", "cors_scope"}),
		prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cors_report_only_differences_total", Help: "Report-only differences."},
			[]string{"cors_kind", "cors_reason"}),
	}
	reg.MustRegister(o.decisions, o.differences)
	return o
}

func (o promObserver) Observe(_ context.Context, d cors.Decision) {
	if d.ReportOnly { // the report-only policy would have answered differently
		o.differences.WithLabelValues(d.Kind.String(), d.Reason.Code.String()).Inc()
		return
	}
	outcome := "denied"
	if d.Allowed {
		outcome = "allowed"
	}
	o.decisions.WithLabelValues(d.Kind.String(), outcome, d.Reason.Code.String(), d.Reason.Scope).Inc()
}

// client_golang observer: end
