package conformance

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/originguard/cors/conformance/internal/rules"
	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
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
	hr := req.httpRequest()
	r := adapter.FromHTTP(hr)
	return p.Evaluate(hr.Context(), &r, nil).Reason.Code
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

// rulesCheckedElsewhere are the rules of docs/behaviour.md that no request
// to a stack can show; the tests named check them.
var rulesCheckedElsewhere = map[string]string{
	"denial-reasons":    "core: TestReasons",
	"no-shared-buffers": "core: TestRegression_SharedSlices; bench: TestSharedSlices",
	"observer":          "core: TestObserverReceivesEachDecision, TestScopedObserver; stacks: TestObserverOnEveryStack",
	"report-only":       "core: TestReportOnlyDifferences, TestReportOnlyConcurrent; stacks: TestObserverOnEveryStack",
	"scope-validation":  "core: the scoped-configuration tests",
	"websocket-origin":  "core: TestCheckOrigin; examples/crossorigin: TestWebSocketOrigin (gorilla/websocket handshakes)",
}

// TestEveryRuleIsExercised: every rule of docs/behaviour.md is cited by a
// case, a hostile row or an invalid configuration, or is listed in
// rulesCheckedElsewhere.
func TestEveryRuleIsExercised(t *testing.T) {
	names := rules.TestNames(t)
	cited := map[string]bool{}
	cite := func(list []string, err error) {
		if err != nil {
			t.Error(err)
		}
		for _, n := range list {
			cited[n] = true
		}
	}
	for _, c := range cases() {
		cite(rules.Cited(c.why, names))
	}
	for _, h := range hostileCases() {
		cite(rules.Cited(h.why, names))
	}
	for _, c := range configErrorCases() {
		cite(rules.Cited(c.why, names))
	}
	for name := range names {
		if _, elsewhere := rulesCheckedElsewhere[name]; !cited[name] && !elsewhere {
			t.Errorf("no case, hostile row, invalid configuration or browser scenario cites rule %s", name)
		}
	}
	for name := range rulesCheckedElsewhere {
		if !names[name] {
			t.Errorf("rulesCheckedElsewhere names %s, which is not a rule", name)
		}
	}
}

// configCodes are the error codes a cors.Config can produce (the scope codes
// come from a ScopedConfig, checked by the core's scope tests).
var configCodes = []cors.ErrorCode{
	cors.ErrOriginNotSerialized, cors.ErrOriginNull, cors.ErrOriginPattern, cors.ErrOriginNeverMatches,
	cors.ErrOriginWildcardCombined, cors.ErrJoinedEntries, cors.ErrCredentialsWildcard, cors.ErrCredentialsInsecureOrigin,
	cors.ErrCredentialsPublicSuffix, cors.ErrMethodNotToken, cors.ErrMethodTooLong, cors.ErrMethodForbidden,
	cors.ErrHeaderNotToken, cors.ErrHeaderTooLong, cors.ErrHeaderForbidden, cors.ErrMaxAgeTooLong,
	cors.ErrMaxAgeFraction, cors.ErrStatusOutOfRange, cors.ErrNoOrigin,
}

// TestEveryConfigErrorIsExercised: the invalid configurations that Run
// requires every stack to refuse produce every error code a Config can
// produce, about every Config field that can be at fault.
func TestEveryConfigErrorIsExercised(t *testing.T) {
	codes, fields := map[cors.ErrorCode]bool{}, map[string]bool{}
	for _, c := range configErrorCases() {
		codes[c.code] = true
		_, err := cors.New(c.cfg)
		for _, field := range configErrorFields(err) {
			fields[field] = true
		}
	}
	for _, code := range configCodes {
		if !codes[code] {
			t.Errorf("no invalid configuration has code %s", code)
		}
	}
	for _, field := range []string{"AllowedOrigins", "AllowedMethods", "AllowedHeaders", "ExposedHeaders", "MaxAge", "PreflightSuccessStatus"} {
		if !fields[field] {
			t.Errorf("no invalid configuration has a problem in %s", field)
		}
	}
}

// configErrorFields names the Config fields of the *cors.ConfigError values
// err joins.
func configErrorFields(err error) []string {
	var out []string
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return nil
	}
	for _, e := range joined.Unwrap() {
		var ce *cors.ConfigError
		if errors.As(e, &ce) {
			out = append(out, ce.Field)
		}
	}
	return out
}
