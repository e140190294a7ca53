package browser

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	cors "github.com/originguard/cors/core"
)

// The requests of the forgery test, by the path under /api/ they go to.
const (
	forgedForm   = "forgery-form"   // a cross-site <form method=post>
	forgedNoCORS = "forgery-nocors" // a cross-site fetch POST, mode no-cors
	allowedPost  = "forgery-cred"   // a credentialed POST from the allowed origin
	sameOrigin   = "forgery-same"   // a POST from a page of the API's own origin
	selfPage     = "forgery-page"   // that page, served by the application
)

// forgeryEvilJS runs in a page on another site (localhost, while the APIs
// are on 127.0.0.1): for every API it submits a form and makes a no-cors
// fetch, as a forging page does, then reports to its own server.
const forgeryEvilJS = `(async () => {
  const apis = JSON.parse(new URLSearchParams(location.search).get("apis"));
  const run = new URLSearchParams(location.search).get("run");
  const post = (url) => new Promise((resolve) => {
    const sink = document.createElement("iframe");
    sink.name = "sink" + Math.random().toString(36).slice(2);
    sink.hidden = true;
    document.body.append(sink);
    sink.addEventListener("load", () => {
      try { if (sink.contentWindow.location.href === "about:blank") return; } catch (e) { /* answered */ }
      resolve();
    });
    const form = document.createElement("form");
    form.method = "post";
    form.action = url;
    form.target = sink.name;
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "amount";
    input.value = "100";
    form.append(input);
    document.body.append(form);
    form.submit();
  });
  const out = {};
  // The forms go out together: an engine that fires no load event for
  // the answer costs one timeout, not one per API.
  await Promise.all(apis.map((api) => Promise.race([
    post(api + "/api/` + forgedForm + `?run=" + run).then(() => { out[api + " form"] = "answered"; }),
    new Promise((r) => setTimeout(() => { out[api + " form"] = "no load event"; r(); }, 5000))])));
  for (const api of apis) {
    try {
      const r = await fetch(api + "/api/` + forgedNoCORS + `?run=" + run, {method: "POST", mode: "no-cors", credentials: "include",
        headers: {"Content-Type": "application/x-www-form-urlencoded"}, body: "amount=100"});
      out[api] = "opaque status " + r.status;
    } catch (e) {
      out[api] = String(e);
    }
  }
  await fetch("/done?run=" + run, {method: "POST", body: JSON.stringify(out)});
})();`

// forgeryAllowedJS runs in a page of the allowed origin: for every API it
// makes a credentialed POST and reads the answer, and embeds the API's own
// page, which posts to its own origin and says so by postMessage.
const forgeryAllowedJS = `(async () => {
  const apis = JSON.parse(new URLSearchParams(location.search).get("apis"));
  const run = new URLSearchParams(location.search).get("run");
  const out = {};
  for (const api of apis) {
    try {
      const r = await fetch(api + "/api/` + allowedPost + `?run=" + run, {method: "POST", credentials: "include",
        headers: {"Content-Type": "text/plain"}, body: "amount=100"});
      out[api] = "read status " + r.status;
    } catch (e) {
      out[api] = String(e);
    }
    const done = new Promise((resolve) => {
      const on = (ev) => { if (ev.origin === api) { window.removeEventListener("message", on); resolve(ev.data); } };
      window.addEventListener("message", on);
    });
    const frame = document.createElement("iframe");
    frame.src = api + "/api/` + selfPage + `?run=" + run;
    document.body.append(frame);
    out[api + " same-origin"] = await Promise.race([done, new Promise((r) => setTimeout(() => r("timeout"), 10000))]);
  }
  await fetch("/done?run=" + run, {method: "POST", body: JSON.stringify(out)});
})();`

// forgerySelfJS is the API's own page: a same-origin POST.
const forgerySelfJS = `(async () => {
  const run = new URLSearchParams(location.search).get("run");
  let res;
  try {
    const r = await fetch("/api/` + sameOrigin + `?run=" + run, {method: "POST", headers: {"Content-Type": "text/plain"}, body: "amount=100"});
    res = "read status " + r.status;
  } catch (e) {
    res = String(e);
  }
  parent.postMessage(res, "*");
})();`

// pageServer serves one page with script and collects its report.
type pageServer struct {
	origin string
	done   chan map[string]string
}

func startPageServer(t *testing.T, host, script string) *pageServer {
	ln := listen(t)
	ps := &pageServer{origin: "http://" + host + ":" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port), done: make(chan map[string]string, 1)}
	var once sync.Once
	serveHTTP(t, ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		switch r.URL.Path {
		case "/":
			http.SetCookie(w, &http.Cookie{Name: "sid", Value: "a", Path: "/"})
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, "<!doctype html><title>forgery</title><body><script>"+script+"</script>")
		case "/done":
			var out map[string]string
			_ = json.NewDecoder(r.Body).Decode(&out)
			once.Do(func() { ps.done <- out })
		default:
			http.NotFound(w, r)
		}
	}))
	return ps
}

