package browser

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/originguard/cors/corscheck/fetchcheck"
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
	// from is, per step, how many records of the step's URL the server
	// had before the step: the step's own records start there.
	from []int
}

// records returns the server's records of step i's URL so far.
func (r *result) records(i int) []record {
	recs, _ := r.api.rec.forURI(r.sc.PathOf(i) + "?" + r.query)
	return recs
}

// runNonce keeps URLs unique across runs of the test binary.
var runNonce = fmt.Sprintf("%x", time.Now().UnixNano())

// TestBrowser runs every scenario through every stack, then the raw-server
// scenarios once, in each engine: TestBrowser/<engine>/<stack>/<scenario>.
func TestBrowser(t *testing.T) {
	for _, e := range Engines {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			testEngine(t, e)
		})
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

	// Start every API server, then make every fetch, then check.
	byStack := map[string][]*result{}
	var all []*result
	for _, st := range stacks {
		byStack[st.name] = plan(er, st.name, false, func(p *Profile) api {
			ln := listen(t)
			rec := newRecorder()
			withPort := o
			_, withPort.APIPort, _ = net.SplitHostPort(ln.Addr().String())
			st.serve(t, ln, p.Policy(withPort), appHandler(rec), rec, p.StripVary)
			return api{baseURL(ln), rec}
		})
		all = append(all, byStack[st.name]...)
	}
	byStack["raw"] = plan(er, "raw", true, func(p *Profile) api {
		ln := listen(t)
		rec := newRecorder()
		serveRaw(t, ln, p.Raw(o), rec)
		return api{baseURL(ln), rec}
	})
	all = append(all, byStack["raw"]...)
	start := time.Now()
	er.execute(t, all)
	t.Logf("%s: %d scenario runs (%d scenarios on %d stacks, %d raw-server scenarios) in %v",
		e.Name, len(all), len(byStack[stacks[0].name]), len(stacks), len(byStack["raw"]), time.Since(start).Round(time.Millisecond))

	signatures := map[string]map[string]string{} // scenario -> stack -> outcome signature
	for _, name := range append(stackNames(), "raw") {
		t.Run(name, func(t *testing.T) {
			for _, r := range byStack[name] {
				t.Run(r.sc.ID, func(t *testing.T) {
					checkScenario(t, e, o, r)
					checkModel(t, e, o, r)
					if r.sc.Standard != "" { // engines disagree or deviate: show the evidence (go test -v)
						t.Logf("%s; server saw:\n%s", e.Name, r.requests())
					}
				})
				if signatures[r.sc.ID] == nil {
					signatures[r.sc.ID] = map[string]string{}
				}
				signatures[r.sc.ID][name] = signature(r)
			}
			checkCorscheck(t, e, o, byStack[name])
		})
	}
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

func stackNames() []string {
	var out []string
	for _, st := range stacks {
		out = append(out, st.name)
	}
	return out
}

// plan starts the API servers of the profiles the scenarios of one stack
// use (start serves one) and returns a result per scenario, with the
// scenario's unique query string.
func plan(er *engineRun, stackName string, raw bool, start func(*Profile) api) []*result {
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
			outcomes: make([]Outcome, len(sc.Steps)), preflights: make([]int, len(sc.Steps)), from: make([]int, len(sc.Steps))})
	}
	return list
}

// stepRef is one step of one scenario run.
type stepRef struct {
	r *result
	i int
}

// execute makes every fetch of the results in rounds: a round holds the
// n-th step of one multi-step scenario on every stack, so that each step
// follows the one before it within one round of the scenario's own fetches
// (a fraction of a second even on a loaded machine), however many
// scenarios there are; a preflight-cache entry may live 3 seconds only. The
// fetches of a round share one batch per page. A step with a pause starts a
// new phase: the phases run one after the other, with one pause (the
// longest asked for) before each, so the suite pauses once, not once per
// scenario and stack; every step of a later phase comes at least its pause
// after the step before it.
func (er *engineRun) execute(t *testing.T, list []*result) {
	t.Helper()
	// The one-step scenarios first, in a round of their own.
	var singles []stepRef
	var phases []map[*Scenario][][]stepRef // phase -> scenario -> round -> steps
	for _, r := range list {
		if len(r.sc.Steps) == 1 {
			singles = append(singles, stepRef{r, 0})
			continue
		}
		phase, round := 0, 0
		for i, st := range r.sc.Steps {
			if st.After > 0 && i > 0 {
				phase, round = phase+1, 0
			}
			for len(phases) <= phase {
				phases = append(phases, map[*Scenario][][]stepRef{})
			}
			rounds := phases[phase][r.sc]
			for len(rounds) <= round {
				rounds = append(rounds, nil)
			}
			rounds[round] = append(rounds[round], stepRef{r, i})
			phases[phase][r.sc] = rounds
			round++
		}
	}
	er.runRound(t, singles)
	for p, byScenario := range phases {
		if p > 0 {
			var pause time.Duration
			for _, rounds := range byScenario {
				for _, ref := range rounds[0] {
					pause = max(pause, ref.r.sc.Steps[ref.i].After)
				}
			}
			time.Sleep(pause)
		}
		for _, sc := range scenarios {
			for _, round := range byScenario[sc] {
				er.runRound(t, round)
			}
		}
	}
}

