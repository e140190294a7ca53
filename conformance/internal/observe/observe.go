// Package observe hands the conformance table's requests to the
// repository's stack suite (module
// github.com/originguard/cors/conformance/stacks), which sends each of them
// to every stack with a policy whose Config.Observe counts decisions
// (corsotel on the OpenTelemetry SDK) and checks every count against the
// decision the core takes for the same request. The published kit does not
// run that check itself: it takes OpenTelemetry, which the kit does not
// require. Package conformance sets Cases when it is loaded.
package observe

import (
	"net/http"

	cors "github.com/originguard/cors/core"
)

// Case is one row of the table: the policy (a Config, or a ScopedConfig
// when Scoped is non-nil) and the request.
type Case struct {
	Name    string
	Policy  string // the policy's name: rows with one name share one policy
	Config  cors.Config
	Scoped  *cors.ScopedConfig
	Request func() *http.Request
}

// Cases returns every row of the table.
var Cases func() []Case
