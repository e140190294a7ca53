// Package ascii compares HTTP field names and tokens.
package ascii

// EqualFold compares ASCII case-insensitively, as HTTP field names and
// tokens are compared. It is kept for correctness, not speed:
// strings.EqualFold also folds non-ASCII letters onto ASCII ones (the Kelvin
// sign matches "k"), and measured as fast or faster on
// BenchmarkEvaluate/preflight-allowed (medians of 20 alternated runs).
func EqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
