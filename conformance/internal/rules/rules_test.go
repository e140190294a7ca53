package rules

import "testing"

func TestCited(t *testing.T) {
	names := TestNames(t)
	for _, tc := range []struct {
		why  string
		want int // rules cited, or -1 for an error
	}{
		{why: "origin-byte-exact: ACAO echoes the origin", want: 1},
		{why: "scheme-and-port, origin-patterns: the pattern keeps its scheme", want: 2},
		{why: "no rule cited here", want: -1},
		{why: "no-such-rule: prose", want: -1},
		{why: "origin-byte-exact, : empty name", want: -1},
	} {
		got, err := Cited(tc.why, names)
		if (err != nil) != (tc.want < 0) || (err == nil && len(got) != tc.want) {
			t.Errorf("Cited(%q) = %v, %v; want %d rules", tc.why, got, err, tc.want)
		}
	}
}
