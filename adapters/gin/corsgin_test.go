package corsgin_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
)

func init() { gin.SetMode(gin.ReleaseMode) }

func TestBasic(t *testing.T) {
	r := gin.New()
	r.Use(corsgin.New(corsgin.Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"PUT"}}))
	r.GET("/x", func(c *gin.Context) { c.String(200, "ok") })

	req := httptest.NewRequest("OPTIONS", "/x", nil)
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") != "https://app.example" || w.Body.Len() != 0 {
		t.Fatalf("preflight: %d %v %q", w.Code, w.Header(), w.Body)
	}
}
