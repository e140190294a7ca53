package fetchcheck

import (
	"net/http"
	"testing"
)

func TestFetchError(t *testing.T) {
	for m, want := range map[Model]string{
		Spec:     "TypeError: Failed to fetch",
		Chromium: "TypeError: Failed to fetch",
		Firefox:  "TypeError: NetworkError when attempting to fetch resource.",
		WebKit:   "TypeError: Load failed",
	} {
		if got := m.FetchError(); got != want {
			t.Errorf("%v.FetchError() = %q, want %q", m, got, want)
		}
	}
}

func TestPreflightCacheSeconds(t *testing.T) {
	maxAge := func(v ...string) Response {
		h := http.Header{}
		for _, s := range v {
			h.Add(HeaderMaxAge, s)
		}
		return Response{Status: http.StatusNoContent, Header: h}
	}
	for _, c := range []struct {
		resp                            Response
		spec, chromium, firefox, webkit int
	}{
		{maxAge(), 5, 5, 5, 5},
		{maxAge("0"), 0, 0, 0, 0},
		{maxAge("3"), 3, 3, 3, 3},
		{maxAge("600"), 600, 600, 600, 600},
		{maxAge("-1"), 5, 0, 0, 0},
		{maxAge("-"), 5, 5, 5, 5},
		{maxAge("1.5"), 5, 5, 5, 5},
		{maxAge("7201"), 7201, 7200, 7201, 600},
		{maxAge("100000"), 100000, 7200, 86400, 600},
		{maxAge("5", "5"), 5, 5, 5, 5},
	} {
		for m, want := range map[Model]int{Spec: c.spec, Chromium: c.chromium, Firefox: c.firefox, WebKit: c.webkit} {
			if got := m.PreflightCacheSeconds(c.resp); got != want {
				t.Errorf("%v.PreflightCacheSeconds(ACMA %q) = %d, want %d", m, c.resp.Header.Values(HeaderMaxAge), got, want)
			}
		}
	}
}

func TestReusesPreflight(t *testing.T) {
	type key struct{ entry, request bool }
	standard := map[key]bool{{true, true}: true, {true, false}: true, {false, false}: true, {false, true}: false}
	for _, m := range []Model{Spec, Chromium, Firefox, WebKit} {
		for k, want := range standard {
			if m == Firefox && k == (key{true, false}) {
				want = false // keyed on the credentials mode
			}
			if got := m.ReusesPreflight(k.entry, k.request); got != want {
				t.Errorf("%v.ReusesPreflight(entry credentialed %v, request credentialed %v) = %v, want %v", m, k.entry, k.request, got, want)
			}
		}
	}
}

func TestSendsCrossSiteCookies(t *testing.T) {
	for _, m := range []Model{Spec, Chromium, Firefox, WebKit} {
		if got := m.SendsCrossSiteCookies(); got != (m == WebKit) {
			t.Errorf("%v.SendsCrossSiteCookies() = %v", m, got)
		}
	}
	if e := Engines(); len(e) != 3 || e[0] != Chromium || e[1] != Firefox || e[2] != WebKit {
		t.Errorf("Engines() = %v", e)
	}
}
