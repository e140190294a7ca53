package stacks

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v2"
	fiberv3 "github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsfiberv3 "github.com/originguard/cors/adapters/fiberv3"
	"github.com/originguard/cors/conformance"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
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

// The fiber adapters evaluate with a stand-in for fiber's user context and
// resolve it only for the hooks: the denial record and the observer get
// the user context an earlier middleware set (its trace id survives), a
// context that stays valid after the request, never the stand-in.
func TestFiberHooksGetUserContext(t *testing.T) {
	traced := func() context.Context { return context.WithValue(context.Background(), traceKey{}, "trace-1") }
	for name, app := range map[string]func(*cors.Policy) http.Handler{
		"fiber": func(p *cors.Policy) http.Handler {
			a := fiber.New(fiber.Config{DisableStartupMessage: true})
			a.Use(func(c *fiber.Ctx) error { c.SetUserContext(traced()); return c.Next() })
			a.Use(corsfiber.Middleware(p))
			a.Get(conformance.PathResource, func(c *fiber.Ctx) error { return c.SendStatus(http.StatusOK) })
			return fasthttpBridge(a.Handler())
		},
		"fiberv3": func(p *cors.Policy) http.Handler {
			a := fiberv3.New()
			a.Use(func(c fiberv3.Ctx) error { c.SetContext(traced()); return c.Next() })
			a.Use(corsfiberv3.Middleware(p))
			a.Get(conformance.PathResource, func(c fiberv3.Ctx) error { return c.SendStatus(http.StatusOK) })
			return fasthttpBridge(a.Handler())
		},
	} {
		rec := &traceRecorder{}
		var observed []context.Context
		p := cors.MustNew(cors.Config{
			AllowedOrigins: []string{"https://app.example"},
			Logger:         slog.New(rec),
			Observe:        func(ctx context.Context, _ cors.Decision) { observed = append(observed, ctx) },
		})
		r := httptest.NewRequest("GET", conformance.PathResource, nil)
		r.Header.Set("Origin", "https://evil.example")
		app(p).ServeHTTP(httptest.NewRecorder(), r)
		if len(rec.traces) != 1 || rec.traces[0] != "trace-1" {
			t.Errorf("%s: denial records carry trace ids %v, want one trace-1", name, rec.traces)
		}
		if len(observed) != 1 {
			t.Fatalf("%s: %d decisions observed, want one", name, len(observed))
		}
		if _, lazy := observed[0].(adapter.LazyContext); lazy || observed[0].Value(traceKey{}) != "trace-1" {
			t.Errorf("%s: observer context %#v: want the user context carrying the trace id", name, observed[0])
		}
	}
}
