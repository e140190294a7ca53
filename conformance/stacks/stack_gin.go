package conformance

import (
	"io"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// Gin is the harness of gin: corsgin.Middleware mounted with engine.Use,
// after gin's recovery. The first app it builds switches gin from debug to
// test mode (gin's mode is global), so that route tables are not printed.
func Gin() Harness {
	return withPolicy("gin", mountGin)
}

var ginQuiet sync.Once

// quietGin switches gin from debug to test mode once, so that route tables
// are not printed.
func quietGin() {
	ginQuiet.Do(func() {
		if gin.Mode() == gin.DebugMode {
			gin.SetMode(gin.TestMode)
		}
	})
}

// GinHandler is the harness of gin wrapped whole by the policy's net/http
// middleware (Policy.Handler around the engine), the mount corsgin
// documents for applications that rely on gin's own trailing-slash and
// fixed-path redirects, which gin answers before engine middleware runs.
func GinHandler() Harness {
	return withPolicy("gin-handler", func(p *cors.Policy) http.Handler {
		e := newGinEngine()
		e.Use(gin.RecoveryWithWriter(io.Discard))
		return outerVary(p.Handler(ginRoutes(e)))
	})
}

func mountGin(p *cors.Policy) http.Handler {
	e := newGinEngine()
	e.Use(func(c *gin.Context) { c.Header("Vary", OuterVary) })
	e.Use(gin.RecoveryWithWriter(io.Discard))
	e.Use(corsgin.Middleware(p))
	return ginRoutes(e)
}

func newGinEngine() *gin.Engine {
	quietGin()
	return gin.New()
}

// ginRoutes adds the inner marker and the fixture's routes to e.
func ginRoutes(e *gin.Engine) *gin.Engine {
	e.Use(func(c *gin.Context) { c.Header(HeaderInner, "1") })
	ok := func(c *gin.Context) {
		c.Header(HeaderAppRan, "1")
		c.String(http.StatusOK, "ok")
	}
	for _, m := range resourceMethods {
		e.Handle(m, PathResource, ok)
	}
	e.Group("/g").GET("/r", ok)
	e.GET(PathError, func(c *gin.Context) {
		c.Header(HeaderAppRan, "1")
		c.String(http.StatusInternalServerError, "boom")
	})
	e.GET(PathPanic, func(c *gin.Context) {
		c.Header(HeaderAppRan, "1")
		panic("conformance: deliberate panic")
	})
	e.GET(PathRedirect, func(c *gin.Context) {
		c.Header(HeaderAppRan, "1")
		c.Redirect(http.StatusFound, PathResource)
	})
	return e
}
