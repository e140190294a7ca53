package cors

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/originguard/cors/core/adapter"
)

func forgedPost(origin string) *http.Request {
	r := httptest.NewRequest("POST", "http://api.example/transfer", nil)
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	return r
}

// TestForgeryDecision: a refused request is answered 403 now, with no CORS
// header, its own reason and one denial record; without the option the
// same request reaches the application.
func TestForgeryDecision(t *testing.T) {
	var buf bytes.Buffer
	cfg := forgeryPolicy
	cfg.Logger = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p := mustPolicy(t, cfg)
	req := adapter.FromHTTP(forgedPost("https://evil.example"))
	h := http.Header{}
	d := p.Evaluate(context.Background(), &req, h)
	if !d.Respond || d.Status != http.StatusForbidden || d.Allowed || d.Reason.Code != ReasonForgery || d.Reason.Detail != "https://evil.example" {
		t.Errorf("decision %+v, want 403 now with ReasonForgery", d)
	}
	for k := range h {
		if strings.HasPrefix(k, "Access-Control-") {
			t.Errorf("refusal writes %s", k)
		}
	}
	if log := buf.String(); strings.Count(log, "cors: request denied") != 1 || !strings.Contains(log, "code=forgery") ||
		!strings.Contains(log, "origin=https://evil.example") || !strings.Contains(log, "method=POST") || !strings.Contains(log, "path=/transfer") {
		t.Errorf("denial log %q", log)
	}
	if !strings.Contains(d.Reason.String(), "forgery protection") {
		t.Errorf("reason %q", d.Reason)
	}

	cfg.ForgeryProtection = false
	off := mustPolicy(t, cfg)
	req = adapter.FromHTTP(forgedPost("https://evil.example"))
	if d := off.Evaluate(context.Background(), &req, nil); d.Respond || d.Reason.Code != ReasonOriginNotAllowed {
		t.Errorf("without ForgeryProtection: %+v, want the application reached", d)
	}
	req = adapter.FromHTTP(forgedPost("https://app.example"))
	if d := p.Evaluate(context.Background(), &req, nil); d.Respond || !d.Allowed || d.Reason.Code != ReasonOriginAllowed {
		t.Errorf("allowed origin: %+v, want allowed", d)
	}
}

// TestForgeryConfig: "*" origins protect nothing, so they are an error
// together with ForgeryProtection.
func TestForgeryConfig(t *testing.T) {
	_, err := New(Config{AllowedOrigins: []string{"*"}, ForgeryProtection: true})
	if !errors.Is(err, ErrOriginWildcardCombined) || !strings.Contains(err.Error(), "ForgeryProtection") {
		t.Errorf("error %v, want ErrOriginWildcardCombined naming ForgeryProtection", err)
	}
	if _, err := New(Config{AllowOriginFunc: func(string) bool { return true }, ForgeryProtection: true}); err != nil {
		t.Errorf("an origin function with ForgeryProtection: %v", err)
	}
}

// TestForgeryAllocs: the verdict costs no allocation, refused or not.
func TestForgeryAllocs(t *testing.T) {
	p := mustPolicy(t, forgeryPolicy)
	for _, origin := range []string{"https://evil.example", "https://app.example", ""} {
		r := forgedPost(origin)
		if n := testing.AllocsPerRun(100, func() {
			req := adapter.FromHTTP(r)
			_ = p.Evaluate(context.Background(), &req, nil)
		}); n != 0 {
			t.Errorf("Origin %q: %v allocs per request, want 0", origin, n)
		}
	}
}

// TestCheckOrigin: the WebSocket check applies the policy's origins, lets
// the server's own origin and non-browser clients through, and refuses
// "null" and repeated lines.
func TestCheckOrigin(t *testing.T) {
	p := mustPolicy(t, forgeryPolicy)
	handshake := func(host string, origins ...string) *http.Request {
		r := httptest.NewRequest("GET", "http://"+host+"/ws", nil)
		r.Host = host
		r.Header.Set("Upgrade", "websocket")
		r.Header["Origin"] = origins
		return r
	}
	scoped := func(prefix string) *Policy {
		off := forgeryPolicy
		return MustNewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: prefix, Config: off}}})
	}
	for _, tc := range []struct {
		name string
		p    *Policy
		r    *http.Request
		want bool
	}{
		{"no Origin", p, handshake("api.example"), true},
		{"own origin", p, handshake("api.example:8080", "http://api.example:8080"), true},
		{"own origin, other case", p, handshake("API.example", "https://api.example"), true},
		{"exact entry", p, handshake("api.example", "https://app.example"), true},
		{"pattern", p, handshake("api.example", "https://eu.sub.example"), true},
		{"AllowOriginFunc", p, handshake("api.example", "https://partner.example"), true},
		{"AllowOriginRequestFunc", p, handshake("acme.api.example", "https://acme.example"), true},
		{"other origin", p, handshake("api.example", "https://evil.example"), false},
		{"other port", p, handshake("api.example", "https://api.example:8443"), false},
		{"null, even allowed by AllowOriginFunc", p, handshake("api.example", "null"), false},
		{"repeated", p, handshake("api.example", "https://app.example", "https://app.example"), false},
		{"malformed", p, handshake("api.example", "https://app.example/"), false},
		{"scope applies", scoped("/ws"), handshake("api.example", "https://app.example"), true},
		{"outside every scope", scoped("/api/"), handshake("api.example", "https://app.example"), false},
		{"outside every scope, own origin", scoped("/api/"), handshake("api.example", "http://api.example"), true},
		{"zero Policy, own origin", new(Policy), handshake("api.example", "http://api.example"), true},
		{"zero Policy, other origin", new(Policy), handshake("api.example", "https://app.example"), false},
		{"any origin", mustPolicy(t, Config{AllowedOrigins: []string{"*"}}), handshake("api.example", "https://evil.example"), true},
	} {
		if got := tc.p.CheckOrigin(tc.r); got != tc.want {
			t.Errorf("%s: CheckOrigin %v, want %v", tc.name, got, tc.want)
		}
	}
}

// BenchmarkForgery is the cost of the protection in Evaluate: the same
// credentialed POST from the allowed origin with it off and on, and a
// refused forged POST.
func BenchmarkForgery(b *testing.B) {
	off := forgeryPolicy
	off.ForgeryProtection = false
	for _, bc := range []struct {
		name   string
		cfg    Config
		origin string
	}{
		{"allowed-off", off, "https://app.example"},
		{"allowed-on", forgeryPolicy, "https://app.example"},
		{"refused", forgeryPolicy, "https://evil.example"},
	} {
		p := mustPolicy(b, bc.cfg)
		r := forgedPost(bc.origin)
		ctx := context.Background()
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := adapter.FromHTTP(r)
				_ = p.Evaluate(ctx, &req, nil)
			}
		})
	}
}
