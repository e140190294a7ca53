// Package middleware is a stub of echo v4's middleware for the analyzer's tests.
package middleware

import "github.com/labstack/echo/v4"

type Skipper func(c echo.Context) bool

type CORSConfig struct {
	Skipper                                  Skipper
	AllowOrigins                             []string
	AllowOriginFunc                          func(origin string) (bool, error)
	AllowMethods                             []string
	AllowHeaders                             []string
	AllowCredentials                         bool
	UnsafeWildcardOriginWithAllowCredentials bool
	ExposeHeaders                            []string
	MaxAge                                   int
}

var DefaultCORSConfig = CORSConfig{}

func CORS() echo.MiddlewareFunc                            { return nil }
func CORSWithConfig(config CORSConfig) echo.MiddlewareFunc { return nil }
func Recover() echo.MiddlewareFunc                         { return nil }
