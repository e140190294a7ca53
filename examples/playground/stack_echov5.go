package main

import (
	"net/http"

	"github.com/labstack/echo/v5"
	corsecho "github.com/originguard/cors/adapters/echov5"
	cors "github.com/originguard/cors/core"
)

// echoV5Stack serves the API with echo v5; the middleware is mounted with
// e.Use.
func echoV5Stack(p *cors.Policy, rec *recorder, name string) apiServer {
	e := echo.New()
	e.Use(corsecho.Middleware(p))
	for _, m := range apiMethods {
		e.Add(m, apiPath, func(c *echo.Context) error {
			_, err := c.Cookie(cookieName)
			apiHeaders(c.Response().Header(), name)
			return c.JSON(http.StatusOK, reply{Stack: name, Method: c.Request().Method, Cookie: err == nil, Custom: c.Request().Header.Get("X-Custom")})
		})
	}
	return newHTTPServer(rec.wrap(p, e))
}
