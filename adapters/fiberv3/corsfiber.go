package corsfiber

import (
	"github.com/gofiber/fiber/v3"
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
	return func(c fiber.Ctx) error {
		// The field lines go into arrays on this frame (room for the usual
		// single line; more lines make append use the heap), as strings
		// pointing into fasthttp's buffers: the core reads them only during
		// Evaluate and WriteHeaders, and copies what it logs.
		var origin, acrm, acrh, acrpn [2]string
		r := cors.Request{Method: c.Method(), Host: unsafeString(c.Request().Host()), Path: c.Path(),
			Origin: origin[:0], AccessControlRequestMethod: acrm[:0],
			AccessControlRequestHeaders: acrh[:0], AccessControlRequestPrivateNetwork: acrpn[:0]}
		visitFields(&c.Request().Header, func(k, v []byte) {
			switch s := unsafeString(v); cors.HeaderFieldOf(unsafeString(k)) {
			case cors.OriginField:
				r.Origin = append(r.Origin, s)
			case cors.RequestMethodField:
				r.AccessControlRequestMethod = append(r.AccessControlRequestMethod, s)
			case cors.RequestHeadersField:
				r.AccessControlRequestHeaders = append(r.AccessControlRequestHeaders, s)
			case cors.RequestPrivateNetworkField:
				r.AccessControlRequestPrivateNetwork = append(r.AccessControlRequestPrivateNetwork, s)
			}
		})
		d := p.EvaluateContext(c.Context(), r)
		d.WriteHeaders(&c.Response().Header)
		if d.Respond {
			c.Status(d.Status)
			return nil
		}
		return c.Next()
	}
}
