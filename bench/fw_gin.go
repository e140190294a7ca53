package bench

import (
	"net/http"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// buildGin mounts the middleware with engine.Use.
func buildGin(lib string, s settings, f *floor, a *app) (stack, error) {
	var mw gin.HandlerFunc
	switch lib {
	case libNone:
	case libFloor:
		mw = func(c *gin.Context) {
			f.writeHTTP(c.Writer.Header())
			if f.respond {
				c.AbortWithStatus(f.status)
				return
			}
			c.Next()
		}
	case libOurs:
		p, err := cors.New(s.ours())
		if err != nil {
			return stack{}, err
		}
		mw = corsgin.Middleware(p)
	case libGinContrib:
		mw = ginContribPeer(s)
	case libRSGin:
		mw = rsGinPeer(s)
	default:
		return stack{}, errUnknownLib(lib)
	}
	e := gin.New()
	if mw != nil {
		e.Use(mw)
	}
	h := func(c *gin.Context) {
		a.handle(c.Writer.Header())
		c.Status(http.StatusOK)
	}
	e.GET("/", h)
	e.OPTIONS("/", h)
	return stack{h: e}, nil
}
