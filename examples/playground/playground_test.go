package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// startTest starts a playground on free ports and stops it at the end of
// the test.
func startTest(t *testing.T, stack string) *playground {
	t.Helper()
	pg, err := start(options{Stack: stack, API: "127.0.0.1:0", Page: "127.0.0.1:0", Other: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := pg.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return pg
}

func sortedStacks() []string {
	var names []string
	for n := range stacks {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

type result struct {
	status int
	header http.Header
	body   string
}

func do(t *testing.T, method, url string, header map[string]string) result {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return result{resp.StatusCode, resp.Header, string(b)}
}

func decisions(t *testing.T, pg *playground, probe string) []record {
	t.Helper()
	r := do(t, "GET", pg.PageURL+"/playground/decisions?probe="+probe, nil)
	var recs []record
	if err := json.Unmarshal([]byte(r.body), &recs); err != nil {
		t.Fatalf("decisions: %v in %q", err, r.body)
	}
	return recs
}

// TestAPIThroughEveryStack: on every stack the playground serves, requests
// reach the middleware and the application as the page expects, and the
// recorder keeps each decision with its reason. The CORS headers
// themselves are the conformance suite's business; only
// Access-Control-Allow-Origin is read here, as the sign that the policy
// answered.
func TestAPIThroughEveryStack(t *testing.T) {
	for _, stack := range sortedStacks() {
		t.Run(stack, func(t *testing.T) {
			pg := startTest(t, stack)
			api := pg.APIURL + apiPath + "?probe="
			page, other := pg.PageURL, pg.OtherURL
			for _, tc := range []struct {
				probe, method string
				header        map[string]string
				acao          string // expected Access-Control-Allow-Origin
				appRan        bool
				want          record // Kind, Allowed, Reason and Status of the recorded decision
			}{
				{probe: "put", method: "OPTIONS", header: map[string]string{"Origin": page, "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "x-custom"},
					acao: page, want: record{Kind: "preflight", Allowed: true, Reason: "preflight allowed", Status: http.StatusNoContent}},
				{probe: "del", method: "OPTIONS", header: map[string]string{"Origin": page, "Access-Control-Request-Method": "DELETE"},
					acao: page, want: record{Kind: "preflight", Reason: `method not allowed: "DELETE"`, Status: http.StatusNoContent}},
				{probe: "other", method: "GET", header: map[string]string{"Origin": other},
					appRan: true, want: record{Kind: "actual", Reason: `origin not allowed: "` + other + `"`}},
				{probe: "cred", method: "GET", header: map[string]string{"Origin": page, "Cookie": cookieName + "=hello"},
					acao: page, appRan: true, want: record{Kind: "actual", Allowed: true, Reason: "origin allowed"}},
				{probe: "forged", method: "POST", header: map[string]string{"Origin": other, "Sec-Fetch-Site": "same-site", "Content-Type": "application/x-www-form-urlencoded"},
					want: record{Kind: "actual", Reason: forgeryReason(other), Status: http.StatusForbidden}},
				{probe: "form", method: "POST", header: map[string]string{"Origin": page, "Sec-Fetch-Site": "same-site", "Content-Type": "application/x-www-form-urlencoded"},
					acao: page, appRan: true, want: record{Kind: "actual", Allowed: true, Reason: "origin allowed"}},
			} {
				r := do(t, tc.method, api+tc.probe, tc.header)
				if got := r.header.Get("Access-Control-Allow-Origin"); got != tc.acao {
					t.Errorf("%s: Access-Control-Allow-Origin %q, want %q", tc.probe, got, tc.acao)
				}
				if ran := r.header.Get("X-Stack") == stack; ran != tc.appRan {
					t.Errorf("%s: application ran %v, want %v (status %d)", tc.probe, ran, tc.appRan, r.status)
				}
				got := decisions(t, pg, tc.probe)
				if len(got) != 1 || got[0].Kind != tc.want.Kind || got[0].Allowed != tc.want.Allowed ||
					got[0].Reason != tc.want.Reason || got[0].Status != tc.want.Status {
					t.Errorf("%s: recorded %+v, want %+v", tc.probe, got, tc.want)
				}
			}

			// The credentialed GET's cookie reaches the application.
			var body reply
			r := do(t, "GET", api+"cred2", map[string]string{"Origin": page, "Cookie": cookieName + "=hello"})
			if err := json.Unmarshal([]byte(r.body), &body); err != nil || !body.Cookie || body.Stack != stack || body.Method != "GET" {
				t.Errorf("credentialed GET: %v, reply %+v", err, body)
			}
		})
	}
}

// forgeryReason is the reason the page shows for a refused forged request.
func forgeryReason(origin string) string {
	return `cross-origin unsafe request from an origin the policy does not allow (forgery protection): "` + origin + `"`
}

func postPolicy(t *testing.T, pg *playground, p policyJSON) result {
	t.Helper()
	b, _ := json.Marshal(p)
	resp, err := http.Post(pg.PageURL+"/playground/policy", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return result{resp.StatusCode, resp.Header, string(out)}
}

func TestPolicyEditing(t *testing.T) {
	pg := startTest(t, "nethttp")
	before := pg.policy.Config()

	// A bad policy is refused with the core's message, verbatim, and the
	// policy in force does not change.
	r := postPolicy(t, pg, policyJSON{Origins: []string{"HTTP://A.example/", "*"}, Methods: []string{"TRACE"}, Credentials: true})
	var e struct{ Error string }
	if err := json.Unmarshal([]byte(r.body), &e); err != nil || r.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad policy: %d %q", r.status, r.body)
	}
	for _, want := range []string{`did you mean "http://a.example"?`, `"TRACE"`, "AllowCredentials"} {
		if !strings.Contains(e.Error, want) {
			t.Errorf("bad policy: error %q lacks %q", e.Error, want)
		}
	}
	if got := pg.policy.Config(); strings.Join(got.AllowedOrigins, ",") != strings.Join(before.AllowedOrigins, ",") {
		t.Errorf("bad policy changed the origins to %q", got.AllowedOrigins)
	}

	// A good one applies to the next request: the third origin is now
	// allowed, the page's origin no longer is.
	r = postPolicy(t, pg, policyJSON{Origins: []string{pg.OtherURL}, Methods: []string{"GET", "DELETE"}})
	if r.status != http.StatusOK {
		t.Fatalf("good policy: %d %q", r.status, r.body)
	}
	got := do(t, "OPTIONS", pg.APIURL+apiPath, map[string]string{"Origin": pg.OtherURL, "Access-Control-Request-Method": "DELETE"})
	if got.header.Get("Access-Control-Allow-Origin") != pg.OtherURL || got.header.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("after reconfiguration: %v", got.header)
	}
	got = do(t, "OPTIONS", pg.APIURL+apiPath, map[string]string{"Origin": pg.PageURL, "Access-Control-Request-Method": "PUT"})
	if got.status != http.StatusForbidden || got.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("page origin after reconfiguration: %d %v", got.status, got.header)
	}
	// The GET answer shows the policy in force.
	var cur policyJSON
	if err := json.Unmarshal([]byte(do(t, "GET", pg.PageURL+"/playground/policy", nil).body), &cur); err != nil ||
		len(cur.Origins) != 1 || cur.Origins[0] != pg.OtherURL || cur.Credentials {
		t.Errorf("GET policy: %+v %v", cur, err)
	}

	// Only JSON is accepted, so another origin cannot post a form.
	resp, err := http.Post(pg.PageURL+"/playground/policy", "text/plain", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain policy: %d", resp.StatusCode)
	}
}

func TestLocalNetworkNote(t *testing.T) {
	for _, tc := range []struct{ api, page, want string }{
		{"http://127.0.0.1:8080", "203.0.113.9:8081", `targetAddressSpace: "loopback"`},
		{"http://[::1]:8080", "app.example", `targetAddressSpace: "loopback"`},
		{"http://192.168.1.20:8080", "app.example:443", `targetAddressSpace: "local"`},
		{"http://192.168.1.20:8080", "192.168.1.20:8081", "This page is on a local address too"},
		{"http://203.0.113.9:8080", "127.0.0.1:8081", ""},
	} {
		note := localNetworkNote(tc.api, tc.page)
		if tc.want == "" && note != "" || !strings.Contains(note, tc.want) {
			t.Errorf("API %s, page %s: note %q, want %q", tc.api, tc.page, note, tc.want)
		}
	}
}

func TestPagesAndInfo(t *testing.T) {
	pg := startTest(t, "nethttp")
	r := do(t, "GET", pg.PageURL+"/", nil)
	if r.status != http.StatusOK || !strings.Contains(r.body, "<title>originguard/cors playground</title>") ||
		!strings.Contains(r.header.Get("Set-Cookie"), cookieName+"=") {
		t.Errorf("page: %d %v", r.status, r.header)
	}
	for _, path := range []string{"/app.js", "/style.css"} {
		if r := do(t, "GET", pg.PageURL+path, nil); r.status != http.StatusOK || len(r.body) < 100 {
			t.Errorf("%s: %d", path, r.status)
		}
	}
	var in info
	if err := json.Unmarshal([]byte(do(t, "GET", pg.PageURL+"/playground/info", nil).body), &in); err != nil ||
		in != (info{API: pg.APIURL, Page: pg.PageURL, Other: pg.OtherURL, Stack: "nethttp", LocalNetwork: in.LocalNetwork}) {
		t.Errorf("info: %+v %v", in, err)
	}
	// The API listens on loopback: the page says what Local Network Access
	// does to pages elsewhere, and that it does not ask here.
	for _, want := range []string{"The API is on a loopback address", "Chrome 142", `targetAddressSpace: "loopback"`, "CORS error",
		"This page is on a loopback address too"} {
		if !strings.Contains(in.LocalNetwork, want) {
			t.Errorf("info.localNetwork %q lacks %q", in.LocalNetwork, want)
		}
	}
	if r := do(t, "GET", pg.OtherURL+"/frame.html", nil); r.status != http.StatusOK || !strings.Contains(r.body, "postMessage") {
		t.Errorf("frame: %d", r.status)
	}
	if r := do(t, "GET", pg.PageURL+"/playground/decisions?probe=none", nil); strings.TrimSpace(r.body) != "[]" {
		t.Errorf("unknown probe: %q", r.body)
	}
}

func TestRecorderIsBounded(t *testing.T) {
	rec := newRecorder(io.Discard)
	pg := startTest(t, "nethttp")
	for i := 0; i < maxProbes+10; i++ {
		rec.observe(pg.policy, fromOrigin(pg.PageURL), apiPath, "p"+string(rune('a'+i%26))+strings.Repeat("x", i/26))
	}
	if len(rec.byProbe) != maxProbes || len(rec.order) != maxProbes {
		t.Errorf("recorder holds %d probes (%d in order), want %d", len(rec.byProbe), len(rec.order), maxProbes)
	}
	rec.observe(pg.policy, fromOrigin(pg.PageURL), apiPath, strings.Repeat("x", 65))
	if len(rec.byProbe) != maxProbes {
		t.Error("an over-long probe was recorded")
	}
}

// syncBuffer is a bytes.Buffer safe for the playground's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRunPrintsURLsAndStopsOnCancel(t *testing.T) {
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, options{Stack: "nethttp", API: "127.0.0.1:0", Page: "127.0.0.1:0", Other: "127.0.0.1:0", Out: &out})
	}()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "Ctrl-C") {
		if time.Now().After(deadline) {
			t.Fatalf("no start-up message; output %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop after cancel")
	}
	for _, want := range []string{"open the page:    http://127.0.0.1:", "stack nethttp", "stopped"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestStartErrors(t *testing.T) {
	if _, err := start(options{Stack: "nope", API: "127.0.0.1:0", Page: "127.0.0.1:0", Other: "127.0.0.1:0"}); err == nil ||
		!strings.Contains(err.Error(), `unknown stack "nope"`) {
		t.Errorf("unknown stack: %v", err)
	}
	pg := startTest(t, "nethttp")
	busy := strings.TrimPrefix(pg.APIURL, "http://")
	if _, err := start(options{Stack: "nethttp", API: "127.0.0.1:0", Page: busy, Other: "127.0.0.1:0"}); err == nil ||
		!strings.Contains(err.Error(), "with -page") {
		t.Errorf("start on a busy port: %v", err)
	}
}
