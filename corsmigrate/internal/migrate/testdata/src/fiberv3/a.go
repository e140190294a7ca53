package fiberv3

import (
	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/cors"
)

const maxAge int = 60

func setup(app *fiber.App, allowed func(string) bool) {
	app.Use(cors.New())           // want `fiber v3: cors.New\(\) can be migrated to corsfiber.New`
	app.Use(cors.New(cors.Config{ // want `fiber v3: cors.New\(cors.Config\{…\}\) can be migrated to corsfiber.New \(DisableValueRedaction dropped`
		AllowOrigins:          []string{"https://app.example"},
		AllowOriginsFunc:      allowed,
		AllowMethods:          []string{"GET", "PATCH"},
		AllowHeaders:          []string{"X-Token"},
		AllowPrivateNetwork:   true,
		DisableValueRedaction: true,
		MaxAge:                maxAge,
	}))
	app.Use(cors.New(cors.Config{ // want `fiber v3: not migrated: the configuration, carried over, is refused by New: .*did you mean "https://app.example"\?`
		AllowOrigins: []string{"https://app.example/"},
	}))
}
