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

func TestAPIThroughEveryStack(t *testing.T) {
	for _, stack := range sortedStacks() {
		t.Run(stack, func(t *testing.T) {
			pg := startTest(t, stack)
			api := pg.APIURL + apiPath + "?probe="
			page, other := pg.PageURL, pg.OtherURL

			// Preflight from the page for PUT + X-Custom: answered by the
			// middleware, the app is not reached.
			r := do(t, "OPTIONS", api+"put", map[string]string{"Origin": page,
				"Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "x-custom"})
			if r.status != http.StatusNoContent || r.header.Get("Access-Control-Allow-Origin") != page ||
				r.header.Get("Access-Control-Allow-Credentials") != "true" || r.header.Get("X-Stack") != "" {
				t.Errorf("allowed preflight: %d %v", r.status, r.header)
			}
			if !strings.Contains(strings.ToLower(strings.Join(r.header.Values("Access-Control-Allow-Headers"), ",")), "x-custom") {
				t.Errorf("allowed preflight: ACAH %q lacks x-custom", r.header.Values("Access-Control-Allow-Headers"))
			}
			if got := decisions(t, pg, "put"); len(got) != 1 || got[0].Kind != "preflight" || !got[0].Allowed ||
				got[0].Reason != "preflight allowed" || got[0].Status != http.StatusNoContent {
				t.Errorf("allowed preflight: recorded %+v", got)
			}

			// Preflight for DELETE: refused, the reason names the method.
			r = do(t, "OPTIONS", api+"del", map[string]string{"Origin": page, "Access-Control-Request-Method": "DELETE"})
			if strings.Contains(r.header.Get("Access-Control-Allow-Methods"), "DELETE") || r.header.Get("X-Stack") != "" {
				t.Errorf("DELETE preflight: %d %v", r.status, r.header)
			}
			if got := decisions(t, pg, "del"); len(got) != 1 || got[0].Allowed || got[0].Reason != `method not allowed: "DELETE"` {
				t.Errorf("DELETE preflight: recorded %+v", got)
			}

			// Actual request from the third origin: the app runs, no CORS
			// headers, and the reason names the origin.
			r = do(t, "GET", api+"other", map[string]string{"Origin": other})
			if r.status != http.StatusOK || r.header.Get("Access-Control-Allow-Origin") != "" || r.header.Get("X-Stack") != stack {
				t.Errorf("disallowed origin: %d %v", r.status, r.header)
			}
			if got := decisions(t, pg, "other"); len(got) != 1 || got[0].Allowed || got[0].Reason != `origin not allowed: "`+other+`"` {
				t.Errorf("disallowed origin: recorded %+v", got)
			}

			// Credentialed GET from the page: ACAO + ACAC, the cookie reaches the app.
			r = do(t, "GET", api+"cred", map[string]string{"Origin": page, "Cookie": cookieName + "=hello"})
			var body reply
			if err := json.Unmarshal([]byte(r.body), &body); err != nil {
				t.Fatalf("credentialed GET: %v in %q", err, r.body)
			}
			if r.header.Get("Access-Control-Allow-Origin") != page || r.header.Get("Access-Control-Allow-Credentials") != "true" ||
				r.header.Get("Access-Control-Expose-Headers") == "" || !body.Cookie || body.Stack != stack || body.Method != "GET" {
				t.Errorf("credentialed GET: %v %+v", r.header, body)
			}
			if !strings.Contains(strings.Join(r.header.Values("Vary"), ","), "Origin") {
				t.Errorf("credentialed GET: Vary %q lacks Origin", r.header.Values("Vary"))
			}
			if got := decisions(t, pg, "cred"); len(got) != 1 || !got[0].Allowed || got[0].Kind != "actual" || got[0].Status != 0 {
				t.Errorf("credentialed GET: recorded %+v", got)
			}
		})
	}
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
		in != (info{API: pg.APIURL, Page: pg.PageURL, Other: pg.OtherURL, Stack: "nethttp"}) {
		t.Errorf("info: %+v %v", in, err)
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
