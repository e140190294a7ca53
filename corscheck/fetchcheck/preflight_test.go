package fetchcheck

import (
	"net/http"
	"testing"
)

func hs(kv ...string) []Header {
	var out []Header
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, Header{kv[i], kv[i+1]})
	}
	return out
}

// ok204 is a passing preflight response for origin app plus extra fields.
func ok204(kv ...string) http.Header {
	return hdr(append([]string{"Access-Control-Allow-Origin", app}, kv...)...)
}

func TestCheckPreflight(t *testing.T) {
	put := Request{Origin: app, Method: "PUT"}
	putCred := Request{Origin: app, Method: "PUT", Credentials: true}
	xTest := Request{Origin: app, Method: "GET", Headers: hs("X-Test", "1")}
	xTestCred := Request{Origin: app, Method: "GET", Headers: hs("X-Test", "1"), Credentials: true}
	auth := Request{Origin: app, Method: "GET", Headers: hs("Authorization", "Bearer t")}
	pna := Request{Origin: app, Method: "GET", PrivateNetwork: true}
	cases := []struct {
		name     string
		r        Request
		status   int
		h        http.Header
		wantErr  string
		detail   string
		chromium string // expected error in the Chromium model when it differs; "same" otherwise
	}{
		{"35 204 ok", put, 204, ok204("Access-Control-Allow-Methods", "PUT"), "", "", "same"},
		{"35 200 ok", put, 200, ok204("Access-Control-Allow-Methods", "PUT"), "", "", "same"},
		{"35 299 ok", put, 299, ok204("Access-Control-Allow-Methods", "PUT"), "", "", "same"},
		{"35 206 ok", put, 206, ok204("Access-Control-Allow-Methods", "PUT"), "", "", "same"},
		{"35 404 with perfect headers", put, 404, ok204("Access-Control-Allow-Methods", "PUT"), PreflightInvalidStatus, "", "same"},
		{"35 405", put, 405, ok204("Access-Control-Allow-Methods", "PUT"), PreflightInvalidStatus, "", "same"},
		{"35 500", put, 500, ok204("Access-Control-Allow-Methods", "PUT"), PreflightInvalidStatus, "", "same"},
		{"35 300 without Location is a bad status", put, 300, ok204("Access-Control-Allow-Methods", "PUT"), PreflightInvalidStatus, "", "same"},
		{"35 304", put, 304, ok204("Access-Control-Allow-Methods", "PUT"), PreflightInvalidStatus, "", "same"},
		{"35 403 without ACAO reports the missing origin first", put, 403, hdr(), PreflightMissingAllowOriginHeader, "", "same"},
		{"36 redirect", put, 301, ok204("Location", "/items/", "Access-Control-Allow-Methods", "PUT"), PreflightDisallowedRedirect, "", "same"},
		{"36 307 redirect without CORS headers", put, 307, hdr("Location", "https://api.example/x"), PreflightDisallowedRedirect, "", "same"},
		{"37 ACAM only", put, 204, hdr("Access-Control-Allow-Methods", "PUT"), PreflightMissingAllowOriginHeader, "", "same"},
		{"11 preflight origin mismatch", put, 204, hdr("Access-Control-Allow-Origin", "https://other.example", "Access-Control-Allow-Methods", "PUT"), PreflightAllowOriginMismatch, "https://other.example", "same"},
		{"12 preflight ACAO list", put, 204, hdr("Access-Control-Allow-Origin", app+",https://b.example", "Access-Control-Allow-Methods", "PUT"), PreflightMultipleAllowOriginValues, app + ",https://b.example", "same"},
		{"13 preflight two ACAO lines", put, 204, ok204("Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "PUT"), PreflightMultipleAllowOriginValues, app + ", " + app, "same"},
		{"24 preflight invalid ACAO", put, 204, hdr("Access-Control-Allow-Origin", "'*'", "Access-Control-Allow-Methods", "PUT"), PreflightInvalidAllowOriginValue, "'*'", "same"},
		{"19 preflight star uncredentialed", put, 204, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"), "", "", "same"},
		{"27 preflight star credentialed", putCred, 204, hdr("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT"), PreflightWildcardOriginNotAllowed, "", "same"},
		{"30 preflight needs ACAC when credentialed", putCred, 204, ok204("Access-Control-Allow-Methods", "PUT"), PreflightInvalidAllowCredentials, "", "same"},
		{"28 preflight ACAC True", putCred, 204, ok204("Access-Control-Allow-Credentials", "True", "Access-Control-Allow-Methods", "PUT"), PreflightInvalidAllowCredentials, "True", "same"},
		{"30 preflight credentialed ok", putCred, 204, ok204("Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT"), "", "", "same"},
		{"44 lower-case put is normalized", Request{Origin: app, Method: "put"}, 204, ok204("Access-Control-Allow-Methods", "PUT"), "", "", "same"},
		{"44 patch stays patch", Request{Origin: app, Method: "patch"}, 204, ok204("Access-Control-Allow-Methods", "patch"), "", "", "same"},
		{"45 patch vs PATCH", Request{Origin: app, Method: "patch"}, 204, ok204("Access-Control-Allow-Methods", "PATCH"), MethodDisallowedByPreflightResponse, "patch", "same"},
		{"45 PUT vs put", put, 204, ok204("Access-Control-Allow-Methods", "put"), MethodDisallowedByPreflightResponse, "PUT", "same"},
		{"46 GET passes without ACAM", xTest, 204, ok204("Access-Control-Allow-Headers", "x-test"), "", "", "same"},
		{"46 POST passes with ACAM get", Request{Origin: app, Method: "post", Headers: hs("X-Test", "1")}, 204, ok204("Access-Control-Allow-Methods", "get", "Access-Control-Allow-Headers", "x-test"), "", "", "same"},
		{"47 DELETE without ACAM", Request{Origin: app, Method: "DELETE"}, 204, ok204(), MethodDisallowedByPreflightResponse, "DELETE", "same"},
		{"47 DELETE listed", Request{Origin: app, Method: "DELETE"}, 204, ok204("Access-Control-Allow-Methods", "GET, PUT, DELETE"), "", "", "same"},
		{"48 star uncredentialed", put, 204, ok204("Access-Control-Allow-Methods", "*"), "", "", "same"},
		{"48 star credentialed is literal", putCred, 204, ok204("Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "*"), MethodDisallowedByPreflightResponse, "PUT", "same"},
		{"32 star credentialed with explicit method", putCred, 204, ok204("Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "*, PUT"), "", "", "same"},
		{"49 bad method element voids list", put, 204, ok204("Access-Control-Allow-Methods", "PUT, Bad method name"), InvalidAllowMethodsPreflightResponse, "", "same"},
		{"49 bad ACAM fails even for GET", xTest, 204, ok204("Access-Control-Allow-Methods", "GET, {}", "Access-Control-Allow-Headers", "x-test"), InvalidAllowMethodsPreflightResponse, "", "same"},
		{"65 ACAM over two lines", put, 204, ok204("Access-Control-Allow-Methods", "GET", "Access-Control-Allow-Methods", "PUT"), "", "", "same"},
		{"65 empty elements and OWS", Request{Origin: app, Method: "GET", Headers: hs("y-lol", "1", "x-print", "1")}, 204, ok204("Access-Control-Allow-Headers", ",y-lol,x-PriNT, ,,,Y-PRINT"), "", "", "same"},
		{"53 unsafe names checked lower-case", Request{Origin: app, Method: "GET", Headers: hs("X-B", "1", "x-a", "2")}, 204, ok204("Access-Control-Allow-Headers", "X-A, X-B"), "", "", "same"},
		{"55 safelisted header needs no ACAH", Request{Origin: app, Method: "PUT", Headers: hs("Accept-Language", "eu")}, 204, ok204("Access-Control-Allow-Methods", "PUT"), "", "", "same"},
		{"56 json content-type must be listed", Request{Origin: app, Method: "POST", Headers: hs("Content-Type", "application/json")}, 204, ok204(), HeaderDisallowedByPreflightResponse, "content-type", "same"},
		{"56 json content-type listed", Request{Origin: app, Method: "POST", Headers: hs("Content-Type", "application/json")}, 204, ok204("Access-Control-Allow-Headers", "Content-Type"), "", "", "same"},
		{"57 ACAH case-insensitive", xTest, 204, ok204("Access-Control-Allow-Headers", "X-Test"), "", "", "same"},
		{"58 every name covered", Request{Origin: app, Method: "GET", Headers: hs("x-a", "1", "x-b", "2")}, 204, ok204("Access-Control-Allow-Headers", "x-a"), HeaderDisallowedByPreflightResponse, "x-b", "same"},
		{"58 first refused name in sorted order", Request{Origin: app, Method: "GET", Headers: hs("x-z", "1", "x-b", "2")}, 204, ok204(), HeaderDisallowedByPreflightResponse, "x-b", "same"},
		{"58 star covers uncredentialed", xTest, 204, ok204("Access-Control-Allow-Headers", "*"), "", "", "same"},
		{"59 star does not cover authorization (spec)", auth, 204, ok204("Access-Control-Allow-Headers", "*"), HeaderDisallowedByPreflightResponse, "authorization", ""},
		{"59 star plus authorization", auth, 204, ok204("Access-Control-Allow-Headers", "*, Authorization"), "", "", "same"},
		{"59 authorization listed alone", auth, 204, ok204("Access-Control-Allow-Headers", "authorization"), "", "", "same"},
		{"59 authorization not listed, no star", auth, 204, ok204("Access-Control-Allow-Headers", "x-other"), HeaderDisallowedByPreflightResponse, "authorization", "same"},
		{"60 star literal for credentialed", xTestCred, 204, ok204("Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Headers", "*"), HeaderDisallowedByPreflightResponse, "x-test", "same"},
		{"60 explicit name credentialed", xTestCred, 204, ok204("Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Headers", "x-test"), "", "", "same"},
		{"59 credentialed star never covers authorization", Request{Origin: app, Headers: hs("Authorization", "x"), Credentials: true}, 204, ok204("Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Headers", "*"), HeaderDisallowedByPreflightResponse, "authorization", "same"},
		{"66 bad header element voids list", xTest, 204, ok204("Access-Control-Allow-Headers", "x-test,header name with space"), InvalidAllowHeadersPreflightResponse, "", "same"},
		{"66 bad ACAH fails even without unsafe headers", put, 204, ok204("Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "a:b"), InvalidAllowHeadersPreflightResponse, "", "same"},
		{"66 methods parsed before headers", put, 204, ok204("Access-Control-Allow-Methods", "P T", "Access-Control-Allow-Headers", "a b"), InvalidAllowMethodsPreflightResponse, "", "same"},
		{"70 PNA ok", pna, 204, ok204("Access-Control-Allow-Private-Network", "true"), "", "", "same"},
		{"70 PNA missing", pna, 204, ok204(), PreflightMissingAllowPrivateNetwork, "", "same"},
		{"70 PNA True", pna, 204, ok204("Access-Control-Allow-Private-Network", "True"), PreflightInvalidAllowPrivateNetwork, "True", "same"},
		{"70 PNA two lines", pna, 204, ok204("Access-Control-Allow-Private-Network", "true", "Access-Control-Allow-Private-Network", "true"), PreflightInvalidAllowPrivateNetwork, "true, true", "same"},
		{"104 PNA still needs ACAO", pna, 204, hdr("Access-Control-Allow-Private-Network", "true"), PreflightMissingAllowOriginHeader, "", "same"},
		{"104 PNA still needs ok status", pna, 404, ok204("Access-Control-Allow-Private-Network", "true"), PreflightInvalidStatus, "", "same"},
		{"104 PNA with method and header checks", Request{Origin: app, Method: "PUT", Headers: hs("X-A", "1"), PrivateNetwork: true}, 204, ok204("Access-Control-Allow-Private-Network", "true", "Access-Control-Allow-Methods", "PUT"), HeaderDisallowedByPreflightResponse, "x-a", "same"},
		{"104 ACAPN ignored without PNA", put, 204, ok204("Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Private-Network", "nope"), "", "", "same"},
	}
	for _, c := range cases {
		resp := Response{Status: c.status, Header: c.h}
		expect(t, c.name+" [spec]", CheckPreflight(c.r, resp), c.wantErr, c.detail)
		wantCh, detCh := c.wantErr, c.detail
		if c.chromium != "same" {
			wantCh, detCh = c.chromium, ""
		}
		expect(t, c.name+" [chromium]", Chromium.CheckPreflight(c.r, resp), wantCh, detCh)
	}
}

func TestPreflightFixes(t *testing.T) {
	r := Request{Origin: app, Method: "GET", Headers: hs("X-Token", "1")}
	got := CheckPreflight(r, Response{Status: 204, Header: ok204()})
	if got.Fix != "add `x-token` to Access-Control-Allow-Headers" {
		t.Errorf("fix: %q", got.Fix)
	}
	got = CheckPreflight(Request{Origin: app, Method: "DELETE"}, Response{Status: 204, Header: ok204("Access-Control-Allow-Methods", "GET")})
	if got.Fix != "add `DELETE` to Access-Control-Allow-Methods (methods are case-sensitive)" {
		t.Errorf("fix: %q", got.Fix)
	}
	got = CheckPreflight(Request{Origin: app, Headers: hs("Authorization", "x")}, Response{Status: 204, Header: ok204("Access-Control-Allow-Headers", "*")})
	if got.Fix == "" || got.Fix == "add `authorization` to Access-Control-Allow-Headers" {
		t.Errorf("authorization-under-star fix should say * does not cover it: %q", got.Fix)
	}
	got = CheckPreflight(Request{Origin: app, Method: "PUT"}, Response{Status: 404, Header: ok204()})
	if want := "answer the preflight (OPTIONS) with 204 or 200 instead of status 404"; len(got.Fix) < len(want) || got.Fix[:len(want)] != want {
		t.Errorf("fix: %q", got.Fix)
	}
}
