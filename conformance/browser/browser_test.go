package browser

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// api is one API server of a run: a profile served through a stack.
type api struct {
	base string
	rec  *recorder
}

// result is what happened in one scenario: Chromium's outcome per step and
// the server's records of the scenario's URL(s).
type result struct {
	sc       *Scenario
	api      api
	query    string
	outcomes []Outcome
	// preflights counts, per step, the OPTIONS requests the server
	// received. It is exact, unlike Outcome.Preflights: Chromium may report
	// a preflight's requestWillBeSent after the fetch it belongs to ended.
	preflights []int
}

// optionsSeen counts the OPTIONS records of step i's URL so far.
func (r *result) optionsSeen(i int) int {
	recs, _ := r.api.rec.forURI(r.sc.PathOf(i) + "?" + r.query)
	n := 0
	for _, rec := range recs {
		if rec.Method == "OPTIONS" {
			n++
		}
	}
	return n
}

// runNonce keeps URLs unique across runs of the test binary.
var runNonce = fmt.Sprintf("%x", time.Now().UnixNano())

// TestBrowser runs every scenario through every stack, then the raw-server
// scenarios once, in each engine: TestBrowser/<engine>/<stack>/<scenario>.
func TestBrowser(t *testing.T) {
	for _, e := range Engines {
		t.Run(e.Name, func(t *testing.T) { testEngine(t, e) })
	}
}

// engineRun is one engine's browser and pages.
type engineRun struct {
	engine *Engine
	pages  *Pages
	sess   Session
}

// startEngine starts the page servers and the engine showing them. Without
// the engine it skips the test, or fails it when CORS_BROWSER_REQUIRED is
// set or the engine's variable names a missing file.
func startEngine(t *testing.T, e *Engine) *engineRun {
	t.Helper()
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
	pg, err := StartPages()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pg.Close)
	sess, err := e.Launch(path, pg.URLs)
	if err != nil {
		t.Fatalf("starting %s (%s): %v", e.Name, path, err)
	}
	t.Cleanup(func() {
		if err := sess.Close(); err != nil {
			t.Errorf("stopping %s: %v", e.Name, err)
		}
	})
	if err := pg.Ready(60 * time.Second); err != nil {
		if o, ok := sess.(interface{ Output() string }); ok {
			t.Logf("%s printed:\n%s", e.Name, o.Output())
		}
		t.Fatal(err)
	}
	t.Logf("%s: %s; %d scenarios", e.Name, sess.Version(), len(scenarios))
	er := &engineRun{engine: e, pages: pg, sess: sess}
	er.warmUp(t)
	return er
}

