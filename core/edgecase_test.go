package cors

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// Edge cases found by translating the peers' test suites and by sending the
// same raw requests to every stack. Each test names the rule of
// docs/behaviour.md it checks.

// acrh-answered-in-full: a preflight whose Access-Control-Request-Headers
// arrives split over more lines than a browser sends (API gateways put one
// name per line) is answered in full: every requested name that is allowed
// is listed, none is lost.
func TestEdge_SplitRequestHeadersAnsweredInFull(t *testing.T) {
	p := mustPolicy(t, Config{AllowedOrigins: []string{"https://app.example"}, AllowedHeaders: []string{"*"}, AllowCredentials: true})
	names := []string{"x-a", "x-b", "x-c", "x-d", "x-e", "x-f", "x-g", "x-h", "x-i", "x-j", "x-k"}
	for _, lines := range [][]string{
		names[:9],
		names,
		append(slices.Repeat([]string{""}, 16), "bar,baz,foo"),
		append(slices.Repeat([]string{"x-a"}, maxRequestHeadersLines-1), "x-z"),
	} {
		r := preflight("https://app.example", "PUT")
		r.Header["Access-Control-Request-Headers"] = lines
		got := serve(t, p, r)
		var want []string
		for _, l := range lines {
			want = append(want, listOf(l)...)
		}
		slices.Sort(want)
		want = slices.Compact(want)
		var acah []string
		for _, v := range got.header.Values("Access-Control-Allow-Headers") {
			acah = append(acah, listOf(v)...)
		}
		slices.Sort(acah)
		acah = slices.Compact(acah)
		if got.status != http.StatusNoContent || !slices.Equal(acah, want) {
			t.Errorf("%d ACRH lines: status %d, ACAH %q, want 204 and %q", len(lines), got.status, acah, want)
		}
	}
}

// acrh-answered-in-full: an empty Access-Control-Request-Headers asks for nothing: no
// Access-Control-Allow-Headers, never an empty one.
func TestEdge_EmptyRequestHeadersNoEmptyAnswer(t *testing.T) {
	for _, cfg := range []Config{
		{AllowedOrigins: []string{"https://app.example"}, AllowedHeaders: []string{"*"}, AllowCredentials: true},
		{AllowedOrigins: []string{"https://app.example"}, AllowedHeaders: []string{"*"}},
		{AllowedOrigins: []string{"https://app.example"}},
	} {
		p := mustPolicy(t, cfg)
		for _, lines := range [][]string{{""}, {"", ""}, {" "}, {","}} {
			r := preflight("https://app.example", "PUT")
			r.Header["Access-Control-Request-Headers"] = lines
			got := serve(t, p, r)
			for _, v := range got.header.Values("Access-Control-Allow-Headers") {
				if strings.Trim(v, " ,") == "" {
					t.Errorf("headers %q, ACRH %q: empty Access-Control-Allow-Headers %q", cfg.AllowedHeaders, lines, v)
				}
			}
		}
	}
}

// origin-cache-rule, wildcard-origin: under "*" origins every request is
// answered identically, whatever its
// Origin lines: ACAO * and ACEH also without Origin, with several Origin
// lines or with a malformed one. OPTIONS responses, whose kind (preflight or
// not) depends on Origin, vary on it.
func TestEdge_AnyOriginAnswersIdentically(t *testing.T) {
	cfg := Config{AllowedOrigins: []string{"*"}, ExposedHeaders: []string{"X-Request-Id"}, AllowedMethods: []string{"PUT"}}
	p := mustPolicy(t, cfg)
	var first map[string]string
	for _, origins := range [][]string{nil, {"https://app.example"}, {"https://a.example", "https://b.example"}, {"HTTPS://bad"}, {"null"}} {
		r := req("GET", "")
		if origins != nil {
			r.Header["Origin"] = origins
		}
		got := corsHeaders(serve(t, p, r).header)
		if first == nil {
			first = got
			if got["Access-Control-Expose-Headers"] != "X-Request-Id" || got["Access-Control-Allow-Origin"] != "*" {
				t.Errorf("no Origin: %q, want ACAO * and ACEH", got)
			}
			continue
		}
		if !maps.Equal(got, first) {
			t.Errorf("Origin %q: %q, without Origin: %q", origins, got, first)
		}
	}
	for _, origins := range [][]string{nil, {"https://app.example"}, {"https://a.example", "https://b.example"}} {
		r := preflight("", "PUT")
		if origins != nil {
			r.Header["Origin"] = origins
		}
		got := serve(t, p, r)
		if !slices.Contains(listOf(strings.Join(got.header.Values("Vary"), ",")), "Origin") {
			t.Errorf("OPTIONS with Origin %q under *: Vary %q lacks Origin", origins, got.header.Get("Vary"))
		}
		if origins != nil && (got.status != http.StatusNoContent || got.header.Get("Access-Control-Allow-Origin") != "*") {
			t.Errorf("preflight with Origin %q under *: %d %q, want 204 with ACAO *", origins, got.status, corsHeaders(got.header))
		}
	}
}

// acrh-answered-in-full stays allocation-free: a preflight whose names are
// spread over every line the bound allows is answered without allocating.
func TestEdge_SplitRequestHeadersAllocationFree(t *testing.T) {
	p := mustPolicy(t, Config{AllowedOrigins: []string{"https://app.example"}, AllowedHeaders: []string{"*"}, AllowCredentials: true})
	lines := make([]string, maxRequestHeadersLines)
	for i := range lines {
		lines[i] = "x-" + strings.Repeat("a", i+1)
	}
	r := request{Method: http.MethodOptions, Origin: []string{"https://app.example"}, AccessControlRequestMethod: []string{"PUT"},
		AccessControlRequestHeaders: lines}
	ar, f := r.build(), &fakeFastHeader{lines: make([][2]string, 0, 64)}
	n := testing.AllocsPerRun(100, func() {
		f.lines = f.lines[:0]
		sinkDecision = p.Evaluate(context.Background(), &ar, f)
	})
	if n != 0 {
		t.Errorf("Evaluate with %d ACRH lines: %v allocations, budget 0", len(lines), n)
	}
	if _, h := corsHeadersOf(p, r); len(h.Values("Access-Control-Allow-Headers")) != len(lines) {
		t.Errorf("%d ACRH lines answered with %d names", len(lines), len(h.Values("Access-Control-Allow-Headers")))
	}
}
