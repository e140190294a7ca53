//go:build !race

package corsfiber_test

const raceEnabled = false
