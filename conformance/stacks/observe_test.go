package stacks

import (
	"context"
	"maps"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/originguard/cors/conformance/internal/observe"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
	"github.com/originguard/cors/corsotel"
	"go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
)

// TestObserverOnEveryStack sends every request of the conformance table to
// every stack, under a policy whose Config.Observe is corsotel's on the
// OpenTelemetry SDK's manual reader, with a report-only candidate that
// refuses every CORS request. After each request the reader must have
// counted exactly what the core decides for the same request evaluated on
// its own (an adapter.Request from the *http.Request, no framework): one
// more cors.decisions under that decision's attribute set, and one more
// cors.report_only.differences where the candidate would have answered
// differently. The totals per attribute set are logged (-v).
func TestObserverOnEveryStack(t *testing.T) {
	if observe.Cases == nil {
		t.Fatal("package conformance did not set observe.Cases")
	}
	cases := observe.Cases()
	candidate := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://candidate.invalid"}})
	for _, h := range Harnesses() {
		t.Run(h.Name, func(t *testing.T) {
			reader := metric.NewManualReader()
			metrics, err := corsotel.New(metric.NewMeterProvider(metric.WithReader(reader)))
			if err != nil {
				t.Fatal(err)
			}
			type built struct {
				serve func(observe.Case)
				ref   *cors.Policy // the same policy, observed by rec
			}
			rec := &lastDecision{}
			policies := map[string]built{}
			var prev map[string]int64
			for _, c := range cases {
				b, ok := policies[c.Policy]
				if !ok {
					live, ref := build(t, c, metrics.Observe, candidate), build(t, c, rec.Observe, candidate)
					app := h.Mount(live)
					b = built{func(c observe.Case) { app.ServeHTTP(httptest.NewRecorder(), c.Request()) }, ref}
					policies[c.Policy] = b
				}
				b.serve(c)

				*rec = lastDecision{}
				ar := adapter.FromHTTP(c.Request())
				b.ref.Evaluate(context.Background(), &ar, nil)
				want := map[string]int64{"cors.decisions " + decisionSet(rec.decision): 1}
				if rec.candidate != nil {
					want["cors.report_only.differences "+differenceSet(*rec.candidate)] = 1
				}
				now := collect(t, reader)
				if got := delta(prev, now); !maps.Equal(got, want) {
					t.Errorf("%s: counted %v, want %v", c.Name, got, want)
				}
				prev = now
			}
			var lines []string
			for _, k := range slices.Sorted(maps.Keys(prev)) {
				lines = append(lines, k+" = "+strconv.FormatInt(prev[k], 10))
			}
			t.Logf("%d requests; counts per attribute set:\n%s", len(cases), strings.Join(lines, "\n"))
		})
	}
}

// build builds the case's policy with watch and reportOnly as its Observe
// and ReportOnly (and those of its scopes).
func build(t *testing.T, c observe.Case, watch func(context.Context, cors.Decision), reportOnly *cors.Policy) *cors.Policy {
	t.Helper()
	var p *cors.Policy
	var err error
	if c.Scoped != nil {
		sc := *c.Scoped
		sc.Observe, sc.ReportOnly = watch, reportOnly
		p, err = cors.NewScoped(sc)
	} else {
		cfg := c.Config
		cfg.Observe, cfg.ReportOnly = watch, reportOnly
		p, err = cors.New(cfg)
	}
	if err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	return p
}

// lastDecision keeps what a reference evaluation reported.
type lastDecision struct {
	decision  cors.Decision
	candidate *cors.Decision
}

func (l *lastDecision) Observe(_ context.Context, d cors.Decision) {
	if d.ReportOnly {
		l.candidate = &d
	} else {
		l.decision = d
	}
}

// decisionSet and differenceSet write the attribute sets corsotel must
// use, as collect writes them: key=value in key order.
func decisionSet(d cors.Decision) string {
	outcome := "denied"
	if d.Allowed {
		outcome = "allowed"
	}
	s := "cors.kind=" + d.Kind.String() + ",cors.outcome=" + outcome + ",cors.reason=" + d.Reason.Code.String()
	if d.Reason.Scope != "" {
		s += ",cors.scope=" + d.Reason.Scope
	}
	return s
}

func differenceSet(c cors.Decision) string {
	return "cors.kind=" + c.Kind.String() + ",cors.reason=" + c.Reason.Code.String()
}

// collect reads every series of the reader: "instrument k=v,k=v" to count.
func collect(t *testing.T, reader *metric.ManualReader) map[string]int64 {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			for _, dp := range m.Data.(metricdata.Sum[int64]).DataPoints {
				var kvs []string
				for _, kv := range dp.Attributes.ToSlice() {
					kvs = append(kvs, string(kv.Key)+"="+kv.Value.AsString())
				}
				out[m.Name+" "+strings.Join(kvs, ",")] = dp.Value
			}
		}
	}
	return out
}

// delta is what now counts beyond prev.
func delta(prev, now map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range now {
		if d := v - prev[k]; d != 0 {
			out[k] = d
		}
	}
	return out
}
