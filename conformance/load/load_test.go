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

// TestExpectations pins the oracle to the behaviour docs/behaviour.md describes, so
// that the load test does not compare against a degenerate model.
func TestExpectations(t *testing.T) {
	exp := expectations(t)
	byName := map[string][2]Outcome{}
	for i, p := range Mix() {
		byName[p.Name] = exp[i]
	}
	check := func(probe string, cfg int, status int, appRan bool, contains ...string) {
		t.Helper()
		o := byName[probe][cfg]
		if o.Status != status || o.AppRan != appRan {
			t.Errorf("%s under config %c: %v, want status %d, app ran %v", probe, 'A'+cfg, o, status, appRan)
		}
		for _, c := range contains {
			if !strings.Contains(o.Headers, c) {
				t.Errorf("%s under config %c: headers\n%s\nlack %q", probe, 'A'+cfg, o.Headers, c)
			}
		}
		if len(contains) == 0 && (strings.HasPrefix(o.Headers, "Access-Control-") || strings.Contains(o.Headers, "\nAccess-Control-")) {
			t.Errorf("%s under config %c: unexpected CORS headers\n%s", probe, 'A'+cfg, o.Headers)
		}
	}
	check("preflight shared PUT", 0, 204, false, "Access-Control-Allow-Origin: https://x.shared.example", "Access-Control-Max-Age: 60", "Access-Control-Allow-Methods: GET, PUT")
	check("preflight shared PUT", 1, 204, false, "Access-Control-Allow-Origin: https://x.shared.example", "Access-Control-Max-Age: 120", "Access-Control-Allow-Methods: GET, DELETE")
	check("actual shared GET", 0, 200, true, "Access-Control-Expose-Headers: X-A")
	check("actual shared GET", 1, 200, true, "Access-Control-Expose-Headers: X-B")
	check("preflight a PUT", 0, 204, false, "Access-Control-Allow-Origin: https://a.example", "Access-Control-Allow-Credentials: true")
	check("preflight a PUT", 1, 403, false)
	check("actual a GET", 1, 200, true)
	check("preflight b DELETE", 0, 403, false)
	check("preflight b DELETE", 1, 204, false, "Access-Control-Allow-Origin: https://b.example")
	check("actual evil GET (denied)", 0, 200, true)
	check("preflight evil PUT (denied)", 1, 403, false)
	check("preflight shared refused header", 0, 204, false, "Access-Control-Allow-Headers: x-token")
	check("not CORS", 0, 200, true)
	// The probes that tell the configurations apart must do so.
	for _, name := range []string{"preflight shared PUT", "actual shared GET", "preflight a PUT", "actual a GET", "preflight b DELETE", "actual b POST"} {
		if e := byName[name]; e[0] == e[1] {
			t.Errorf("%s: configs A and B answer alike; the probe cannot tell them apart", name)
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
