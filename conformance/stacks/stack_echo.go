package stacks

import (
	"github.com/originguard/cors/conformance"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	corsecho "github.com/originguard/cors/adapters/echo"
	cors "github.com/originguard/cors/core"
)

// Echo is the harness of echo v4 with corsecho.Middleware mounted the way
// echo users write it: e.Use, after echo's Recover middleware.
func Echo() conformance.Harness {
	return conformance.Harness{Name: "echo", Mount: func(p *cors.Policy) http.Handler { return mountEcho(p, false) }}
}

// EchoPre is the harness of echo v4 with corsecho.Middleware mounted with
// e.Pre, before routing.
func EchoPre() conformance.Harness {
	return conformance.Harness{Name: "echo-pre", Mount: func(p *cors.Policy) http.Handler { return mountEcho(p, true) }}
}

func mountEcho(p *cors.Policy, pre bool) http.Handler {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	outer := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header().Set("Vary", conformance.OuterVary)
			return next(c)
		}
	}
	inner := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header().Set(conformance.HeaderInner, "1")
			return next(c)
		}
	}
	recovery := middleware.RecoverWithConfig(middleware.RecoverConfig{DisablePrintStack: true})
	if pre {
		e.Pre(outer, recovery, corsecho.Middleware(p))
	} else {
		e.Use(outer, recovery, corsecho.Middleware(p))
	}
	e.Use(inner)
	ok := func(c echo.Context) error {
		c.Response().Header().Set(conformance.HeaderAppRan, "1")
		return c.String(http.StatusOK, "ok")
	}
	for _, m := range conformance.ResourceMethods() {
		e.Add(m, conformance.PathResource, ok)
	}
	e.Group("/g").GET("/r", ok)
	e.GET(conformance.PathError, func(c echo.Context) error {
		c.Response().Header().Set(conformance.HeaderAppRan, "1")
		return echo.NewHTTPError(http.StatusInternalServerError, "boom")
	})
	e.GET(conformance.PathPanic, func(c echo.Context) error {
		c.Response().Header().Set(conformance.HeaderAppRan, "1")
		panic("conformance: deliberate panic")
	})
	e.GET(conformance.PathRedirect, func(c echo.Context) error {
		c.Response().Header().Set(conformance.HeaderAppRan, "1")
		return c.Redirect(http.StatusFound, conformance.PathResource)
	})
	return e
}
