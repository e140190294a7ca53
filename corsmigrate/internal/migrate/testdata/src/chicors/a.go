package chicors

import (
	"net/http"

	"github.com/go-chi/cors"
)

type router interface {
	Use(...func(http.Handler) http.Handler)
}

func setup(r router) {
	r.Use(cors.Handler(cors.Options{ // want `go-chi/cors: cors.Handler\(cors.Options\{…\}\) can be migrated to corschi.New`
		// The site and the dev server.
		AllowedOrigins:   []string{"https://*.app.example", "http://localhost:*"},
		AllowedMethods:   []string{"get", "post", "put"},
		AllowedHeaders:   []string{"Accept", "Authorization", "Content-Type"},
		ExposedHeaders:   []string{"Link"}, // for pagination
		AllowCredentials: true,
		MaxAge:           300,
	}))
	r.Use(cors.New(cors.Options{}).Handler) // want `go-chi/cors: cors.New\(cors.Options\{…\}\).Handler can be migrated to corschi.New \(an empty origin list allowed every origin: written out as "\*"; the default allowed headers of go-chi/cors written out\)`
	r.Use(cors.AllowAll().Handler)          // want `go-chi/cors: cors.AllowAll\(\).Handler can be migrated`
	r.Use(cors.Handler(cors.Options{
		AllowOriginFunc: func(r *http.Request, origin string) bool { return true }, // want `go-chi/cors: not migrated: AllowOriginFunc sees the whole request`
	}))
	c := cors.New(cors.Options{AllowedOrigins: []string{"https://app.example"}}) // want `go-chi/cors: not migrated: corsmigrate rewrites .*; this use of New is not one of them` `this use of Options is not one of them`
	r.Use(c.Handler)                                                             // want `go-chi/cors: not migrated: corsmigrate rewrites .*; this use of Handler is not one of them`
}
