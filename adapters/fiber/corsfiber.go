package corsfiber

import (
	"sync"

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
// with app.Use. The records of cfg.Logger own their strings, so its handler
// may keep them after the request.
func New(cfg Config) fiber.Handler {
	cfg.Logger = detachLogger(cfg.Logger)
	return Middleware(cors.MustNew(cfg))
}

// Middleware returns fiber middleware applying p. Use it to handle the error
// of cors.New yourself or to share a policy that is reconfigured at run time.
// It panics if p is nil. The strings of the policy's log records point into
// the request's buffers; give the policy a Logger whose handler does not keep
// records after Handle returns (or use New, which sees to it).
func Middleware(p *cors.Policy) fiber.Handler {
	if p == nil {
		panic("corsfiber: Middleware needs a policy built with cors.New, got nil")
	}
	return func(c *fiber.Ctx) error {
		b := bufs.Get().(*lineBufs)
		h := &c.Request().Header
		d := p.Evaluate(cors.Request{
			Method:                             c.Method(),
			Origin:                             lines(b.origin[:0], h, fiber.HeaderOrigin),
			AccessControlRequestMethod:         lines(b.acrm[:0], h, fiber.HeaderAccessControlRequestMethod),
			AccessControlRequestHeaders:        lines(b.acrh[:0], h, fiber.HeaderAccessControlRequestHeaders),
			AccessControlRequestPrivateNetwork: lines(b.acrpn[:0], h, "Access-Control-Request-Private-Network"),
		})
		d.WriteHeaders(&c.Response().Header)
		*b = lineBufs{} // drop the references into this request's buffers
		bufs.Put(b)
		if d.Respond {
			c.Status(d.Status)
			return nil
		}
		return c.Next()
	}
}

// lineBufs holds the field lines of one request while it is evaluated, room
// for the usual single line of each header (more lines make append use the
// heap). cors.Policy.Evaluate lets the slices of its Request escape, so
// arrays on the stack would be moved to the heap: the buffers are pooled
// instead, and emptied before they go back.
type lineBufs struct {
	origin, acrm, acrh, acrpn [2]string
}

var bufs = sync.Pool{New: func() any { return new(lineBufs) }}

// lines appends every field line of the header name to dst, nil when there
// is none. PeekAll reuses one buffer per request, so each line is turned into
// a string right away; the strings point into the request's own buffers,
// which outlive the evaluation, and are not kept after it.
func lines(dst []string, h *fasthttp.RequestHeader, name string) []string {
	for _, v := range h.PeekAll(name) {
		dst = append(dst, utils.UnsafeString(v))
	}
	if len(dst) == 0 {
		return nil
	}
	return dst
}
