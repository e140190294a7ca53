package bench

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	cors "github.com/originguard/cors/core"
)

// buildFiber mounts the middleware with app.Use and serves through
// app.Handler().
func buildFiber(lib string, s settings, y refs, a *app) (stack, error) {
	var mw fiber.Handler
	switch lib {
	case libNone:
	case libFloor:
		mw = func(c *fiber.Ctx) error {
			y.floor.writeFast(&c.Response().Header)
			if y.floor.respond {
				c.Status(y.floor.status)
				return nil
			}
			return c.Next()
		}
	case libMinimal:
		mw = func(c *fiber.Ctx) error {
			if a := y.min.serveFast(c.Method(), &c.Request().Header, &c.Response().Header); a.preflight {
				c.Status(a.status())
				return nil
			}
			return c.Next()
		}
	case libOurs:
		p, err := cors.New(s.ours())
		if err != nil {
			return stack{}, err
		}
		mw = corsfiber.Middleware(p)
	case libFiber:
		mw = fiberPeer(s)
	default:
		return stack{}, errUnknownLib(lib)
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	if mw != nil {
		app.Use(mw)
	}
	h := func(c *fiber.Ctx) error {
		a.ran = true // fasthttp copies header values: nothing to poison
		return c.SendStatus(http.StatusOK)
	}
	app.Get("/", h)
	app.Options("/", h)
	return stack{fast: app.Handler()}, nil
}
