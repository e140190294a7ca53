// Package gincors serves gin-contrib/cors configurations, one per entry of Servers.
package gincors

import (
	"net"
	"net/http"
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
)

func serve(ln net.Listener, mw gin.HandlerFunc) error {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(mw)
	r.Any("/", func(c *gin.Context) {
		c.Header("X-Total", "1")
		c.String(http.StatusOK, "ok")
	})
	return http.Serve(ln, r)
}

// Servers serves each configuration on a listener.
var Servers = map[string]func(net.Listener) error{
	"default": func(ln net.Listener) error {
		return serve(ln, cors.Default())
	},
	"credentials": func(ln net.Listener) error {
		return serve(ln, cors.New(cors.Config{
			AllowOrigins:     []string{"https://app.example", "https://*.app.example"},
			AllowWildcard:    true,
			AllowMethods:     []string{"GET", "PUT"},
			AllowHeaders:     []string{"X-Token", "Content-Type"},
			ExposeHeaders:    []string{"X-Total"},
			AllowCredentials: true,
			MaxAge:           time.Hour,
		}))
	},
	"defaultconfig": func(ln net.Listener) error {
		config := cors.DefaultConfig()
		config.AllowOrigins = []string{"https://app.example"}
		config.AllowHeaders = []string{"Content-Type"}
		config.AddAllowHeaders("Authorization")
		return serve(ln, cors.New(config))
	},
	"originfunc": func(ln net.Listener) error {
		return serve(ln, cors.New(cors.Config{
			AllowOrigins:    []string{"https://app.example"},
			AllowOriginFunc: func(origin string) bool { return origin == "https://sub.app.example" },
			AllowMethods:    []string{"DELETE"},
		}))
	},
}
