package stacks

import (
	"github.com/originguard/cors/conformance"
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
func Gin() conformance.Harness {
	return conformance.Harness{Name: "gin", Mount: mountGin}
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
func GinHandler() conformance.Harness {
	return conformance.Harness{Name: "gin-handler", Mount: func(p *cors.Policy) http.Handler {
		e := newGinEngine()
		e.Use(gin.RecoveryWithWriter(io.Discard))
		return conformance.OuterMiddleware(p.Handler(ginRoutes(e)))
	}}
}

func mountGin(p *cors.Policy) http.Handler {
	e := newGinEngine()
	e.Use(func(c *gin.Context) { c.Header("Vary", conformance.OuterVary) })
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
	e.Use(func(c *gin.Context) { c.Header(conformance.HeaderInner, "1") })
	ok := func(c *gin.Context) {
		c.Header(conformance.HeaderAppRan, "1")
		c.String(http.StatusOK, "ok")
	}
	for _, m := range conformance.ResourceMethods() {
		e.Handle(m, conformance.PathResource, ok)
	}
	e.Group("/g").GET("/r", ok)
	e.GET(conformance.PathError, func(c *gin.Context) {
		c.Header(conformance.HeaderAppRan, "1")
		c.String(http.StatusInternalServerError, "boom")
	})
	e.GET(conformance.PathPanic, func(c *gin.Context) {
		c.Header(conformance.HeaderAppRan, "1")
		panic("conformance: deliberate panic")
	})
	e.GET(conformance.PathRedirect, func(c *gin.Context) {
		c.Header(conformance.HeaderAppRan, "1")
		c.Redirect(http.StatusFound, conformance.PathResource)
	})
	return e
}