// runRound makes the fetches of one round, one batch per page, and counts
// the preflights the server received for each.
func (er *engineRun) runRound(t *testing.T, round []stepRef) {
	t.Helper()
	byPage := map[PageKind][]stepRef{}
	for _, ref := range round {
		k := ref.r.sc.Steps[ref.i].Page
		byPage[k] = append(byPage[k], ref)
	}
	for _, k := range PageKinds {
		refs := byPage[k]
		if len(refs) == 0 {
			continue
		}
		calls := make([]Call, len(refs))
		for j, ref := range refs {
			calls[j] = ref.r.sc.Call(ref.r.api.base, ref.i, ref.r.query)
			ref.r.from[ref.i] = len(ref.r.records(ref.i))
		}
		outs, err := er.run(k, calls)
		if err != nil {
			t.Fatalf("page %s: %v", k, err)
		}
		for j, ref := range refs {
			ref.r.outcomes[ref.i] = outs[j]
			for _, rec := range ref.r.records(ref.i)[ref.r.from[ref.i]:] {
				if rec.Method == http.MethodOptions {
					ref.r.preflights[ref.i]++
				}
			}
		}
	}
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
			t.Errorf("%s: server received %d preflights, want %d%s", where, n, w.Preflights, r.cacheEvidence(e, i))
		}
		// Chromium's own report is evidence, read by request id: it may
		// miss a preflight whose event came late, but a preflight it
		// reports for this fetch must have reached the server.
		if n := r.preflights[i]; e == Chromium && got.Preflights > n {
			t.Errorf("%s: Chromium reported %d preflights for this fetch, the server received %d", where, got.Preflights, n)
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

// cacheEvidence says what a wrong preflight count on step i allows to
// conclude when an earlier preflight of the same URL may have left a
// preflight-cache entry: the Access-Control-Max-Age its answer carried, the
// lifetime engine e gives that answer, and the entry's age when the step
// reached the server (an upper bound of the age the engine saw). The
// standard requires an engine to drop an entry once its Max-Age has passed
// and lets it drop one at any time before
// (https://fetch.spec.whatwg.org/#concept-cache); the table records what
// each engine does, so every mismatch fails, with this to tell a wrong
// Max-Age from the policy, an early eviction and a late harness apart.
func (r *result) cacheEvidence(e *Engine, i int) string {
	recs := r.records(i)
	from := r.from[i]
	if from >= len(recs) {
		return ""
	}
	var entry *record
	for j := from - 1; j >= 0; j-- {
		if recs[j].Method == http.MethodOptions {
			entry = &recs[j]
			break
		}
	}
	if entry == nil {
		return ""
	}
	resp := fetchcheck.Response{Status: entry.Status, Header: entry.Header}
	life := time.Duration(engineModels[e.Name].PreflightCacheSeconds(resp)) * time.Second
	age := recs[from].At.Sub(entry.At).Round(time.Millisecond)
	acma := "no Access-Control-Max-Age"
	if v := entry.Header.Values("Access-Control-Max-Age"); len(v) > 0 {
		acma = fmt.Sprintf("Access-Control-Max-Age %q", v)
	}
	sentMore := r.preflights[i] > r.sc.Steps[i].WantIn(e.Name).Preflights
	var verdict string
	switch {
	case !sentMore && age >= life:
		verdict = "the engine reused an entry past its lifetime, which the standard forbids"
	case !sentMore:
		verdict = "the answer let the engine cache the preflight that long: is the policy's Max-Age wrong?"
	case life == 0:
		verdict = "the answer allows no caching: is the policy's Max-Age wrong?"
	case age >= life && r.sc.Steps[i].After > 0:
		verdict = "the entry had expired: the Max-Age is shorter than the pause before this step"
	case age >= life:
		verdict = "the entry had expired: the Max-Age is too short, or the harness too slow to show a cache hit"
	default:
		verdict = "the entry was live: the engine dropped it early (the standard allows it; this table says the engine does not) or keys it differently"
	}
	return fmt.Sprintf("\nthe preflight %v before this step was answered with %s (%s caches it %v): %s", age, acma, e.Name, life, verdict)
}

// uris returns the scenario's distinct request URIs (path and query), in
// step order.
func (r *result) uris() []string {
	var out []string
	for i := range r.sc.Steps {
		if uri := r.sc.PathOf(i) + "?" + r.query; !slices.Contains(out, uri) {
			out = append(out, uri)
		}
	}
	return out
}

// hits counts what the server saw of the scenario's URLs.
func (r *result) hits() Hits {
	var h Hits
	for _, uri := range r.uris() {
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
	for _, uri := range r.uris() {
		path, _, _ := strings.Cut(uri, "?")
		recs, _ := r.api.rec.forURI(uri)
		for _, rec := range recs {
			fmt.Fprintf(&b, "  +%.1fs %s %s Origin=%q ACRM=%q ACRH=%q Cookie=%q -> %d ACAO=%q ACAC=%q ACMA=%q\n",
				rec.At.Sub(recs[0].At).Seconds(), rec.Method, path, rec.Req.Get("Origin"), rec.Req.Get("Access-Control-Request-Method"),
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
