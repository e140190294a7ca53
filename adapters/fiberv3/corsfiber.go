package corsfiber

import (
	"bytes"
	"unsafe"

	"github.com/gofiber/fiber/v3"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
	"github.com/valyala/fasthttp"
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
//
//go:noinline
func Middleware(p *cors.Policy) fiber.Handler {
	// Never inlined, so that the middleware below is compiled once, here,
	// with Evaluate inlined: a copy compiled in a caller's package does not
	// inline it, and costs a call and a copy of the Decision per request.
	if p == nil {
		panic("corsfiber: Middleware needs a policy built with cors.New, got nil")
	}
	return func(c fiber.Ctx) error {
		// The request is described on this frame, as strings pointing into
		// fasthttp's buffers: the policy reads them only during Evaluate and
		// copies what it logs.
		r := adapter.Request{Method: c.Method(), Path: c.Path()}
		forwarded := false
		add := func(key, value []byte) {
			forwarded = forwarded || len(key) == len(fiber.HeaderXForwardedHost) && bytes.EqualFold(key, []byte(fiber.HeaderXForwardedHost))
			r.Add(unsafeString(key), unsafeString(value))
		}
		// The deprecated Visit methods are used on purpose: their callback
		// does not escape, so r stays on the stack; ranging over All from
		// this package would move it to the heap. fasthttp merges the
		// trailer fields of a chunked body into the header; for such a
		// request (ContentLength -1, or 0 for an empty chunked body) the
		// header section is read as received instead, so that trailers are
		// ignored, as net/http ignores them. (Requests built in memory have
		// no raw header section, and no trailers.)
		req := c.Request()
		h := &req.Header
		if raw, n := h.RawHeaders(), h.ContentLength(); len(raw) > 0 && (n == -1 || n == 0 && adapter.MayCarryTrailers(raw)) {
			h.VisitAllInOrder(add) //lint:ignore SA1019 see above
		} else {
			h.VisitAll(add) //lint:ignore SA1019 see above
		}
		// The host is c.Host(), the one handlers see: X-Forwarded-Host from
		// a trusted proxy. Without an X-Forwarded-Host line that is the
		// URI's host, read directly: c.Host() would look the header up again.
		if r.Host = unsafeString(req.URI().Host()); forwarded {
			r.Host = c.Host()
		}
		if d := p.Evaluate(requestContext(c), &r, (*responseHeader)(&c.Response().Header)); d.Respond {
			c.Status(d.Status)
			return nil
		}
		return c.Next()
	}
}

// responseHeader is the response header the policy writes into. Its Set is
// fasthttp's SetCanonical, without what fasthttp's Set adds: the case
// normalization of the name and the removal of line breaks from the value.
// The policy writes canonical names, and no value with a line break
// (cors.New checks configured values; an origin, method or header names
// echoed from the request are checked first). Add is fasthttp's, which
// keeps line breaks too.
type responseHeader fasthttp.ResponseHeader

func (h *responseHeader) Set(key, value string) {
	(*fasthttp.ResponseHeader)(h).SetCanonical(unsafeBytes(key), unsafeBytes(value))
}

func (h *responseHeader) Add(key, value string) {
	(*fasthttp.ResponseHeader)(h).Add(key, value)
}

// unsafeString is v as a string sharing v's bytes, valid only during the
// request. (Field values need no trimming: fasthttp's parser has already
// removed optional whitespace and joined obs-fold continuation lines, as
// net/http's does.)
func unsafeString(v []byte) string {
	return unsafe.String(unsafe.SliceData(v), len(v))
}

// unsafeBytes is s as a byte slice sharing s's bytes, which fasthttp only
// copies.
func unsafeBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
