//go:build race

package bench

// raceEnabled reports whether the race detector is on: it changes
// allocation counts, so the allocation budgets are not checked then.
const raceEnabled = true
