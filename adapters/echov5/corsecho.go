package corsecho

import (
	"github.com/labstack/echo/v5"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

// Config is the policy configuration; it is cors.Config, aliased so that one
// import suffices.
type Config = cors.Config

// New builds a policy from cfg and returns echo middleware applying it. It
// panics, with the message of cors.New, when cfg is invalid. Mount the result
// with e.Use (or e.Pre).
func New(cfg Config) echo.MiddlewareFunc {
	return Middleware(cors.MustNew(cfg))
}

// Middleware returns echo middleware applying p. Use it to handle the error
// of cors.New yourself or to share a policy that is reconfigured at run time.
// It panics if p is nil.
//
//go:noinline
func Middleware(p *cors.Policy) echo.MiddlewareFunc {
	// Never inlined, so that the middleware below is compiled once, here,
	// with Evaluate inlined: a copy compiled in a caller's package does not
	// inline it, and costs a call and a copy of the Decision per request.
	if p == nil {
		panic("corsecho: Middleware needs a policy built with cors.New, got nil")
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			var r adapter.Request
			r.ReadHTTP(c.Request())
			if d := p.Evaluate(c.Request().Context(), &r, c.Response().Header()); d.Respond {
				return c.NoContent(d.Status)
			}
			return next(c)
		}
	}
}
