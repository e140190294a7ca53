package bench

import (
	"net/http"

	"github.com/labstack/echo/v5"
	corsecho "github.com/originguard/cors/adapters/echov5"
	cors "github.com/originguard/cors/core"
)

// buildEchoV5 mounts the middleware with e.Use on echo v5.
func buildEchoV5(lib string, s settings, y refs, a *app) (stack, error) {
	var mw echo.MiddlewareFunc
	switch lib {
	case libNone:
	case libNoop:
		// echo v5 composes the middleware chain once, when it is
		// registered; this stack shows what a middleware that does nothing
		// costs per request (no allocation, unlike echo v4).
		mw = func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error { return next(c) }
		}
	case libFloor:
		mw = func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				y.floor.writeHTTP(c.Response().Header())
				if y.floor.respond {
					return c.NoContent(y.floor.status)
				}
				return next(c)
			}
		}
	case libMinimal:
		mw = func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				if a := y.min.serveHTTP(c.Response().Header(), c.Request()); a.preflight {
					return c.NoContent(a.status())
				}
				return next(c)
			}
		}
	case libOurs:
		p, err := cors.New(s.ours())
		if err != nil {
			return stack{}, err
		}
		mw = corsecho.Middleware(p)
	case libEchoV5:
		mw = echoV5Peer(s)
	default:
		return stack{}, errUnknownLib(lib)
	}
	e := echo.New()
	if mw != nil {
		e.Use(mw)
	}
	h := func(c *echo.Context) error {
		a.handle(c.Response().Header())
		return c.NoContent(http.StatusOK)
	}
	e.GET("/", h)
	e.OPTIONS("/", h)
	return stack{h: e}, nil
}
