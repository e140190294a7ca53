package bench

import (
	"net/http"

	"github.com/labstack/echo/v4"
	corsecho "github.com/originguard/cors/adapters/echo"
	cors "github.com/originguard/cors/core"
)

// buildEcho mounts the middleware with e.Use.
func buildEcho(lib string, s settings, y refs, a *app) (stack, error) {
	var mw echo.MiddlewareFunc
	switch lib {
	case libNone:
	case libNoop:
		// echo v4 rebuilds the middleware chain on every request, so any
		// middleware mounted with e.Use costs one closure allocation;
		// this stack measures that price alone.
		mw = func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error { return next(c) }
		}
	case libFloor:
		mw = func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				y.floor.writeHTTP(c.Response().Header())
				if y.floor.respond {
					return c.NoContent(y.floor.status)
				}
				return next(c)
			}
		}
	case libMinimal:
		mw = func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
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
	case libEcho:
		mw = echoPeer(s)
	case libRSEcho:
		rs, err := httpPeer(libRS, s)
		if err != nil {
			return stack{}, err
		}
		mw = echo.WrapMiddleware(rs)
	default:
		return stack{}, errUnknownLib(lib)
	}
	e := echo.New()
	if mw != nil {
		e.Use(mw)
	}
	h := func(c echo.Context) error {
		a.handle(c.Response().Header())
		return c.NoContent(http.StatusOK)
	}
	e.GET("/", h)
	e.OPTIONS("/", h)
	return stack{h: e}, nil
}
