package conformance

import (
	"net/http/httptest"
	"testing"
)

func TestDbg(t *testing.T) {
	p, err := pScoped.build()
	if err != nil { t.Fatal(err) }
	for _, h := range []Harness{FiberV3()} {
		app := h.Mount(p)
		r := httptest.NewRequest("GET", "/g/r", nil)
		r.Host = "api.example"
		r.Header.Set("Origin", "https://evil.example")
		w := httptest.NewRecorder()
		app.ServeHTTP(w, r)
		t.Logf("%s %d %v", h.Name, w.Code, w.Header())
	}
}
