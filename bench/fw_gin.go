package bench

import (
	"net/http"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// buildGin mounts the middleware with engine.Use.
func buildGin(lib string, s settings, y refs, a *app) (stack, error) {
	var mw gin.HandlerFunc
	switch lib {
	case libNone:
	case libFloor:
		mw = func(c *gin.Context) {
			y.floor.writeHTTP(c.Writer.Header())
			if y.floor.respond {
				c.AbortWithStatus(y.floor.status)
				return
			}
			c.Next()
		}
	case libMinimal:
		mw = func(c *gin.Context) {
			if a := y.min.serveHTTP(c.Writer.Header(), c.Request); a.preflight {
				c.AbortWithStatus(a.status())
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
