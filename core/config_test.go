package cors

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		rule string // the rule of docs/behaviour.md the error enforces
		cfg  Config
		want string // a substring of the joined message
		as   any    // a pointer to the error type errors.As must find
	}{
		{"origin-config-canonical", Config{AllowedOrigins: []string{"https://a.example", "https://b.example", "https://Example.com/"}},
			`cors: AllowedOrigins[2] "https://Example.com/" is not a serialized origin`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"https://Example.com/"}}, `did you mean "https://example.com"?`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"https://a.example:443"}}, `did you mean "https://a.example"?`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"https://a.example/path"}}, `did you mean "https://a.example"?`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"https://user@a.example"}}, `did you mean "https://a.example"?`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"https://bücher.example"}}, `did you mean "https://xn--bcher-kva.example"?`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"HTTPS://*.A.example"}}, `did you mean "https://*.a.example"?`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"a.example"}}, `has no scheme; did you mean "https://a.example"?`, new(*OriginError)},
		{"origin-patterns", Config{AllowedOrigins: []string{"*.example.com"}}, `has no scheme; did you mean "https://*.example.com"?`, new(*OriginError)},
		{"origin-patterns", Config{AllowedOrigins: []string{"https://*"}}, `wildcard without a domain`, new(*OriginError)},
		{"origin-patterns", Config{AllowedOrigins: []string{"https://a.*.example.com"}}, `not the whole leftmost label`, new(*OriginError)},
		{"origin-patterns", Config{AllowedOrigins: []string{"https://*.*.example.com"}}, `not the whole leftmost label`, new(*OriginError)},
		{"origin-patterns", Config{AllowedOrigins: []string{"https://*example.com"}}, `not the whole leftmost label`, new(*OriginError)},
		{"origin-patterns", Config{AllowedOrigins: []string{"https://*.127.0.0.1"}}, `in front of an IP address`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"http://[0::1]"}}, `did you mean "http://[::1]"?`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"http://[::FFFF:127.0.0.1]:8080"}}, `did you mean "http://[::ffff:7f00:1]:8080"?`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"http://a.0x1"}}, `is not a serialized origin`, new(*OriginError)},
		{"origin-config-canonical", Config{AllowedOrigins: []string{"http://0x7f.0.0.1"}}, `is not a serialized origin`, new(*OriginError)},
		{"null-origin", Config{AllowedOrigins: []string{"null"}}, `"null" is never matched by a list entry`, new(*OriginError)},
		{"null-origin", Config{AllowedOrigins: []string{"file://"}}, `null for file: documents`, new(*OriginError)},
		{"credentials-exact-origin", Config{AllowedOrigins: []string{"*"}, AllowCredentials: true}, `cannot be used with AllowCredentials`, new(*CredentialsError)},
		{"wildcard-origin", Config{AllowedOrigins: []string{"*", "https://a.example"}}, `cannot be combined with other entries`, new(*OriginError)},
		{"credentials-no-wildcards", Config{AllowedOrigins: []string{"https://a.example"}, ExposedHeaders: []string{"*"}, AllowCredentials: true}, `ExposedHeaders[0] "*" exposes nothing`, new(*CredentialsError)},
		{"credentials-risky-origins", Config{AllowedOrigins: []string{"http://a.example"}, AllowCredentials: true}, `DangerouslyAllowInsecureOriginsWithCredentials`, new(*CredentialsError)},
		{"credentials-risky-origins", Config{AllowedOrigins: []string{"https://*.github.io"}, AllowCredentials: true}, `public suffix github.io`, new(*CredentialsError)},
		{"credentials-risky-origins", Config{AllowedOrigins: []string{"https://*.co.uk"}, AllowCredentials: true}, `public suffix co.uk`, new(*CredentialsError)},
		{"method-config", Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "trace"}}, `AllowedMethods[1] "trace" is a forbidden method`, new(*MethodError)},
		{"method-config", Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT,DELETE"}}, `is not a method token`, new(*MethodError)},
		{"method-config", Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{strings.Repeat("M", MaxMethodLength+1)}}, `is longer than MaxMethodLength (64 bytes)`, new(*MethodError)},
		{"header-config", Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"x-" + strings.Repeat("a", maxHeaderName)}}, `is longer than 256 bytes`, new(*HeaderError)},
		{"header-config", Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"Cookie"}}, `AllowedHeaders[0] "Cookie" is a forbidden request header`, new(*HeaderError)},
		{"header-config", Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"Sec-Fetch-Mode"}}, `forbidden request header`, new(*HeaderError)},
		{"header-config", Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"Proxy-Authorization"}}, `forbidden request header`, new(*HeaderError)},
		{"header-config", Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"X Token"}}, `is not a header name`, new(*HeaderError)},
		{"header-config", Config{AllowedOrigins: []string{"*"}, ExposedHeaders: []string{"Set-Cookie"}}, `ExposedHeaders[0] "Set-Cookie" can never be exposed`, new(*HeaderError)},
		{"max-age", Config{AllowedOrigins: []string{"*"}, MaxAge: 25 * time.Hour}, `MaxAge "25h0m0s" exceeds 24h`, new(*ValueError)},
		{"max-age", Config{AllowedOrigins: []string{"*"}, MaxAge: 1500 * time.Millisecond}, `not a whole number of seconds`, new(*ValueError)},
		{"preflight-status", Config{AllowedOrigins: []string{"*"}, PreflightSuccessStatus: 302}, `PreflightSuccessStatus "302" is not within 200–299`, new(*ValueError)},
		{"config-validation", Config{}, `AllowedOrigins is empty and AllowOriginFunc and AllowOriginRequestFunc are nil`, new(*NoOriginError)},
	}
	for _, tc := range cases {
		_, err := New(tc.cfg)
		if err == nil {
			t.Errorf("%s: %+v accepted, want error containing %q", tc.rule, tc.cfg, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q does not contain %q", tc.rule, err, tc.want)
		}
		if !errors.As(err, tc.as) {
			t.Errorf("%s: errors.As(%T) failed on %v", tc.rule, tc.as, err)
		}
	}
}

