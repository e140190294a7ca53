package cors

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestConfigErrors(t *testing.T) {
	cases := []struct {
		rule  string // the rule of docs/behaviour.md the error enforces
		cfg   Config
		want  string // a substring of the joined message
		field string // the ConfigError.Field of one of the problems
	}{
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"https://a.example", "https://b.example", "https://Example.com/"}},
			want: `cors: AllowedOrigins[2] "https://Example.com/" is not a serialized origin`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"https://Example.com/"}}, want: `did you mean "https://example.com"?`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"https://a.example:443"}}, want: `did you mean "https://a.example"?`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"https://a.example/path"}}, want: `did you mean "https://a.example"?`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"https://user@a.example"}}, want: `did you mean "https://a.example"?`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"https://bücher.example"}}, want: `did you mean "https://xn--bcher-kva.example"?`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"HTTPS://*.A.example"}}, want: `did you mean "https://*.a.example"?`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"a.example"}}, want: `has no scheme; did you mean "https://a.example"?`, field: "AllowedOrigins"},
		{rule: "origin-patterns", cfg: Config{AllowedOrigins: []string{"*.example.com"}}, want: `has no scheme; did you mean "https://*.example.com"?`, field: "AllowedOrigins"},
		{rule: "origin-patterns", cfg: Config{AllowedOrigins: []string{"https://*"}}, want: `wildcard without a domain`, field: "AllowedOrigins"},
		{rule: "origin-patterns", cfg: Config{AllowedOrigins: []string{"https://a.*.example.com"}}, want: `not the whole leftmost label`, field: "AllowedOrigins"},
		{rule: "origin-patterns", cfg: Config{AllowedOrigins: []string{"https://*.*.example.com"}}, want: `not the whole leftmost label`, field: "AllowedOrigins"},
		{rule: "origin-patterns", cfg: Config{AllowedOrigins: []string{"https://*example.com"}}, want: `not the whole leftmost label`, field: "AllowedOrigins"},
		{rule: "origin-patterns", cfg: Config{AllowedOrigins: []string{"https://*.127.0.0.1"}}, want: `in front of an IP address`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"http://[0::1]"}}, want: `did you mean "http://[::1]"?`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"http://[::FFFF:127.0.0.1]:8080"}}, want: `did you mean "http://[::ffff:7f00:1]:8080"?`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"http://a.0x1"}}, want: `is not a serialized origin`, field: "AllowedOrigins"},
		{rule: "origin-config-canonical", cfg: Config{AllowedOrigins: []string{"http://0x7f.0.0.1"}}, want: `is not a serialized origin`, field: "AllowedOrigins"},
		{rule: "null-origin", cfg: Config{AllowedOrigins: []string{"null"}}, want: `"null" is never matched by a list entry`, field: "AllowedOrigins"},
		{rule: "null-origin", cfg: Config{AllowedOrigins: []string{"file://"}}, want: `null for file: documents`, field: "AllowedOrigins"},
		{rule: "credentials-exact-origin", cfg: Config{AllowedOrigins: []string{"*"}, AllowCredentials: true}, want: `cannot be used with AllowCredentials`, field: "AllowedOrigins"},
		{rule: "wildcard-origin", cfg: Config{AllowedOrigins: []string{"*", "https://a.example"}}, want: `cannot be combined with other entries`, field: "AllowedOrigins"},
		{rule: "credentials-no-wildcards", cfg: Config{AllowedOrigins: []string{"https://a.example"}, ExposedHeaders: []string{"*"}, AllowCredentials: true}, want: `ExposedHeaders[0] "*" exposes nothing`, field: "ExposedHeaders"},
		{rule: "credentials-risky-origins", cfg: Config{AllowedOrigins: []string{"http://a.example"}, AllowCredentials: true}, want: `DangerouslyAllowInsecureOriginsWithCredentials`, field: "AllowedOrigins"},
		{rule: "credentials-risky-origins", cfg: Config{AllowedOrigins: []string{"https://*.github.io"}, AllowCredentials: true}, want: `public suffix github.io`, field: "AllowedOrigins"},
		{rule: "credentials-risky-origins", cfg: Config{AllowedOrigins: []string{"https://*.co.uk"}, AllowCredentials: true}, want: `public suffix co.uk`, field: "AllowedOrigins"},
		{rule: "method-config", cfg: Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "trace"}}, want: `AllowedMethods[1] "trace" is a forbidden method`, field: "AllowedMethods"},
		{rule: "method-config", cfg: Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT;DELETE"}}, want: `is not a method token`, field: "AllowedMethods"},
		{rule: "method-config", cfg: Config{AllowedOrigins: []string{"*"}, AllowedMethods: []string{strings.Repeat("M", maxMethodLength+1)}}, want: `is longer than 64 bytes, the longest method a preflight may ask for`, field: "AllowedMethods"},
		{rule: "header-config", cfg: Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"x-" + strings.Repeat("a", maxHeaderName)}}, want: `is longer than 256 bytes`, field: "AllowedHeaders"},
		{rule: "header-config", cfg: Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"Cookie"}}, want: `AllowedHeaders[0] "Cookie" is a forbidden request header`, field: "AllowedHeaders"},
		{rule: "header-config", cfg: Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"Sec-Fetch-Mode"}}, want: `forbidden request header`, field: "AllowedHeaders"},
		{rule: "header-config", cfg: Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"Proxy-Authorization"}}, want: `forbidden request header`, field: "AllowedHeaders"},
		{rule: "header-config", cfg: Config{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"X Token"}}, want: `is not a header name`, field: "AllowedHeaders"},
		{rule: "header-config", cfg: Config{AllowedOrigins: []string{"*"}, ExposedHeaders: []string{"Set-Cookie"}}, want: `ExposedHeaders[0] "Set-Cookie" can never be exposed`, field: "ExposedHeaders"},
		{rule: "max-age", cfg: Config{AllowedOrigins: []string{"*"}, MaxAge: 25 * time.Hour}, want: `MaxAge "25h0m0s" exceeds 24h`, field: "MaxAge"},
		{rule: "max-age", cfg: Config{AllowedOrigins: []string{"*"}, MaxAge: 1500 * time.Millisecond}, want: `not a whole number of seconds`, field: "MaxAge"},
		{rule: "preflight-status", cfg: Config{AllowedOrigins: []string{"*"}, PreflightSuccessStatus: 302}, want: `PreflightSuccessStatus "302" is not within 200–299`, field: "PreflightSuccessStatus"},
		{rule: "config-validation", cfg: Config{}, want: `AllowedOrigins is empty and AllowOriginFunc and AllowOriginRequestFunc are nil`, field: "AllowedOrigins"},
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
		if !hasProblemIn(err, tc.field) {
			t.Errorf("%s: no *ConfigError with Field %s in %v", tc.rule, tc.field, err)
		}
	}
}

// hasProblemIn reports whether err joins a *ConfigError about field.
func hasProblemIn(err error, field string) bool {
	for _, e := range splitJoined(err) {
		var ce *ConfigError
		if errors.As(e, &ce) && ce.Field == field {
			return true
		}
	}
	return false
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
	if d := evalHTTP(p, req("GET", "https://evil.example"), nil); d.Allowed {
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
