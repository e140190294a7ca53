package cors

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/originguard/cors/core/internal/ascii"
)

// Fuzzed invariants of docs/behaviour.md that hold between requests or
// between a request and its answer, rather than for one decision alone:
// origin-cache-rule and acrh-answered-in-full. scripts/fuzz.sh runs every
// Fuzz target here.

// corsHeadersOf evaluates r and returns the decision and the headers
// written.
func corsHeadersOf(p *Policy, r request) (Decision, http.Header) {
	h := http.Header{}
	d := eval(p, r, h)
	return d, h
}

// cacheRuleViolation returns "" when two answers to requests that differ
// only in their Origin lines satisfy origin-cache-rule: identical headers,
// or Vary: Origin on both.
func cacheRuleViolation(a, b http.Header) string {
	if sameHeader(a, b) {
		return ""
	}
	if varies(a, "Origin") && varies(b, "Origin") {
		return ""
	}
	return "the answers differ and do not both vary on Origin"
}

func varies(h http.Header, name string) bool {
	for tok := range elements(h.Values("Vary")) {
		if ascii.EqualFold(tok, name) {
			return true
		}
	}
	return false
}

// FuzzCacheRule evaluates two requests that differ only in their Origin
// lines (absent, one, several, any bytes) under every fuzz policy and
// requires origin-cache-rule of the answers.
func FuzzCacheRule(f *testing.F) {
	for _, s := range []struct {
		method, acrm, acrh, o1, o2 string
		present                    uint8
	}{
		{"GET", "", "", "https://app.example", "", 1},
		{"GET", "", "", "https://app.example\nhttps://evil.example", "https://app.example", 3},
		{"OPTIONS", "PUT", "x-token", "https://app.example", "", 1 | 4 | 8},
		{"OPTIONS", "PUT", "", "https://evil.example", "null", 3 | 4},
		{"POST", "", "", "HTTPS://APP.EXAMPLE", "https://app.example.", 3},
		{"OPTIONS", "", "", "https://app.example", "", 1},
		{"GET", "", "", " https://app.example\t", "https://x.sub.example", 3},
	} {
		for cfg := range uint8(len(fuzzConfigs())) {
			f.Add(cfg, s.method, s.acrm, s.acrh, s.o1, s.o2, s.present)
		}
	}
	configs := fuzzConfigs()
	policies := make([]*Policy, len(configs))
	for i, cfg := range configs {
		policies[i] = MustNew(cfg)
	}
	f.Fuzz(func(t *testing.T, which uint8, method, acrm, acrh, o1, o2 string, present uint8) {
		p := policies[int(which)%len(policies)]
		r := request{
			Method:                      method,
			AccessControlRequestMethod:  fieldLines(acrm, present&4 != 0),
			AccessControlRequestHeaders: fieldLines(acrh, present&8 != 0),
		}
		r1, r2 := r, r
		r1.Origin, r2.Origin = fieldLines(o1, present&1 != 0), fieldLines(o2, present&2 != 0)
		_, a := corsHeadersOf(p, r1)
		_, b := corsHeadersOf(p, r2)
		if msg := cacheRuleViolation(a, b); msg != "" {
			t.Fatalf("config %d, %s: Origin %q gets %q, Origin %q gets %q", int(which)%len(policies), msg, r1.Origin, a, r2.Origin, b)
		}
	})
}

// answeredInFullViolation returns "" when an allowed preflight's answer
// covers every name it asked for (acrh-answered-in-full): each non-empty
// requested name is listed in Access-Control-Allow-Headers, or covered by a
// "*" there (never Authorization), and no value of that header is empty.
func answeredInFullViolation(r request, d Decision, h http.Header) string {
	if d.Kind != Preflight || !d.Allowed {
		return ""
	}
	acah := h.Values("Access-Control-Allow-Headers")
	var listed []string
	for _, v := range acah {
		if trimOWS(v) == "" {
			return "an empty Access-Control-Allow-Headers"
		}
		for name := range elements([]string{v}) {
			listed = append(listed, strings.ToLower(name))
		}
	}
	for name := range elements(r.AccessControlRequestHeaders) {
		lower := strings.ToLower(name)
		if name == "" || slices.Contains(listed, lower) || (slices.Contains(listed, "*") && lower != "authorization") {
			continue
		}
		return "requested header " + name + " is not answered"
	}
	return ""
}

