package bench

import (
	"strings"
	"testing"
)

// TestNoSharedHeaderSlices proves that mutating a response header value in
// place cannot change a later response of our stacks (design rule 10).
// rs/cors and gin-contrib/cors are known to share slices; they serve as
// positive controls, so the check itself is shown to detect the defect.
func TestNoSharedHeaderSlices(t *testing.T) {
	results, err := sharedSliceResults()
	if err != nil {
		t.Fatal(err)
	}
	mustLeak := map[string]bool{libRS: true, libRSGin: true, libRSEcho: true, libGinContrib: true}
	seen := map[string]bool{}
	for _, r := range results {
		name := r.fw + "/" + r.lib
		seen[r.lib] = true
		switch {
		case r.lib == libOurs || r.lib == libFloor || r.lib == libMinimal:
			for l, hs := range r.leaks {
				t.Errorf("%s, %s (%s): the next response carries the poisoned %s", name, l.scenario, l.when, strings.Join(hs, ", "))
			}
		case mustLeak[r.lib]:
			// Positive control: both ways of poisoning must catch it.
			for _, when := range []string{inHandler, afterResponse} {
				found := false
				for l := range r.leaks {
					found = found || l.when == when
				}
				if !found {
					t.Errorf("%s: expected to share header slices (positive control), but poisoning %q detected nothing", name, when)
				}
			}
		case len(r.leaks) > 0:
			t.Logf("%s shares header slices in %d scenarios", name, len(r.leaks))
		}
	}
	for lib := range mustLeak {
		if !seen[lib] {
			t.Errorf("positive control %s was not run", lib)
		}
	}
	if !seen[libOurs] {
		t.Error("our stacks were not run")
	}
}
