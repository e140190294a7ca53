package browser

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/originguard/cors/corscheck/fetchcheck"
)

// modelRequest describes step st of a scenario to the Go browser model.
func modelRequest(o Origins, st Step) fetchcheck.Request {
	r := fetchcheck.Request{Origin: o.Of(st.Page), Method: methodOr(st.Method), Credentials: st.Credentials == "include"}
	for _, h := range st.Headers {
		r.Headers = append(r.Headers, fetchcheck.Header{Name: h.Name, Value: h.Value})
	}
	return r
}

// modelVerdict replays, for one step, the responses the server sent (read
// from the records in arrival order, starting at *cur) through model m, the
// way the browser met them: the preflight first, if one reached the server,
// then the actual response; when none reached the server, the browser used
// its HTTP cache, so the last response stored for the URL is judged. It
// returns the verdict and the actual response judged (nil when the
// preflight failed).
func modelVerdict(m fetchcheck.Model, req fetchcheck.Request, recs []record, cur *int, last **record) (fetchcheck.Result, *record, error) {
	if *cur < len(recs) && recs[*cur].Method == http.MethodOptions {
		pre := recs[*cur]
		*cur++
		if res := m.CheckPreflight(req, fetchcheck.Response{Status: pre.Status, Header: pre.Header}); !res.OK {
			return res, nil, nil
		}
	}
	var actual *record
	switch {
	case *cur < len(recs):
		actual = &recs[*cur]
		*cur++
		*last = actual
	case *last != nil:
		actual = *last
	default:
		return fetchcheck.Result{}, nil, fmt.Errorf("the server recorded no response for this step and none is cached")
	}
	return m.CheckActual(req, fetchcheck.Response{Status: actual.Status, Header: actual.Header}), actual, nil
}

// checkModel asserts that fetchcheck.Chromium gives Chromium's verdict,
// error name and failed parameter on every step, from the responses the
// server really sent; that fetchcheck.Spec does too, except on scenarios
// where Chromium is known to be more lenient than the standard; that the
// model predicts the preflight Chromium sent (and its ACRM/ACRH); and that
// it predicts which response headers the script could read.
func checkModel(t *testing.T, o Origins, r *result) {
	cur, last := map[string]int{}, map[string]*record{}
	specDiffers := false
	for i, st := range r.sc.Steps {
		uri := r.sc.PathOf(i) + "?" + r.query
		recs, _ := r.api.rec.forURI(uri)
		req := modelRequest(o, st)
		got := r.outcomes[i]
		where := fmt.Sprintf("step %d (%s %s from %s)", i, methodOr(st.Method), r.sc.PathOf(i), st.Page)

		// The preflight: did the model expect one, and the same ACRM/ACRH?
		if c := cur[uri]; c < len(recs) && recs[c].Method == http.MethodOptions {
			if !fetchcheck.NeedsPreflight(req) {
				t.Errorf("%s: Chromium preflighted, fetchcheck.NeedsPreflight says no", where)
			}
			want := fetchcheck.PreflightHeaders(req)
			for _, k := range []string{"Access-Control-Request-Method", "Access-Control-Request-Headers"} {
				if g, w := strings.Join(recs[c].Req.Values(k), "|"), want.Get(k); g != w {
					t.Errorf("%s: Chromium sent %s %q, fetchcheck.PreflightHeaders says %q", where, k, g, w)
				}
			}
		} else if _, cached := cur[uri]; fetchcheck.NeedsPreflight(req) && !cached {
			// (A URL fetched before may use the preflight cache.)
			t.Errorf("%s: fetchcheck.NeedsPreflight says yes, Chromium sent none", where)
		}

		c0, l0 := cur[uri], last[uri]
		c, l := c0, l0
		res, actual, err := modelVerdict(fetchcheck.Chromium, req, recs, &c, &l)
		if err != nil {
			t.Errorf("%s: %v", where, err)
			return
		}
		cur[uri], last[uri] = c, l
		if res.OK != got.Allowed || res.Error != string(got.CORSError) || res.Detail != got.FailedParameter {
			t.Errorf("%s: DISAGREEMENT fetchcheck.Chromium says ok=%v %s(%q), Chromium says %s", where, res.OK, res.Error, res.Detail, got)
		}
		sc, sl := c0, l0
		spec, _, _ := modelVerdict(fetchcheck.Spec, req, recs, &sc, &sl)
		if spec.OK != res.OK || spec.Error != res.Error || spec.Detail != res.Detail {
			specDiffers = true
			if !r.sc.ChromiumLenient {
				t.Errorf("%s: fetchcheck.Spec says ok=%v %s(%q), Chromium and fetchcheck.Chromium say ok=%v %s(%q)",
					where, spec.OK, spec.Error, spec.Detail, res.OK, res.Error, res.Detail)
			}
		}

		// Readable response headers, for the names the server sent.
		if got.Allowed && actual != nil {
			resp := fetchcheck.Response{Status: actual.Status, Header: actual.Header}
			for name := range actual.Header {
				l := strings.ToLower(name)
				_, readable := got.Headers[l]
				if fetchcheck.CanRead(req, resp, name) != readable {
					t.Errorf("%s: header %s readable=%v in Chromium, fetchcheck.CanRead says %v", where, l, readable, !readable)
				}
			}
		}
	}
	if r.sc.ChromiumLenient && !specDiffers {
		t.Errorf("scenario is marked ChromiumLenient but fetchcheck.Spec agrees with Chromium")
	}
}
