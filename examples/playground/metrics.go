package main

import (
	"context"
	"net/http"
	"sort"
	"sync"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/corsotel"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// counted is the policy's Observe: corsotel's counters, except for the
// recorder's own evaluations, which would count every request twice; for
// those it notes the report-only difference on the record instead.
type counted struct{ m *corsotel.Metrics }

// recorderNote marks the recorder's evaluations in their context and
// receives the report-only policy's decision where it differs.
type recorderNote struct{ reportOnly *cors.Decision }

type recorderKey struct{}

func (c counted) Observe(ctx context.Context, d cors.Decision) {
	note, ok := ctx.Value(recorderKey{}).(*recorderNote)
	switch {
	case !ok:
		c.m.Observe(ctx, d)
	case d.ReportOnly:
		note.reportOnly = &d
	}
}

// meters holds the metrics pipeline: corsotel on an OpenTelemetry SDK
// whose manual reader the page's counters endpoint collects.
type meters struct {
	reader   *sdkmetric.ManualReader
	observer counted
}

func newMeters() (*meters, error) {
	reader := sdkmetric.NewManualReader()
	m, err := corsotel.New(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader)))
	if err != nil {
		return nil, err
	}
	return &meters{reader: reader, observer: counted{m}}, nil
}

// counter is one series as the page shows it.
type counter struct {
	Name       string            `json:"name"`
	Attributes map[string]string `json:"attributes"`
	Value      int64             `json:"value"`
}

// counters collects every series, sorted by name and attributes.
func (ms *meters) counters(ctx context.Context) ([]counter, error) {
	var rm metricdata.ResourceMetrics
	if err := ms.reader.Collect(ctx, &rm); err != nil {
		return nil, err
	}
	out := []counter{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			sum, ok := m.Data.(metricdata.Sum[int64])
			if !ok {
				continue
			}
			for _, dp := range sum.DataPoints {
				c := counter{Name: m.Name, Attributes: map[string]string{}, Value: dp.Value}
				for _, kv := range dp.Attributes.ToSlice() {
					c.Attributes[string(kv.Key)] = kv.Value.AsString()
				}
				out = append(out, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return attrKey(out[i]) < attrKey(out[j])
	})
	return out, nil
}

// attrKey orders series of one instrument.
func attrKey(c counter) string {
	return c.Attributes["cors.kind"] + " " + c.Attributes["cors.outcome"] + " " + c.Attributes["cors.reason"] + " " + c.Attributes["cors.scope"]
}

func (pg *playground) serveCounters(w http.ResponseWriter, r *http.Request) {
	cs, err := pg.meters.counters(r.Context())
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, cs)
}

// candidate is the report-only policy the page set, nil for none.
type candidate struct {
	mu  sync.Mutex
	cfg *policyJSON
}

// serveCandidate answers GET with the report-only policy (null for none),
// sets it from a POSTed policy (the live one's other settings kept) as the
// live Config's ReportOnly with Reconfigure, and removes it on DELETE. A rejected policy is
// answered 422 with the configuration error, verbatim.
func (pg *playground) serveCandidate(w http.ResponseWriter, r *http.Request) {
	pg.candidate.mu.Lock()
	defer pg.candidate.mu.Unlock()
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		writeJSON(w, http.StatusOK, pg.candidate.cfg)
	case http.MethodDelete:
		if err := pg.setReportOnly(nil); err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		pg.candidate.cfg = nil
		writeJSON(w, http.StatusOK, nil)
	case http.MethodPost:
		in, ok := readPolicy(w, r)
		if !ok {
			return
		}
		cfg := withEdits(pg.policy.Config(), in)
		cfg.Observe, cfg.ReportOnly = nil, nil // the live policy's Observe reports the differences
		p, err := cors.New(cfg)
		if err != nil {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": err.Error()})
			return
		}
		if err := pg.setReportOnly(p); err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
			return
		}
		out := policyOf(p.Config())
		pg.candidate.cfg = &out
		writeJSON(w, http.StatusOK, out)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST, DELETE")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// setReportOnly makes p (nil: none) the live policy's ReportOnly, the rest
// of the configuration unchanged.
func (pg *playground) setReportOnly(p *cors.Policy) error {
	cfg := pg.policy.Config()
	cfg.ReportOnly = p
	return pg.policy.Reconfigure(cfg)
}
