package cors

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"github.com/originguard/cors/core/adapter"
)

// TestEveryReasonCode checks each constant's name, text and denial flag
// against an independent list, so that a code added without a table entry,
// or in the wrong place, fails here.
func TestEveryReasonCode(t *testing.T) {
	want := []struct {
		code   ReasonCode
		name   string
		denied bool
	}{
		{ReasonNotCORS, "not-cors", false},
		{ReasonOriginAllowed, "origin-allowed", false},
		{ReasonAnyOrigin, "any-origin", false},
		{ReasonPreflightAllowed, "preflight-allowed", false},
		{ReasonOriginNotAllowed, "origin-not-allowed", true},
		{ReasonOriginMalformed, "origin-malformed", true},
		{ReasonOriginRepeated, "origin-repeated", true},
		{ReasonMethodNotAllowed, "method-not-allowed", true},
		{ReasonMethodMalformed, "method-malformed", true},
		{ReasonMethodRepeated, "method-repeated", true},
		{ReasonHeaderNotAllowed, "header-not-allowed", true},
		{ReasonHeadersMalformed, "headers-malformed", true},
		{ReasonHeadersTooLong, "headers-too-long", true},
		{ReasonMethodTooLong, "method-too-long", true},
		{ReasonNoPolicy, "no-policy", true},
		{ReasonNoScope, "no-scope", true},
		{ReasonPathAmbiguous, "path-ambiguous", true},
		{ReasonHostAmbiguous, "host-ambiguous", true},
		{ReasonForgery, "forgery", true},
	}
	if len(want) != len(reasonInfo) {
		t.Fatalf("%d codes listed here, %d in the table", len(want), len(reasonInfo))
	}
	kebab := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	for i, w := range want {
		if int(w.code) != i {
			t.Errorf("%s is %d, want %d (codes are stable: append new ones)", w.name, w.code, i)
		}
		if got := w.code.String(); got != w.name || !kebab.MatchString(got) {
			t.Errorf("code %d String %q, want %q", w.code, got, w.name)
		}
		if w.code.Denied() != w.denied {
			t.Errorf("%s Denied %v, want %v", w.name, w.code.Denied(), w.denied)
		}
		if text := (Reason{Code: w.code}).String(); text == "" || text == w.name {
			t.Errorf("%s has no text for people: %q", w.name, text)
		}
	}
	unknown := ReasonCode(len(reasonInfo))
	if unknown.Denied() || unknown.String() != "ReasonCode("+strconv.Itoa(len(reasonInfo))+")" {
		t.Errorf("unknown code: Denied %v, String %q", unknown.Denied(), unknown.String())
	}
}

func TestZeroPolicyPassesThrough(t *testing.T) {
	for name, p := range map[string]*Policy{"zero": new(Policy), "nil": nil} {
		for r, kind := range map[*http.Request]Kind{req("GET", "https://app.example"): Actual, preflight("https://app.example", "PUT"): Preflight, req("GET", ""): NotCORS} {
			fr, h := adapter.FromHTTP(r), http.Header{}
			d := p.Evaluate(context.Background(), &fr, h)
			if d.Allowed || d.Respond || d.Reason.Code != ReasonNoPolicy || d.Kind != kind || len(h) != 0 {
				t.Errorf("%s policy, %s: %+v", name, r.Method, d)
			}
			got := serve(t, p, r)
			if h := corsHeaders(got.header); !got.appRan || got.status != http.StatusOK || len(h) != 1 || h["Vary"] != "X-Outer" {
				t.Errorf("%s policy, %s: app ran %v, status %d, headers %v", name, r.Method, got.appRan, got.status, got.header)
			}
		}
		if c := p.Config(); c.AllowedOrigins != nil {
			t.Errorf("%s policy Config: %+v", name, c)
		}
	}
	var p Policy
	if err := p.Reconfigure(baseConfig); err != nil {
		t.Fatal(err)
	}
	if d := evalHTTP(&p, req("GET", "https://app.example"), nil); !d.Allowed {
		t.Errorf("zero Policy after Reconfigure: %s", d.Reason)
	}
}

type traceKey struct{}

// traceHandler records the trace id of each record's context and its attrs.
type traceHandler struct {
	traces *[]any
	attrs  *map[string]string
}

func (traceHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h traceHandler) Handle(ctx context.Context, r slog.Record) error {
	*h.traces = append(*h.traces, ctx.Value(traceKey{}))
	r.Attrs(func(a slog.Attr) bool { (*h.attrs)[a.Key] = a.Value.String(); return true })
	return nil
}
func (h traceHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h traceHandler) WithGroup(string) slog.Handler      { return h }

func TestDenialLogCarriesContextAndPath(t *testing.T) {
	var traces []any
	attrs := map[string]string{}
	p := mustPolicy(t, with(baseConfig, func(c *Config) { c.Logger = slog.New(traceHandler{&traces, &attrs}) }))
	traces = nil // New's warning about "patch"
	r := req("GET", "https://evil.example")
	r.URL.Path = "/orders/7"
	r = r.WithContext(context.WithValue(r.Context(), traceKey{}, "trace-1"))
	p.Handler(nopHandler{}).ServeHTTP(httptest.NewRecorder(), r)
	fr := adapter.FromHTTP(r)
	p.Evaluate(context.WithValue(context.Background(), traceKey{}, "trace-2"), &fr, nil)
	p.Evaluate(context.Background(), &fr, nil)
	if len(traces) != 3 || traces[0] != "trace-1" || traces[1] != "trace-2" || traces[2] != nil {
		t.Errorf("trace ids seen by the log handler: %v", traces)
	}
	if attrs["path"] != "/orders/7" || attrs["code"] != "origin-not-allowed" || attrs["origin"] != "https://evil.example" {
		t.Errorf("record attributes: %v", attrs)
	}
}

// Status is informative when Respond is false: 200, or the status a
// passed-through preflight would have been answered with.
func TestStatusWhenNotResponding(t *testing.T) {
	pass := mustPolicy(t, with(baseConfig, func(c *Config) { c.PreflightPassthrough = true; c.PreflightSuccessStatus = 200 }))
	for _, tc := range []struct {
		p    *Policy
		r    *http.Request
		want int
	}{
		{mustPolicy(t, baseConfig), req("GET", "https://app.example"), http.StatusOK},
		{mustPolicy(t, baseConfig), req("GET", "https://evil.example"), http.StatusOK},
		{pass, preflight("https://app.example", "PUT"), 200},
		{mustPolicy(t, with(baseConfig, func(c *Config) { c.PreflightPassthrough = true })), preflight("https://app.example", "PUT"), http.StatusNoContent},
	} {
		d := evalHTTP(tc.p, tc.r, nil)
		if d.Respond || d.Status != tc.want {
			t.Errorf("%s %s: Respond %v, Status %d, want false, %d", tc.r.Method, tc.r.Header.Get("Origin"), d.Respond, d.Status, tc.want)
		}
	}
}
