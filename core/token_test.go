package cors

import "testing"

// TestNormalizeMethod: Fetch upper-cases exactly DELETE, GET, HEAD,
// OPTIONS, POST and PUT, matched byte-case-insensitively; every other
// method, and a look-alike with a non-ASCII letter, is kept as it is.
func TestNormalizeMethod(t *testing.T) {
	for in, want := range map[string]string{
		"GET": "GET", "get": "GET", "Head": "HEAD", "post": "POST", "pUt": "PUT", "delete": "DELETE",
		"options": "OPTIONS", "PATCH": "PATCH", "patch": "patch", "MOVE": "MOVE", "move": "move",
		"PROPFIND": "PROPFIND", "": "", "po\u017ft": "po\u017ft", "GETS": "GETS", "GE": "GE",
	} {
		if got := normalizeMethod(in); got != want {
			t.Errorf("normalizeMethod(%q) = %q, want %q", in, got, want)
		}
	}
}