// FuzzAnsweredInFull sends allowed preflights whose requested header names
// are spread over any number of lines (up to the bound and past it) and
// requires that an allowed preflight answers every name.
func FuzzAnsweredInFull(f *testing.F) {
	f.Add(uint8(0), "x-a\nx-b\nx-c\nx-d\nx-e\nx-f\nx-g\nx-h\nx-i", uint8(0))
	f.Add(uint8(0), strings.Repeat("\n", 16)+"bar,baz,foo", uint8(0))
	f.Add(uint8(1), "content-type\nx-token", uint8(3))
	f.Add(uint8(2), "", uint8(1))
	f.Add(uint8(3), "authorization\nx-a", uint8(0))
	f.Add(uint8(0), strings.Repeat("x-a\n", 31)+"x-z", uint8(2))
	configs := []Config{
		{AllowedOrigins: []string{"https://app.example"}, AllowedHeaders: []string{"*"}, AllowCredentials: true, AllowedMethods: []string{"*"}},
		{AllowedOrigins: []string{"https://app.example"}, AllowedHeaders: []string{"X-Token", "Content-Type", "x-a", "x-b"}},
		{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"*"}},
		{AllowedOrigins: []string{"*"}, AllowedHeaders: []string{"*", "Authorization"}},
	}
	policies := make([]*Policy, len(configs))
	for i, cfg := range configs {
		policies[i] = MustNew(cfg)
	}
	f.Fuzz(func(t *testing.T, which uint8, acrh string, repeat uint8) {
		p := policies[int(which)%len(policies)]
		lines := strings.Split(acrh, "\n")
		for range int(repeat % 4) { // more lines, the same names
			lines = append(lines, lines...)
		}
		r := request{Method: http.MethodOptions, Origin: []string{"https://app.example"},
			AccessControlRequestMethod: []string{"GET"}, AccessControlRequestHeaders: lines}
		d, h := corsHeadersOf(p, r)
		if msg := answeredInFullViolation(r, d, h); msg != "" {
			t.Fatalf("config %d, %d ACRH lines %q: %s; answered %q", int(which)%len(policies), len(lines), clipLines(lines), msg, h)
		}
		// The generic writer (fasthttp's path) answers the same.
		g := http.Header{}
		eval(p, r, setAdder{g})
		if msg := answeredInFullViolation(r, d, g); msg != "" {
			t.Fatalf("generic writer: %s; answered %q", msg, g)
		}
	})
}

func clipLines(lines []string) []string {
	if len(lines) > 40 {
		return append(lines[:40:40], "…")
	}
	return lines
}

// TestFuzzInvariantsCatch feeds the invariant checks answers that break
// them, so that the fuzz targets are known to be able to fail.
func TestFuzzInvariantsCatch(t *testing.T) {
	withVary := http.Header{"Access-Control-Allow-Origin": {"*"}, "Vary": {"Origin"}}
	plain := http.Header{"Access-Control-Allow-Origin": {"*"}}
	none := http.Header{}
	if cacheRuleViolation(plain, none) == "" {
		t.Error("ACAO * versus nothing without Vary: Origin passes the cache rule")
	}
	if cacheRuleViolation(withVary, http.Header{"Vary": {"X-A, origin"}}) != "" || cacheRuleViolation(plain, plain.Clone()) != "" {
		t.Error("a correct pair fails the cache rule")
	}
	p := MustNew(Config{AllowedOrigins: []string{"https://app.example"}, AllowedHeaders: []string{"*"}, AllowCredentials: true})
	r := request{Method: http.MethodOptions, Origin: []string{"https://app.example"}, AccessControlRequestMethod: []string{"GET"},
		AccessControlRequestHeaders: []string{"x-a", "x-b"}}
	d, answered := corsHeadersOf(p, r)
	if msg := answeredInFullViolation(r, d, answered); msg != "" {
		t.Fatalf("a correct answer fails: %s", msg)
	}
	for _, acah := range [][]string{{"x-a"}, {""}, {"x-a", " "}, {"*"}} {
		h := answered.Clone()
		h["Access-Control-Allow-Headers"] = acah
		if acah[0] == "*" {
			r.AccessControlRequestHeaders = []string{"authorization"}
		}
		if answeredInFullViolation(r, d, h) == "" {
			t.Errorf("ACAH %q for ACRH %q passes", acah, r.AccessControlRequestHeaders)
		}
	}
}
