//go:build race

package corsecho_test

// raceEnabled: the race detector makes sync.Pool drop objects at random,
// so allocation counts are not meaningful.
const raceEnabled = true
