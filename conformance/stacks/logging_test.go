package stacks

import (
	"context"
	"github.com/originguard/cors/conformance"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	cors "github.com/originguard/cors/core"
)

type traceKey struct{}

// traceRecorder keeps, per denial record, the trace id found in the
// record's context and its path attribute.
type traceRecorder struct {
	mu     sync.Mutex
	traces []any
	paths  []string
}

func (*traceRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (h *traceRecorder) Handle(ctx context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.traces = append(h.traces, ctx.Value(traceKey{}))
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "path" {
			h.paths = append(h.paths, a.Value.String())
		}
		return true
	})
	return nil
}
func (h *traceRecorder) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *traceRecorder) WithGroup(string) slog.Handler      { return h }

// TestDenialRecordCarriesContextAndPath covers denial-reasons
// (docs/behaviour.md) on every adapter: the denial record names the request
// path, and the adapters on net/http requests (all but fiber's, whose
// context is the fiber UserContext) write it with the request's context, so
// trace ids survive.
func TestDenialRecordCarriesContextAndPath(t *testing.T) {
	for _, a := range adapterAPIs() {
		rec := &traceRecorder{}
		p := cors.MustNew(cors.Config{AllowedOrigins: []string{"https://app.example"}, Logger: slog.New(rec)})
		r := httptest.NewRequest("GET", conformance.PathResource, nil)
		r.Header.Set("Origin", "https://evil.example")
		r = r.WithContext(context.WithValue(r.Context(), traceKey{}, "trace-1"))
		a.fromPolicy(p).ServeHTTP(httptest.NewRecorder(), r)
		if len(rec.paths) != 1 || rec.paths[0] != conformance.PathResource {
			t.Errorf("%s: %d records, paths %q, want one with path %s", a.name, len(rec.traces), rec.paths, conformance.PathResource)
			continue
		}
		if wantTrace := !strings.HasPrefix(a.name, "fiber"); wantTrace != (rec.traces[0] == "trace-1") {
			t.Errorf("%s: record context carries trace id %v", a.name, rec.traces[0])
		}
	}
}
