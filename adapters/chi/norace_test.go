//go:build !race

package corschi_test

const raceEnabled = false
