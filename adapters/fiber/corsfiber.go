package corsfiber

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

// Config is the policy configuration; it is cors.Config, aliased so that one
// import suffices.
type Config = cors.Config

// New builds a policy from cfg and returns fiber middleware applying it. It
// panics, with the message of cors.New, when cfg is invalid. Mount the result
// with app.Use.
func New(cfg Config) fiber.Handler {
	return Middleware(cors.MustNew(cfg))
}

// Middleware returns fiber middleware applying p. Use it to handle the error
// of cors.New yourself or to share a policy that is reconfigured at run time.
// It panics if p is nil.
func Middleware(p *cors.Policy) fiber.Handler {
	if p == nil {
		panic("corsfiber: Middleware needs a policy built with cors.New, got nil")
	}
	return func(c *fiber.Ctx) error {
		// The request is described on this frame, as strings pointing into
		// fasthttp's buffers: the policy reads them only during Evaluate and
		// copies what it logs. The host is c.Hostname(), the one handlers
		// see: X-Forwarded-Host when fiber trusts the sender, which with
		// fiber's defaults is every sender.
		r := adapter.Request{Method: c.Method(), Host: c.Hostname(), Path: c.Path()}
		add := func(key, value []byte) { r.Add(utils.UnsafeString(key), utils.UnsafeString(value)) }
		// The deprecated Visit methods are used on purpose: their callback
		// does not escape, so r stays on the stack; ranging over All from
		// this package would move it to the heap. fasthttp merges the
		// trailer fields of a chunked body into the header; for such a
		// request the header section is read as received instead, so that
		// trailers are ignored, as net/http ignores them.
		if h := &c.Request().Header; adapter.MayCarryTrailers(h.RawHeaders()) {
			h.VisitAllInOrder(add) //lint:ignore SA1019 see above
		} else {
			h.VisitAll(add) //lint:ignore SA1019 see above
		}
		if d := p.Evaluate(c.UserContext(), &r, &c.Response().Header); d.Respond {
			c.Status(d.Status)
			return nil
		}
		return c.Next()
	}
}
