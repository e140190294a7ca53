package corschi

import (
	"net/http"

	cors "github.com/originguard/cors/core"
)

// Config is the policy configuration; it is cors.Config, aliased so that one
// import suffices.
type Config = cors.Config

// New builds a policy from cfg and returns chi middleware applying it. It
// panics, with the message of cors.New, when cfg is invalid. Mount the result
// with r.Use on the root router.
func New(cfg Config) func(http.Handler) http.Handler {
	return Middleware(cors.MustNew(cfg))
}

// Middleware returns chi middleware applying p. Use it to handle the error
// of cors.New yourself or to share a policy that is reconfigured at run time.
// It panics if p is nil.
func Middleware(p *cors.Policy) func(http.Handler) http.Handler {
	if p == nil {
		panic("corschi: Middleware needs a policy built with cors.New, got nil")
	}
	return p.Handler
}
