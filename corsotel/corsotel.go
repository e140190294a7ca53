package corsotel

import (
	"context"
	"sync"
	"sync/atomic"

	cors "github.com/originguard/cors/core"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// ScopeName is the instrumentation scope of the meter Metrics records with.
const ScopeName = "github.com/originguard/cors/corsotel"

// The attribute keys.
const (
	keyKind    = attribute.Key("cors.kind")
	keyOutcome = attribute.Key("cors.outcome")
	keyReason  = attribute.Key("cors.reason")
	keyScope   = attribute.Key("cors.scope")
)

// Metrics counts decisions and report-only differences; set its Observe
// method as Config.Observe (or ScopedConfig.Observe). It is safe for
// concurrent use.
type Metrics struct {
	decisions   metric.Int64Counter
	differences metric.Int64Counter

	// options holds the measurement options of every attribute
	// combination seen, copied on write so that reading takes no lock.
	options atomic.Pointer[map[key][]metric.AddOption]
	mu      sync.Mutex // serialises writers of options
}

// key is one attribute combination; difference keys have no outcome or
// scope.
type key struct {
	difference bool
	kind       cors.Kind
	allowed    bool
	code       cors.ReasonCode
	scope      string
}

// New creates the instruments with a meter of mp (the global
// MeterProvider, otel.GetMeterProvider, when mp is nil).
func New(mp metric.MeterProvider) (*Metrics, error) {
	if mp == nil {
		mp = otel.GetMeterProvider()
	}
	meter := mp.Meter(ScopeName)
	decisions, err := meter.Int64Counter("cors.decisions",
		metric.WithUnit("{decision}"),
		metric.WithDescription("CORS decisions, by request kind, outcome, reason and scope"))
	if err != nil {
		return nil, err
	}
	differences, err := meter.Int64Counter("cors.report_only.differences",
		metric.WithUnit("{request}"),
		metric.WithDescription("Requests on which the report-only CORS policy would have answered differently, by kind and the report-only policy's reason"))
	if err != nil {
		return nil, err
	}
	m := &Metrics{decisions: decisions, differences: differences}
	m.options.Store(&map[key][]metric.AddOption{})
	return m, nil
}

// Observe counts d in cors.decisions, or, when d.ReportOnly is set (a
// report-only policy's decision that differs from the live one), in
// cors.report_only.differences under that policy's reason.
func (m *Metrics) Observe(ctx context.Context, d cors.Decision) {
	if d.ReportOnly {
		m.differences.Add(ctx, 1, m.optionsFor(key{difference: true, kind: d.Kind, code: d.Reason.Code})...)
		return
	}
	m.decisions.Add(ctx, 1, m.optionsFor(key{kind: d.Kind, allowed: d.Allowed, code: d.Reason.Code, scope: d.Reason.Scope})...)
}

// optionsFor returns the measurement options of k, built on first use.
func (m *Metrics) optionsFor(k key) []metric.AddOption {
	if opts, ok := (*m.options.Load())[k]; ok {
		return opts
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	old := *m.options.Load()
	if opts, ok := old[k]; ok {
		return opts
	}
	next := make(map[key][]metric.AddOption, len(old)+1)
	for k, v := range old {
		next[k] = v
	}
	opts := []metric.AddOption{metric.WithAttributeSet(k.attributes())}
	next[k] = opts
	m.options.Store(&next)
	return opts
}

// attributes is the attribute set of k.
func (k key) attributes() attribute.Set {
	attrs := []attribute.KeyValue{keyKind.String(k.kind.String()), keyReason.String(k.code.String())}
	if !k.difference {
		outcome := "denied"
		if k.allowed {
			outcome = "allowed"
		}
		attrs = append(attrs, keyOutcome.String(outcome))
		if k.scope != "" {
			attrs = append(attrs, keyScope.String(k.scope))
		}
	}
	return attribute.NewSet(attrs...)
}
