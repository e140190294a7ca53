package conformance

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/originguard/cors/conformance/internal/rules"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/corscheck/fetchcheck"
)

// brokenStacks are deliberately wrong stacks, each with a case it must fail:
// the suite is only worth running if it catches the classic mistakes.
func brokenStacks() []struct {
	h        Harness
	mustFail []string // case names, or hostile row/policy names with a "hostile:" prefix
} {
	// reflectAll is the classic broken CORS middleware: it echoes every
	// Origin and answers every OPTIONS with 204.
	reflectAll := func(cfg cors.Config) (http.Handler, error) {
		mw := func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if o := r.Header.Get("Origin"); o != "" {
					w.Header().Set(hACAO, o)
					w.Header().Set(hACAC, "true")
				}
				if r.Method == http.MethodOptions {
					w.WriteHeader(http.StatusNoContent)
					return
				}
				next.ServeHTTP(w, r)
			})
		}
		return outerVary(recoverHTTP(mw(markInner(fixtureMux())))), nil
	}
	// varyOverwrite applies the policy, then overwrites Vary.
	varyOverwrite := func(cfg cors.Config) (http.Handler, error) {
		p, err := cors.New(cfg)
		if err != nil {
			return nil, err
		}
		clobber := func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Vary", "Origin")
				next.ServeHTTP(w, r)
			})
		}
		return outerVary(recoverHTTP(clobber(p.Handler(markInner(fixtureMux()))))), nil
	}
	// groupOnly mounts the policy on the group only (the documented pitfall):
	// preflights for other paths reach the router.
	groupOnly := func(cfg cors.Config) (http.Handler, error) {
		p, err := cors.New(cfg)
		if err != nil {
			return nil, err
		}
		mux := fixtureMux()
		outer := http.NewServeMux()
		outer.Handle("/g/", p.Handler(mux))
		outer.Handle("/", mux)
		return outerVary(recoverHTTP(markInner(outer))), nil
	}
	// errorsUndecorated drops the CORS headers when the app fails, like a
	// middleware that writes headers after calling next.
	errorsUndecorated := func(cfg cors.Config) (http.Handler, error) {
		p, err := cors.New(cfg)
		if err != nil {
			return nil, err
		}
		strip := func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				next.ServeHTTP(stripOnError{w}, r)
			})
		}
		return outerVary(recoverHTTP(p.Handler(strip(markInner(fixtureMux()))))), nil
	}
	// noHostOrPath is an adapter that describes only the headers to the
	// core, not the request's host and path, so every scope is missed.
	noHostOrPath := func(p *cors.Policy) http.Handler {
		mw := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			req := cors.FromHTTP(r)
			req.Host, req.Path, req.RawPath = "", "", ""
			d := p.Evaluate(req)
			d.WriteHeaders(w.Header())
			if d.Respond {
				w.WriteHeader(d.Status)
				return
			}
			markInner(fixtureMux()).ServeHTTP(w, r)
		})
		return outerVary(recoverHTTP(mw))
	}
	return []struct {
		h        Harness
		mustFail []string
	}{
		{h: withPolicy("no-host-or-path", noHostOrPath), mustFail: []string{"credentialed-scope-app-origin", "tenant-own-origin", "public-scope-any-origin"}},
		{h: Harness{Name: "reflect-all", New: reflectAll}, mustFail: []string{"not-listed", "denied-origin-403", "hostile:origin-crlf/actual/list"}},
		{h: Harness{Name: "vary-overwrite", New: varyOverwrite}, mustFail: []string{"allowed-appends", "no-origin-get"}},
		{h: Harness{Name: "group-only", New: groupOnly}, mustFail: []string{"answered-204", "answered-missing-route"}},
		{h: Harness{Name: "errors-undecorated", New: errorsUndecorated}, mustFail: []string{"error-500-allowed", "on-500"}},
	}
}

// stripOnError deletes Access-Control-* headers before a status >= 400.
type stripOnError struct{ http.ResponseWriter }

