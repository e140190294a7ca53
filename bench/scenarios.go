package bench

import (
	"net/http"
	"strings"
)

// scenario is one request shape, sent unchanged to every stack.
type scenario struct {
	name string
	// many selects the 1000-origin configuration.
	many   bool
	method string
	header http.Header // canonical keys, one value per line
	// benchmarked is false for the behaviour-only scenarios (x…).
	benchmarked bool
	// outerVary, if set, is a Vary line written before the middleware runs.
	outerVary string
}

const (
	hOrigin = "Origin"
	hACRM   = "Access-Control-Request-Method"
	hACRH   = "Access-Control-Request-Headers"
)

// oneMB is the size of the hostile Access-Control-Request-Headers values.
const oneMB = 1_000_000

// scenarios returns every scenario, the benchmarked ones first.
func scenarios() []scenario {
	get := func(name, origin string) scenario {
		s := scenario{name: name, method: http.MethodGet, header: http.Header{}, benchmarked: true}
		if origin != "" {
			s.header[hOrigin] = []string{origin}
		}
		return s
	}
	pre := func(name, origin, method, acrh string) scenario {
		s := scenario{name: name, method: http.MethodOptions, benchmarked: true, header: http.Header{
			hOrigin: {origin},
			hACRM:   {method},
		}}
		if acrh != "" {
			s.header[hACRH] = []string{acrh}
		}
		return s
	}
	manyHit := get("9-1000-origins-hit", manyOrigin(manyOriginsLen-1))
	manyHit.many = true
	manyMiss := get("9b-1000-origins-miss", manyOrigin(manyOriginsLen))
	manyMiss.many = true

	names := strings.Repeat("content-type,", oneMB/len("content-type,")+1)

	x1 := get("x1-options-no-acrm", "https://example.com")
	x1.method = http.MethodOptions
	x2 := pre("x2-options-acrm-no-origin", "", "PUT", "")
	delete(x2.header, hOrigin)
	x4 := get("x4-outer-vary-kept", "https://example.com")
	x4.outerVary = "Accept-Encoding"
	x5 := pre("x5-preflight-outer-vary-kept", "https://example.com", "PUT", "content-type")
	x5.outerVary = "Accept-Encoding"

	behaviourOnly := []scenario{
		x1, x2,
		get("x3-empty-label-origin", "https://.example.com"),
		x4, x5,
		pre("x6-preflight-bad-header", "https://example.com", "PUT", "x-foo"),
		pre("x7-preflight-safelisted-method", "https://example.com", "GET", ""),
		get("x8-null-origin", "null"),
	}
	for i := range behaviourOnly {
		behaviourOnly[i].benchmarked = false
	}

	return append([]scenario{
		get("1-no-origin", ""),
		get("2-actual-allowed", "https://example.com"),
		get("2b-actual-allowed-wildcard", "https://api.example.com"),
		get("3-actual-denied", "https://example.org"),
		pre("4-preflight-1hdr", "https://example.com", "PUT", "content-type"),
		pre("5-preflight-3hdr", "https://example.com", "PUT", "authorization,content-type,x-requested-with"),
		pre("6-preflight-bad-method", "https://example.com", "PATCH", "content-type"),
		pre("7-preflight-bad-origin", "https://example.org", "PUT", "content-type"),
		pre("8a-acrh-1mb-commas", "https://example.com", "PUT", strings.Repeat(",", oneMB)),
		pre("8b-acrh-1mb-names", "https://example.com", "PUT", names[:len(names)-1]),
		manyHit,
		manyMiss,
	}, behaviourOnly...)
}

// settings returns the configuration the scenario runs against.
func (s scenario) settings() settings {
	if s.many {
		return manySettings()
	}
	return commonSettings()
}
