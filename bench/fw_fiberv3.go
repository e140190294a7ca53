package bench

import (
	"net/http"

	"github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	cors "github.com/originguard/cors/core"
)

// buildFiberV3 mounts the middleware with app.Use on fiber v3 and serves
// through app.Handler().
func buildFiberV3(lib string, s settings, f *floor, a *app) (stack, error) {
	var mw fiber.Handler
	switch lib {
	case libNone:
	case libFloor:
		mw = func(c fiber.Ctx) error {
			f.writeFast(&c.Response().Header)
			if f.respond {
				c.Status(f.status)
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
	case libFiberV3:
		mw = fiberV3Peer(s)
	default:
		return stack{}, errUnknownLib(lib)
	}
	app := fiber.New()
	if mw != nil {
		app.Use(mw)
	}
	h := func(c fiber.Ctx) error {
		a.ran = true // fasthttp copies header values: nothing to poison
		return c.SendStatus(http.StatusOK)
	}
	app.Get("/", h)
	app.Options("/", h)
	return stack{fast: app.Handler()}, nil
}
