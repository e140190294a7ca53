package bench

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

var writeBehaviour = flag.Bool("write-behaviour", false, "regenerate behaviour.md from the observed responses")

// expectation is what docs/behaviour.md requires of our
// middleware for one scenario.
type expectation struct {
	status int
	appRan bool
	acao   string // "" means no Access-Control-* header at all
	vary   []string
	check  func(t *testing.T, r response)
}

var (
	varyOrigin    = []string{"origin"}
	varyPreflight = []string{"origin", "access-control-request-method", "access-control-request-headers"}
)

func expectations() map[string]expectation {
	allowedActual := func(origin string) expectation {
		return expectation{status: 200, appRan: true, acao: origin, vary: varyOrigin, check: func(t *testing.T, r response) {
			wantHeader(t, r, "Access-Control-Allow-Credentials", "true")
			wantHeader(t, r, "Access-Control-Expose-Headers", "X-Request-Id")
			wantHeader(t, r, "Access-Control-Max-Age", "")
			wantHeader(t, r, "Access-Control-Allow-Methods", "")
		}}
	}
	denied := expectation{status: 200, appRan: true, vary: varyOrigin}
	okPreflight := func(check func(t *testing.T, r response)) expectation {
		return expectation{status: 204, acao: "https://example.com", vary: varyPreflight, check: func(t *testing.T, r response) {
			wantHeader(t, r, "Access-Control-Allow-Credentials", "true")
			wantHeader(t, r, "Access-Control-Max-Age", "600")
			wantHeader(t, r, "Access-Control-Expose-Headers", "")
			if check != nil {
				check(t, r)
			}
		}}
	}
	bounded := func(t *testing.T, r response) {
		n := 0
		for k, vs := range r.header {
			n += len(k)
			for _, v := range vs {
				n += len(v)
			}
		}
		if n > 2048 {
			t.Errorf("response headers are %d bytes: the request's size is reflected", n)
		}
	}
	return map[string]expectation{
		"1-no-origin":                denied,
		"2-actual-allowed":           allowedActual("https://example.com"),
		"2b-actual-allowed-wildcard": allowedActual("https://api.example.com"),
		"3-actual-denied":            denied,
		"4-preflight-1hdr": okPreflight(func(t *testing.T, r response) {
			wantListed(t, r, "Access-Control-Allow-Methods", "PUT")
			wantListed(t, r, "Access-Control-Allow-Headers", "content-type")
		}),
		"5-preflight-3hdr": okPreflight(func(t *testing.T, r response) {
			for _, h := range []string{"authorization", "content-type", "x-requested-with"} {
				wantListed(t, r, "Access-Control-Allow-Headers", h)
			}
		}),
		"6-preflight-bad-method": okPreflight(func(t *testing.T, r response) {
			wantNotListed(t, r, "Access-Control-Allow-Methods", "PATCH")
		}),
		"7-preflight-bad-origin": {status: 403, vary: varyPreflight},
		"8a-acrh-1mb-commas":     okPreflight(bounded),
		"8b-acrh-1mb-names":      okPreflight(bounded),
		"9-1000-origins-hit":     allowedActual(manyOrigin(manyOriginsLen - 1)),
		"9b-1000-origins-miss":   denied,
		// Every OPTIONS response varies on the preflight headers (the
		// same URL may be preflighted), even when this one is not.
		"x1-options-no-acrm": func() expectation {
			e := allowedActual("https://example.com")
			e.vary = varyPreflight
			return e
		}(),
		"x2-options-acrm-no-origin": {status: 200, appRan: true, vary: varyPreflight},
		"x3-empty-label-origin":     denied,
		"x4-outer-vary-kept":        {status: 200, appRan: true, acao: "https://example.com", vary: []string{"accept-encoding", "origin"}},
		"x5-preflight-outer-vary-kept": {status: 204, acao: "https://example.com",
			vary: append([]string{"accept-encoding"}, varyPreflight...)},
		"x6-preflight-bad-header": okPreflight(func(t *testing.T, r response) {
			wantNotListed(t, r, "Access-Control-Allow-Headers", "x-foo")
		}),
		"x7-preflight-safelisted-method": okPreflight(nil),
		"x8-null-origin":                 denied,
	}
}

func wantHeader(t *testing.T, r response, name, want string) {
	t.Helper()
	if got := r.corsValue(name); got != want {
		t.Errorf("%s = %q, want %q", name, got, want)
	}
}

func listed(r response, name, item string) bool {
	for _, line := range r.header.Values(name) {
		for tok := range strings.SplitSeq(line, ",") {
			if strings.EqualFold(strings.TrimSpace(tok), item) {
				return true
			}
		}
	}
	return false
}

func wantListed(t *testing.T, r response, name, item string) {
	t.Helper()
	if !listed(r, name, item) {
		t.Errorf("%s = %q does not list %q", name, r.corsValue(name), item)
	}
}

func wantNotListed(t *testing.T, r response, name, item string) {
	t.Helper()
	if listed(r, name, item) {
		t.Errorf("%s = %q lists the refused %q", name, r.corsValue(name), item)
	}
}

func (e expectation) verify(t *testing.T, r response) {
	t.Helper()
	if r.status != e.status {
		t.Errorf("status %d, want %d", r.status, e.status)
	}
	if r.appRan != e.appRan {
		t.Errorf("app ran = %v, want %v", r.appRan, e.appRan)
	}
	if e.acao == "" && r.hasCORS() {
		t.Errorf("Access-Control-* headers sent: %v", r.header)
	}
	if e.acao != "" {
		wantHeader(t, r, "Access-Control-Allow-Origin", e.acao)
	}
	got := r.varyTokens()
	for _, v := range e.vary {
		if !slices.Contains(got, v) {
			t.Errorf("Vary %v lacks %q", got, v)
		}
	}
	if len(got) != len(e.vary) {
		t.Errorf("Vary %v, want exactly %v", got, e.vary)
	}
	if e.check != nil {
		e.check(t, r)
	}
}

// TestBehaviour sends every scenario to every stack. Our five stacks must
// give the same response, and that response must follow the design; the
// peers' responses are only recorded (behaviour.md, with -write-behaviour).
func TestBehaviour(t *testing.T) {
	exp := expectations()
	var tables []behaviourTable
	for _, sc := range scenarios() {
		obs, err := observeScenario(sc)
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, behaviourTable{sc, obs})
		e, ok := exp[sc.name]
		if !ok {
			t.Errorf("%s: no expectation", sc.name)
			continue
		}
		var ref *observation
		for i, o := range obs {
			if o.lib != libOurs {
				continue
			}
			t.Run(sc.name+"/"+o.fw, func(t *testing.T) { e.verify(t, o.resp) })
			if ref == nil {
				ref = &obs[i]
			} else if got, want := o.resp.signature(), ref.resp.signature(); got != want {
				t.Errorf("%s: %s answers %q, %s answers %q", sc.name, o.fw, got, ref.fw, want)
			}
		}
		if ref == nil {
			t.Fatalf("%s: none of our stacks observed", sc.name)
		}
	}
	if *writeBehaviour {
		shared, err := sharedSliceResults()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("behaviour.md", renderBehaviour(tables, shared), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Println("wrote behaviour.md")
	}
}
