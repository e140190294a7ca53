package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The browser tests drive the playground page in headless Chromium. They
// skip when no Chromium is found, and fail instead when
// CORS_BROWSER_REQUIRED is set (CI). CORS_BROWSER names a browser binary;
// CORS_SCREENSHOT_DIR, when set, also receives the screenshots.

var errNoBrowser = errors.New("no chromium found (install Debian's chromium, or set CORS_BROWSER=/path/to/chrome)")

func findChromium() (string, error) {
	if p := os.Getenv("CORS_BROWSER"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("CORS_BROWSER=%s: %w", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "chrome-headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errNoBrowser
}

var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserStop func()
	browserErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if browserStop != nil {
		browserStop()
	}
	os.Exit(code)
}

// needBrowser starts one Chromium for the test binary, on first use.
func needBrowser(t *testing.T) context.Context {
	t.Helper()
	required := os.Getenv("CORS_BROWSER_REQUIRED") != ""
	if testing.Short() && !required {
		t.Skip("browser test skipped with -short")
	}
	browserOnce.Do(func() {
		path, err := findChromium()
		if err != nil {
			browserErr = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.Flag("headless", true),
			chromedp.Flag("no-sandbox", true),
			chromedp.Flag("disable-gpu", true),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("no-first-run", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.WindowSize(1280, 900),
		)
		tmp, err := os.MkdirTemp("", "playground-browser-")
		if err != nil {
			browserErr = err
			return
		}
		opts = append(opts, chromedp.Env("TMPDIR="+tmp))
		actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, bcancel := chromedp.NewContext(actx)
		browserStop = func() { bcancel(); acancel(); os.RemoveAll(tmp) }
		if err := chromedp.Do(bctx); err != nil {
			browserErr = fmt.Errorf("starting %s: %w", path, err)
			return
		}
		browserCtx = bctx
	})
	switch {
	case errors.Is(browserErr, errNoBrowser) && !required:
		t.Skip(browserErr)
	case browserErr != nil:
		t.Fatal(browserErr)
	}
	return browserCtx
}

// tab is a page in a fresh browser context, with the CORS errors Chromium
// reported for its fetches, by probe.
type tab struct {
	ctx context.Context

	mu       sync.Mutex
	urls     map[network.RequestID]string
	corsErrs map[string]*network.CorsErrorStatus // by probe
	console  []string
}

func openTab(t *testing.T, pageURL string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(needBrowser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx, urls: map[network.RequestID]string{}, corsErrs: map[string]*network.CorsErrorStatus{}}
	if err := chromedp.Listen(ctx, tb.onEvent); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		t.Fatal(err)
	}
	tb.eval(t, `waitFor(() => document.body.dataset.ready === "true")`)
	return tb
}

// onEvent runs on chromedp's reader goroutine: record and return.
func (tb *tab) onEvent(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Type == network.ResourceTypeFetch {
			tb.urls[ev.RequestID] = ev.Request.URL
		}
	case *network.EventLoadingFailed:
		if u, ok := tb.urls[ev.RequestID]; ok && ev.CorsErrorStatus != nil {
			if pu, err := url.Parse(u); err == nil {
				tb.corsErrs[pu.Query().Get("probe")] = ev.CorsErrorStatus
			}
		}
	case *cdplog.EventEntryAdded:
		if strings.Contains(ev.Entry.Text, "CORS policy") {
			tb.console = append(tb.console, ev.Entry.Text)
		}
	}
}

// waitForJS is prepended to every evaluated expression.
const waitForJS = `const waitFor = (cond) => new Promise((resolve, reject) => {
  const start = Date.now();
  const tick = () => cond() ? resolve(true) : (Date.now() - start > 8000 ? reject(new Error("timed out")) : setTimeout(tick, 20));
  tick();
});
`

func evalIn[T any](t *testing.T, tb *tab, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T]("(async () => { "+waitForJS+"return await ("+js+"); })()", chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v\nconsole: %s", js, err, tb.consoleText())
	}
	return v
}

