// Package cors is a stub of fiber v3's cors middleware for the analyzer's tests.
package cors

import "github.com/gofiber/fiber/v3"

type Config struct {
	Next                  func(c fiber.Ctx) bool
	AllowOriginsFunc      func(origin string) bool
	AllowOrigins          []string
	AllowMethods          []string
	AllowHeaders          []string
	ExposeHeaders         []string
	MaxAge                int
	DisableValueRedaction bool
	AllowCredentials      bool
	AllowPrivateNetwork   bool
}

func New(config ...Config) fiber.Handler { return nil }
