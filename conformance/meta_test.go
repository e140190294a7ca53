package conformance

import (
	"net/http"
	"strings"
	"testing"

	"github.com/originguard/cors/conformance/internal/rules"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

// brokenStacks are deliberately wrong stacks, each with a case it must fail:
// the suite is only worth running if it catches the classic mistakes.
func brokenStacks() []struct {
	h        Harness
	mustFail []string // case names, or hostile row/policy names with a "hostile:" prefix
} {
	// reflectAll is the classic broken CORS middleware: it echoes every
	// Origin and answers every OPTIONS with 204.
	reflectAll := func(*cors.Policy) http.Handler {
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
		return Fixture(mw)
	}
	// varyOverwrite applies the policy, then overwrites Vary.
	varyOverwrite := func(p *cors.Policy) http.Handler {
		clobber := func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Vary", "Origin")
				next.ServeHTTP(w, r)
			})
		}
		return Fixture(func(next http.Handler) http.Handler { return clobber(p.Handler(next)) })
	}
	// groupOnly mounts the policy on the group only (the documented pitfall):
	// preflights for other paths reach the router.
	groupOnly := func(p *cors.Policy) http.Handler {
		mux := fixtureMux()
		outer := http.NewServeMux()
		outer.Handle("/g/", p.Handler(mux))
		outer.Handle("/", mux)
		return OuterMiddleware(recoverHTTP(InnerMiddleware(outer)))
	}
	// errorsUndecorated drops the CORS headers when the app fails, like a
	// middleware that writes headers after calling next.
	errorsUndecorated := func(p *cors.Policy) http.Handler {
		strip := func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				next.ServeHTTP(stripOnError{w}, r)
			})
		}
		return Fixture(func(next http.Handler) http.Handler { return p.Handler(strip(next)) })
	}
	// noHostOrPath is an adapter that describes only the headers to the
	// core, not the request's host and path, so every scope is missed.
	noHostOrPath := func(p *cors.Policy) http.Handler {
		mw := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			req := adapter.FromHTTP(r)
			req.Host, req.Path, req.RawPath = "", "", ""
			if d := p.Evaluate(r.Context(), &req, w.Header()); d.Respond {
				w.WriteHeader(d.Status)
				return
			}
			InnerMiddleware(fixtureMux()).ServeHTTP(w, r)
		})
		return OuterMiddleware(recoverHTTP(mw))
	}
	return []struct {
		h        Harness
		mustFail []string
	}{
		{h: Harness{Name: "no-host-or-path", Mount: noHostOrPath}, mustFail: []string{"credentialed-scope-app-origin", "tenant-own-origin", "public-scope-any-origin"}},
		{h: Harness{Name: "reflect-all", Mount: reflectAll}, mustFail: []string{"not-listed", "denied-origin-403", "hostile:origin-crlf/actual/list"}},
		{h: Harness{Name: "vary-overwrite", Mount: varyOverwrite}, mustFail: []string{"allowed-appends", "no-origin-get"}},
		{h: Harness{Name: "group-only", Mount: groupOnly}, mustFail: []string{"answered-204", "answered-missing-route"}},
		{h: Harness{Name: "errors-undecorated", Mount: errorsUndecorated}, mustFail: []string{"error-500-allowed", "on-500"}},
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
	names := rules.TestNames(t)
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
