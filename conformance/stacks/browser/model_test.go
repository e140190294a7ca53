package browser

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

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

// engineModels are the fetchcheck models of the engines.
var engineModels = map[string]fetchcheck.Model{"chromium": fetchcheck.Chromium, "firefox": fetchcheck.Firefox, "webkit": fetchcheck.WebKit}

// cacheEntry is a preflight-cache entry as the model sees it: made by an ok
// preflight for a request with or without credentials, at a time.
type cacheEntry struct {
	credentials bool
	resp        fetchcheck.Response
	at          time.Time
}

// checkModel holds the engine's fetchcheck model to what the engine did, on
// every step, from the responses the server really sent: the verdict (for
// Chromium also its error name and failed parameter, and fetchcheck.Spec
// agreeing except on scenarios where Chromium is known to be more lenient
// than the standard), the preflight the engine sent (and its ACRM/ACRH),
// whether it reused a cached preflight instead (Model.ReusesPreflight,
// Model.PreflightCacheSeconds), and which response headers the script
// could read.
func checkModel(t *testing.T, e *Engine, o Origins, r *result) {
	m := engineModels[e.Name]
	cur, last := map[string]int{}, map[string]*record{}
	entries := map[string][]cacheEntry{}
	specDiffers := false
	for i, st := range r.sc.Steps {
		uri := r.sc.PathOf(i) + "?" + r.query
		recs, _ := r.api.rec.forURI(uri)
		req := modelRequest(o, st)
		got := r.outcomes[i]
		where := fmt.Sprintf("step %d (%s %s from %s)", i, methodOr(st.Method), r.sc.PathOf(i), st.Page)

		// The preflight: did the model expect one, and the same ACRM/ACRH?
		preflighted := false
		if c := cur[uri]; c < len(recs) && recs[c].Method == http.MethodOptions {
			preflighted = true
			if !fetchcheck.NeedsPreflight(req) {
				t.Errorf("%s: %s preflighted, fetchcheck.NeedsPreflight says no", where, e.Name)
			}
			want := fetchcheck.PreflightHeaders(req)
			for _, k := range []string{"Access-Control-Request-Method", "Access-Control-Request-Headers"} {
				if g, w := strings.Join(recs[c].Req.Values(k), "|"), want.Get(k); g != w {
					t.Errorf("%s: %s sent %s %q, fetchcheck.PreflightHeaders says %q", where, e.Name, k, g, w)
				}
			}
		}
		if fetchcheck.NeedsPreflight(req) {
			// Reused or not: the model decides from the entries it has,
			// at the time the request reached the server.
			if c := cur[uri]; c < len(recs) {
				at := recs[c].At // the preflight or, when reused, the actual request
				reuse := false
				for _, en := range entries[uri] {
					live := at.Sub(en.at) < time.Duration(m.PreflightCacheSeconds(en.resp))*time.Second
					reuse = reuse || (live && m.ReusesPreflight(en.credentials, req.Credentials))
				}
				if reuse == preflighted {
					t.Errorf("%s: fetchcheck.%v predicts preflight reused=%v, %s reused=%v", where, m, reuse, e.Name, !preflighted)
				}
			}
		}

		c0, l0 := cur[uri], last[uri]
		c, l := c0, l0
		res, actual, err := modelVerdict(m, req, recs, &c, &l)
		if err != nil {
			t.Errorf("%s: %v", where, err)
			return
		}
		if preflighted && actual != nil { // the preflight passed
			pre := recs[c0]
			entries[uri] = append(entries[uri], cacheEntry{req.Credentials, fetchcheck.Response{Status: pre.Status, Header: pre.Header}, pre.At})
		}
		cur[uri], last[uri] = c, l
		if res.OK != got.Allowed || (m == fetchcheck.Chromium && (res.Error != string(got.CORSError) || res.Detail != got.FailedParameter)) {
			t.Errorf("%s: DISAGREEMENT fetchcheck.%v says ok=%v %s(%q), %s says %s", where, m, res.OK, res.Error, res.Detail, e.Name, got)
		}
		if m == fetchcheck.Chromium {
			sc, sl := c0, l0
			spec, _, _ := modelVerdict(fetchcheck.Spec, req, recs, &sc, &sl)
			if spec.OK != res.OK || spec.Error != res.Error || spec.Detail != res.Detail {
				specDiffers = true
				if !r.sc.ChromiumLenient {
					t.Errorf("%s: fetchcheck.Spec says ok=%v %s(%q), Chromium and fetchcheck.Chromium say ok=%v %s(%q)",
						where, spec.OK, spec.Error, spec.Detail, res.OK, res.Error, res.Detail)
				}
			}
		}

		// Readable response headers, for the names the server sent.
		if got.Allowed && actual != nil {
			resp := fetchcheck.Response{Status: actual.Status, Header: actual.Header}
			for name := range actual.Header {
				l := strings.ToLower(name)
				_, readable := got.Headers[l]
				if fetchcheck.CanRead(req, resp, name) != readable {
					t.Errorf("%s: header %s readable=%v in %s, fetchcheck.CanRead says %v", where, l, readable, e.Name, !readable)
				}
			}
		}
	}
	if m == fetchcheck.Chromium && r.sc.ChromiumLenient && !specDiffers {
		t.Errorf("scenario is marked ChromiumLenient but fetchcheck.Spec agrees with Chromium")
	}
}
