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
		{r: req("GET", ""), code: ReasonNotCORS, text: "not a CORS request"},
		{r: req("GET", "https://app.example"), code: ReasonOriginAllowed, text: "origin allowed"},
		{r: req("GET", "https://evil.example"), code: ReasonOriginNotAllowed, text: `origin not allowed: "https://evil.example"`},
		{r: req("GET", "https://app.example\r\nX: y"), code: ReasonOriginMalformed, text: `\x0d\x0a`},
		{r: req("GET", "https://app.example", "Origin: https://b.example"), code: ReasonOriginRepeated, text: "more than one Origin"},
		{r: preflight("https://app.example", "PUT"), code: ReasonPreflightAllowed, text: "preflight allowed"},
		{r: preflight("https://app.example", "MOVE"), code: ReasonMethodNotAllowed, text: `method not allowed: "MOVE"`},
		{r: preflight("https://app.example", "A B"), code: ReasonMethodMalformed, text: "not a method token"},
		{r: preflight("https://app.example", strings.Repeat("M", maxMethodLength+1)), code: ReasonMethodTooLong, text: "longer than 64 bytes"},
		{r: preflight("https://app.example", "PUT", "Access-Control-Request-Method: PUT"), code: ReasonMethodRepeated, text: "more than one"},
		{r: preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-foo"), code: ReasonHeaderNotAllowed, text: `request header not allowed: "x-foo"`},
		{r: preflight("https://app.example", "PUT", "Access-Control-Request-Headers: a b"), code: ReasonHeadersMalformed, text: "not a list of header names"},
		{r: preflight("https://app.example", "PUT", "Access-Control-Request-Headers: "+strings.Repeat("x", 5000)), code: ReasonHeadersTooLong, text: "parsing bound"},
		// Without AllowPrivateNetwork the header is not read: no ACAPN, and
		// the preflight is judged on the rest.
		{r: preflight("https://app.example", "PUT", "Access-Control-Request-Private-Network: true"), code: ReasonPreflightAllowed, text: "preflight allowed"},
	}
	for _, tc := range cases {
		d := evalHTTP(p, tc.r, nil)
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
