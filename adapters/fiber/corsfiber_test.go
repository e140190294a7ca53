package corsfiber_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
)

func TestBasic(t *testing.T) {
	app := fiber.New()
	app.Use(corsfiber.New(corsfiber.Config{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"PUT"}}))
	app.Get("/x", func(c *fiber.Ctx) error { return c.SendString("ok") })

	req := httptest.NewRequest("OPTIONS", "/x", nil)
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Access-Control-Request-Method", "PUT")
	res, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != "https://app.example" || len(body) != 0 {
		t.Fatalf("preflight: %d %v %q", res.StatusCode, res.Header, body)
	}
}
