package corsecho_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
	corsecho "github.com/originguard/cors/adapters/echo"
)

func TestBasic(t *testing.T) {
	e := echo.New()
	e.Use(corsecho.New(corsecho.Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"PUT"}}))
	e.GET("/x", func(c echo.Context) error { return c.String(200, "ok") })

	req := httptest.NewRequest("OPTIONS", "/x", nil)
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	w := httptest.NewRecorder()
	e.ServeHTTP(w, req)
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != "https://app.example" || w.Body.Len() != 0 {
		t.Fatalf("preflight: %d %v %q", w.Code, w.Header(), w.Body)
	}
}
