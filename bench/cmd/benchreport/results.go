package main

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Library names with a special role in the harness.
const (
	libNone    = "none"
	libNoop    = "noop-mw"
	libFloor   = "floor"
	libMinimal = "minimal"
	libOurs    = "ours"
)

// frameworkOrder is the order of the tables.
var frameworkOrder = []string{"nethttp", "chi", "gin", "echo", "echov5", "fiber", "fiberv3"}

// results indexes the benchstat medians.
type results struct {
	s         map[key]sample
	cpu       bool // compare cpu-ns/op instead of wall-clock ns/op
	scenarios []string
	libs      map[string][]string // per framework, special ones first
}

func newResults(s map[key]sample, cpu bool) *results {
	r := &results{s: s, cpu: cpu, libs: map[string][]string{}}
	for k := range s {
		r.scenarios = append(r.scenarios, k.sc)
		r.libs[k.fw] = append(r.libs[k.fw], k.lib)
	}
	slices.SortFunc(r.scenarios, compareScenario)
	r.scenarios = slices.Compact(r.scenarios)
	for fw, libs := range r.libs {
		slices.SortFunc(libs, func(a, b string) int {
			return cmp.Or(cmp.Compare(libRank(a), libRank(b)), cmp.Compare(a, b))
		})
		r.libs[fw] = slices.Compact(libs)
	}
	return r
}

func libRank(lib string) int {
	switch lib {
	case libNone:
		return 0
	case libNoop:
		return 1
	case libFloor:
		return 2
	case libMinimal:
		return 3
	case libOurs:
		return 4
	}
	return 5
}

func isPeer(lib string) bool { return libRank(lib) == 5 }

// compareScenario orders "2-…" before "2b-…" before "10-…".
func compareScenario(a, b string) int {
	na, ra := leadingNumber(a)
	nb, rb := leadingNumber(b)
	return cmp.Or(cmp.Compare(na, nb), cmp.Compare(ra, rb))
}

func leadingNumber(s string) (int, string) {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil {
		return 1 << 30, s
	}
	return n, s[i:]
}

// frameworks returns the measured frameworks in table order.
func (r *results) frameworks() []string {
	var out []string
	for _, fw := range frameworkOrder {
		if len(r.libs[fw]) > 0 {
			out = append(out, fw)
		}
	}
	for fw := range r.libs {
		if !slices.Contains(frameworkOrder, fw) {
			out = append(out, fw)
		}
	}
	return out
}

// get returns the sample of one benchmark.
func (r *results) get(sc, fw, lib string) (sample, bool) {
	s, ok := r.s[key{sc, fw, lib}]
	return s, ok
}

// delta is a library's overhead over the framework's bare router.
type delta struct {
	ns, bytes, allocs float64
	ok                bool
}

func (r *results) delta(sc, fw, lib, base string) delta {
	s, ok1 := r.get(sc, fw, lib)
	b, ok2 := r.get(sc, fw, base)
	if !ok1 || !ok2 {
		return delta{}
	}
	return delta{r.time(s) - r.time(b), s.bytes.median - b.bytes.median, s.allocs.median - b.allocs.median, true}
}

// time is the compared time metric of a sample.
func (r *results) time(s sample) float64 {
	if r.cpu {
		return s.cpu.median
	}
	return s.ns.median
}

// metricName names the compared time metric.
func (r *results) metricName() string {
	if r.cpu {
		return "CPU ns/op (process CPU time per request, garbage collector included)"
	}
	return "wall-clock ns/op"
}

// bestPeer returns the peer with the lowest overhead on sc and fw.
func (r *results) bestPeer(sc, fw string) (string, delta) {
	best, bd := "", delta{}
	for _, lib := range r.libs[fw] {
		if !isPeer(lib) {
			continue
		}
		d := r.delta(sc, fw, lib, libNone)
		if d.ok && (!bd.ok || d.ns < bd.ns) {
			best, bd = lib, d
		}
	}
	return best, bd
}

// fmtNs prints a duration in ns with a unit suited to its size.
func fmtNs(ns float64) string {
	a := ns
	if a < 0 {
		a = -a
	}
	switch {
	case a >= 1e6:
		return strconv.FormatFloat(ns/1e6, 'f', 1, 64) + "ms"
	case a >= 1e4:
		return strconv.FormatFloat(ns/1e3, 'f', 1, 64) + "µs"
	}
	return strconv.FormatFloat(ns, 'f', 0, 64)
}

// fmtCount prints an allocation or byte count.
func fmtCount(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func fmtSigned(v float64) string {
	if v >= 0 {
		return "+" + fmtCount(v)
	}
	return fmtCount(v)
}

// minDenominator is the smallest overhead (ns) a ratio is computed
// against: below it the difference of two medians is noise.
const minDenominator = 5

// ratio formats a/b, or n/a when b is too small to divide by.
func ratio(a, b float64) (string, float64, bool) {
	if b < minDenominator {
		return "n/a", 0, false
	}
	q := a / b
	return strconv.FormatFloat(q, 'f', 2, 64) + "×", q, true
}

func escape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
