package fetchcheck

import (
	"net/http"
	"testing"
)

func TestCheckActual(t *testing.T) {
	plain := Request{Origin: app, Method: "GET"}
	cred := Request{Origin: app, Method: "GET", Credentials: true}
	null := Request{Origin: "null", Method: "GET"}
	cases := []struct {
		name    string
		r       Request
		h       http.Header
		status  int
		wantErr string
		detail  string
	}{
		{"11 exact origin", plain, hdr("Access-Control-Allow-Origin", app), 200, "", ""},
		{"11 origin with path fails", plain, hdr("Access-Control-Allow-Origin", app+"/"), 200, AllowOriginMismatch, app + "/"},
		{"11 upper case fails (byte compare)", plain, hdr("Access-Control-Allow-Origin", "https://App.example"), 200, AllowOriginMismatch, "https://App.example"},
		{"11 default port fails", plain, hdr("Access-Control-Allow-Origin", app+":443"), 200, AllowOriginMismatch, app + ":443"},
		{"12 comma list", plain, hdr("Access-Control-Allow-Origin", app+", https://admin.example"), 200, MultipleAllowOriginValues, app + ", https://admin.example"},
		{"12 space list", plain, hdr("Access-Control-Allow-Origin", app+" https://admin.example"), 200, MultipleAllowOriginValues, app + " https://admin.example"},
		{"13 two identical lines", plain, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Origin", app), 200, MultipleAllowOriginValues, app + ", " + app},
		{"13 two star lines", plain, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Origin", "*"), 200, MultipleAllowOriginValues, "*, *"},
		{"13 lowercase key counts as the same field", plain, http.Header{"Access-Control-Allow-Origin": {app}, "access-control-allow-origin": {app}}, 200, MultipleAllowOriginValues, app + ", " + app},
		{"19 star uncredentialed", plain, hdr("Access-Control-Allow-Origin", "*"), 200, "", ""},
		{"19 star allows null origin", null, hdr("Access-Control-Allow-Origin", "*"), 200, "", ""},
		{"20 star ignores ACAC when uncredentialed", plain, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), 200, "", ""},
		{"21 null matches null origin", null, hdr("Access-Control-Allow-Origin", "null"), 200, "", ""},
		{"21 real origin for null request", null, hdr("Access-Control-Allow-Origin", app), 200, AllowOriginMismatch, app},
		{"22 null never matches a real origin", plain, hdr("Access-Control-Allow-Origin", "null"), 200, AllowOriginMismatch, "null"},
		{"22 NULL is not null", null, hdr("Access-Control-Allow-Origin", "NULL"), 200, InvalidAllowOriginValue, "NULL"},
		{"23 missing", plain, hdr(), 200, MissingAllowOriginHeader, ""},
		{"23 empty value", plain, hdr("Access-Control-Allow-Origin", ""), 200, InvalidAllowOriginValue, ""},
		{"24 leading space trimmed", plain, hdr("Access-Control-Allow-Origin", " *"), 200, "", ""},
		{"24 tab and space trimmed", plain, hdr("Access-Control-Allow-Origin", "\t"+app+" "), 200, "", ""},
		{"24 quoted star", plain, hdr("Access-Control-Allow-Origin", `"*"`), 200, InvalidAllowOriginValue, `"*"`},
		{"24 single-quoted star", plain, hdr("Access-Control-Allow-Origin", `'*'`), 200, InvalidAllowOriginValue, `'*'`},
		{"24 double star", plain, hdr("Access-Control-Allow-Origin", "**"), 200, InvalidAllowOriginValue, "**"},
		{"24 star null", plain, hdr("Access-Control-Allow-Origin", "* null"), 200, MultipleAllowOriginValues, "* null"},
		{"18 pattern is not an origin", plain, hdr("Access-Control-Allow-Origin", "https://*.example"), 200, AllowOriginMismatch, "https://*.example"},
		{"18 host without scheme", plain, hdr("Access-Control-Allow-Origin", "app.example"), 200, InvalidAllowOriginValue, "app.example"},
		{"27 credentialed exact + true", cred, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "true"), 200, "", ""},
		{"27 credentialed star", cred, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), 200, WildcardOriginNotAllowed, ""},
		{"27 credentialed missing ACAC", cred, hdr("Access-Control-Allow-Origin", app), 200, InvalidAllowCredentials, ""},
		{"28 True", cred, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "True"), 200, InvalidAllowCredentials, "True"},
		{"28 TRUE", cred, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "TRUE"), 200, InvalidAllowCredentials, "TRUE"},
		{"28 quoted", cred, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", `"true"`), 200, InvalidAllowCredentials, `"true"`},
		{"28 one", cred, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "1"), 200, InvalidAllowCredentials, "1"},
		{"28 false", cred, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "false"), 200, InvalidAllowCredentials, "false"},
		{"28 surrounding space trimmed", cred, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", " true "), 200, "", ""},
		{"29 two ACAC lines", cred, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Credentials", "true"), 200, InvalidAllowCredentials, "true, true"},
		{"31 star + true fails credentialed", cred, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), 200, WildcardOriginNotAllowed, ""},
		{"81 any status can be shared", plain, hdr("Access-Control-Allow-Origin", app), 500, "", ""},
		{"81 401 with ACAO", cred, hdr("Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "true"), 401, "", ""},
		{"96 redirect hop needs ACAO", plain, hdr("Location", "/new"), 302, MissingAllowOriginHeader, ""},
		{"96 redirect hop with ACAO", plain, hdr("Location", "/new", "Access-Control-Allow-Origin", app), 302, "", ""},
		{"99 redirect to userinfo", plain, hdr("Location", "https://u:p@api.example/x", "Access-Control-Allow-Origin", app), 302, RedirectContainsCredentials, "https://u:p@api.example/x"},
	}
	for _, c := range cases {
		got := CheckActual(c.r, Response{Status: c.status, Header: c.h})
		expect(t, c.name, got, c.wantErr, c.detail)
		// The actual-response check is the same in both models.
		if ch := Chromium.CheckActual(c.r, Response{Status: c.status, Header: c.h}); ch != got {
			t.Errorf("%s: Chromium model differs: %+v vs %+v", c.name, ch, got)
		}
	}
}

func TestConsoleMessages(t *testing.T) {
	// Texts observed in Chromium 156.
	cases := []struct{ err, detail, want string }{
		{MissingAllowOriginHeader, "", "No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."},
		{PreflightMissingAllowOriginHeader, "", "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."},
		{WildcardOriginNotAllowed, "", "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."},
		{InvalidAllowCredentials, "", "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'."},
		{HeaderDisallowedByPreflightResponse, "x-custom", "Request header field x-custom is not allowed by Access-Control-Allow-Headers in preflight response."},
		{MethodDisallowedByPreflightResponse, "DELETE", "Method DELETE is not allowed by Access-Control-Allow-Methods in preflight response."},
		{PreflightInvalidStatus, "", "Response to preflight request doesn't pass access control check: It does not have HTTP ok status."},
		{"NoSuchError", "", ""},
	}
	for _, c := range cases {
		if got := ConsoleMessage(c.err, c.detail); got != c.want {
			t.Errorf("%s: got %q\nwant %q", c.err, got, c.want)
		}
	}
	if got := ConsoleMessage(AllowOriginMismatch, "http://example.invalid"); got[:79] != "The 'Access-Control-Allow-Origin' header has a value 'http://example.invalid' t" {
		t.Errorf("mismatch text: %q", got)
	}
}
