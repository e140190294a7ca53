package gincors

import (
	"time"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
)

func setup(r *gin.Engine, allowed func(string) bool) {
	api := r.Group("/api")
	api.Use(cors.New(cors.Config{AllowOrigins: []string{"https://app.example"}})) // want `gin-contrib/cors: cors.New\(cors.Config\{…\}\) can be migrated to corsgin.New \(it is mounted on a route group`
	r.Use(cors.Default())                                                         // want `gin-contrib/cors: cors.Default\(\) can be migrated to corsgin.New \("Origin" dropped from AllowedHeaders: only the browser sets it; "Content-Length" dropped from AllowedHeaders: only the browser sets it\)`
	r.Use(cors.New(cors.Config{                                                   // want `gin-contrib/cors: cors.New\(cors.Config\{…\}\) can be migrated to corsgin.New`
		AllowOrigins:              []string{"https://app.example", "https://*.app.example"},
		AllowWildcard:             true,
		AllowOriginFunc:           allowed,
		AllowMethods:              []string{"GET", "PATCH"},
		AllowHeaders:              []string{"Authorization"},
		AllowCredentials:          true,
		MaxAge:                    2 * time.Hour,
		OptionsResponseStatusCode: 200,
	}))
	r.Use(cors.New(cors.Config{
		AllowOrigins: []string{"/^https://.*\\.app\\.example$/"}, // want `gin-contrib/cors: not migrated: the regular expression origin`
	}))
	r.Use(cors.New(cors.Config{
		AllowOrigins: []string{"https://*.app.example"}, // want `gin-contrib/cors: not migrated: gin-contrib/cors never matched "https://\*.app.example": without AllowWildcard`
	}))
	r.Use(cors.New(cors.Config{
		AllowAllOrigins: true,
		AllowWebSockets: true, // want `gin-contrib/cors: not migrated: AllowWebSockets has no equivalent: none: a WebSocket handshake is not CORS`
	}))
	config := cors.DefaultConfig()
	config.AllowOrigins = []string{"https://app.example"}
	config.AllowCredentials = true
	config.AddAllowHeaders("Authorization")
	config.AllowMethods = append(config.AllowMethods, "QUERY")
	r.Use(cors.New(config)) // want `gin-contrib/cors: cors.New\(…\) can be migrated to corsgin.New`

	shared := cors.Config{AllowOrigins: []string{"https://app.example"}} // want `this use of Config is not one of them`
	r.Use(cors.New(shared))                                              // want `gin-contrib/cors: not migrated: the configuration is not a literal`
	r.Use(cors.New(shared))                                              // want `gin-contrib/cors: not migrated: the configuration is not a literal`
}