func (tb *tab) eval(t *testing.T, js string) { t.Helper(); evalIn[bool](t, tb, js) }

func (tb *tab) consoleText() string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return strings.Join(tb.console, "\n")
}

// corsError waits briefly for Chromium's account of the probe's failure:
// network events race the page's promise.
func (tb *tab) corsError(probe string) *network.CorsErrorStatus {
	for deadline := time.Now().Add(3 * time.Second); ; {
		tb.mu.Lock()
		e := tb.corsErrs[probe]
		tb.mu.Unlock()
		if e != nil || time.Now().After(deadline) {
			return e
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// row is what the page shows for one scenario.
type row struct {
	ID      string `json:"id"`
	Browser string `json:"browser"` // "allowed" or "blocked"
	Server  string `json:"server"`  // "allowed" or "denied"
	Reasons string `json:"reasons"` // the decisions' reasons, " | "-separated
	Probe   string `json:"probe"`
	Text    string `json:"text"`
}

const rowsJS = `[...document.querySelectorAll("#scenarios tbody tr")].map((tr) => ({
  id: tr.id.replace("row-", ""), browser: tr.dataset.browser, server: tr.dataset.server || "",
  reasons: tr.dataset.reasons || "", probe: tr.dataset.probe || "", text: tr.innerText }))`

func rows(t *testing.T, tb *tab) map[string]row {
	t.Helper()
	out := map[string]row{}
	for _, r := range evalIn[[]row](t, tb, rowsJS) {
		out[r.ID] = r
	}
	return out
}

func screenshot(t *testing.T, tb *tab, name string) {
	t.Helper()
	buf, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100)) // quality 100: PNG
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	dirs := []string{t.TempDir()}
	if d := os.Getenv("CORS_SCREENSHOT_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Errorf("screenshot: %v", err)
		}
		t.Logf("screenshot: %s", p)
	}
}

func TestBrowserPlayground(t *testing.T) {
	for _, stack := range sortedStacks() {
		t.Run(stack, func(t *testing.T) {
			pg := startTest(t, stack)
			tb := openTab(t, pg.PageURL+"/")
			tb.eval(t, `window.playground.runAll().then(() => true)`)
			got := rows(t, tb)
			screenshot(t, tb, "playground-"+stack+".png")

			want := []struct {
				id, browser, server, reason string
				corsError                   network.CorsError
				failed                      string
			}{
				{id: "simple", browser: "allowed", server: "allowed", reason: "origin allowed", corsError: "", failed: ""},
				{id: "credentialed", browser: "allowed", server: "allowed", reason: "origin allowed", corsError: "", failed: ""},
				{id: "preflighted", browser: "allowed", server: "allowed", reason: "preflight allowed | origin allowed", corsError: "", failed: ""},
				{id: "method", browser: "blocked", server: "denied", reason: `method not allowed: "DELETE"`, corsError: network.CorsErrorMethodDisallowedByPreflightResponse, failed: "DELETE"},
				{id: "header", browser: "blocked", server: "denied", reason: `request header not allowed: "x-other"`, corsError: network.CorsErrorHeaderDisallowedByPreflightResponse, failed: "x-other"},
				{id: "origin", browser: "blocked", server: "denied", reason: `origin not allowed: "` + pg.OtherURL + `"`, corsError: "", failed: ""},
				{id: "forged", browser: "sent", server: "denied", reason: forgeryReason(pg.OtherURL), corsError: "", failed: ""},
				{id: "form", browser: "sent", server: "allowed", reason: "origin allowed", corsError: "", failed: ""},
			}
			for _, w := range want {
				r, ok := got[w.id]
				if !ok {
					t.Errorf("%s: no row on the page", w.id)
					continue
				}
				if r.Browser != w.browser || r.Server != w.server || r.Reasons != w.reason {
					t.Errorf("%s: page shows browser=%q server=%q reasons=%q, want %q %q %q\nrow: %s\nconsole: %s",
						w.id, r.Browser, r.Server, r.Reasons, w.browser, w.server, w.reason, r.Text, tb.consoleText())
				}
				// The refusal is the precise one, not a vague missing ACAO.
				if w.corsError != "" {
					e := tb.corsError(r.Probe)
					if e == nil || e.CorsError != w.corsError || e.FailedParameter != w.failed {
						t.Errorf("%s: Chromium reported %+v, want %s / %s\nconsole: %s", w.id, e, w.corsError, w.failed, tb.consoleText())
					}
				}
			}
			if r := got["credentialed"]; !strings.Contains(r.Text, "cookie sent: yes") || !strings.Contains(r.Text, "X-Stack readable: "+stack) {
				t.Errorf("credentialed: row %q lacks the cookie or the exposed header", r.Text)
			}
		})
	}
}

