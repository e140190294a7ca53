package cors

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/originguard/cors/core/adapter"
)

func TestParseOrigin(t *testing.T) {
	valid := []string{
		"https://a.example", "http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:8080",
		"https://[2001:db8::1]", "https://xn--bcher-kva.example", "chrome-extension://abcdefgh",
		"https://a-b_c.example", "https://a.example:1", "https://a.example:65535", "http://a.example:443",
		"https://a.example.", "https://a.example.:8443", "https://" + strings.Repeat("a.", 126) + "a.",
		"https://a.1b", "https://9a.example", "ftp://a.example", "https://" + strings.Repeat("a", 63) + ".example",
	}
	invalid := []string{
		"", "null", "https://", "https:/a.example", "//a.example", "a.example", "HTTPS://a.example",
		"https://A.example", "https://a.example/", "https://a.example/path", "https://a.example?q",
		"https://a.example#f", "https://user@a.example", "https://a.example..", "https://.", "https://.a.example",
		"http://127.0.0.1.", "https://" + strings.Repeat("a.", 127) + "a.",
		"https://a..example", "https://a.example:443", "http://a.example:80", "https://a.example:0",
		"https://a.example:080", "https://a.example:65536", "https://a.example:", "https://a.example:x",
		"https://bücher.example", "https://a.example\x00", "https://a.example\r\nX: y", "https://a example",
		"https://[::1%25eth0]", "https://[fe80::1%eth0]", "https://[::1", "https://[zz::1]", "https://[127.0.0.1]",
		"https://1.2.3", "https://1.2.3.256", "https://01.2.3.4", "https://a.example:8080:1",
		"https://" + strings.Repeat("a", 64) + ".example", "https://" + strings.Repeat("a.", 130) + "example",
		"1https://a.example", strings.Repeat("h", 70) + "://a.example", "https://*.a.example",
		"https://a.0x1f", "https://a.0x", "https://a.09", "http://1.2.3.4.", "https://a.example:8443.",
	}
	for _, s := range valid {
		if _, ok := parseOrigin(s); !ok {
			t.Errorf("%q rejected", s)
		}
	}
	for _, s := range invalid {
		if _, ok := parseOrigin(s); ok {
			t.Errorf("%q accepted", s)
		}
	}
	o, _ := parseOrigin("https://a.b.example:8443")
	if o.scheme != "https" || o.host != "a.b.example" || o.port != "8443" {
		t.Errorf("parts: %+v", o)
	}
	if schemeEnd, hostEnd, ip, ok := scanOrigin("https://a.b.example:8443"); schemeEnd != len("https") || hostEnd != len("https://a.b.example") || ip || !ok {
		t.Errorf("scanOrigin: %d %d %v %v", schemeEnd, hostEnd, ip, ok)
	}
}

func TestParseOriginAllocs(t *testing.T) {
	for _, s := range []string{"https://a.b.example:8443", "http://[::1]:80", "https://1.2.3.4"} {
		if n := testing.AllocsPerRun(100, func() { parseOrigin(s) }); n != 0 {
			t.Errorf("%q: %v allocs", s, n)
		}
	}
}

// match is how checkOrigin judges an origin with x: allowed exactly, or by
// matchInexact.
func (x *originIndex) match(s string) (allowed, malformed bool) {
	if x.exact.has(s) {
		return true, false
	}
	return x.matchInexact(s)
}

// TestMatchShortestSubdomain: an origin as short as a "*." pattern allows
// is matched, and one a byte shorter is only parsed, whatever the order of
// the patterns.
func TestMatchShortestSubdomain(t *testing.T) {
	for _, patterns := range [][]string{
		{"https://*.a.example", "https://*.long.example:*", "http://*.b.example"},
		{"http://*.b.example", "https://*.long.example:*", "https://*.a.example"},
	} {
		c, err := compile(Config{AllowedOrigins: patterns})
		if err != nil {
			t.Fatal(err)
		}
		for origin, want := range map[string][2]bool{
			"https://x.a.example":        {true, false},
			"http://x.b.example":         {true, false},
			"https://x.long.example:1":   {true, false},
			"https://.a.example":         {false, true},
			"https://a.example":          {false, false},
			"http://b.example":           {false, false},
			"https://x.b.example":        {false, false},
			"https://x.long.example:443": {false, true},
		} {
			if allowed, malformed := c.origins.match(origin); allowed != want[0] || malformed != want[1] {
				t.Errorf("%v: match(%q) = %v, %v, want %v", patterns, origin, allowed, malformed, want)
			}
		}
	}
}

// TestStringSet: members are found, and strings of a member's length that
// are not members are not, both while the set compares its few members
// directly and after it has moved them into a map.
func TestStringSet(t *testing.T) {
	var s stringSet
	member := func(i int) string { return fmt.Sprintf("https://app%02d.example", i) }
	for n := 1; n <= 2*fewMembers; n++ {
		s.add(member(n - 1))
		s.add(member(0)) // a repeat changes nothing
		for i := 0; i < 2*fewMembers+1; i++ {
			if got, want := s.has(member(i)), i < n; got != want {
				t.Fatalf("%d members: has(%q) = %v, want %v", n, member(i), got, want)
			}
		}
		if s.has("https://app00.exampl") || s.has("") {
			t.Fatalf("%d members: a shorter string is reported", n)
		}
	}
}

// TestLongPatternSuffix: a "*." pattern whose suffix is 255 bytes or longer
// (a long host with a port), where the set's length bitmap no longer tells
// the lengths apart, still matches its subdomains and only them.
func TestLongPatternSuffix(t *testing.T) {
	host := strings.Repeat(strings.Repeat("a", 62)+".", 3) + strings.Repeat("b", 53) + ".example" // 250 bytes: with the port, a suffix of 256
	p := MustNew(Config{AllowedOrigins: []string{"https://*." + host + ":8443", "https://*.short.example"}})
	for origin, want := range map[string]bool{
		"https://x." + host + ":8443":       true,
		"https://x.y." + host[2:] + ":8443": false, // another suffix of the same length
		"https://x." + host + ":8444":       false,
		"https://x." + host:                 false,
		"https://" + host + ":8443":         false,
		"https://x.short.example":           true,
	} {
		r := adapter.FromHTTP(req("GET", origin))
		d := p.Evaluate(context.Background(), &r, nil)
		if d.Allowed != want {
			t.Errorf("%.40s…: allowed %v, want %v (%s)", origin, d.Allowed, want, d.Reason)
		}
	}
}
