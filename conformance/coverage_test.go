package conformance

import (
	"math"
	"slices"
	"strings"
	"testing"

	cors "github.com/originguard/cors/core"
)

// Run plays every case of the table and every hostile row on the stack it
// is given, so what the table covers, every stack covers. These tests check
// that coverage: the core decides the request only to name what a case
// exercises; what the response must be comes from the case alone.

// reasonOf is the core's reason for req under pol.
func reasonOf(t *testing.T, pol *policy, req request) cors.ReasonCode {
	t.Helper()
	p, err := pol.build()
	if err != nil {
		t.Fatal(err)
	}
	return p.Evaluate(cors.FromHTTP(req.httpRequest())).Reason.Code
}

// allReasonCodes lists every ReasonCode the core defines: the codes below
// the first one without a name of its own.
func allReasonCodes() []cors.ReasonCode {
	var out []cors.ReasonCode
	for c := cors.ReasonCode(0); c < math.MaxUint8 && !strings.HasPrefix(c.String(), "ReasonCode("); c++ {
		out = append(out, c)
	}
	return out
}

// reasonsNotFromConfig are the codes no built policy gives, so no case can;
// the tests named cover them.
var reasonsNotFromConfig = map[cors.ReasonCode]string{
	cors.ReasonNoPolicy: "TestAdaptersApplyTheirPolicy (the zero Policy, on every adapter)",
}

func TestEveryReasonCodeIsExercised(t *testing.T) {
	seen := map[cors.ReasonCode]bool{}
	for _, c := range cases() {
		seen[reasonOf(t, c.pol, c.req)] = true
	}
	for _, h := range hostileCases() {
		for _, p := range hostilePolicies {
			seen[reasonOf(t, p.policy, h.req)] = true
		}
	}
	codes := allReasonCodes()
	t.Logf("%d reason codes, %d exercised by the tables", len(codes), len(seen))
	if len(codes) < 2 {
		t.Fatalf("found %d reason codes; the enumeration is broken", len(codes))
	}
	for _, code := range codes {
		if _, elsewhere := reasonsNotFromConfig[code]; !seen[code] && !elsewhere {
			t.Errorf("no case exercises reason %s", code)
		}
	}
}

// allowHeadersMode names how a preflight response answers the requested
// headers, read from the case's expected Access-Control-Allow-Headers.
func allowHeadersMode(c testCase) string {
	want, ok := c.want.ac[hACAH]
	if !ok {
		return "absent"
	}
	answered := lowerSet(splitList(want))
	configured := lowerSet(c.pol.cfg.AllowedHeaders)
	requested := lowerSet(listElems(c.req.header(hACRH)))
	switch {
	case slices.Contains(answered, "*"):
		return "wildcard"
	case slices.Equal(answered, configured):
		return "configured list"
	case slices.Equal(answered, requested):
		return "every requested name"
	case isSubset(answered, requested):
		return "allowed requested names only"
	}
	return "other: " + want
}

func lowerSet(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, strings.ToLower(n))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isSubset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func TestEveryAllowHeadersModeIsExercised(t *testing.T) {
	seen := map[string][]string{}
	for _, c := range cases() {
		if c.req.isPreflight() && len(c.req.header(hACRH)) > 0 {
			m := allowHeadersMode(c)
			seen[m] = append(seen[m], c.name)
		}
	}
	counts := map[string]int{}
	for m, names := range seen {
		counts[m] = len(names)
	}
	t.Logf("preflight cases per Access-Control-Allow-Headers mode: %v", counts)
	for _, m := range []string{"absent", "wildcard", "configured list", "every requested name", "allowed requested names only"} {
		if len(seen[m]) == 0 {
			t.Errorf("no preflight case expects Access-Control-Allow-Headers %s", m)
		}
		delete(seen, m)
	}
	for m, names := range seen {
		t.Errorf("cases %v expect Access-Control-Allow-Headers %s, which no mode describes", names, m)
	}
}
