package conformance

import (
	"fmt"

	"github.com/originguard/cors/corscheck/fetchcheck"
)

// fetchRequest is the fetch a browser made for v. Each author header gets
// the value "1", which is never CORS-safelisted for the names the cases use
// except where noted, so every name is a CORS-unsafe one.
func (v *verdict) fetchRequest() fetchcheck.Request {
	r := fetchcheck.Request{Origin: v.origin, Method: v.method, Credentials: v.credentials, PrivateNetwork: v.private}
	for _, n := range v.headers {
		r.Headers = append(r.Headers, fetchcheck.Header{Name: n, Value: "1"})
	}
	return r
}

// browserProblems judges got the way a browser would and compares with the
// case's expected verdict. Both the Fetch standard model and the Chromium
// model must agree with the expectation: the policy is enforced by what the
// middleware answers, never by a browser's leniency (authorization-explicit). A refused
// preflight from an allowed origin must fail on exactly the refused method,
// header or private-network permission, so that the console names it
// (preflight-partial-refusal); a denied origin must fail on the missing ACAO.
func browserProblems(v *verdict, got response) []string {
	req := v.fetchRequest()
	resp := fetchcheck.Response{Status: got.status, Header: got.header}
	var p []string
	for _, m := range []struct {
		name  string
		model fetchcheck.Model
	}{{"Fetch", fetchcheck.Spec}, {"Chromium", fetchcheck.Chromium}} {
		var res fetchcheck.Result
		kind := "actual"
		if v.preflight {
			kind = "preflight"
			res = m.model.CheckPreflight(req, resp)
		} else {
			res = m.model.CheckActual(req, resp)
		}
		if res.OK != v.ok {
			p = append(p, fmt.Sprintf("browser (%s model) %s verdict OK=%v, want %v: %s %s",
				m.name, kind, res.OK, v.ok, res.Error, res.Message))
			continue
		}
		if v.preflight && !v.ok {
			if want := preflightFailure(got); want != nil && !want[res.Error] {
				p = append(p, fmt.Sprintf("browser (%s model) preflight fails with %s (%s), want one of %v: the console must name what was refused",
					m.name, res.Error, res.Detail, keys(want)))
			}
		}
	}
	if v.ok && !v.preflight {
		for _, n := range v.exposed {
			if !fetchcheck.CanRead(req, resp, n) {
				p = append(p, fmt.Sprintf("browser: script cannot read response header %s, want it exposed", n))
			}
		}
		for _, n := range v.hidden {
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
