package bench

import (
	"net/http"
	"testing"

	cors "github.com/originguard/cors/core"
)

// verdictOf is the minimal middleware's verdict for each of our policy's
// reasons that a scenario is meant to measure.
var verdictOf = map[cors.ReasonCode]verdict{
	cors.ReasonNotCORS:          verdictNotCORS,
	cors.ReasonOriginAllowed:    verdictAllowed,
	cors.ReasonPreflightAllowed: verdictAllowed,
	cors.ReasonOriginNotAllowed: verdictOriginRefused,
	cors.ReasonOriginMalformed:  verdictOriginRefused,
	cors.ReasonMethodNotAllowed: verdictMethodRefused,
	cors.ReasonHeaderNotAllowed: verdictHeaderRefused,
	cors.ReasonHeadersTooLong:   verdictHeadersTooLong,
}

// TestMinimalMatchesOurs makes the minimal middleware a fair yardstick: on
// every scenario and framework it gives the response ours gives (status,
// whether the application runs, every CORS header, the Vary tokens) and
// reaches the verdict our policy reaches, so it does the same work.
func TestMinimalMatchesOurs(t *testing.T) {
	for _, sc := range scenarios() {
		want, ok := verdictOf[intents[sc.name]]
		if !ok {
			t.Fatalf("%s: no minimal verdict for %s", sc.name, intents[sc.name])
		}
		for _, fw := range frameworks() {
			ours := observeStack(t, fw, libOurs, sc)
			st, err := buildStack(fw, libMinimal, sc)
			if err != nil {
				t.Fatal(err)
			}
			got := newExchange(st, sc).observe()
			if g, w := got.signature(), ours.signature(); g != w {
				t.Errorf("%s/%s: minimal answers %q, ours %q", sc.name, fw.name, g, w)
			}
			if st.min.last != want {
				t.Errorf("%s/%s: minimal verdict %s, want %s (%s)", sc.name, fw.name, st.min.last, want, intents[sc.name])
			}
		}
	}
}

// TestMinimalOrigins compares the minimal middleware with ours on origins
// no scenario sends, so that its hand-written origin check is shown to be
// the policy's and not only right on the benchmarked requests.
func TestMinimalOrigins(t *testing.T) {
	origins := []string{
		"https://example.com", "https://a.example.com", "https://a-b_c.d.example.com", "https://example.com.",
		"https://a.example.com.", "https://.example.com", "https://a..example.com", "https://A.example.com",
		"http://a.example.com", "https://a.example.com:8443", "https://example.comm", "https://xexample.com",
		"https://a.example.org", "https://example.com:443", "null", "", "https://é.example.com",
		"https://" + string(make([]byte, 64)) + ".example.com",
	}
	fw := frameworks()[0]
	for _, o := range origins {
		for _, method := range []string{http.MethodGet, http.MethodOptions} {
			sc := scenario{name: "origin " + o, method: method, header: http.Header{hOrigin: {o}}}
			if method == http.MethodOptions {
				sc.header[hACRM] = []string{"PUT"}
				sc.header[hACRH] = []string{" Content-Type ,, X-REQUESTED-WITH", "authorization"}
			}
			ours := observeStack(t, fw, libOurs, sc)
			mine := observeStack(t, fw, libMinimal, sc)
			if g, w := mine.signature(), ours.signature(); g != w {
				t.Errorf("%s %q: minimal answers %q, ours %q", method, o, g, w)
			}
		}
	}
}

func observeStack(t *testing.T, fw framework, lib string, sc scenario) response {
	t.Helper()
	st, err := buildStack(fw, lib, sc)
	if err != nil {
		t.Fatal(err)
	}
	return newExchange(st, sc).observe()
}
