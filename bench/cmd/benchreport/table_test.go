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
		{"2-actual-allowed", "nethttp", "minimal"}: s(115, 1),
		{"2-actual-allowed", "nethttp", "rs-cors"}: s(410, 1),
		{"2-actual-allowed", "nethttp", "go-chi"}:  s(900, 5),
		// 1000 origins: 3× our 1-origin cost, and 2 allocs.
		{"9-1000-origins-hit", "nethttp", "none"}:    s(10, 0),
		{"9-1000-origins-hit", "nethttp", "floor"}:   s(110, 1),
		{"9-1000-origins-hit", "nethttp", "ours"}:    s(400, 2),
		{"9-1000-origins-hit", "nethttp", "minimal"}: s(145, 1),
		{"9-1000-origins-hit", "nethttp", "rs-cors"}: s(8010, 1),
	}, false)
	out := res.readmeTable(options{rounds: 6, benchtime: "100ms"})
	for _, want := range []string{
		"| 2-actual-allowed | 130 (+1) | 100 (+1) | 1.30× | 105 (+1) | 25 | rs-cors | 400 (+1) | 0.33× |",
		"| 9-1000-origins-hit | 390 (+2) | 100 (+1) | 3.90× | 135 (+1) | 255 | rs-cors | 8000 (+1) | 0.05× |",
		"| scenario | nethttp |\n|---|---:|\n| 2-actual-allowed | 25 |\n| 9-1000-origins-hit | 255 |\n",
		"Over 2 cells: median 140 ns, largest 255 ns (nethttp/9-1000-origins-hit).",
		"ours − minimal: median ≤ 30 ns over all cells: **missed 1 of 1** — median 140 ns",
		"ours − minimal ≤ 80 ns in every cell: **missed 1 of 2** — nethttp/9-1000-origins-hit 255",
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

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		v    []float64
		want float64
	}{{nil, 0}, {[]float64{3}, 3}, {[]float64{9, 1, 5}, 5}, {[]float64{4, 1, 10, 2}, 3}} {
		if got := median(c.v); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.v, got, c.want)
		}
	}
}

func TestExcessHoldsWithoutMinimal(t *testing.T) {
	res := newResults(map[key]sample{
		{"1-no-origin", "nethttp", "none"}: s(10, 0),
		{"1-no-origin", "nethttp", "ours"}: s(50, 1),
	}, false)
	out := res.readmeTable(options{rounds: 1, benchtime: "1ms"})
	if strings.Contains(out, "#### ours − minimal") || strings.Contains(out, "ours − minimal: median") {
		t.Errorf("a run without the minimal middleware reports its targets:\n%s", out)
	}
}
