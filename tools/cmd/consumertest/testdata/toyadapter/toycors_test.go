package toycors_test

import (
	"net/http"
	"testing"

	"example.com/toycors"
	"github.com/originguard/cors/conformance"
	cors "github.com/originguard/cors/core"
)

// The adapter, held to the conformance kit from outside the repository.
func TestConformance(t *testing.T) {
	conformance.Run(t, conformance.Harness{
		Name:  "toycors",
		Mount: func(p *cors.Policy) http.Handler { return conformance.Fixture(toycors.Middleware(p)) },
		New: func(cfg cors.Config) (http.Handler, error) {
			mw, err := toycors.New(cfg)
			if err != nil {
				return nil, err
			}
			return conformance.Fixture(mw), nil
		},
	})
}
