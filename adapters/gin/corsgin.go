package corsgin

import (
	"github.com/gin-gonic/gin"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

// Config is the policy configuration; it is cors.Config, aliased so that one
// import suffices.
type Config = cors.Config

// New builds a policy from cfg and returns gin middleware applying it. It
// panics, with the message of cors.New, when cfg is invalid. Mount the result
// with engine.Use.
func New(cfg Config) gin.HandlerFunc {
	return Middleware(cors.MustNew(cfg))
}

// Middleware returns gin middleware applying p. Use it to handle the error
// of cors.New yourself or to share a policy that is reconfigured at run time.
// It panics if p is nil.
//
//go:noinline
func Middleware(p *cors.Policy) gin.HandlerFunc {
	// Never inlined, so that the middleware below is compiled once, here,
	// with Evaluate inlined: a copy compiled in a caller's package does not
	// inline it, and costs a call and a copy of the Decision per request.
	if p == nil {
		panic("corsgin: Middleware needs a policy built with cors.New, got nil")
	}
	return func(c *gin.Context) {
		var r adapter.Request
		r.ReadHTTP(c.Request)
		if d := p.Evaluate(c.Request.Context(), &r, c.Writer.Header()); d.Respond {
			c.AbortWithStatus(d.Status)
			return
		}
		c.Next()
	}
}