// warmUp repeats one cacheable preflighted request until the engine reuses
// its preflight. Firefox ESR drops the first preflight-cache entries it
// makes after starting (measured: the first two or three, whatever their
// Max-Age); the scenarios are about the steady state, so they start after
// the first reuse. An engine that never reuses a preflight fails here.
func (er *engineRun) warmUp(t *testing.T) {
	t.Helper()
	ln := listen(t)
	var mu sync.Mutex
	options := 0
	serveHTTP(t, ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		if r.Method == http.MethodOptions {
			mu.Lock()
			options++
			mu.Unlock()
			h.Set("Access-Control-Allow-Methods", "PUT")
			h.Set("Access-Control-Allow-Headers", "X-Custom")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	call := Call{URL: baseURL(ln) + "/warm-up", Method: "PUT", Headers: []Header{hCustom}}
	for i := 1; i <= 10; i++ {
		outs, err := er.pages.Run(PageA, []Call{call})
		if err != nil {
			t.Fatalf("warm-up: %v", err)
		}
		if !outs[0].Allowed {
			t.Fatalf("warm-up request %d refused: %s", i, outs[0])
		}
		mu.Lock()
		n := options
		mu.Unlock()
		if n < i {
			t.Logf("%s reused a preflight on request %d of the warm-up", er.engine.Name, i)
			return
		}
	}
	t.Fatalf("%s sent a preflight for each of 10 identical requests despite Access-Control-Max-Age: 600", er.engine.Name)
}

// run has page k make the calls and returns the engine's outcomes.
func (er *engineRun) run(k PageKind, calls []Call) ([]Outcome, error) {
	outs, err := er.pages.Run(k, calls)
	if err != nil {
		return nil, err
	}
	if err := er.sess.Detail(int(k), calls, outs); err != nil {
		return nil, err
	}
	return outs, nil
}

func testEngine(t *testing.T, e *Engine) {
	er := startEngine(t, e)
	o := er.pages.Origins
	signatures := map[string]map[string]string{} // scenario -> stack -> outcome signature
	for _, st := range stacks {
		t.Run(st.name, func(t *testing.T) {
			results := runScenarios(t, er, st.name, func(p *Profile) api {
				ln := listen(t)
				rec := newRecorder()
				st.serve(t, ln, p.Config(o), appHandler(rec), rec, p.StripVary)
				return api{baseURL(ln), rec}
			}, false)
			if e == Chromium {
				checkCorscheck(t, o, results)
			}
			for _, r := range results {
				if signatures[r.sc.ID] == nil {
					signatures[r.sc.ID] = map[string]string{}
				}
				signatures[r.sc.ID][st.name] = signature(r)
			}
		})
	}
	t.Run("raw", func(t *testing.T) {
		results := runScenarios(t, er, "raw", func(p *Profile) api {
			ln := listen(t)
			rec := newRecorder()
			serveRaw(t, ln, p.Raw(o), rec)
			return api{baseURL(ln), rec}
		}, true)
		if e == Chromium {
			checkCorscheck(t, o, results)
		}
	})
	// Differential check: every stack gives the browser the same experience.
	t.Run("stacks-agree", func(t *testing.T) {
		for _, sc := range scenarios {
			sigs := signatures[sc.ID]
			if sc.Profile.Raw != nil || len(sigs) == 0 {
				continue
			}
			ref := sigs[stacks[0].name]
			for name, s := range sigs {
				if s != ref {
					t.Errorf("%s: %s gives %s, %s gives %s", sc.ID, name, s, stacks[0].name, ref)
				}
			}
		}
	})
}

// runScenarios starts the API servers of the profiles the scenarios use
// (start serves one), makes every fetch in the engine's pages, then checks
// each scenario in a subtest.
func runScenarios(t *testing.T, er *engineRun, stackName string, start func(*Profile) api, raw bool) []*result {
	apis := map[*Profile]api{}
	var list []*result
	for _, sc := range scenarios {
		if (sc.Profile.Raw != nil) != raw {
			continue
		}
		if _, ok := apis[sc.Profile]; !ok {
			apis[sc.Profile] = start(sc.Profile)
		}
		q := url.Values{"case": {sc.ID}, "stack": {stackName}, "engine": {er.engine.Name}, "run": {runNonce}}.Encode()
		list = append(list, &result{sc: sc, api: apis[sc.Profile], query: q,
			outcomes: make([]Outcome, len(sc.Steps)), preflights: make([]int, len(sc.Steps))})
	}

	// Single-step scenarios: one batch per page.
	type ref struct {
		r *result
		i int
	}
	batches := map[PageKind][]ref{}
	for _, r := range list {
		if len(r.sc.Steps) == 1 {
			k := r.sc.Steps[0].Page
			batches[k] = append(batches[k], ref{r, 0})
		}
	}
	for _, k := range PageKinds {
		refs := batches[k]
		calls := make([]Call, len(refs))
		for j, rf := range refs {
			calls[j] = rf.r.sc.Call(rf.r.api.base, rf.i, rf.r.query)
		}
		outs, err := er.run(k, calls)
		if err != nil {
			t.Fatalf("page %s: %v", k, err)
		}
		for j, rf := range refs {
			rf.r.outcomes[rf.i] = outs[j]
			rf.r.preflights[rf.i] = rf.r.optionsSeen(rf.i)
		}
	}
	// Multi-step scenarios: step by step, in order.
	for _, r := range list {
		if len(r.sc.Steps) == 1 {
			continue
		}
		for i, st := range r.sc.Steps {
			before := r.optionsSeen(i)
			outs, err := er.run(st.Page, []Call{r.sc.Call(r.api.base, i, r.query)})
			if err != nil {
				t.Fatalf("%s step %d: %v", r.sc.ID, i, err)
			}
			r.outcomes[i] = outs[0]
			r.preflights[i] = r.optionsSeen(i) - before
		}
	}

	for _, r := range list {
		t.Run(r.sc.ID, func(t *testing.T) {
			checkScenario(t, er.engine, er.pages.Origins, r)
			if er.engine == Chromium {
				checkModel(t, er.pages.Origins, r)
			}
		})
	}
	return list
}

// checkScenario compares Chromium's outcome of every step with the table,
// and the server's records with the scenario's Hits.
func checkScenario(t *testing.T, e *Engine, o Origins, r *result) {
	for i, st := range r.sc.Steps {
		got, w := r.outcomes[i], st.WantIn(e.Name)
		where := fmt.Sprintf("step %d (%s %s from %s)", i, methodOr(st.Method), r.sc.PathOf(i), st.Page)
		if got.Allowed != w.Allowed {
			t.Errorf("%s: %s: %s\nwant allowed=%v", where, e.Name, got, w.Allowed)
			continue
		}
		if e == Chromium && (string(got.CORSError) != w.CORSError || got.FailedParameter != o.Expand(w.FailedParameter)) {
			t.Errorf("%s: Chromium: %s\nwant %s(%q)", where, got, w.CORSError, o.Expand(w.FailedParameter))
			continue
		}
		if n := r.preflights[i]; n != w.Preflights {
			t.Errorf("%s: server received %d preflights, want %d", where, n, w.Preflights)
		}
		if e == Chromium && got.Preflights > w.Preflights {
			t.Errorf("%s: Chromium reported %d preflights, want %d", where, got.Preflights, w.Preflights)
		}
		if !w.Allowed {
			continue
		}
		wantStatus := w.Status
		if wantStatus == 0 {
			wantStatus = 200
		}
		if got.Status != wantStatus {
			t.Errorf("%s: script read status %d, want %d", where, got.Status, wantStatus)
		}
		for _, h := range w.Readable {
			if _, ok := got.Headers[h]; !ok {
				t.Errorf("%s: header %s not readable; readable: %v", where, h, keys(got.Headers))
			}
		}
		for _, h := range w.Hidden {
			if _, ok := got.Headers[h]; ok {
				t.Errorf("%s: header %s readable, want hidden", where, h)
			}
		}
		if w.BodyContains != "" && !strings.Contains(got.Body, w.BodyContains) {
			t.Errorf("%s: body %q does not contain %q", where, got.Body, w.BodyContains)
		}
	}
	if h := r.sc.HitsIn(e.Name); h != nil {
		got := r.hits()
		if got != *h {
			t.Errorf("server saw %+v, want %+v; requests:\n%s", got, *h, r.requests())
		}
	}
}

// hits counts what the server saw of the scenario's URLs.
func (r *result) hits() Hits {
	var h Hits
	seen := map[string]bool{}
	for i := range r.sc.Steps {
		uri := r.sc.PathOf(i) + "?" + r.query
		if seen[uri] {
			continue
		}
		seen[uri] = true
		recs, app := r.api.rec.forURI(uri)
		h.App += app
		for _, rec := range recs {
			if rec.Method == "OPTIONS" {
				h.Preflights++
			} else {
				h.Actual++
			}
		}
	}
	return h
}

// requests lists what the server received and answered for the
// scenario's URLs, in arrival order: the evidence of a failure.
func (r *result) requests() string {
	var b strings.Builder
	seen := map[string]bool{}
	for i := range r.sc.Steps {
		uri := r.sc.PathOf(i) + "?" + r.query
		if seen[uri] {
			continue
		}
		seen[uri] = true
		recs, _ := r.api.rec.forURI(uri)
		for _, rec := range recs {
			fmt.Fprintf(&b, "  %s %s Origin=%q ACRM=%q ACRH=%q Cookie=%q -> %d ACAO=%q ACAC=%q ACMA=%q\n",
				rec.Method, r.sc.PathOf(i), rec.Req.Get("Origin"), rec.Req.Get("Access-Control-Request-Method"),
				rec.Req.Get("Access-Control-Request-Headers"), rec.Req.Get("Cookie"), rec.Status,
				rec.Header.Get("Access-Control-Allow-Origin"), rec.Header.Get("Access-Control-Allow-Credentials"),
				rec.Header.Get("Access-Control-Max-Age"))
		}
	}
	return b.String()
}

// signature is the part of the outcomes every stack must agree on.
func signature(r *result) string {
	var b strings.Builder
	for i, o := range r.outcomes {
		fmt.Fprintf(&b, "[allowed=%v status=%d %s(%s) preflights=%d headers=%v]", o.Allowed, o.Status, o.CORSError, o.FailedParameter, r.preflights[i], keys(o.Headers))
	}
	return b.String()
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func methodOr(m string) string {
	if m == "" {
		return "GET"
	}
	return m
}
