// Package echov4 serves echo v4 CORS configurations, one per entry of Servers.
package echov4

import (
	"net"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func serve(ln net.Listener, mw echo.MiddlewareFunc) error {
	e := echo.New()
	e.Use(middleware.Recover())
	e.Use(mw)
	e.Any("/", func(c echo.Context) error {
		c.Response().Header().Set("X-Total", "1")
		return c.String(http.StatusOK, "ok")
	})
	return http.Serve(ln, e)
}

// Servers serves each configuration on a listener.
var Servers = map[string]func(net.Listener) error{
	"cors": func(ln net.Listener) error {
		return serve(ln, middleware.CORS())
	},
	"originfunc": func(ln net.Listener) error {
		return serve(ln, middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOriginFunc: func(origin string) (bool, error) { return origin == "https://sub.app.example", nil },
		}))
	},
	"credentials": func(ln net.Listener) error {
		return serve(ln, middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins:     []string{"https://app.example", "https://sub.app.example"},
			AllowMethods:     []string{"GET", "PUT"},
			AllowHeaders:     []string{"X-Token"},
			ExposeHeaders:    []string{"X-Total"},
			AllowCredentials: true,
			MaxAge:           60,
		}))
	},
}
