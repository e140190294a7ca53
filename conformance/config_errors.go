package conformance

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

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
	app := []string{"https://app.example"}
	return []configErrorCase{
		{name: "pattern-without-room", why: "never-matching-entries: a *. pattern whose domain leaves no room for a label",
			cfg: cors.Config{AllowedOrigins: []string{"https://*." + noRoom}}, code: cors.ErrOriginNeverMatches},
		{name: "invalid-punycode", why: "never-matching-entries: an xn-- label that is not punycode",
			cfg: cors.Config{AllowedOrigins: []string{"http://xn--f"}}, code: cors.ErrOriginNeverMatches},
		{name: "star-and-func", why: "never-matching-entries, wildcard-origin: * next to AllowOriginFunc, which would never be called",
			cfg: cors.Config{AllowedOrigins: []string{"*"}, AllowOriginFunc: func(string) bool { return true }}, code: cors.ErrOriginWildcardCombined},
		{name: "star-with-forgery-protection", why: "forgery-protection, wildcard-origin: * origins would let every origin send, so ForgeryProtection would refuse nothing",
			cfg: cors.Config{AllowedOrigins: []string{"*"}, ForgeryProtection: true}, code: cors.ErrOriginWildcardCombined},
		{name: "star-with-credentials", why: "credentials-no-wildcards: * origins with credentials",
			cfg: cors.Config{AllowedOrigins: []string{"*"}, AllowCredentials: true}, code: cors.ErrCredentialsWildcard},
		{name: "null-in-list", why: "null-origin: null in the allowlist",
			cfg: cors.Config{AllowedOrigins: []string{"null"}}, code: cors.ErrOriginNull},
		{name: "upper-case-origin", why: "origin-config-canonical: upper-case origin",
			cfg: cors.Config{AllowedOrigins: []string{"https://App.example"}}, code: cors.ErrOriginNotSerialized},
		{name: "trailing-slash", why: "origin-config-canonical: trailing slash",
			cfg: cors.Config{AllowedOrigins: []string{"https://app.example/"}}, code: cors.ErrOriginNotSerialized},
		{name: "default-port", why: "origin-config-canonical: default port",
			cfg: cors.Config{AllowedOrigins: []string{"https://app.example:443"}}, code: cors.ErrOriginNotSerialized},
		{name: "partial-label-pattern", why: "origin-patterns: a * that is not a whole leftmost label",
			cfg: cors.Config{AllowedOrigins: []string{"https://*app.example"}}, code: cors.ErrOriginPattern},
		{name: "joined-origins", why: "config-validation: two origins in one comma-joined entry",
			cfg: cors.Config{AllowedOrigins: []string{"https://app.example,https://admin.example"}}, code: cors.ErrJoinedEntries},
		{name: "no-origin", why: "config-validation: no origin and no origin function",
			cfg: cors.Config{}, code: cors.ErrNoOrigin},
		{name: "star-exposed-with-credentials", why: "credentials-no-wildcards: * exposed headers with credentials",
			cfg: cors.Config{AllowedOrigins: app, ExposedHeaders: []string{"*"}, AllowCredentials: true}, code: cors.ErrCredentialsWildcard},
		{name: "insecure-origin-with-credentials", why: "credentials-risky-origins: insecure origin with credentials",
			cfg: cors.Config{AllowedOrigins: []string{"http://app.example"}, AllowCredentials: true}, code: cors.ErrCredentialsInsecureOrigin},
		{name: "public-suffix-with-credentials", why: "credentials-risky-origins: public-suffix wildcard with credentials",
			cfg: cors.Config{AllowedOrigins: []string{"https://*.github.io"}, AllowCredentials: true}, code: cors.ErrCredentialsPublicSuffix},
		{name: "forbidden-method", why: "method-config: a forbidden method",
			cfg: cors.Config{AllowedOrigins: app, AllowedMethods: []string{"CONNECT"}}, code: cors.ErrMethodForbidden},
		{name: "method-not-token", why: "method-config: a method that is not a token",
			cfg: cors.Config{AllowedOrigins: app, AllowedMethods: []string{"PUT/DELETE"}}, code: cors.ErrMethodNotToken},
		{name: "method-too-long", why: "method-config: a method longer than 64 bytes, the core's bound",
			cfg: cors.Config{AllowedOrigins: app, AllowedMethods: []string{strings.Repeat("M", maxMethodLength+1)}}, code: cors.ErrMethodTooLong},
		{name: "forbidden-request-header", why: "header-config: a forbidden request header",
			cfg: cors.Config{AllowedOrigins: app, AllowedHeaders: []string{"Cookie"}}, code: cors.ErrHeaderForbidden},
		{name: "header-with-space", why: "header-config: a header name with a space",
			cfg: cors.Config{AllowedOrigins: app, AllowedHeaders: []string{"X Token"}}, code: cors.ErrHeaderNotToken},
		{name: "header-too-long", why: "header-config: a 300-byte header name",
			cfg: cors.Config{AllowedOrigins: app, AllowedHeaders: []string{strings.Repeat("x", 300)}}, code: cors.ErrHeaderTooLong},
		{name: "set-cookie-exposed", why: "header-config: Set-Cookie exposed",
			cfg: cors.Config{AllowedOrigins: app, ExposedHeaders: []string{"Set-Cookie"}}, code: cors.ErrHeaderForbidden},
		{name: "max-age-above-24h", why: "max-age: max-age above 24 h",
			cfg: cors.Config{AllowedOrigins: app, MaxAge: 48 * time.Hour}, code: cors.ErrMaxAgeTooLong},
		{name: "max-age-fraction", why: "max-age: max-age not a whole number of seconds",
			cfg: cors.Config{AllowedOrigins: app, MaxAge: 1500 * time.Millisecond}, code: cors.ErrMaxAgeFraction},
		{name: "preflight-status-redirect", why: "preflight-status: preflight status outside 200-299",
			cfg: cors.Config{AllowedOrigins: app, PreflightSuccessStatus: 301}, code: cors.ErrStatusOutOfRange},
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
				_, err = h.build(c.cfg)
				return err
			}()
			if !errors.Is(err, c.code) {
				t.Errorf("%s: building the app returned %v, want an error with code %s\n\twhy: %s", h.Name, err, c.code, c.why)
			}
		})
	}
}
