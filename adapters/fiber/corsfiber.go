package corsfiber

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
	cors "github.com/originguard/cors/core"
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
		// The field lines go into arrays on this frame (room for the usual
		// single line; more lines make append use the heap), as strings
		// pointing into fasthttp's buffers: the core reads them only during
		// Evaluate and WriteHeaders, and copies what it logs.
		var origin, acrm, acrh, acrpn [2]string
		r := cors.Request{Method: c.Method(), Host: utils.UnsafeString(c.Request().Host()), Path: c.Path(),
			Origin: origin[:0], AccessControlRequestMethod: acrm[:0],
			AccessControlRequestHeaders: acrh[:0], AccessControlRequestPrivateNetwork: acrpn[:0]}
		// The deprecated Visit methods are used on purpose: their callback
		// does not escape, so the arrays stay on the stack; ranging over All
		// from this package would move them to the heap.
		visit := func(key, value []byte) { r.AddHeaderField(utils.UnsafeString(key), utils.UnsafeString(value)) }
		if h := &c.Request().Header; h.ContentLength() == -1 {
			// Chunked: fasthttp merged the trailer fields into the header;
			// read the header section as received, as net/http does.
			h.VisitAllInOrder(visit) //lint:ignore SA1019 see above
		} else {
			h.VisitAll(visit) //lint:ignore SA1019 see above
		}
		d := p.EvaluateContext(c.UserContext(), r)
		d.WriteHeaders(&c.Response().Header)
		if d.Respond {
			c.Status(d.Status)
			return nil
		}
		return c.Next()
	}
}
