package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestObserve runs the example on every stack, sends the requests of its
// documentation and reads /metrics: the counters in the Prometheus text
// format, one series per attribute set, and the responses the live
// policy's.
func TestObserve(t *testing.T) {
	for _, name := range stackNames() {
		t.Run(name, func(t *testing.T) {
			base := serve(t, name)
			for _, tc := range []struct {
				method, origin, acrm, acrh string
				status                     int
				acao, acam                 string
			}{
				{"OPTIONS", "https://app.example", "PUT", "x-token", 204, "https://app.example", "GET, PUT"},
				{"GET", "https://app.example", "", "", 200, "https://app.example", ""},
				{"GET", "https://evil.example", "", "", 200, "", ""},
				{"OPTIONS", "https://evil.example", "PUT", "", 403, "", ""},
				{"GET", "", "", "", 200, "", ""},
			} {
				res, body := send(t, tc.method, base+itemsPath, map[string]string{
					"Origin": tc.origin, "Access-Control-Request-Method": tc.acrm, "Access-Control-Request-Headers": tc.acrh,
				})
				if res.StatusCode != tc.status || res.Header.Get("Access-Control-Allow-Origin") != tc.acao ||
					res.Header.Get("Access-Control-Allow-Methods") != tc.acam {
					t.Errorf("%s from %q: %d %v, want %d with ACAO %q and ACAM %q (the live policy's answer)",
						tc.method, tc.origin, res.StatusCode, res.Header, tc.status, tc.acao, tc.acam)
				}
				if tc.method == "GET" && body != items {
					t.Errorf("GET %s: body %q, want %q", itemsPath, body, items)
				}
			}
			res, body := send(t, "GET", base+"/metrics", nil)
			if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
				t.Fatalf("GET /metrics: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
			}
			var got []string
			for line := range strings.Lines(body) {
				if strings.HasPrefix(line, "cors_") {
					got = append(got, strings.TrimSpace(line))
				}
			}
			want := []string{
				`cors_decisions_total{cors_kind="actual",cors_outcome="allowed",cors_reason="origin-allowed"} 1`,
				`cors_decisions_total{cors_kind="actual",cors_outcome="denied",cors_reason="origin-not-allowed"} 1`,
				// GET /api/items without Origin, and this scrape itself.
				`cors_decisions_total{cors_kind="not-cors",cors_outcome="allowed",cors_reason="not-cors"} 2`,
				`cors_decisions_total{cors_kind="preflight",cors_outcome="allowed",cors_reason="preflight-allowed"} 1`,
				`cors_decisions_total{cors_kind="preflight",cors_outcome="denied",cors_reason="origin-not-allowed"} 1`,
				// The PUT preflight, which the candidate (GET only) refuses.
				`cors_report_only_differences_total{cors_kind="preflight",cors_reason="method-not-allowed"} 1`,
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("/metrics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestUnknownStack(t *testing.T) {
	if _, err := newServer("martini", io.Discard); err == nil || !strings.Contains(err.Error(), "nethttp") {
		t.Errorf("unknown stack: %v, want an error listing the stacks", err)
	}
}

// serve starts the example's server for stack on a loopback port and
// returns its base URL; the server stops with the test.
func serve(t *testing.T, stack string) string {
	t.Helper()
	s, err := newServer(stack, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = s.Serve(ln); close(done) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
		_ = s.metricsShutdown(ctx)
		<-done
	})
	return "http://" + ln.Addr().String()
}

// send sends one request, with the non-empty headers given, and returns the
// response and its body.
func send(t *testing.T, method, url string, headers map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	res, err := http.DefaultClient.Do(req) // the listener is bound: no wait
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}
