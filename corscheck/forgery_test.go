package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	cors "github.com/originguard/cors/core"
)

// TestForgeryProbe runs the probe against a handler that counts what it
// performs, unprotected, protected by the policy, and from an origin the
// policy allows.
func TestForgeryProbe(t *testing.T) {
	performed := 0
	app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			performed++
		}
	})
	cfg := cors.Config{AllowedOrigins: []string{"https://app.example"}, AllowCredentials: true}
	open := cors.MustNew(cfg)
	cfg.ForgeryProtection = true
	protected := cors.MustNew(cfg)
	for _, tc := range []struct {
		name      string
		h         http.Handler
		origin    string
		code      int
		verdict   string
		performed int
		text      string
	}{
		{"unprotected", open.Handler(app), "https://evil.example", exitBlocked, "forgeable", 2, "ForgeryProtection: true"},
		{"protected", protected.Handler(app), "https://evil.example", exitAllowed, "refused", 0, "REFUSED"},
		{"protected, allowed origin", protected.Handler(app), "https://app.example", exitAllowed, "trusted", 2, "TRUSTED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			performed = 0
			srv := newServer(t, tc.h)
			o := runCmd("forgery", "-origin", tc.origin, srv.srv.URL+"/transfer")
			if o.code != tc.code || !strings.Contains(o.stdout, tc.text) || performed != tc.performed {
				t.Errorf("exit %d, performed %d, output:\n%s%s\nwant exit %d, performed %d, %q", o.code, performed, o.stdout, o.stderr, tc.code, tc.performed, tc.text)
			}
			seen := srv.requests()
			if len(seen) != 2 || seen[0].Header.Get("Sec-Fetch-Site") != "cross-site" || seen[1].Header.Get("Sec-Fetch-Site") != "" ||
				seen[0].Header.Get("Origin") != tc.origin || seen[0].Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
				t.Errorf("requests sent: %v", seen)
			}
			performed = 0
			js := runCmd("forgery", "-json", "-origin", tc.origin, srv.srv.URL+"/transfer")
			var rep ForgeryReport
			if err := json.Unmarshal([]byte(js.stdout), &rep); err != nil || rep.Verdict != tc.verdict || len(rep.Probes) != 2 {
				t.Errorf("-json: %v %+v", err, rep)
			}
		})
	}
}

func TestForgeryUsage(t *testing.T) {
	for _, args := range [][]string{
		{"forgery", "http://127.0.0.1:1/x"},
		{"forgery", "-origin", "https://evil.example/path", "http://127.0.0.1:1/x"},
		{"forgery", "-origin", "http://127.0.0.1:1", "http://127.0.0.1:1/x"},
		{"forgery", "-origin", "https://evil.example", "ftp://a/"},
	} {
		if o := runCmd(args...); o.code != exitUsage || o.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", args, o.code, o.stderr)
		}
	}
	if got := secFetchSite(mustURL(t, "https://a.example.co.uk"), mustURL(t, "https://api.example.co.uk/x")); got != "same-site" {
		t.Errorf("sibling subdomains: %s", got)
	}
	if got := secFetchSite(mustURL(t, "https://example.co.uk"), mustURL(t, "https://other.co.uk/x")); got != "cross-site" {
		t.Errorf("different registrable domains: %s", got)
	}
	if got := secFetchSite(mustURL(t, "http://a.example"), mustURL(t, "https://a.example/x")); got != "cross-site" {
		t.Errorf("different schemes: %s", got)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// The config form reads ForgeryProtection and refuses it with "*" origins.
func TestConfigForgeryProtection(t *testing.T) {
	f := writeConfig(t, `{"AllowedOrigins": ["https://app.example"], "ForgeryProtection": true}`)
	if o := runCmd("config", f); o.code != exitAllowed {
		t.Errorf("valid: exit %d, stdout %q", o.code, o.stdout)
	}
	f = writeConfig(t, `{"AllowedOrigins": ["*"], "ForgeryProtection": true}`)
	if o := runCmd("config", f); o.code != exitBlocked || !strings.Contains(o.stdout, "ForgeryProtection would refuse none") {
		t.Errorf("* with ForgeryProtection: exit %d, stdout %q", o.code, o.stdout)
	}
}
