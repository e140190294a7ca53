package echov4

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func setup(e *echo.Echo, check func(string) (bool, error)) {
	e.Use(middleware.Recover())
	e.Use(middleware.CORS())                               // want `echo v4: middleware.CORS\(\) can be migrated to corsecho.New \(an empty origin list allowed every origin: written out as "\*"; the default methods of echo v4 written out; the default allowed headers of echo v4 written out\)`
	e.Pre(middleware.CORSWithConfig(middleware.CORSConfig{ // want `echo v4: middleware.CORSWithConfig\(middleware.CORSConfig\{…\}\) can be migrated to corsecho.New`
		AllowOrigins:     []string{"https://app.example", "https://*.app.example"},
		AllowMethods:     []string{"GET", "PUT"},
		AllowHeaders:     []string{"Content-Type"},
		AllowCredentials: true,
		ExposeHeaders:    []string{"X-Total"},
		MaxAge:           -1,
	}))
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{ // want `echo v4: .*an error from AllowOriginFunc now refuses the origin`
		AllowOriginFunc: check,
	}))
	cfg := middleware.DefaultCORSConfig
	cfg.AllowOrigins = []string{"https://app.example"}
	e.Use(middleware.CORSWithConfig(cfg)) // want `echo v4: middleware.CORSWithConfig\(…\) can be migrated to corsecho.New`
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		Skipper:      func(c echo.Context) bool { return c.Path() == "/health" }, // want `echo v4: not migrated: Skipper has no equivalent: none: CORS must see every request`
		AllowOrigins: []string{"https://app.example"},
	}))
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins:                             []string{"*"}, // want `echo v4: not migrated: "\*" with AllowCredentials`
		AllowCredentials:                         true,
		UnsafeWildcardOriginWithAllowCredentials: true, // want `echo v4: not migrated: UnsafeWildcardOriginWithAllowCredentials has no equivalent`
	}))
}