func (s stripOnError) WriteHeader(code int) {
	if code >= 400 {
		for k := range s.Header() {
			if strings.HasPrefix(k, "Access-Control-") {
				s.Header().Del(k)
			}
		}
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s stripOnError) Write(b []byte) (int, error) { return s.ResponseWriter.Write(b) }

// TestSuiteCatchesBrokenStacks runs the table against broken stacks and
// requires the cases aimed at each mistake to fail.
func TestSuiteCatchesBrokenStacks(t *testing.T) {
	known := map[string]bool{}
	for _, c := range cases() {
		known[c.name] = true
	}
	for _, h := range hostileCases() {
		for _, p := range hostilePolicies {
			known["hostile:"+h.name+"/"+p.name] = true
		}
	}
	for _, b := range brokenStacks() {
		s := newSession(b.h)
		failed := map[string]bool{}
		for _, c := range cases() {
			if len(s.problems(c)) > 0 {
				failed[c.name] = true
			}
		}
		for _, h := range hostileCases() {
			for _, p := range hostilePolicies {
				app, err := s.app(s.h, s.apps, p.policy)
				if err != nil {
					t.Fatal(err)
				}
				if len(hostileProblems(app, p, h)) > 0 {
					failed["hostile:"+h.name+"/"+p.name] = true
				}
			}
		}
		for _, name := range b.mustFail {
			if !known[name] {
				t.Errorf("%s: mustFail names %s, which is not a case", b.h.Name, name)
			} else if !failed[name] {
				t.Errorf("%s: case %s passed; the suite misses this mistake", b.h.Name, name)
			}
		}
		t.Logf("%s: %d cases fail", b.h.Name, len(failed))
	}
}

// TestCaseTable checks the table itself: unique names, each case citing
// rules of docs/behaviour.md, and a browser verdict for most of them. What
// the table covers is checked in coverage_test.go.
func TestCaseTable(t *testing.T) {
	names, err := rules.Names()
	if err != nil {
		t.Fatal(err)
	}
	all := cases()
	seen := map[string]bool{}
	withVerdict := 0
	perGroup := map[string]int{}
	for _, c := range all {
		if seen[c.name] {
			t.Errorf("duplicate case name %s", c.name)
		}
		seen[c.name] = true
		if _, err := rules.Cited(c.why, names); err != nil {
			t.Errorf("%s: why %q: %v", c.name, c.why, err)
		}
		if c.group == "" {
			t.Errorf("%s: no group", c.name)
		}
		perGroup[c.group]++
		if c.browser != nil {
			withVerdict++
		}
		if msg := verdictMatchesRequest(c); msg != "" {
			t.Errorf("%s: %s", c.name, msg)
		}
	}
	for _, h := range hostileCases() {
		if _, err := rules.Cited(h.why, names); err != nil {
			t.Errorf("hostile %s: why %q: %v", h.name, h.why, err)
		}
	}
	for _, c := range configErrorCases() {
		if _, err := rules.Cited(c.why, names); err != nil {
			t.Errorf("config error %s: why %q: %v", c.name, c.why, err)
		}
	}
	if withVerdict*10 < len(all)*9 {
		t.Errorf("%d of %d cases have a browser verdict, want at least 90%%", withVerdict, len(all))
	}
	t.Logf("%d cases, %d with a browser verdict; per group: %v", len(all), withVerdict, perGroup)
}

// verdictMatchesRequest checks that a preflight case sends what the browser
// of its verdict would ask for: the same method after normalisation, the
// same set of unsafe header names, and ACRPN exactly when the verdict is a
// private-network fetch. Non-browser spellings (case, spaces, several lines)
// are allowed; different content is a mistake in the table.
func verdictMatchesRequest(c testCase) string {
	v := c.browser
	if v == nil || !v.preflight || !c.req.isPreflight() {
		return ""
	}
	req := v.fetchRequest()
	if acrm := c.req.header(hACRM); len(acrm) != 1 || fetchcheck.NormalizeMethod(acrm[0]) != fetchcheck.NormalizeMethod(v.method) {
		return "ACRM " + strings.Join(acrm, "|") + " does not match the verdict's method " + v.method
	}
	var sent []string
	for _, n := range listElems(c.req.header(hACRH)) {
		sent = append(sent, strings.ToLower(n))
	}
	slices.Sort(sent)
	sent = slices.Compact(sent)
	if want := fetchcheck.UnsafeHeaderNames(req); !slices.Equal(sent, want) {
		return "ACRH names " + strings.Join(sent, ",") + " do not match the verdict's unsafe headers " + strings.Join(want, ",")
	}
	if pn := c.req.header(hACRPN); (len(pn) == 1 && pn[0] == "true") != v.private {
		return "ACRPN does not match the verdict's private-network flag"
	}
	return ""
}
