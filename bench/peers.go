package bench

import (
	"net/http"
	"strings"
	"time"

	gincontrib "github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	gochicors "github.com/go-chi/cors"
	"github.com/gofiber/fiber/v2"
	fibercors "github.com/gofiber/fiber/v2/middleware/cors"
	fiberv3 "github.com/gofiber/fiber/v3"
	fiberv3cors "github.com/gofiber/fiber/v3/middleware/cors"
	jub0bs "github.com/jub0bs/cors"
	"github.com/labstack/echo/v4"
	echomw "github.com/labstack/echo/v4/middleware"
	echov5 "github.com/labstack/echo/v5"
	echov5mw "github.com/labstack/echo/v5/middleware"
	rscors "github.com/rs/cors"
)

// Peer library names, as they appear in benchmark names and tables.
const (
	libRS         = "rs-cors"
	libJub0bs     = "jub0bs-cors"
	libGoChi      = "go-chi-cors"
	libGinContrib = "gin-contrib-cors"
	libRSGin      = "rs-cors-gin"  // rs/cors through a gin adapter written here
	libEcho       = "echo-cors"    // echo v4 middleware.CORSWithConfig
	libRSEcho     = "rs-cors-echo" // rs/cors through echo.WrapMiddleware
	libFiber      = "fiber-cors"   // fiber v2 middleware/cors
	libEchoV5     = "echov5-cors"  // echo v5 middleware.CORSWithConfig
	libFiberV3    = "fiberv3-cors" // fiber v3 middleware/cors
)

func (s settings) rs() rscors.Options {
	return rscors.Options{
		AllowedOrigins:   s.origins,
		AllowedMethods:   commonMethods,
		AllowedHeaders:   commonHeaders,
		ExposedHeaders:   commonExposed,
		AllowCredentials: commonCredsOn,
		MaxAge:           commonMaxAge,
	}
}

// httpPeer returns the net/http middleware of a net/http peer.
func httpPeer(lib string, s settings) (func(http.Handler) http.Handler, error) {
	switch lib {
	case libRS:
		return rscors.New(s.rs()).Handler, nil
	case libJub0bs:
		m, err := jub0bs.NewMiddleware(jub0bs.Config{
			Origins:         s.origins,
			Credentialed:    commonCredsOn,
			Methods:         commonMethods,
			RequestHeaders:  commonHeaders,
			MaxAgeInSeconds: commonMaxAge,
			ResponseHeaders: commonExposed,
		})
		if err != nil {
			return nil, err
		}
		return m.Wrap, nil
	case libGoChi:
		return gochicors.Handler(gochicors.Options{
			AllowedOrigins:   s.origins,
			AllowedMethods:   commonMethods,
			AllowedHeaders:   commonHeaders,
			ExposedHeaders:   commonExposed,
			AllowCredentials: commonCredsOn,
			MaxAge:           commonMaxAge,
		}), nil
	}
	return nil, errUnknownLib(lib)
}

func ginContribPeer(s settings) gin.HandlerFunc {
	return gincontrib.New(gincontrib.Config{
		AllowOrigins:     s.origins,
		AllowWildcard:    true,
		AllowMethods:     commonMethods,
		AllowHeaders:     commonHeaders,
		ExposeHeaders:    commonExposed,
		AllowCredentials: commonCredsOn,
		MaxAge:           time.Duration(commonMaxAge) * time.Second,
	})
}

// rsGinPeer adapts rs/cors to gin the way its unpublished wrapper/gin
// does: run the checks, then answer a preflight with 204.
func rsGinPeer(s settings) gin.HandlerFunc {
	c := rscors.New(s.rs())
	return func(ctx *gin.Context) {
		c.HandlerFunc(ctx.Writer, ctx.Request)
		if ctx.Request.Method == http.MethodOptions && ctx.GetHeader("Access-Control-Request-Method") != "" {
			ctx.AbortWithStatus(http.StatusNoContent)
			return
		}
		ctx.Next()
	}
}

func echoPeer(s settings) echo.MiddlewareFunc {
	return echomw.CORSWithConfig(echomw.CORSConfig{
		AllowOrigins:     s.origins,
		AllowMethods:     commonMethods,
		AllowHeaders:     commonHeaders,
		AllowCredentials: commonCredsOn,
		ExposeHeaders:    commonExposed,
		MaxAge:           commonMaxAge,
	})
}

func fiberPeer(s settings) fiber.Handler {
	return fibercors.New(fibercors.Config{
		AllowOrigins:     joinComma(s.origins),
		AllowMethods:     joinComma(commonMethods),
		AllowHeaders:     joinComma(commonHeaders),
		ExposeHeaders:    joinComma(commonExposed),
		AllowCredentials: commonCredsOn,
		MaxAge:           commonMaxAge,
	})
}

// echoV5Peer is echo v5's CORS middleware. Its AllowOrigins matches exact
// origins only; for a subdomain pattern its documentation has users write
// an UnsafeAllowOriginFunc, which this one does (exact origins first, then
// "https://*.example.com" as a suffix check, as in echo's example).
func echoV5Peer(s settings) echov5.MiddlewareFunc {
	cfg := echov5mw.CORSConfig{
		AllowOrigins:     s.origins,
		AllowMethods:     commonMethods,
		AllowHeaders:     commonHeaders,
		AllowCredentials: commonCredsOn,
		ExposeHeaders:    commonExposed,
		MaxAge:           commonMaxAge,
	}
	var exact, suffixes []string
	for _, o := range s.origins {
		if scheme, host, ok := strings.Cut(o, "://*."); ok {
			suffixes = append(suffixes, scheme+"://", "."+host)
		} else {
			exact = append(exact, o)
		}
	}
	if len(suffixes) > 0 {
		cfg.AllowOrigins = nil
		cfg.UnsafeAllowOriginFunc = func(_ *echov5.Context, origin string) (string, bool, error) {
			for _, o := range exact {
				if strings.EqualFold(o, origin) {
					return origin, true, nil
				}
			}
			for i := 0; i < len(suffixes); i += 2 {
				if strings.HasPrefix(origin, suffixes[i]) && strings.HasSuffix(origin, suffixes[i+1]) {
					return origin, true, nil
				}
			}
			return "", false, nil
		}
	}
	return echov5mw.CORSWithConfig(cfg)
}

// fiberV3Peer is fiber v3's CORS middleware; its AllowOrigins understands
// "https://*.example.com".
func fiberV3Peer(s settings) fiberv3.Handler {
	return fiberv3cors.New(fiberv3cors.Config{
		AllowOrigins:     s.origins,
		AllowMethods:     commonMethods,
		AllowHeaders:     commonHeaders,
		ExposeHeaders:    commonExposed,
		AllowCredentials: commonCredsOn,
		MaxAge:           commonMaxAge,
	})
}
