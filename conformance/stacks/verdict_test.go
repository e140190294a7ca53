package stacks

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/originguard/cors/conformance"
	"github.com/originguard/cors/conformance/internal/verdict"
	"github.com/originguard/cors/corscheck/fetchcheck"
)

var (
	differentialN    = flag.Int("differential.n", conformance.DifferentialSize, "generated requests per stack and policy in the differential test (CI runs the default)")
	differentialSeed = flag.Uint64("differential.seed", conformance.DifferentialSeed, "seed of the differential corpus")
)

// TestMain sets the differential test's size and seed from the flags, and
// has Run judge every response of the table with a model of browsers.
func TestMain(m *testing.M) {
	flag.Parse()
	conformance.DifferentialSize, conformance.DifferentialSeed = *differentialN, *differentialSeed
	verdict.Judge = judge
	os.Exit(m.Run())
}

// judge is the verdict.Judge of this module: browserProblems, after
// checking that the case sends what the browser of its verdict would.
func judge(v *verdict.Verdict, sent *http.Request, status int, header http.Header) []string {
	if msg := verdictMatchesRequest(v, sent); msg != "" {
		return []string{"the case's request does not match its browser verdict: " + msg}
	}
	return browserProblems(v, response{status: status, header: header})
}

// fetchRequest is the fetch a browser made for v. Each author header gets
// the value "1", which is never CORS-safelisted for the names the cases use
// except where noted, so every name is a CORS-unsafe one.
func fetchRequest(v *verdict.Verdict) fetchcheck.Request {
	r := fetchcheck.Request{Origin: v.Origin, Method: v.Method, Credentials: v.Credentials, PrivateNetwork: v.Private}
	for _, n := range v.Headers {
		r.Headers = append(r.Headers, fetchcheck.Header{Name: n, Value: "1"})
	}
	return r
}

// verdictMatchesRequest checks that a preflight case sends what the browser
// of its verdict would ask for: the same method after normalisation, the
// same set of unsafe header names, and ACRPN exactly when the verdict is a
// private-network fetch. Non-browser spellings (case, spaces, several lines)
// are allowed; different content is a mistake in the table.
func verdictMatchesRequest(v *verdict.Verdict, sent *http.Request) string {
	h := sent.Header
	if !v.Preflight || sent.Method != http.MethodOptions || len(h["Origin"]) == 0 || len(h["Access-Control-Request-Method"]) == 0 {
		return ""
	}
	if acrm := h["Access-Control-Request-Method"]; len(acrm) != 1 || fetchcheck.NormalizeMethod(acrm[0]) != fetchcheck.NormalizeMethod(v.Method) {
		return "ACRM " + strings.Join(acrm, "|") + " does not match the verdict's method " + v.Method
	}
	var names []string
	for _, n := range strings.Split(strings.Join(h["Access-Control-Request-Headers"], ","), ",") {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	if want := fetchcheck.UnsafeHeaderNames(fetchRequest(v)); !slices.Equal(names, want) {
		return "ACRH names " + strings.Join(names, ",") + " do not match the verdict's unsafe headers " + strings.Join(want, ",")
	}
	if pn := h["Access-Control-Request-Private-Network"]; (len(pn) == 1 && pn[0] == "true") != v.Private {
		return "ACRPN does not match the verdict's private-network flag"
	}
	return ""
}

// browserProblems judges got the way a browser would and compares with the
// case's expected verdict. Both the Fetch standard model and the Chromium
// model must agree with the expectation: the policy is enforced by what the
// middleware answers, never by a browser's leniency (authorization-explicit). A refused
// preflight from an allowed origin must fail on exactly the refused method,
// header or private-network permission, so that the console names it
// (preflight-partial-refusal); a denied origin must fail on the missing ACAO.
func browserProblems(v *verdict.Verdict, got response) []string {
	req := fetchRequest(v)
	resp := fetchcheck.Response{Status: got.status, Header: got.header}
	var p []string
	for _, m := range []struct {
		name  string
		model fetchcheck.Model
	}{{"Fetch", fetchcheck.Spec}, {"Chromium", fetchcheck.Chromium}} {
		var res fetchcheck.Result
		kind := "actual"
		if v.Preflight {
			kind = "preflight"
			res = m.model.CheckPreflight(req, resp)
		} else {
			res = m.model.CheckActual(req, resp)
		}
		if res.OK != v.OK {
			p = append(p, fmt.Sprintf("browser (%s model) %s verdict OK=%v, want %v: %s %s",
				m.name, kind, res.OK, v.OK, res.Error, res.Message))
			continue
		}
		if v.Preflight && !v.OK {
			if want := preflightFailure(got); want != nil && !want[res.Error] {
				p = append(p, fmt.Sprintf("browser (%s model) preflight fails with %s (%s), want one of %v: the console must name what was refused",
					m.name, res.Error, res.Detail, keys(want)))
			}
		}
	}
	if v.OK && !v.Preflight {
		for _, n := range v.Exposed {
			if !fetchcheck.CanRead(req, resp, n) {
				p = append(p, fmt.Sprintf("browser: script cannot read response header %s, want it exposed", n))
			}
		}
		for _, n := range v.Hidden {
			if fetchcheck.CanRead(req, resp, n) {
				p = append(p, fmt.Sprintf("browser: script can read response header %s, want it hidden", n))
			}
		}
	}
	return p
}

// preflightFailure is the set of acceptable browser errors for a failed
// preflight, from how the middleware answered: a 2xx with ACAO means the
// origin was allowed and something specific was refused; no ACAO means the
// origin was denied.
func preflightFailure(got response) map[string]bool {
	_, hasACAO := got.header[hACAO]
	switch {
	case !hasACAO:
		return map[string]bool{fetchcheck.PreflightMissingAllowOriginHeader: true}
	case got.status >= 200 && got.status <= 299:
		return map[string]bool{
			fetchcheck.MethodDisallowedByPreflightResponse: true,
			fetchcheck.HeaderDisallowedByPreflightResponse: true,
			fetchcheck.PreflightMissingAllowPrivateNetwork: true,
			fetchcheck.PreflightWildcardOriginNotAllowed:   true,
		}
	}
	return nil
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestJudge: the judge fails a response a browser would refuse, and a case
// whose request is not what the verdict's browser would send.
func TestJudge(t *testing.T) {
	v := &verdict.Verdict{Preflight: true, Origin: oApp, Method: "PUT", Headers: []string{"X-Custom"}, OK: true}
	sent := newRequest(http.MethodOptions, conformance.PathResource, hOrigin, oApp,
		"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-custom")
	good := http.Header{hACAO: {oApp}, "Access-Control-Allow-Methods": {"PUT"}, "Access-Control-Allow-Headers": {"x-custom"}}
	if p := judge(v, sent, http.StatusNoContent, good); len(p) != 0 {
		t.Errorf("judge fails an allowed preflight: %q", p)
	}
	if p := judge(v, sent, http.StatusNoContent, http.Header{}); len(p) == 0 {
		t.Error("judge passes a preflight answered without Access-Control-Allow-Origin")
	}
	other := newRequest(http.MethodOptions, conformance.PathResource, hOrigin, oApp, "Access-Control-Request-Method", "DELETE")
	if p := judge(v, other, http.StatusNoContent, good); len(p) == 0 {
		t.Error("judge passes a case whose request asks for another method than its verdict")
	}
}
