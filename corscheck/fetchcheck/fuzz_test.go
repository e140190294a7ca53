package fetchcheck

import (
	"net/http"
	"sort"
	"strings"
	"testing"
)

// FuzzCheckPreflight feeds arbitrary response header values and request
// methods and headers: the checks never panic, a failure always has a known
// Chromium name, a message and a fix, and the Chromium model never refuses
// what the spec model allows.
func FuzzCheckPreflight(f *testing.F) {
	f.Add("PUT", "X-Token", "1", 204, app, "true", "PUT, GET", "x-token, *", "600", "true", true, false)
	f.Add("patch", "Content-Type", "application/json", 200, "*", "", "*", "*", "-1", "", false, true)
	f.Add("get", "Authorization", "x", 302, "null", "True", ",,", "a b", "1.5", "false", false, false)
	f.Fuzz(func(t *testing.T, method, hname, hvalue string, status int, acao, acac, acam, acah, acma, acapn string, cred, pna bool) {
		r := Request{Origin: app, Method: method, Headers: []Header{{hname, hvalue}}, Credentials: cred, PrivateNetwork: pna}
		h := http.Header{}
		for k, v := range map[string]string{HeaderAllowOrigin: acao, HeaderAllowCredentials: acac, HeaderAllowMethods: acam,
			HeaderAllowHeaders: acah, HeaderMaxAge: acma, HeaderAllowPrivateNetwork: acapn, "Location": acao} {
			if v != "" {
				h[k] = strings.Split(v, "\n")
			}
		}
		resp := Response{Status: status, Header: h}
		spec := CheckPreflight(r, resp)
		chr := Chromium.CheckPreflight(r, resp)
		act := CheckActual(r, resp)
		for _, res := range []Result{spec, chr, act} {
			if res.OK != (res.Error == "") || (!res.OK && (ConsoleMessage(res.Error, res.Detail) == "" || res.Fix == "" || res.Message == "")) {
				t.Fatalf("inconsistent result %+v", res)
			}
		}
		if spec.OK && !chr.OK {
			t.Fatalf("Chromium model refuses what the spec allows: %+v", chr)
		}
		MaxAge(resp)
		ExposedHeaders(r, resp)
		CanRead(r, resp, hname)
		_ = Validate(r)
	})
}

// FuzzUnsafeHeaderNames checks the shape of the names and of the preflight
// for arbitrary author headers.
func FuzzUnsafeHeaderNames(f *testing.F) {
	f.Add("X-B", "1", "x-a", "2", "GET")
	f.Add("Content-Type", "text/plain;a=\"", "Range", "bytes=1-", "post")
	f.Add("Accept-Language", "\x00", "Sec-X", "1", "Patch")
	f.Fuzz(func(t *testing.T, n1, v1, n2, v2, method string) {
		r := Request{Origin: app, Method: method, Headers: []Header{{n1, v1}, {n2, v2}}}
		names := UnsafeHeaderNames(r)
		if !sort.StringsAreSorted(names) {
			t.Fatalf("not sorted: %q", names)
		}
		for i, n := range names {
			if n != strings.ToLower(n) || (i > 0 && names[i-1] == n) {
				t.Fatalf("not a lower-case set: %q", names)
			}
		}
		h := PreflightHeaders(r)
		if got := h.Get("Access-Control-Request-Headers"); got != strings.Join(names, ",") {
			t.Fatalf("ACRH %q vs names %q", got, names)
		}
		if NeedsPreflight(r) != (len(names) > 0 || !IsSafelistedMethod(h.Get("Access-Control-Request-Method"))) {
			t.Fatalf("NeedsPreflight inconsistent for %+v", r)
		}
	})
}
