package conformance

import (
	"net/http"

	"github.com/originguard/cors/conformance/internal/observe"
)

func init() {
	observe.Cases = func() []observe.Case {
		var out []observe.Case
		for _, c := range cases() {
			out = append(out, observe.Case{
				Name: c.group + "/" + c.name, Policy: c.pol.name, Config: c.pol.cfg, Scoped: c.pol.scoped,
				Request: func() *http.Request { return c.req.httpRequest() },
			})
		}
		return out
	}
}
