package corsfiber

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// userContext is c.UserContext() as an adapter.LazyContext: looking it up
// costs a search and, when absent, a store on every request, so the policy
// resolves it only to log or observe a decision.
type userContext struct{ c *fiber.Ctx }

func (u userContext) Resolve() context.Context    { return u.c.UserContext() }
func (u userContext) Deadline() (time.Time, bool) { return u.Resolve().Deadline() }
func (u userContext) Done() <-chan struct{}       { return u.Resolve().Done() }
func (u userContext) Err() error                  { return u.Resolve().Err() }
func (u userContext) Value(key any) any           { return u.Resolve().Value(key) }
