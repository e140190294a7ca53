package main

import (
	"strings"
	"testing"
)

func s(ns, allocs float64) sample {
	return sample{ns: stat{median: ns}, allocs: stat{median: allocs}}
}

func TestReadmeTableTargets(t *testing.T) {
	res := newResults(map[key]sample{
		{"2-actual-allowed", "nethttp", "none"}:    s(10, 0),
		{"2-actual-allowed", "nethttp", "floor"}:   s(110, 1),
		{"2-actual-allowed", "nethttp", "ours"}:    s(140, 1),
		{"2-actual-allowed", "nethttp", "rs-cors"}: s(410, 1),
		{"2-actual-allowed", "nethttp", "go-chi"}:  s(900, 5),
		// 1000 origins: 3× our 1-origin cost, and 2 allocs.
		{"9-1000-origins-hit", "nethttp", "none"}:    s(10, 0),
		{"9-1000-origins-hit", "nethttp", "floor"}:   s(110, 1),
		{"9-1000-origins-hit", "nethttp", "ours"}:    s(400, 2),
		{"9-1000-origins-hit", "nethttp", "rs-cors"}: s(8010, 1),
	}, false)
	out := res.readmeTable(options{rounds: 6, benchtime: "100ms"})
	for _, want := range []string{
		"| 2-actual-allowed | 130 (+1) | 100 (+1) | 1.30× | rs-cors | 400 (+1) | 0.33× |",
		"| 9-1000-origins-hit | 390 (+2) | 100 (+1) | 3.90× | rs-cors | 8000 (+1) | 0.05× |",
		"ours ≤ 0.7 × best peer's overhead: holds (2 of 2)",
		"ours ≤ 1.5 × floor's overhead: **missed 1 of 2** — nethttp/9-1000-origins-hit 3.90×",
		"**missed 1 of 2** — nethttp/9-1000-origins-hit +2 over none",
		"**missed 1 of 1** — nethttp/9-1000-origins-hit 3.00× of 2-actual-allowed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q\n%s", want, out)
		}
	}
}

func TestCompareScenario(t *testing.T) {
	got := newResults(map[key]sample{
		{"9b-x", "f", "none"}: {}, {"10-x", "f", "none"}: {}, {"2b-x", "f", "none"}: {},
		{"2-x", "f", "none"}: {}, {"9-x", "f", "none"}: {},
	}, false).scenarios
	if strings.Join(got, " ") != "2-x 2b-x 9-x 9b-x 10-x" {
		t.Errorf("order %v", got)
	}
}

func TestCPUMetric(t *testing.T) {
	mk := func(ns, cpu float64) sample { return sample{ns: stat{median: ns}, cpu: stat{median: cpu}} }
	res := newResults(map[key]sample{
		{"1-no-origin", "nethttp", "none"}: mk(20, 10),
		{"1-no-origin", "nethttp", "ours"}: mk(500, 60),
	}, true)
	if d := res.delta("1-no-origin", "nethttp", "ours", "none"); d.ns != 50 {
		t.Errorf("cpu delta = %v, want 50", d.ns)
	}
	res.cpu = false
	if d := res.delta("1-no-origin", "nethttp", "ours", "none"); d.ns != 480 {
		t.Errorf("wall delta = %v, want 480", d.ns)
	}
}
