package cors

import (
	"net/http"
	"strings"
	"testing"
)

// TestReasons: each refusal carries its own code and names what was
// refused (denial-reasons in docs/behaviour.md).
func TestReasons(t *testing.T) {
	p := mustPolicy(t, baseConfig)
	cases := []struct {
		r    *http.Request
		code ReasonCode
		text string
	}{
		{req("GET", ""), ReasonNotCORS, "not a CORS request"},
		{req("GET", "https://app.example"), ReasonOriginAllowed, "origin allowed"},
		{req("GET", "https://evil.example"), ReasonOriginNotAllowed, `origin not allowed: "https://evil.example"`},
		{req("GET", "https://app.example\r\nX: y"), ReasonOriginMalformed, `\x0d\x0a`},
		{req("GET", "https://app.example", "Origin: https://b.example"), ReasonOriginRepeated, "more than one Origin"},
		{preflight("https://app.example", "PUT"), ReasonPreflightAllowed, "preflight allowed"},
		{preflight("https://app.example", "MOVE"), ReasonMethodNotAllowed, `method not allowed: "MOVE"`},
		{preflight("https://app.example", "A B"), ReasonMethodMalformed, "not a method token"},
		{preflight("https://app.example", strings.Repeat("M", MaxMethodLength+1)), ReasonMethodTooLong, "longer than MaxMethodLength"},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Method: PUT"), ReasonMethodRepeated, "more than one"},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-foo"), ReasonHeaderNotAllowed, `request header not allowed: "x-foo"`},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Headers: a b"), ReasonHeadersMalformed, "not a list of header names"},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Headers: "+strings.Repeat("x", 5000)), ReasonHeadersTooLong, "parsing bound"},
		{preflight("https://app.example", "PUT", "Access-Control-Request-Private-Network: true"), ReasonPrivateNetworkNotAllowed, "private network"},
	}
	for _, tc := range cases {
		d := p.Evaluate(FromHTTP(tc.r))
		if d.Reason.Code != tc.code || !strings.Contains(d.Reason.String(), tc.text) {
			t.Errorf("%s %v: reason %d %q, want %d containing %q", tc.r.Method, tc.r.Header, d.Reason.Code, d.Reason, tc.code, tc.text)
		}
		if d.Reason.Code.Denied() == d.Allowed {
			t.Errorf("%v: Allowed=%v disagrees with reason %q", tc.r.Header, d.Allowed, d.Reason)
		}
	}
	if got := (Reason{Code: 200}).String(); got != "unknown reason ReasonCode(200)" {
		t.Errorf("unknown code: %q", got)
	}
}
