package fetchcheck

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func TestNormalizeMethod(t *testing.T) {
	cases := map[string]string{ // method-case-sensitive
		"get": "GET", "Get": "GET", "delete": "DELETE", "head": "HEAD", "options": "OPTIONS",
		"post": "POST", "pUt": "PUT", "patch": "patch", "PATCH": "PATCH", "Chicken": "Chicken", "": "",
	}
	for in, want := range cases {
		if got := NormalizeMethod(in); got != want {
			t.Errorf("44 NormalizeMethod(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnsafeHeaderNames(t *testing.T) {
	long := strings.Repeat("a", 129)
	cases := []struct {
		name string
		h    []Header
		want []string
	}{
		{"53 sorted lower-case unique", hs("X-B", "1", "x-a", "2", "Content-Type", "application/json", "X-A", "3"), []string{"content-type", "x-a", "x-b"}},
		{"55 safelisted values", hs("Accept", "application/json", "Accept-Language", "fr-CH, fr;q=0.9, *;q=0.5", "Content-Language", "de-DE", "Content-Type", "text/plain;charset=UTF-8", "Range", "bytes=0-499"), nil},
		{"55 form content types", hs("Content-Type", "multipart/form-data; boundary=x", "Content-Type", "APPLICATION/X-WWW-FORM-URLENCODED"), nil},
		{"55 range open end", hs("Range", "bytes=100-"), nil},
		{"56 json content-type", hs("Content-Type", "application/json"), []string{"content-type"}},
		{"56 content-type unparsable", hs("Content-Type", "text"), []string{"content-type"}},
		{"56 content-type unsafe byte", hs("Content-Type", "text/plain; charset=\"utf-8\""), []string{"content-type"}},
		{"56 accept unsafe byte", hs("Accept", "text/html(x)"), []string{"accept"}},
		{"56 accept-language bad byte", hs("Accept-Language", "fr_CH"), []string{"accept-language"}},
		{"56 content-language bad byte", hs("Content-Language", "de/DE"), []string{"content-language"}},
		{"56 value over 128 bytes", hs("Accept", long), []string{"accept"}},
		{"56 value of exactly 128 bytes is fine", hs("Accept", long[:128]), nil},
		{"56 suffix range", hs("Range", "bytes=-500"), []string{"range"}},
		{"56 multi range", hs("Range", "bytes=0-1,5-6"), []string{"range"}},
		{"56 range start after end", hs("Range", "bytes=500-100"), []string{"range"}},
		{"56 range with whitespace", hs("Range", "bytes= 0-1"), []string{"range"}},
		{"56 range other unit", hs("Range", "items=0-1"), []string{"range"}},
		{"56 combined safelisted values over 1024", hs("Accept", long[:128], "Accept-Language", strings.Repeat("a", 128), "Content-Language", strings.Repeat("b", 128),
			"Accept", long[:128], "Accept", long[:128], "Accept", long[:128], "Accept", long[:128], "Accept", long[:128], "Accept", "x"), []string{"accept", "accept-language", "content-language"}},
		{"56 combined exactly 1024 is fine", hs("Accept", long[:128], "Accept", long[:128], "Accept", long[:128], "Accept", long[:128], "Accept", long[:128], "Accept", long[:128], "Accept", long[:128], "Accept", long[:128]), nil},
		{"62 forbidden headers are dropped", hs("Cookie", "a=b", "Origin", "https://x", "Sec-Foo", "1", "Proxy-Authorization", "x", "Content-Length", "3", "X-HTTP-Method-Override", "TRACE"), nil},
		{"62 method override with a safe method is an ordinary header", hs("X-HTTP-Method-Override", "PUT"), []string{"x-http-method-override"}},
		{"64 client hints set by script are unsafe", hs("DPR", "2", "Viewport-Width", "100"), []string{"dpr", "viewport-width"}},
		{"53 authorization", hs("Authorization", "Bearer x"), []string{"authorization"}},
	}
	for _, c := range cases {
		got := UnsafeHeaderNames(Request{Origin: app, Method: "GET", Headers: c.h})
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestNeedsPreflightAndHeaders(t *testing.T) {
	cases := []struct {
		name string
		r    Request
		need bool
		want http.Header
	}{
		{"8 simple GET", Request{Origin: app, Method: "GET"}, false, nil},
		{"8 empty method means GET", Request{Origin: app}, false, nil},
		{"8 POST text/plain", Request{Origin: app, Method: "post", Headers: hs("Content-Type", "text/plain")}, false, nil},
		{"6 PUT with safelisted header has no ACRH", Request{Origin: app, Method: "PUT", Headers: hs("Accept-Language", "eu")}, true,
			http.Header{"Accept": {"*/*"}, "Origin": {app}, "Access-Control-Request-Method": {"PUT"}}},
		{"44 patch sent as written", Request{Origin: app, Method: "patch"}, true,
			http.Header{"Accept": {"*/*"}, "Origin": {app}, "Access-Control-Request-Method": {"patch"}}},
		{"53 ACRH joined without space", Request{Origin: app, Method: "GET", Headers: hs("X-B", "1", "x-a", "2", "Content-Type", "application/json")}, true,
			http.Header{"Accept": {"*/*"}, "Origin": {app}, "Access-Control-Request-Method": {"GET"}, "Access-Control-Request-Headers": {"content-type,x-a,x-b"}}},
		{"5 POST with unsafe header sends ACRM POST", Request{Origin: "null", Method: "POST", Headers: hs("X-A", "1")}, true,
			http.Header{"Accept": {"*/*"}, "Origin": {"null"}, "Access-Control-Request-Method": {"POST"}, "Access-Control-Request-Headers": {"x-a"}}},
		{"103 PNA preflight for a simple GET", Request{Origin: app, Method: "GET", PrivateNetwork: true}, true,
			http.Header{"Accept": {"*/*"}, "Origin": {app}, "Access-Control-Request-Method": {"GET"}, "Access-Control-Request-Private-Network": {"true"}}},
		{"3 OPTIONS is preflighted", Request{Origin: app, Method: "options"}, true,
			http.Header{"Accept": {"*/*"}, "Origin": {app}, "Access-Control-Request-Method": {"OPTIONS"}}},
	}
	for _, c := range cases {
		if got := NeedsPreflight(c.r); got != c.need {
			t.Errorf("%s: NeedsPreflight = %v", c.name, got)
		}
		if c.want != nil {
			if got := PreflightHeaders(c.r); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: PreflightHeaders = %v, want %v", c.name, got, c.want)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	good := []Request{
		{Origin: app, Method: "PATCH", Headers: hs("X-A", "1")},
		{Origin: "null"},
		{Origin: "http://127.0.0.1:8080"},
		{Origin: "http://[::1]:3000"},
	}
	for _, r := range good {
		if err := Validate(r); err != nil {
			t.Errorf("Validate(%+v) = %v", r, err)
		}
	}
	bad := []Request{
		{Origin: app + "/"}, {Origin: "https://App.example"}, {Origin: "app.example"}, {Origin: ""},
		{Origin: "https://a:99999x"}, {Origin: app, Method: "GET X"}, {Origin: app, Method: "connect"},
		{Origin: app, Method: "Trace"}, {Origin: app, Headers: hs("X A", "1")}, {Origin: app, Headers: hs("X-A", "a\r\nb")},
	}
	for _, r := range bad {
		if err := Validate(r); err == nil {
			t.Errorf("Validate(%+v) = nil, want an error", r)
		}
	}
}

func TestMaxAge(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  int
		ok    bool
	}{
		{"72 absent means 5 s", nil, 0, false},
		{"73 zero disables caching", []string{"0"}, 0, true},
		{"68 digits", []string{"600"}, 600, true},
		{"68 surrounding space trimmed", []string{" 86400 "}, 86400, true},
		{"73 negative is invalid", []string{"-1"}, 0, false},
		{"68 plus sign", []string{"+5"}, 0, false},
		{"68 decimal", []string{"1.5"}, 0, false},
		{"68 two lines", []string{"5", "5"}, 0, false},
		{"68 list in one line", []string{"5, 5"}, 0, false},
		{"68 empty", []string{""}, 0, false},
		{"68 overflow saturates", []string{"99999999999999999999999"}, 2147483648, true},
	}
	for _, c := range cases {
		h := http.Header{}
		for _, l := range c.lines {
			h.Add("Access-Control-Max-Age", l)
		}
		got, ok := MaxAge(Response{Status: 204, Header: h})
		if got != c.want || ok != c.ok {
			t.Errorf("%s: MaxAge = %d, %v; want %d, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestExposedHeaders(t *testing.T) {
	plain := Request{Origin: app}
	cred := Request{Origin: app, Credentials: true}
	cases := []struct {
		name  string
		r     Request
		h     http.Header
		names []string
		all   bool
	}{
		{"83 listed names", plain, hdr("Access-Control-Expose-Headers", "ETag, Location, Link, X-Request-Id"), []string{"etag", "link", "location", "x-request-id"}, false},
		{"86 several lines combine", plain, hdr("Access-Control-Expose-Headers", "ETag", "Access-Control-Expose-Headers", "X-A"), []string{"etag", "x-a"}, false},
		{"69 parse failure exposes nothing", plain, hdr("Access-Control-Expose-Headers", "bb-8, no no"), nil, false},
		{"69 leading empty element is fine", plain, hdr("Access-Control-Expose-Headers", ", bb-8"), []string{"bb-8"}, false},
		{"84 star uncredentialed exposes all", plain, hdr("Access-Control-Expose-Headers", "*", "X-A", "1", "Set-Cookie", "a=b"), []string{"access-control-expose-headers", "x-a"}, true},
		{"84 star credentialed is literal", cred, hdr("Access-Control-Expose-Headers", "*", "X-A", "1"), []string{"*"}, false},
		{"85 set-cookie never exposed", plain, hdr("Access-Control-Expose-Headers", "Set-Cookie, Set-Cookie2, X-A"), []string{"x-a"}, false},
		{"82 absent header", plain, hdr("X-A", "1"), nil, false},
	}
	for _, c := range cases {
		names, all := ExposedHeaders(c.r, Response{Status: 200, Header: c.h})
		if !reflect.DeepEqual(names, c.names) || all != c.all {
			t.Errorf("%s: got %q %v, want %q %v", c.name, names, all, c.names, c.all)
		}
	}
	resp := Response{Status: 200, Header: hdr("Access-Control-Expose-Headers", "X-Exposed", "X-Exposed", "1", "X-Hidden", "1")}
	for name, want := range map[string]bool{ // expose-headers
		"Cache-Control": true, "content-language": true, "Content-Length": true, "Content-Type": true,
		"Expires": true, "Last-Modified": true, "Pragma": true, "x-exposed": true, "X-Hidden": false, "Set-Cookie": false, "ETag": false,
	} {
		if got := CanRead(plain, resp, name); got != want {
			t.Errorf("82/83 CanRead(%s) = %v, want %v", name, got, want)
		}
	}
	star := Response{Status: 200, Header: hdr("Access-Control-Expose-Headers", "*", "Set-Cookie", "a=b")}
	if !CanRead(plain, star, "X-Anything") || CanRead(plain, star, "Set-Cookie") || CanRead(cred, star, "X-Anything") {
		t.Error("84/85 CanRead with * wrong")
	}
}