func TestConfigErrorsAllAtOnce(t *testing.T) {
	_, err := New(Config{
		AllowedOrigins:         []string{"https://A.example", "null", "*"},
		AllowCredentials:       true,
		AllowedMethods:         []string{"CONNECT"},
		AllowedHeaders:         []string{"Host"},
		ExposedHeaders:         []string{"Set-Cookie2"},
		MaxAge:                 48 * time.Hour,
		PreflightSuccessStatus: 404,
	})
	if err == nil {
		t.Fatal("accepted")
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %T is not a join", err)
	}
	if n := len(joined.Unwrap()); n != 9 {
		t.Errorf("%d problems reported, want 9:\n%v", n, err)
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, "cors: ") {
			t.Errorf("line without the cors: prefix: %q", line)
		}
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(error).Error(), "AllowedOrigins[0]") {
			t.Errorf("MustNew panicked with %v", r)
		}
	}()
	MustNew(Config{AllowedOrigins: []string{"https://A.example"}})
}

func TestConfigAccepted(t *testing.T) {
	for _, cfg := range []Config{
		{AllowedOrigins: []string{"*"}},
		{AllowOriginFunc: func(string) bool { return true }},
		{AllowedOrigins: []string{"http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*", "http://app.localhost:3000"}, AllowCredentials: true},
		{AllowedOrigins: []string{"https://*.example.com:*", "https://*.example.com:8443", "https://[2001:db8::1]"}, AllowCredentials: true},
		{AllowedOrigins: []string{"http://insecure.example"}, AllowCredentials: true, DangerouslyAllowInsecureOriginsWithCredentials: true},
		{AllowedOrigins: []string{"https://*.github.io"}, AllowCredentials: true, DangerouslyAllowPublicSuffixWildcardsWithCredentials: true},
		{AllowedOrigins: []string{"https://*.github.io"}},
		{AllowedOrigins: []string{"chrome-extension://abcdefghijklmnop", "capacitor://localhost"}},
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"*", "PUT"}, AllowedHeaders: []string{"*"}, ExposedHeaders: []string{"*"}, MaxAge: 24 * time.Hour, PreflightSuccessStatus: 299},
	} {
		if _, err := New(cfg); err != nil {
			t.Errorf("%+v rejected: %v", cfg, err)
		}
	}
}

func TestConfigIsCopied(t *testing.T) {
	origins := []string{"https://a.example"}
	p := mustPolicy(t, Config{AllowedOrigins: origins})
	origins[0] = "https://evil.example"
	if d := p.Evaluate(FromHTTP(req("GET", "https://evil.example"))); d.Allowed {
		t.Error("mutating the caller's slice changed the policy")
	}
	got := p.Config()
	got.AllowedOrigins[0] = "https://other.example"
	if p.Config().AllowedOrigins[0] != "https://a.example" {
		t.Error("Config() exposes the policy's own slice")
	}
}

func TestMethodNormalisationInConfig(t *testing.T) {
	p := mustPolicy(t, Config{AllowedOrigins: []string{"https://a.example"}, AllowedMethods: []string{"delete", "Patch"}})
	got := serve(t, p, preflight("https://a.example", "DELETE")).header.Get("Access-Control-Allow-Methods")
	if got != "DELETE, Patch" {
		t.Errorf("ACAM = %q, want %q (delete normalised, Patch kept)", got, "DELETE, Patch")
	}
}
