package corsfiber

import (
	"unsafe"

	"github.com/gofiber/fiber/v3"
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
	return func(c fiber.Ctx) error {
		// The request is described on this frame, as strings pointing into
		// fasthttp's buffers: the policy reads them only during Evaluate and
		// copies what it logs. The host is c.Host(), the one handlers see
		// (X-Forwarded-Host from a trusted proxy).
		r := adapter.Request{Method: c.Method(), Host: c.Host(), Path: c.Path()}
		add := func(key, value []byte) { r.Add(unsafeString(key), unsafeString(value)) }
		// The deprecated Visit methods are used on purpose: their callback
		// does not escape, so r stays on the stack; ranging over All from
		// this package would move it to the heap. fasthttp merges the
		// trailer fields of a chunked body into the header; for such a
		// request the header section is read as received instead, so that
		// trailers are ignored, as net/http ignores them. (Requests built in
		// memory have no raw header section, and no trailers.)
		if h := &c.Request().Header; adapter.MayCarryTrailers(h.RawHeaders()) {
			h.VisitAllInOrder(add) //lint:ignore SA1019 see above
		} else {
			h.VisitAll(add) //lint:ignore SA1019 see above
		}
		if d := p.Evaluate(c.Context(), &r, &c.Response().Header); d.Respond {
			c.Status(d.Status)
			return nil
		}
		return c.Next()
	}
}

// unsafeString is v as a string sharing v's bytes, valid only during the
// request. (Field values need no trimming: fasthttp's parser has already
// removed optional whitespace and joined obs-fold continuation lines, as
// net/http's does.)
func unsafeString(v []byte) string {
	return unsafe.String(unsafe.SliceData(v), len(v))
}
