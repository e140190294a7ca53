package corschi_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"
	corschi "github.com/originguard/cors/adapters/chi"
)

func TestBasic(t *testing.T) {
	r := chi.NewRouter()
	r.Use(corschi.New(corschi.Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"PUT"}}))
	r.Get("/x", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })

	req := httptest.NewRequest("OPTIONS", "/x", nil)
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != "https://app.example" || w.Body.Len() != 0 {
		t.Fatalf("preflight: %d %v %q", w.Code, w.Header(), w.Body)
	}
}
