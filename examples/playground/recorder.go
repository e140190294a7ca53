package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

// record is one CORS decision the API took, as the page shows it.
type record struct {
	Kind    string `json:"kind"` // "not-cors", "actual" or "preflight"
	Method  string `json:"method"`
	Path    string `json:"path"`
	Origin  string `json:"origin"`
	Allowed bool   `json:"allowed"`
	Reason  string `json:"reason"` // cors.Reason in words
	Status  int    `json:"status"` // the status the middleware answered with, 0 when the app answered
	// ReportOnly is, when the report-only policy would have answered
	// differently, its decision in words ("denied: method not allowed").
	ReportOnly string `json:"reportOnly,omitempty"`
}

// maxProbes bounds the memory of the recorder.
const maxProbes = 512

// recorder keeps the decisions taken for requests that carry a ?probe=
// query parameter, so that the page can ask why its requests were allowed
// or refused. It re-evaluates each request with the same policy the
// middleware uses; Evaluate is pure, so both see the same decision.
type recorder struct {
	out io.Writer

	mu      sync.Mutex
	byProbe map[string][]record
	order   []string // probes, oldest first
}

func newRecorder(out io.Writer) *recorder {
	return &recorder{out: out, byProbe: make(map[string][]record)}
}

// observe evaluates req with p and records the decision under probe. Its
// context tells the policy's observer not to count this evaluation, and
// receives the report-only difference, if any.
func (rec *recorder) observe(p *cors.Policy, req adapter.Request, path, probe string) {
	note := &recorderNote{}
	d := p.Evaluate(context.WithValue(context.Background(), recorderKey{}, note), &req, nil)
	r := record{
		Kind:    d.Kind.String(),
		Method:  req.Method,
		Path:    path,
		Allowed: d.Allowed,
		Reason:  d.Reason.String(),
	}
	if origin := req.Lines(adapter.Origin); len(origin) > 0 {
		r.Origin = origin[0]
	}
	if d.Respond {
		r.Status = d.Status
	}
	if c := note.reportOnly; c != nil {
		r.ReportOnly = "allowed: " + c.Reason.Code.String()
		if !c.Allowed {
			r.ReportOnly = "denied: " + c.Reason.Code.String()
		}
	}
	verdict := "allowed"
	if !d.Allowed {
		verdict = "DENIED"
	}
	fmt.Fprintf(rec.out, "%-9s %-7s %-12s origin=%-24q %s: %s\n", r.Kind, r.Method, path, r.Origin, verdict, r.Reason)
	if probe == "" || len(probe) > 64 {
		return
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if _, seen := rec.byProbe[probe]; !seen {
		if len(rec.order) == maxProbes {
			delete(rec.byProbe, rec.order[0])
			rec.order = rec.order[1:]
		}
		rec.order = append(rec.order, probe)
	}
	rec.byProbe[probe] = append(rec.byProbe[probe], r)
}

// decisions returns a copy of the records of probe, oldest first.
func (rec *recorder) decisions(probe string) []record {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]record{}, rec.byProbe[probe]...)
}

// wrap records every request, then passes it to next unchanged. Put it
// outside the whole stack so that it sees what the CORS middleware sees.
func (rec *recorder) wrap(p *cors.Policy, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.observe(p, adapter.FromHTTP(r), r.URL.Path, r.URL.Query().Get("probe"))
		next.ServeHTTP(w, r)
	})
}