func TestBrowserPolicyEditing(t *testing.T) {
	pg := startTest(t, "nethttp")
	tb := openTab(t, pg.PageURL+"/")

	// A bad origin: the core's error is shown verbatim, nothing changes.
	tb.eval(t, `(() => {
	  const f = document.getElementById("policy-form");
	  f.origins.value = "HTTP://Bad.example/";
	  document.getElementById("apply").click();
	  return waitFor(() => !document.getElementById("policy-error").hidden);
	})()`)
	msg := evalIn[string](t, tb, `document.getElementById("policy-error").textContent`)
	if !strings.Contains(msg, `AllowedOrigins[0] "HTTP://Bad.example/"`) || !strings.Contains(msg, `did you mean "http://bad.example"?`) {
		t.Errorf("policy error shown: %q", msg)
	}
	if o := pg.policy.Config().AllowedOrigins; len(o) != 1 || o[0] != pg.PageURL {
		t.Errorf("a rejected policy changed the origins to %q", o)
	}

	// Allow DELETE: the next DELETE goes through, no preflight cache in the way.
	tb.eval(t, `(() => {
	  const f = document.getElementById("policy-form");
	  f.origins.value = self.origin;
	  f.methods.value = "GET, PUT, DELETE";
	  document.getElementById("apply").click();
	  return waitFor(() => document.getElementById("policy-status").textContent === "applied");
	})()`)
	tb.eval(t, `window.playground.fire("method").then(() => true)`)
	if r := rows(t, tb)["method"]; r.Browser != "allowed" || r.Reasons != "preflight allowed | origin allowed" {
		t.Errorf("DELETE after allowing it: %+v", r)
	}
	screenshot(t, tb, "playground-policy.png")
}

// TestBrowserReportOnly: a candidate set from the page notes, on the row,
// what it would have answered, while the browser still gets the live
// answer, and the counters table shows the difference.
func TestBrowserReportOnly(t *testing.T) {
	pg := startTest(t, "nethttp")
	tb := openTab(t, pg.PageURL+"/")
	tb.eval(t, `(() => {
	  const f = document.getElementById("candidate-form");
	  f.methods.value = "GET";
	  document.getElementById("set-candidate").click();
	  return waitFor(() => document.body.dataset.candidate === "set");
	})()`)
	tb.eval(t, `window.playground.fire("preflighted").then(() => true)`)
	r := rows(t, tb)["preflighted"]
	if r.Browser != "allowed" {
		t.Errorf("PUT with a report-only candidate refusing it: %+v, want the live answer (allowed)", r)
	}
	if note := evalIn[string](t, tb, `document.getElementById("row-preflighted").dataset.reportOnly`); !strings.Contains(note, "denied: method-not-allowed") {
		t.Errorf("row's report-only note %q", note)
	}
	tb.eval(t, `window.playground.loadCounters().then(() => true)`)
	table := evalIn[string](t, tb, `document.getElementById("counters").textContent`)
	for _, want := range []string{"cors.report_only.differences", "method-not-allowed", "cors.decisions", "preflight-allowed"} {
		if !strings.Contains(table, want) {
			t.Errorf("counters table lacks %q: %q", want, table)
		}
	}
	screenshot(t, tb, "playground-report-only.png")
}
