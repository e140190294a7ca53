package fetchcheck

import "testing"

func TestModelsAreConstants(t *testing.T) {
	var zero Model
	if zero != Spec || Spec.String() != "Spec" || Chromium.String() != "Chromium" {
		t.Fatalf("zero model %v, Spec %v, Chromium %v", zero, Spec, Chromium)
	}
	if Spec.authorizationCoveredByWildcard() || !Chromium.authorizationCoveredByWildcard() {
		t.Fatal("only the Chromium model lets * cover Authorization")
	}
}

func TestMaxAgeCapsReturnsAFreshSlice(t *testing.T) {
	caps := MaxAgeCaps()
	caps[0].Seconds = 1
	if got := MaxAgeCaps(); got[0] != (MaxAgeCap{"Chromium", 7200}) || len(got) != 3 {
		t.Fatalf("MaxAgeCaps after a caller changed its copy: %+v", got)
	}
}
