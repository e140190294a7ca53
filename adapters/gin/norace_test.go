//go:build !race

package corsgin_test

const raceEnabled = false
