package fiberv2

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/cors"
)

const origins = "https://*.app.example, https://app.example"

func setup(app *fiber.App, list string) {
	app.Use(cors.New())           // want `fiber v2: cors.New\(\) can be migrated to corsfiber.New`
	app.Use(cors.New(cors.Config{ // want `fiber v2: cors.New\(cors.Config\{…\}\) can be migrated to corsfiber.New`
		AllowOrigins:     origins,
		AllowMethods:     "GET, PUT,DELETE",
		AllowHeaders:     "Authorization, Content-Type",
		AllowCredentials: true,
		ExposeHeaders:    "X-Total",
		MaxAge:           300,
	}))
	app.Use(cors.New(cors.Config{
		AllowOrigins: list, // want `fiber v2: not migrated: AllowOrigins: a comma-joined list that is not a constant string cannot be split here`
	}))
	app.Use(cors.New(cors.Config{
		Next:         func(c *fiber.Ctx) bool { return false }, // want `fiber v2: not migrated: Next has no equivalent`
		AllowOrigins: "https://app.example",
	}))
	app.Use(cors.New(cors.Config{
		AllowOrigins: "https://app.example, https://*.app.example", // want `fiber v2: not migrated: fiber v2 never matched "https://\*.app.example": the space before it shifts its subdomain pattern`
	}))
	app.Use(cors.New(cors.Config{
		AllowOrigins:     "*", // want `fiber v2: not migrated: "\*" with AllowCredentials`
		AllowCredentials: true,
	}))
}
