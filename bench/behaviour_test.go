package bench

import (
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"testing"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

var writeBehaviour = flag.Bool("write-behaviour", false, "regenerate behaviour.md from the observed responses")

// intents names, for each scenario, the decision of our policy it is meant
// to measure, so that a scenario cannot drift into measuring another path.
// What the responses must be is the conformance suite's business.
var intents = map[string]cors.ReasonCode{
	"1-no-origin":                    cors.ReasonNotCORS,
	"2-actual-allowed":               cors.ReasonOriginAllowed,
	"2b-actual-allowed-wildcard":     cors.ReasonOriginAllowed,
	"3-actual-denied":                cors.ReasonOriginNotAllowed,
	"4-preflight-1hdr":               cors.ReasonPreflightAllowed,
	"5-preflight-3hdr":               cors.ReasonPreflightAllowed,
	"6-preflight-bad-method":         cors.ReasonMethodNotAllowed,
	"7-preflight-bad-origin":         cors.ReasonOriginNotAllowed,
	"8a-acrh-1mb-commas":             cors.ReasonHeadersTooLong,
	"8b-acrh-1mb-names":              cors.ReasonHeadersTooLong,
	"9-1000-origins-hit":             cors.ReasonOriginAllowed,
	"9b-1000-origins-miss":           cors.ReasonOriginNotAllowed,
	"x1-options-no-acrm":             cors.ReasonOriginAllowed,
	"x2-options-acrm-no-origin":      cors.ReasonNotCORS,
	"x3-empty-label-origin":          cors.ReasonOriginMalformed,
	"x4-outer-vary-kept":             cors.ReasonOriginAllowed,
	"x5-preflight-outer-vary-kept":   cors.ReasonPreflightAllowed,
	"x6-preflight-bad-header":        cors.ReasonHeaderNotAllowed,
	"x7-preflight-safelisted-method": cors.ReasonPreflightAllowed,
	"x8-null-origin":                 cors.ReasonOriginNotAllowed,
}

// decide is our policy's decision on sc.
func decide(t *testing.T, sc scenario) cors.Decision {
	t.Helper()
	p, err := cors.New(sc.settings().ours())
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(sc.method, requestURL, nil)
	r.Header = sc.header.Clone()
	req := adapter.FromHTTP(r)
	return p.Evaluate(r.Context(), &req, nil)
}

// headerBytes is the size of a response's header names and values.
func headerBytes(r response) int {
	n := 0
	for k, vs := range r.header {
		n += len(k)
		for _, v := range vs {
			n += len(v)
		}
	}
	return n
}

// TestBehaviour sends every scenario to every stack. Each scenario must
// exercise the decision it is named for, and our five stacks must give the
// same response, of bounded size; the peers' responses are only recorded
// (behaviour.md, with -write-behaviour).
func TestBehaviour(t *testing.T) {
	var tables []behaviourTable
	for _, sc := range scenarios() {
		obs, err := observeScenario(sc)
		if err != nil {
			t.Fatal(err)
		}
		tables = append(tables, behaviourTable{sc, obs})
		want, ok := intents[sc.name]
		if !ok {
			t.Errorf("%s: no intent", sc.name)
		} else if got := decide(t, sc).Reason.Code; got != want {
			t.Errorf("%s: our policy decides %s, the scenario is meant to measure %s", sc.name, got, want)
		}
		var ref *observation
		for i, o := range obs {
			if o.lib != libOurs {
				continue
			}
			if n := headerBytes(o.resp); n > 2048 {
				t.Errorf("%s: %s answers with %d bytes of headers: the request's size is reflected", sc.name, o.fw, n)
			}
			if ref == nil {
				ref = &obs[i]
			} else if got, want := o.resp.signature(), ref.resp.signature(); got != want {
				t.Errorf("%s: %s answers %q, %s answers %q", sc.name, o.fw, got, ref.fw, want)
			}
		}
		if ref == nil {
			t.Fatalf("%s: none of our stacks observed", sc.name)
		}
	}
	if *writeBehaviour {
		shared, err := sharedSliceResults()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("behaviour.md", renderBehaviour(tables, shared), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Println("wrote behaviour.md")
	}
}
