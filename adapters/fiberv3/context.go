package corsfiber

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v3"
)

// userContext is c.Context() as an adapter.LazyContext: looking it up
// costs a search and, when absent, a store on every request, so the policy
// resolves it only to log or observe a decision. It holds fiber's own
// context type, one pointer, which an interface holds without allocating.
type userContext struct{ c *fiber.DefaultCtx }

// requestContext returns the context to evaluate c with: lazy for fiber's
// own context type, c.Context() for an application's custom one.
func requestContext(c fiber.Ctx) context.Context {
	if dc, ok := c.(*fiber.DefaultCtx); ok {
		return userContext{dc}
	}
	return c.Context()
}

func (u userContext) Resolve() context.Context    { return u.c.Context() }
func (u userContext) Deadline() (time.Time, bool) { return u.Resolve().Deadline() }
func (u userContext) Done() <-chan struct{}       { return u.Resolve().Done() }
func (u userContext) Err() error                  { return u.Resolve().Err() }
func (u userContext) Value(key any) any           { return u.Resolve().Value(key) }
