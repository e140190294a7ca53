package corsfiber

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
	cors "github.com/originguard/cors/core"
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
func Middleware(p *cors.Policy) fiber.Handler {
	if p == nil {
		panic("corsfiber: Middleware needs a policy built with cors.New, got nil")
	}
	return func(c *fiber.Ctx) error {
		var r cors.Request
		if h := &c.Request().Header; cors.MayCarryTrailers(h.RawHeaders()) {
			r = headerSection(h)
		} else {
			// The field lines go into arrays on this frame (room for the
			// usual single line; more lines make append use the heap), as
			// strings pointing into fasthttp's buffers: the core reads them
			// only during Evaluate and WriteHeaders, and copies what it
			// logs. The deprecated VisitAll is used on purpose: its callback
			// does not escape, so the arrays stay on the stack; ranging over
			// All from this package would move them to the heap.
			var origin, acrm, acrh, acrpn [2]string
			r = cors.Request{Origin: origin[:0], AccessControlRequestMethod: acrm[:0],
				AccessControlRequestHeaders: acrh[:0], AccessControlRequestPrivateNetwork: acrpn[:0]}
			//lint:ignore SA1019 see above
			h.VisitAll(func(key, value []byte) {
				switch v := utils.UnsafeString(value); cors.HeaderFieldOf(utils.UnsafeString(key)) {
				case cors.OriginField:
					r.Origin = append(r.Origin, v)
				case cors.RequestMethodField:
					r.AccessControlRequestMethod = append(r.AccessControlRequestMethod, v)
				case cors.RequestHeadersField:
					r.AccessControlRequestHeaders = append(r.AccessControlRequestHeaders, v)
				case cors.RequestPrivateNetworkField:
					r.AccessControlRequestPrivateNetwork = append(r.AccessControlRequestPrivateNetwork, v)
				}
			})
		}
		r.Method, r.Host, r.Path = c.Method(), utils.UnsafeString(c.Request().Host()), c.Path()
		d := p.EvaluateContext(c.UserContext(), r)
		d.WriteHeaders(&c.Response().Header)
		if d.Respond {
			c.Status(d.Status)
			return nil
		}
		return c.Next()
	}
}

// headerSection reads the CORS request headers of a chunked request from
// its header section as received: fasthttp merges the fields of the body's
// trailer into the header, and net/http does not read them as headers. It
// allocates; chunked requests are rare.
func headerSection(h *fasthttp.RequestHeader) (r cors.Request) {
	for key, value := range h.AllInOrder() {
		r.AddHeaderField(utils.UnsafeString(key), utils.UnsafeString(value))
	}
	return r
}
