package load

import (
	"flag"
	"net"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	cors "github.com/originguard/cors/core"
	"github.com/originguard/cors/core/adapter"
)

var durationFlag = flag.Duration("load.duration", 0, "load duration per stack (default 3s, 1s with -race, 500ms with -short; env CORS_LOAD_DURATION)")

// loadDuration is the run time per stack, at most 30 s.
func loadDuration(t *testing.T) time.Duration {
	d := *durationFlag
	if env := os.Getenv("CORS_LOAD_DURATION"); d == 0 && env != "" {
		var err error
		if d, err = time.ParseDuration(env); err != nil {
			t.Fatalf("CORS_LOAD_DURATION=%q: %v", env, err)
		}
	}
	switch {
	case d > 0:
	case testing.Short():
		d = 500 * time.Millisecond
	case raceEnabled:
		d = time.Second
	default:
		d = 3 * time.Second
	}
	if d > 30*time.Second {
		t.Fatalf("load duration %v exceeds the 30s bound", d)
	}
	return d
}

// heapAlloc returns HeapAlloc after a full collection.
func heapAlloc() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// maxHeapGrowth bounds the growth of the live heap across a run: a leak of
// even a few hundred bytes per request exceeds it within a second of load.
const maxHeapGrowth = 8 << 20

func expectations(t *testing.T) [][2]Outcome {
	t.Helper()
	var out [][2]Outcome
	for _, p := range Mix() {
		a, err := Expected(ConfigA(), p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Expected(ConfigB(), p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, [2]Outcome{a, b})
	}
	return out
}

// probeIntent is what a probe of the mix is for: the decision each
// configuration is meant to give, and whether the two configurations must
// answer it differently (so a response from the wrong one is caught).
type probeIntent struct {
	a, b       cors.ReasonCode
	tellsApart bool
}

// intents keeps the load test from comparing against a degenerate mix.
// What the responses must be is the conformance suite's business.
var intents = map[string]probeIntent{
	"preflight shared PUT":            {a: cors.ReasonPreflightAllowed, b: cors.ReasonMethodNotAllowed, tellsApart: true},
	"actual shared GET":               {a: cors.ReasonOriginAllowed, b: cors.ReasonOriginAllowed, tellsApart: true}, // exposed headers differ
	"preflight a PUT":                 {a: cors.ReasonPreflightAllowed, b: cors.ReasonOriginNotAllowed, tellsApart: true},
	"actual a GET":                    {a: cors.ReasonOriginAllowed, b: cors.ReasonOriginNotAllowed, tellsApart: true},
	"preflight b DELETE":              {a: cors.ReasonOriginNotAllowed, b: cors.ReasonPreflightAllowed, tellsApart: true},
	"actual b POST":                   {a: cors.ReasonOriginNotAllowed, b: cors.ReasonOriginAllowed, tellsApart: true},
	"actual evil GET (denied)":        {a: cors.ReasonOriginNotAllowed, b: cors.ReasonOriginNotAllowed},
	"preflight evil PUT (denied)":     {a: cors.ReasonOriginNotAllowed, b: cors.ReasonOriginNotAllowed},
	"preflight shared refused header": {a: cors.ReasonHeaderNotAllowed, b: cors.ReasonHeaderNotAllowed},
	"not CORS":                        {a: cors.ReasonNotCORS, b: cors.ReasonNotCORS},
}

// TestExpectations checks the mix: every probe takes the path it is meant
// for under each configuration, and the probes meant to tell the
// configurations apart get different expected responses.
func TestExpectations(t *testing.T) {
	exp := expectations(t)
	for i, p := range Mix() {
		intent, ok := intents[p.Name]
		if !ok {
			t.Errorf("%s: no intent", p.Name)
			continue
		}
		r, err := p.NewRequest("http://load.test")
		if err != nil {
			t.Fatal(err)
		}
		for c, want := range map[string]struct {
			cfg  cors.Config
			code cors.ReasonCode
		}{"A": {ConfigA(), intent.a}, "B": {ConfigB(), intent.b}} {
			req := adapter.FromHTTP(r)
			if got := cors.MustNew(want.cfg).Evaluate(r.Context(), &req, nil).Reason.Code; got != want.code {
				t.Errorf("%s under config %s: %s, want %s", p.Name, c, got, want.code)
			}
		}
		if intent.tellsApart && exp[i][0] == exp[i][1] {
			t.Errorf("%s: configs A and B answer alike; the probe cannot tell them apart", p.Name)
		}
	}
}

// TestLoad runs every stack under the mixed load with a Reconfigure every
// 100 ms.
func TestLoad(t *testing.T) {
	d := loadDuration(t)
	exp := expectations(t)
	workers := 8
	if raceEnabled {
		workers = 4
	}
	for _, s := range Stacks() {
		t.Run(strings.ReplaceAll(s.Name, "/", "_"), func(t *testing.T) {
			p, err := cors.New(ConfigA())
			if err != nil {
				t.Fatal(err)
			}
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			stop := s.Start(p, ln)
			base := "http://" + ln.Addr().String()

			// Warm up (connections, framework pools) before measuring.
			warm := Run(Options{Base: base, Workers: workers, Duration: 100 * time.Millisecond, Expect: exp})
			if warm.Errors > 0 || warm.Mismatches > 0 || warm.OnlyB > 0 {
				t.Fatalf("warm-up under config A: %+v", warm)
			}
			before := heapAlloc()
			res := Run(Options{
				Base: base, Workers: workers, Duration: d, Expect: exp, Interval: 100 * time.Millisecond,
				Reconfigure: func(i int) error {
					if i%2 == 1 {
						return p.Reconfigure(ConfigB())
					}
					return p.Reconfigure(ConfigA())
				},
			})
			after := heapAlloc()
			if err := stop(); err != nil {
				t.Errorf("stopping the server: %v", err)
			}
			t.Logf("%s: %v, %d requests (%.0f/s), %d transport errors, %d mismatches, %d config-A-only / %d config-B-only responses, %d reconfigurations, HeapAlloc before %d KiB, after %d KiB",
				s.Name, d, res.Requests, float64(res.Requests)/d.Seconds(), res.Errors, res.Mismatches, res.OnlyA, res.OnlyB, res.Reconfigs, before>>10, after>>10)
			if res.Errors > 0 {
				t.Errorf("%d transport errors; first: %s", res.Errors, res.FirstError)
			}
			if res.Mismatches > 0 {
				t.Errorf("%d responses match neither configuration; first: %s", res.Mismatches, res.FirstMismatch)
			}
			if res.Requests == 0 {
				t.Fatal("no request was served")
			}
			if d >= 300*time.Millisecond && (res.OnlyA == 0 || res.OnlyB == 0 || res.Reconfigs == 0) {
				t.Errorf("both configurations should have been observed: A-only %d, B-only %d, reconfigurations %d", res.OnlyA, res.OnlyB, res.Reconfigs)
			}
			if after > before && after-before > maxHeapGrowth {
				t.Errorf("heap grew from %d to %d bytes over the run", before, after)
			}
		})
	}
}