// forgeryApp is the application behind every stack: the suite's counting
// handler, and the API's own page.
func forgeryApp(rec *recorder) http.Handler {
	count := appHandler(rec)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/"+selfPage {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = io.WriteString(w, "<!doctype html><title>same origin</title><script>"+forgerySelfJS+"</script>")
			return
		}
		count.ServeHTTP(w, r)
	})
}

// TestBrowserForgery proves forgery protection in every engine, on every
// stack (forgery-protection in docs/behaviour.md): a cross-site form post
// and a no-cors fetch POST from an origin the policy does not allow reach
// the server and are refused before the application runs (the server's
// application counter stays at 0), while a credentialed POST from the
// allowed origin and a same-origin POST reach the application.
func TestBrowserForgery(t *testing.T) {
	for _, e := range Engines {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			testForgery(t, e)
		})
	}
}

func testForgery(t *testing.T, e *Engine) {
	if testing.Short() {
		t.Skip("browser tests skipped with -short")
	}
	path, err := e.Find()
	switch {
	case errors.Is(err, ErrNoBrowser) && !Required():
		t.Skipf("%v; set %s=1 to make this a failure", err, EnvRequired)
	case err != nil:
		t.Fatal(err)
	}
	evil := startPageServer(t, "localhost", forgeryEvilJS) // another site than 127.0.0.1
	allowed := startPageServer(t, "127.0.0.1", forgeryAllowedJS)
	policy := cors.MustNew(cors.Config{
		AllowedOrigins:    []string{allowed.origin},
		AllowCredentials:  true,
		AllowedMethods:    []string{"GET", "POST"},
		AllowedHeaders:    []string{"Content-Type"},
		ForgeryProtection: true,
	})
	type api struct {
		stack, base string
		rec         *recorder
	}
	var apis []api
	var bases []string
	for _, st := range stacks {
		ln := listen(t)
		rec := newRecorder()
		st.serve(t, ln, policy, forgeryApp(rec), rec, false)
		apis = append(apis, api{st.name, baseURL(ln), rec})
		bases = append(bases, baseURL(ln))
	}
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	list, _ := json.Marshal(bases)
	query := "/?run=" + run + "&apis=" + url.QueryEscape(string(list))
	sess, err := e.Launch(path, []string{evil.origin + query, allowed.origin + query})
	if err != nil {
		t.Fatalf("starting %s (%s): %v", e.Name, path, err)
	}
	t.Cleanup(func() {
		if err := sess.Close(); err != nil {
			t.Errorf("stopping %s: %v", e.Name, err)
		}
	})
	reports := map[string]map[string]string{}
	for _, ps := range []*pageServer{evil, allowed} {
		select {
		case out := <-ps.done:
			reports[ps.origin] = out
		case <-time.After(120 * time.Second):
			if o, ok := sess.(interface{ Output() string }); ok {
				t.Logf("%s printed:\n%s", e.Name, o.Output())
			}
			t.Fatalf("%s: the page on %s did not finish", e.Name, ps.origin)
		}
	}
	t.Logf("%s: %s; %d stacks; pages reported %v", e.Name, sess.Version(), len(apis), reports)
	for _, a := range apis {
		t.Run(a.stack, func(t *testing.T) {
			for _, c := range []struct {
				path    string
				allowed bool
			}{{forgedForm, false}, {forgedNoCORS, false}, {allowedPost, true}, {sameOrigin, true}} {
				uri := "/api/" + c.path + "?run=" + run
				recs, app := a.rec.forURI(uri)
				var seen []string
				for _, r := range recs {
					seen = append(seen, r.Method+" "+strconv.Itoa(r.Status)+" Origin="+r.Req.Get("Origin")+" Sec-Fetch-Site="+r.Req.Get("Sec-Fetch-Site"))
				}
				switch {
				case len(recs) == 0:
					t.Errorf("%s: the engine never sent it (pages reported %v)", c.path, reports)
				case c.allowed && app != 1:
					t.Errorf("%s: the application ran %d times, want once; server saw %v", c.path, app, seen)
				case !c.allowed && (app != 0 || recs[0].Status != http.StatusForbidden):
					t.Errorf("%s: the application ran %d times, status %d; want refused with 403 before it; server saw %v", c.path, app, recs[0].Status, seen)
				}
				t.Logf("%s: application ran %d times; server saw %v", c.path, app, seen)
			}
			if got := reports[allowed.origin][a.base]; got != "read status 200" {
				t.Errorf("credentialed POST from the allowed origin: the page got %q, want to read status 200", got)
			}
			if got := reports[allowed.origin][a.base+" same-origin"]; got != "read status 200" {
				t.Errorf("same-origin POST: the page got %q, want status 200", got)
			}
		})
	}
}
