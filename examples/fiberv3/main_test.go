package main

import (
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v3"

	"github.com/originguard/cors/examples/internal/exampletest"
)

func TestExample(t *testing.T) {
	app := newApp()
	exampletest.Check(t, func(r *http.Request) *http.Response {
		res, err := app.Test(r, fiber.TestConfig{Timeout: 0})
		if err != nil {
			t.Fatal(err)
		}
		return res
	})
}
