// Package middleware is a stub of echo v5's middleware for the analyzer's tests.
package middleware

import "github.com/labstack/echo/v5"

type Skipper func(c *echo.Context) bool

type CORSConfig struct {
	Skipper               Skipper
	AllowOrigins          []string
	UnsafeAllowOriginFunc func(c *echo.Context, origin string) (allowedOrigin string, allowed bool, err error)
	AllowMethods          []string
	AllowHeaders          []string
	AllowCredentials      bool
	ExposeHeaders         []string
	MaxAge                int
}

func CORS(allowOrigins ...string) echo.MiddlewareFunc      { return nil }
func CORSWithConfig(config CORSConfig) echo.MiddlewareFunc { return nil }
func Recover() echo.MiddlewareFunc                         { return nil }
