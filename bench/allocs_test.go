package bench

import (
	"fmt"
	"testing"
)

// allocBudget is the number of allocations per request our middleware may
// add over the framework's baseline.
var allocBudget = map[string]struct {
	base  string
	extra float64
}{
	"nethttp": {libNone, 1},
	"chi":     {libNone, 1},
	"gin":     {libNone, 1},
	// echo v4 rebuilds its middleware chain per request, so every
	// middleware mounted with e.Use costs one closure; the budget is one
	// allocation over a middleware that does nothing.
	"echo":  {libNoop, 1},
	"fiber": {libNone, 0},
	// echo v5 composes its chain once: a no-op middleware costs nothing,
	// and the budget is still one over it.
	"echov5":  {libNoop, 1},
	"fiberv3": {libNone, 0},
}

func allocsPerRequest(t *testing.T, fw framework, lib string, sc scenario) float64 {
	t.Helper()
	st, err := buildStack(fw, lib, sc)
	if err != nil {
		t.Fatal(err)
	}
	x := newExchange(st, sc)
	return testing.AllocsPerRun(50, x.serve)
}

// TestAllocBudgets checks our allocation targets on every benchmarked
// scenario and framework, and reports the floor's count alongside.
func TestAllocBudgets(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	for _, sc := range scenarios() {
		if !sc.benchmarked {
			continue
		}
		for _, fw := range frameworks() {
			budget, ok := allocBudget[fw.name]
			if !ok {
				t.Fatalf("no allocation budget for %s", fw.name)
			}
			t.Run(fmt.Sprintf("%s/%s", sc.name, fw.name), func(t *testing.T) {
				base := allocsPerRequest(t, fw, budget.base, sc)
				ours := allocsPerRequest(t, fw, libOurs, sc)
				if ours-base > budget.extra {
					floor := allocsPerRequest(t, fw, libFloor, sc)
					t.Errorf("ours %v allocs/op, %s %v: +%v over the budget of +%v (floor %v)",
						ours, budget.base, base, ours-base, budget.extra, floor)
				}
			})
		}
	}
}
