package browser

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
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

// TestBrowser runs every scenario through every stack in one browser, then
// the raw-server scenarios once.
func TestBrowser(t *testing.T) {
	b := needBrowser(t)
	t.Logf("browser: %s; %d scenarios", b.Version(), len(scenarios))
	pg := startPages(t)

	signatures := map[string]map[string]string{} // scenario -> stack -> outcome signature
	for _, st := range stacks {
		t.Run(st.name, func(t *testing.T) {
			results := runScenarios(t, b, pg, st.name, func(p *Profile) {
				ln := listen(t)
				rec := newRecorder()
				st.serve(t, ln, p.Config(pg.origins), appHandler(rec), rec, p.StripVary)
				apis[p] = api{baseURL(ln), rec}
			}, false)
			checkCorscheck(t, pg.origins, results)
			for _, r := range results {
				if signatures[r.sc.ID] == nil {
					signatures[r.sc.ID] = map[string]string{}
				}
				signatures[r.sc.ID][st.name] = signature(r)
			}
		})
	}
	t.Run("raw", func(t *testing.T) {
		results := runScenarios(t, b, pg, "raw", func(p *Profile) {
			ln := listen(t)
			rec := newRecorder()
			serveRaw(t, ln, p.Raw(pg.origins), rec)
			apis[p] = api{baseURL(ln), rec}
		}, true)
		checkCorscheck(t, pg.origins, results)
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

// apis maps the profiles of the stack being run to their servers.
var apis map[*Profile]api

// runScenarios starts the API servers of the profiles the scenarios use
// (start fills apis), opens the pages in a fresh browser context, makes every
// fetch, then checks each scenario in a subtest.
func runScenarios(t *testing.T, b *Browser, pg *pages, stackName string, start func(*Profile), raw bool) []*result {
	apis = map[*Profile]api{}
	var list []*result
	for _, sc := range scenarios {
		if (sc.Profile.Raw != nil) != raw {
			continue
		}
		if _, ok := apis[sc.Profile]; !ok {
			start(sc.Profile)
		}
		q := url.Values{"case": {sc.ID}, "stack": {stackName}, "run": {runNonce}}.Encode()
		list = append(list, &result{sc: sc, api: apis[sc.Profile], query: q,
			outcomes: make([]Outcome, len(sc.Steps)), preflights: make([]int, len(sc.Steps))})
	}

	tabs := openTabs(t, b, pg)

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
		outs, err := tabs[k].FetchAll(calls)
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
			o, err := tabs[st.Page].Fetch(r.sc.Call(r.api.base, i, r.query))
			if err != nil {
				t.Fatalf("%s step %d: %v", r.sc.ID, i, err)
			}
			r.outcomes[i] = o
			r.preflights[i] = r.optionsSeen(i) - before
		}
	}

	for _, r := range list {
		t.Run(r.sc.ID, func(t *testing.T) {
			checkScenario(t, pg.origins, r)
			checkModel(t, pg.origins, r)
		})
	}
	return list
}

// openTabs opens PageA in a new browser context and the other pages as its
// sibling tabs.
func openTabs(t *testing.T, b *Browser, pg *pages) map[PageKind]*Page {
	tabs := map[PageKind]*Page{}
	first, err := b.NewPage(pg.url[PageA])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(first.Close)
	tabs[PageA] = first
	for _, k := range PageKinds[1:] {
		p, err := first.Sibling(pg.url[k])
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(p.Close)
		tabs[k] = p
	}
	for _, k := range PageKinds {
		if got, want := tabs[k].Origin(), pg.origins.Of(k); got != want {
			t.Fatalf("page %s has origin %q, want %q", k, got, want)
		}
	}
	return tabs
}

// checkScenario compares Chromium's outcome of every step with the table,
// and the server's records with the scenario's Hits.
func checkScenario(t *testing.T, o Origins, r *result) {
	for i, st := range r.sc.Steps {
		got, w := r.outcomes[i], st.Want
		where := fmt.Sprintf("step %d (%s %s from %s)", i, methodOr(st.Method), r.sc.PathOf(i), st.Page)
		if got.Allowed != w.Allowed || string(got.CORSError) != w.CORSError || got.FailedParameter != o.Expand(w.FailedParameter) {
			t.Errorf("%s: Chromium: %s\nwant allowed=%v %s(%q)", where, got, w.Allowed, w.CORSError, o.Expand(w.FailedParameter))
			continue
		}
		if n := r.preflights[i]; n != w.Preflights {
			t.Errorf("%s: server received %d preflights, want %d", where, n, w.Preflights)
		}
		if got.Preflights > w.Preflights {
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
	if h := r.sc.Hits; h != nil {
		got := r.hits()
		if got != *h {
			t.Errorf("server saw %+v, want %+v", got, *h)
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
