package cors

import (
	"net/http"
	"testing"
)

// stdlibRefuses is net/http's verdict on a request with no trusted origin.
func stdlibRefuses(method, host string, secFetchSite, origin []string) bool {
	r := &http.Request{Method: method, Host: host, Header: http.Header{}}
	if secFetchSite != nil {
		r.Header["Sec-Fetch-Site"] = secFetchSite
	}
	if origin != nil {
		r.Header["Origin"] = origin
	}
	return http.NewCrossOriginProtection().Check(r) != nil
}

// FuzzCrossOriginUnsafe checks the forgery verdict against net/http's
// CrossOriginProtection without trusted origins, on arbitrary methods,
// hosts and header values.
func FuzzCrossOriginUnsafe(f *testing.F) {
	for _, s := range [][4]string{
		{"POST", "a.example", "", "https://a.example"},
		{"POST", "a.example:8080", "", "http://a.example:8080"},
		{"POST", "a.example", "cross-site", ""},
		{"DELETE", "a.example", "same-site", "https://b.a.example"},
		{"PUT", "a.example", "same-origin", "https://evil.example"},
		{"POST", "a.example", "none", ""},
		{"POST", "a.example", "", "null"},
		{"POST", "a.example", "", "https://user@a.example/x?y#z"},
		{"POST", "[::1]:80", "", "http://[::1]:80"},
		{"POST", "a.example:", "", "HTTPS://a.example:"},
		{"POST", "", "", "https://"},
		{"post", "a.example", "Same-Origin", "https://b.example"},
		{"GET", "a.example", "cross-site", "https://b.example"},
		{"PATCH", "a.b:1:2", "", "https://a.b:1:2"},
		{"POST", "a.example", " same-origin\t", " https://a.example "},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, method, host, site, origin string) {
		lines := func(v string) []string {
			if v == "" {
				return nil
			}
			return []string{v}
		}
		// net/http never hands a handler a value with optional whitespace
		// around it; the policy trims it for servers that leave it.
		sfs, o := lines(trimOWS(site)), lines(trimOWS(origin))
		got, want := crossOriginUnsafe(method, host, sfs, o), stdlibRefuses(method, host, sfs, o)
		if got != want {
			t.Fatalf("method %q host %q Sec-Fetch-Site %q Origin %q: ours says cross-origin unsafe %v, net/http refuses %v",
				method, host, site, origin, got, want)
		}
	})
}
