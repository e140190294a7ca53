package corsfiber_test

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	cors "github.com/originguard/cors/core"
)

// keepHandler is a slog.Handler that keeps its records, as buffering or
// asynchronous handlers do.
type keepHandler struct {
	mu      sync.Mutex
	records []slog.Record
}

func (h *keepHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *keepHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, r.Clone())
	return nil
}
func (h *keepHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *keepHandler) WithGroup(string) slog.Handler      { return h }

// A denial's log record may be kept by the handler after the request: its
// strings must not change when fasthttp reuses the request's buffers.
func TestLogRecordOutlivesRequest(t *testing.T) {
	kh := &keepHandler{}
	cfg := testConfig
	cfg.Logger = slog.New(kh)
	checkLogRecordOutlivesRequest(t, kh, corsfiber.New(cfg))
}

// The same through Middleware, with the caller's own policy: the core copies
// the request strings it hands to the log handler.
func TestLogRecordOutlivesRequestMiddleware(t *testing.T) {
	kh := &keepHandler{}
	cfg := testConfig
	cfg.Logger = slog.New(kh)
	checkLogRecordOutlivesRequest(t, kh, corsfiber.Middleware(cors.MustNew(cfg)))
}

func checkLogRecordOutlivesRequest(t *testing.T, kh *keepHandler, mw fiber.Handler) {
	t.Helper()
	h := fiberHandler(mw)
	ctx := rawRequest(http.MethodGet, "Origin", "https://evil.example")
	serve(h, ctx)
	// The next request on the same connection reuses the header buffers.
	ctx.Request.Header.Set("Origin", "https://bad1.example")
	ctx.Request.Header.SetMethod("PUT")
	ctx.Request.SetRequestURI("/other")
	serve(h, ctx)
	if len(kh.records) != 2 {
		t.Fatalf("%d records, want 2", len(kh.records))
	}
	var origin, method, path string
	kh.records[0].Attrs(func(a slog.Attr) bool {
		switch a.Key {
		case "origin":
			origin = a.Value.String()
		case "method":
			method = a.Value.String()
		case "path":
			path = a.Value.String()
		}
		return true
	})
	if origin != "https://evil.example" || method != "GET" || path != "/x" {
		t.Errorf("first record changed after the request: origin %q, method %q, path %q", origin, method, path)
	}
}
