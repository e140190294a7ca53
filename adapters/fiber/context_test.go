package corsfiber_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

type traceKey struct{}

// recordContexts is a slog.Handler keeping the context of every record.
type recordContexts struct{ got *[]context.Context }

func (h recordContexts) Enabled(context.Context, slog.Level) bool { return true }
func (h recordContexts) Handle(ctx context.Context, _ slog.Record) error {
	*h.got = append(*h.got, ctx)
	return nil
}
func (h recordContexts) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h recordContexts) WithGroup(string) slog.Handler      { return h }

// The observer and the denial record get the user context an earlier
// middleware set, itself: a context that stays valid after the request,
// not the stand-in the adapter evaluates with.
func TestHooksGetUserContext(t *testing.T) {
	var observed, logged []context.Context
	p := cors.MustNew(cors.Config{
		AllowedOrigins: []string{"https://app.example"},
		Observe:        func(ctx context.Context, _ cors.Decision) { observed = append(observed, ctx) },
		Logger:         slog.New(recordContexts{&logged}),
	})
	app := fiber.New()
	app.Use(func(c *fiber.Ctx) error {
		c.SetUserContext(context.WithValue(context.Background(), traceKey{}, "trace-1"))
		return c.Next()
	})
	app.Use(corsfiber.Middleware(p))
	app.Get("/x", func(c *fiber.Ctx) error { return nil })
	r := httptest.NewRequest("GET", "/x", nil)
	r.Header.Set("Origin", "https://evil.example")
	if _, err := app.Test(r); err != nil {
		t.Fatal(err)
	}
	if len(observed) != 1 || len(logged) != 1 {
		t.Fatalf("%d observed, %d logged, want one each", len(observed), len(logged))
	}
	for _, ctx := range []context.Context{observed[0], logged[0]} {
		if _, lazy := ctx.(adapter.LazyContext); lazy || ctx.Value(traceKey{}) != "trace-1" {
			t.Errorf("hook context %#v: want the user context carrying the trace id", ctx)
		}
	}
}
