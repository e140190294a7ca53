//go:build race

package corsfiber_test

// raceEnabled: under the race detector allocation counts are not
// meaningful.
const raceEnabled = true
