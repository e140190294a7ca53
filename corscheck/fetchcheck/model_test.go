package fetchcheck

import "testing"

func TestModelsAreConstants(t *testing.T) {
	var zero Model
	if zero != Spec || Spec.String() != "Spec" || Chromium.String() != "Chromium" {
		t.Fatalf("zero model %v, Spec %v, Chromium %v", zero, Spec, Chromium)
	}
	if Firefox.String() != "Firefox" || WebKit.String() != "WebKit" {
		t.Fatalf("Firefox %v, WebKit %v", Firefox, WebKit)
	}
	if Spec.authorizationCoveredByWildcard() {
		t.Fatal("the Spec model lets * cover Authorization")
	}
	for _, m := range Engines() {
		if !m.authorizationCoveredByWildcard() {
			t.Fatalf("the %v model does not let * cover Authorization", m)
		}
	}
}

func TestMaxAgeCapsReturnsAFreshSlice(t *testing.T) {
	caps := MaxAgeCaps()
	caps[0].Seconds = 1
	if got := MaxAgeCaps(); got[0] != (MaxAgeCap{"Chromium", 7200}) || len(got) != 3 {
		t.Fatalf("MaxAgeCaps after a caller changed its copy: %+v", got)
	}
}
