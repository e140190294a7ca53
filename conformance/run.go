package conformance

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/originguard/cors/conformance/internal/verdict"
)

// Run runs the whole suite against the stack h, which must have a Mount
// function: every case of the table (one subtest each, under its group),
// the same cases on the net/http reference stack to report differences,
// the hostile request table, the invalid configurations, the cache rule,
// the differential test over a socket and, for a stack with its own server
// (h.Listen), Mount against that server. A failure names the rules of
// docs/behaviour.md the case checks.
func Run(t *testing.T, h Harness) {
	t.Helper()
	if h.Mount == nil {
		t.Fatalf("conformance: harness %q has no Mount function", h.Name)
	}
	s := newSession(h)
	for _, c := range cases() {
		t.Run(c.group+"/"+c.name, func(t *testing.T) {
			for _, p := range s.problems(c) {
				t.Errorf("%s: %s\n\trequest: %s\n\twhy: %s", h.Name, p, describe(c.req), c.why)
			}
			if note := s.routerNote(c); note != "" {
				t.Log(note)
			}
		})
	}
	t.Run("hostile", func(t *testing.T) { runHostile(t, s) })
	t.Run("config-errors", func(t *testing.T) { runConfigErrors(t, h) })
	t.Run("cache-rule", func(t *testing.T) { runCacheRule(t, s) })
	if h.Name != s.ref.Name {
		t.Run("differential", func(t *testing.T) { runDifferential(t, h) })
	}
	if h.Listen != nil {
		t.Run("socket", func(t *testing.T) { runSocket(t, s) })
	}
}

// session caches one application per policy for a stack and for the
// reference stack.
type session struct {
	h, ref     Harness
	apps, refs map[string]http.Handler
	last       map[string]response // reference responses, by case name
}

func newSession(h Harness) *session {
	return &session{
		h: h, ref: NetHTTP(),
		apps: map[string]http.Handler{}, refs: map[string]http.Handler{},
		last: map[string]response{},
	}
}

func (s *session) app(h Harness, cache map[string]http.Handler, pol *policy) (http.Handler, error) {
	if a, ok := cache[pol.name]; ok {
		return a, nil
	}
	var a http.Handler
	var err error
	if pol.scoped != nil {
		a, err = mountScoped(h, pol)
	} else {
		a, err = h.build(pol.cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("building %s app for policy %s: %w", h.Name, pol.name, err)
	}
	cache[pol.name] = a
	return a, nil
}

// mountScoped builds the application of a scoped policy with h.Mount.
func mountScoped(h Harness, pol *policy) (http.Handler, error) {
	p, err := pol.build()
	if err != nil {
		return nil, err
	}
	return h.Mount(p), nil
}

// serve hands req to app and records the answer; a panic that escapes the
// stack is returned as an error.
func serve(app http.Handler, req request) (resp response, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic escaped the stack: %v", v)
		}
	}()
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, req.httpRequest())
	res := rec.Result()
	return response{status: res.StatusCode, header: res.Header, body: rec.Body.Len()}, nil
}

// problems runs c on the stack and returns every failure: the expectation,
// the browser verdict and, for stacks other than the reference, differences
// from the reference stack.
func (s *session) problems(c testCase) []string {
	app, err := s.app(s.h, s.apps, c.pol)
	if err != nil {
		return []string{err.Error()}
	}
	got, err := serve(app, c.req)
	if err != nil {
		return []string{err.Error()}
	}
	p := checkResponse(c.want, got)
	if c.browser != nil && verdict.Judge != nil {
		p = append(p, verdict.Judge((*verdict.Verdict)(c.browser), c.req.httpRequest(), got.status, got.header)...)
	}
	if s.h.Name == s.ref.Name {
		return p
	}
	refApp, err := s.app(s.ref, s.refs, c.pol)
	if err != nil {
		return append(p, err.Error())
	}
	want, err := serve(refApp, c.req)
	if err != nil {
		return append(p, "reference: "+err.Error())
	}
	s.last[c.name] = want
	if g, w := summaryOf(got, !c.want.routerStatus, !c.want.anyApp), summaryOf(want, !c.want.routerStatus, !c.want.anyApp); g != w {
		p = append(p, fmt.Sprintf("differs from net/http:\n\t%s: %s\n\tnet/http: %s", s.h.Name, g, w))
	}
	return p
}

// routerNote reports a status that differs from the reference where the
// status is the framework router's own.
func (s *session) routerNote(c testCase) string {
	ref, ok := s.last[c.name]
	if !ok || !c.want.routerStatus {
		return ""
	}
	app := s.apps[c.pol.name]
	got, err := serve(app, c.req)
	if err != nil || got.status == ref.status {
		return ""
	}
	return fmt.Sprintf("router status differs (framework behaviour, not CORS): %s %d, net/http %d",
		s.h.Name, got.status, ref.status)
}

// describe renders a request for failure messages, bounding long values.
func describe(r request) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q %s", r.method, r.path)
	for _, l := range r.lines {
		v := l.value
		if len(v) > 60 {
			v = fmt.Sprintf("%s… (%d bytes)", v[:60], len(v))
		}
		fmt.Fprintf(&b, " [%s: %q]", l.key, v)
	}
	return b.String()
}
