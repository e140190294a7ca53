package cors

import (
	"errors"
	"strings"
	"testing"
)

// A host with a trailing dot is a distinct origin that browsers send as is
// (the URL standard keeps the dot): a config entry may name it, it never
// equals the dot-less origin, and AllowOriginFunc sees it.
func TestEdge_TrailingDotOrigin(t *testing.T) {
	p, err := New(Config{AllowedOrigins: []string{"https://app.example.", "https://*.sub.example."}})
	if err != nil {
		t.Fatalf("trailing-dot entries refused: %v", err)
	}
	for o, want := range map[string]bool{
		"https://app.example.": true, "https://app.example": false, "https://x.sub.example.": true,
		"https://x.sub.example": false, "https://sub.example.": false, "https://app.example..": false,
	} {
		if d := evalHTTP(p, req("GET", o), nil); d.Allowed != want {
			t.Errorf("%q: allowed %v (%s), want %v", o, d.Allowed, d.Reason, want)
		}
	}
	p = mustPolicy(t, Config{AllowedOrigins: []string{"https://app.example"}})
	if d := evalHTTP(p, req("GET", "https://app.example."), nil); d.Allowed || d.Reason.Code != ReasonOriginNotAllowed {
		t.Errorf("https://app.example. against https://app.example: %v %s, want a plain refusal", d.Allowed, d.Reason)
	}
	var seen []string
	p = mustPolicy(t, Config{AllowOriginFunc: func(o string) bool { seen = append(seen, o); return true }})
	if d := evalHTTP(p, req("GET", "https://app.example."), nil); !d.Allowed {
		t.Errorf("AllowOriginFunc: %s, seen %q", d.Reason, seen)
	}
	// A suggestion never names a different origin.
	_, err = New(Config{AllowedOrigins: []string{"HTTPS://App.Example."}})
	if err == nil || !strings.Contains(err.Error(), `did you mean "https://app.example."?`) {
		t.Errorf("HTTPS://App.Example.: %v", err)
	}
	for _, bad := range []string{"https://app.example..", "https://.", "http://127.0.0.1.", "http://[::1]."} {
		if _, err := New(Config{AllowedOrigins: []string{bad}}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// Entries that can never match are refused with the reason: a subdomain
// pattern whose base leaves no room for a label, a host that is not valid
// punycode, and "*" next to AllowOriginFunc (which could never be called).
func TestEdge_NeverMatchingEntriesRefused(t *testing.T) {
	long := strings.Repeat(strings.Repeat("a", 62)+".", 3) + strings.Repeat("a", 63) // 252 bytes, a valid host
	if _, err := New(Config{AllowedOrigins: []string{"https://" + long}}); err != nil {
		t.Fatalf("a 252-byte host is valid: %v", err)
	}
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{AllowedOrigins: []string{"https://*." + long}}, "no room"},
		{Config{AllowedOrigins: []string{"http://xn--f"}}, "punycode"},
		{Config{AllowedOrigins: []string{"https://a.xn--zz-"}}, "punycode"},
		{Config{AllowedOrigins: []string{"https://*.xn--f.example"}}, "punycode"},
		{Config{AllowedOrigins: []string{"*"}, AllowOriginFunc: func(string) bool { return true }}, "AllowOriginFunc"},
	} {
		_, err := New(c.cfg)
		var ce *ConfigError
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &ce) || ce.Field != "AllowedOrigins" {
			t.Errorf("%q: error %v, want an AllowedOrigins ConfigError mentioning %q", c.cfg.AllowedOrigins, err, c.want)
		}
	}
	for _, ok := range []string{"https://xn--bcher-kva.example", "https://*.xn--bcher-kva.example", "https://*." + long[4:]} {
		if _, err := New(Config{AllowedOrigins: []string{ok}}); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}
