package conformance

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	cors "github.com/originguard/cors/core"
)

// configErrorCase is a configuration every stack must refuse when its
// application is built, with the error of cors.New.
type configErrorCase struct {
	name string
	why  string
	cfg  cors.Config
	code cors.ErrorCode
}

func configErrorCases() []configErrorCase {
	noRoom := strings.Repeat(strings.Repeat("a", 62)+".", 3) + strings.Repeat("a", 63) // a 252-byte domain
	return []configErrorCase{
		{"pattern-without-room", "never-matching-entries: a *. pattern whose domain leaves no room for a label",
			cors.Config{AllowedOrigins: []string{"https://*." + noRoom}}, cors.ErrOriginNeverMatches},
		{"invalid-punycode", "never-matching-entries: an xn-- label that is not punycode",
			cors.Config{AllowedOrigins: []string{"http://xn--f"}}, cors.ErrOriginNeverMatches},
		{"star-and-func", "never-matching-entries, wildcard-origin: * next to AllowOriginFunc, which would never be called",
			cors.Config{AllowedOrigins: []string{"*"}, AllowOriginFunc: func(string) bool { return true }}, cors.ErrOriginWildcardCombined},
		{"star-with-credentials", "credentials-no-wildcards: * origins with credentials",
			cors.Config{AllowedOrigins: []string{"*"}, AllowCredentials: true}, cors.ErrCredentialsWildcard},
	}
}

// runConfigErrors requires the stack to refuse every configErrorCase with
// its error code, never to build an application or panic.
func runConfigErrors(t *testing.T, h Harness) {
	for _, c := range configErrorCases() {
		t.Run(c.name, func(t *testing.T) {
			err := func() (err error) {
				defer func() {
					if v := recover(); v != nil {
						err = fmt.Errorf("panic: %v", v)
					}
				}()
				_, err = h.New(c.cfg)
				return err
			}()
			if !errors.Is(err, c.code) {
				t.Errorf("%s: building the app returned %v, want an error with code %s\n\twhy: %s", h.Name, err, c.code, c.why)
			}
		})
	}
}
