package conformance

import (
	"fmt"
	"testing"
	"time"

	corschi "github.com/originguard/cors/adapters/chi"
	corsecho "github.com/originguard/cors/adapters/echo"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// TestAdaptersRejectInvalidConfig covers config-validation (docs/behaviour.md) for every adapter:
// each adapter's New panics on an invalid configuration with exactly the
// message of cors.New, and every harness returns that error.
func TestAdaptersRejectInvalidConfig(t *testing.T) {
	app := []string{"https://app.example"}
	bad := []struct {
		why string
		cfg cors.Config
	}{
		{"credentials-exact-origin: * origins with credentials", cors.Config{AllowedOrigins: []string{"*"}, AllowCredentials: true}},
		{"null-origin: null in the allowlist", cors.Config{AllowedOrigins: []string{"null"}}},
		{"origin-config-canonical: upper-case origin", cors.Config{AllowedOrigins: []string{"https://App.example"}}},
		{"origin-config-canonical: trailing slash", cors.Config{AllowedOrigins: []string{"https://app.example/"}}},
		{"origin-config-canonical: default port", cors.Config{AllowedOrigins: []string{"https://app.example:443"}}},
		{"credentials-no-wildcards: * exposed headers with credentials", cors.Config{AllowedOrigins: app, ExposedHeaders: []string{"*"}, AllowCredentials: true}},
		{"method-config: forbidden method", cors.Config{AllowedOrigins: app, AllowedMethods: []string{"CONNECT"}}},
		{"header-config: forbidden request header", cors.Config{AllowedOrigins: app, AllowedHeaders: []string{"Cookie"}}},
		{"header-config: Set-Cookie exposed", cors.Config{AllowedOrigins: app, ExposedHeaders: []string{"Set-Cookie"}}},
		{"max-age: max-age above 24 h", cors.Config{AllowedOrigins: app, MaxAge: 48 * time.Hour}},
		{"credentials-risky-origins: insecure origin with credentials", cors.Config{AllowedOrigins: []string{"http://app.example"}, AllowCredentials: true}},
		{"credentials-risky-origins: public-suffix wildcard with credentials", cors.Config{AllowedOrigins: []string{"https://*.github.io"}, AllowCredentials: true}},
		{"preflight-status: preflight status outside 200-299", cors.Config{AllowedOrigins: app, PreflightSuccessStatus: 301}},
	}
	adapters := map[string]func(cors.Config){
		"gin":   func(c cors.Config) { corsgin.New(c) },
		"echo":  func(c cors.Config) { corsecho.New(c) },
		"fiber": func(c cors.Config) { corsfiber.New(c) },
		"chi":   func(c cors.Config) { corschi.New(c) },
	}
	for _, b := range bad {
		_, want := cors.New(b.cfg)
		if want == nil {
			t.Errorf("%s: cors.New accepted %+v", b.why, b.cfg)
			continue
		}
		for name, newFn := range adapters {
			got := panicMessage(func() { newFn(b.cfg) })
			if got != want.Error() {
				t.Errorf("%s: %s.New panicked with %q, want %q", b.why, name, got, want.Error())
			}
		}
		for _, h := range Harnesses() {
			if _, err := h.New(b.cfg); err == nil || err.Error() != want.Error() {
				t.Errorf("%s: harness %s returned %v, want %q", b.why, h.Name, err, want.Error())
			}
		}
	}
}

func panicMessage(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return "(no panic)"
}
