package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// ginStack serves the API with gin; the middleware is mounted on the engine
// with engine.Use, so it also sees preflights for paths without an OPTIONS
// route.
func ginStack(p *cors.Policy, rec *recorder, name string) apiServer {
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	engine.Use(corsgin.Middleware(p))
	for _, m := range apiMethods {
		engine.Handle(m, apiPath, func(c *gin.Context) {
			_, err := c.Cookie(cookieName)
			apiHeaders(c.Writer.Header(), name)
			c.JSON(http.StatusOK, reply{Stack: name, Method: c.Request.Method, Cookie: err == nil, Custom: c.GetHeader("X-Custom")})
		})
	}
	return newHTTPServer(rec.wrap(p, engine))
}
