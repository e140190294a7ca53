package cors

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestEveryErrorCode builds one bad Config per ErrorCode and checks that
// errors.Is finds the code, that errors.As finds a *ConfigError with that
// code about the right field, and that the message says what to do.
func TestEveryErrorCode(t *testing.T) {
	star := []string{"*"}
	cases := []struct {
		code  ErrorCode
		cfg   Config
		field string
		want  string
	}{
		{ErrOriginNotSerialized, Config{AllowedOrigins: []string{"https://app.example/"}}, "AllowedOrigins", `did you mean "https://app.example"?`},
		{ErrOriginNull, Config{AllowedOrigins: []string{"null"}}, "AllowedOrigins", "AllowOriginFunc"},
		{ErrOriginPattern, Config{AllowedOrigins: []string{"https://*app.example"}}, "AllowedOrigins", `not the whole leftmost label; only https://*.example.com, :* ports and "*" alone are patterns; did you mean "https://*.app.example"?`},
		{ErrOriginWildcardCombined, Config{AllowedOrigins: []string{"*", "https://a.example"}}, "AllowedOrigins", "cannot be combined"},
		{ErrOriginNeverMatches, Config{AllowedOrigins: []string{"http://xn--f"}}, "AllowedOrigins", "not valid punycode"},
		{ErrJoinedEntries, Config{AllowedOrigins: []string{"https://a.example, https://b.example"}}, "AllowedOrigins", `split it into separate entries: "https://a.example", "https://b.example"`},
		{ErrCredentialsWildcard, Config{AllowedOrigins: star, AllowCredentials: true}, "AllowedOrigins", "list the origins instead"},
		{ErrCredentialsInsecureOrigin, Config{AllowedOrigins: []string{"http://a.example"}, AllowCredentials: true}, "AllowedOrigins", "DangerouslyAllowInsecureOriginsWithCredentials"},
		{ErrCredentialsPublicSuffix, Config{AllowedOrigins: []string{"https://*.github.io"}, AllowCredentials: true}, "AllowedOrigins", "public suffix github.io"},
		{ErrMethodNotToken, Config{AllowedOrigins: star, AllowedMethods: []string{"PUT DELETE"}}, "AllowedMethods", "not a method token"},
		{ErrMethodTooLong, Config{AllowedOrigins: star, AllowedMethods: []string{strings.Repeat("M", maxMethodLength+1)}}, "AllowedMethods", "longer than 64 bytes"},
		{ErrMethodForbidden, Config{AllowedOrigins: star, AllowedMethods: []string{"TRACE"}}, "AllowedMethods", "forbidden method"},
		{ErrHeaderNotToken, Config{AllowedOrigins: star, ExposedHeaders: []string{"X A"}}, "ExposedHeaders", "not a header name"},
		{ErrHeaderTooLong, Config{AllowedOrigins: star, AllowedHeaders: []string{strings.Repeat("x", maxHeaderName+1)}}, "AllowedHeaders", "longer than 256 bytes"},
		{ErrHeaderForbidden, Config{AllowedOrigins: star, AllowedHeaders: []string{"Cookie"}}, "AllowedHeaders", "forbidden request header"},
		{ErrMaxAgeTooLong, Config{AllowedOrigins: star, MaxAge: 25 * time.Hour}, "MaxAge", "exceeds 24h"},
		{ErrMaxAgeFraction, Config{AllowedOrigins: star, MaxAge: 1500 * time.Millisecond}, "MaxAge", `MaxAge "1.5s" is not a whole number of seconds`},
		{ErrStatusOutOfRange, Config{AllowedOrigins: star, PreflightSuccessStatus: 302}, "PreflightSuccessStatus", "200–299"},
		{ErrNoOrigin, Config{}, "AllowedOrigins", `list origins or use "*"`},
	}
	scoped := []struct {
		code  ErrorCode
		sc    ScopedConfig
		scope string
		field string
		want  string
	}{
		{ErrScopeHost, ScopedConfig{Scopes: []Scope{{Host: "API.example", Config: Config{AllowedOrigins: star}}}}, "Scopes[0]", "Host", `did you mean "api.example"?`},
		{ErrScopePathPrefix, ScopedConfig{Scopes: []Scope{{PathPrefix: "api/", Config: Config{AllowedOrigins: star}}}}, "Scopes[0]", "PathPrefix", `did you mean "/api/"?`},
		{ErrScopeOverlap, ScopedConfig{Scopes: []Scope{{PathPrefix: "/api/", Config: Config{AllowedOrigins: star}}, {PathPrefix: "/api", Config: Config{AllowedOrigins: star}}}}, "Scopes[1]", "PathPrefix", "overlaps Scopes[0]"},
	}
	var ce *ConfigError
	if _, err := NewScoped(ScopedConfig{}); !errors.Is(err, ErrNoOrigin) || !errors.As(err, &ce) || ce.Code != ErrNoOrigin ||
		err.Error() != "cors: ScopedConfig has no Scopes and no Default, so it allows nothing" {
		t.Errorf("empty ScopedConfig: %v", err)
	}
	for _, tc := range scoped {
		_, err := NewScoped(tc.sc)
		if !errors.Is(err, tc.code) || !errors.As(err, &ce) || ce.Code != tc.code || ce.Scope != tc.scope || ce.Field != tc.field ||
			!strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.code, err)
		}
	}
	seen := map[ErrorCode]bool{}
	for _, tc := range cases {
		seen[tc.code] = true
		_, err := New(tc.cfg)
		switch {
		case err == nil:
			t.Errorf("%s: %+v accepted", tc.code, tc.cfg)
		case !errors.Is(err, tc.code):
			t.Errorf("%s: errors.Is fails on %v", tc.code, err)
		case !errors.As(err, &ce) || ce.Code != tc.code || ce.Field != tc.field || ce.Scope != "":
			t.Errorf("%s: errors.As finds %+v in %v, want Field %s", tc.code, ce, err, tc.field)
		case !strings.Contains(err.Error(), tc.want):
			t.Errorf("%s: %q does not contain %q", tc.code, err, tc.want)
		}
	}
	if len(seen)+len(scoped) != 22 {
		t.Errorf("%d codes tested; every ErrorCode needs a case", len(seen))
	}
}

func TestConfigMessagesForCommonSlips(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"MaxAge without time.Second", Config{AllowedOrigins: []string{"*"}, MaxAge: 3600},
			`cors: MaxAge "3.6µs" is not a whole number of seconds (a time.Duration counts nanoseconds); did you mean "3600 * time.Second"?`},
		{"any-port pattern missing its dot", Config{AllowedOrigins: []string{"https://*app.example:*"}}, `did you mean "https://*.app.example:*"?`},
	} {
		_, err := New(tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.name, err, tc.want)
		}
	}
	// A wildcard with more than a missing dot wrong gets no suggestion.
	if _, err := New(Config{AllowedOrigins: []string{"https://*.*app.example"}}); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("https://*.*app.example: %v", err)
	}
	// Durations that are not a forgotten unit keep the plain message.
	if _, err := New(Config{AllowedOrigins: []string{"*"}, MaxAge: 90000}); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("MaxAge 90000ns: %v", err)
	}
}
