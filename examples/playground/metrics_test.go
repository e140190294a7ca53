package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
	"testing"
)

func counters(t *testing.T, pg *playground) map[string]int64 {
	t.Helper()
	var cs []counter
	if err := json.Unmarshal([]byte(do(t, "GET", pg.PageURL+"/playground/counters", nil).body), &cs); err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, c := range cs {
		out[c.Name+" "+attrKey(c)] = c.Value
	}
	return out
}

func candidateRequest(t *testing.T, pg *playground, method string, p *policyJSON) int {
	t.Helper()
	var body []byte
	if p != nil {
		body, _ = json.Marshal(p)
	}
	req, _ := http.NewRequest(method, pg.PageURL+"/playground/candidate", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestCountersAndCandidate: on every stack, each request the API receives
// is counted once (the recorder's own evaluation is not), a candidate set
// from the page reports its differences on the records and in the
// counters without changing the answers, and removing it stops them.
func TestCountersAndCandidate(t *testing.T) {
	for _, name := range sortedStacks() {
		t.Run(name, func(t *testing.T) {
			pg := startTest(t, name)
			preflight := map[string]string{"Origin": pg.PageURL, "Access-Control-Request-Method": "PUT"}

			do(t, "OPTIONS", pg.APIURL+apiPath+"?probe=p1", preflight)
			do(t, "GET", pg.APIURL+apiPath+"?probe=p2", map[string]string{"Origin": pg.OtherURL})
			if got, want := counters(t, pg), map[string]int64{
				"cors.decisions preflight allowed preflight-allowed ": 1,
				"cors.decisions actual denied origin-not-allowed ":    1,
			}; !maps.Equal(got, want) {
				t.Errorf("counters %v, want %v", got, want)
			}

			// A candidate without PUT: the next PUT preflight is still
			// allowed, and the difference is noted and counted.
			if code := candidateRequest(t, pg, "POST", &policyJSON{Origins: []string{pg.PageURL}, Methods: []string{"GET"}, Headers: []string{"X-Custom"}, Credentials: true}); code != 200 {
				t.Fatalf("setting the candidate: %d", code)
			}
			r := do(t, "OPTIONS", pg.APIURL+apiPath+"?probe=p3", preflight)
			if r.status/100 != 2 || r.header.Get("Access-Control-Allow-Methods") != "GET, POST, PUT" {
				t.Errorf("with a candidate: %d %v, want the live policy's answer", r.status, r.header)
			}
			recs := decisions(t, pg, "p3")
			if len(recs) != 1 || recs[0].ReportOnly != "denied: method-not-allowed" {
				t.Errorf("records with a candidate: %+v", recs)
			}
			if got := counters(t, pg)["cors.report_only.differences preflight  method-not-allowed "]; got != 1 {
				t.Errorf("differences counted: %d, want 1", got)
			}
			// A refused candidate is reported and leaves the one in force.
			if code := candidateRequest(t, pg, "POST", &policyJSON{Origins: []string{"*"}, Credentials: true}); code != http.StatusUnprocessableEntity {
				t.Errorf("a bad candidate: %d, want 422", code)
			}

			if code := candidateRequest(t, pg, "DELETE", nil); code != 200 {
				t.Fatalf("removing the candidate: %d", code)
			}
			do(t, "OPTIONS", pg.APIURL+apiPath+"?probe=p4", preflight)
			if recs := decisions(t, pg, "p4"); len(recs) != 1 || recs[0].ReportOnly != "" {
				t.Errorf("records after removal: %+v", recs)
			}
			got := counters(t, pg)
			if got["cors.report_only.differences preflight  method-not-allowed "] != 1 || got["cors.decisions preflight allowed preflight-allowed "] != 3 {
				t.Errorf("counters after removal: %v", got)
			}
		})
	}
}
