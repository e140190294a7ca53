package echov5

import (
	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"
)

func setup(e *echo.Echo, origins []string) {
	e.Use(middleware.Recover())
	e.Use(middleware.CORS("https://app.example", "https://admin.app.example")) // want `echo v5: middleware.CORS\(…\) can be migrated to corsecho.New \(the default methods of echo v5 written out; the default allowed headers of echo v5 written out\)`
	e.Use(middleware.CORS(origins...))                                         // want `echo v5: middleware.CORS\(…\) can be migrated .*AllowedOrigins is not a literal`
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{                     // want `echo v5: middleware.CORSWithConfig\(middleware.CORSConfig\{…\}\) can be migrated to corsecho.New`
		AllowOrigins:     []string{"https://App.example"},
		AllowMethods:     []string{"GET", "DELETE"},
		AllowHeaders:     []string{"*"},
		AllowCredentials: true,
		MaxAge:           3600,
	}))
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		UnsafeAllowOriginFunc: func(c *echo.Context, origin string) (string, bool, error) { return origin, true, nil }, // want `echo v5: not migrated: UnsafeAllowOriginFunc sees the whole request`
	}))
}
