package rscors

import (
	"net/http"
	"time"

	"github.com/rs/cors"
)

type server struct {
	cors *cors.Cors
}

func handlers(mux http.Handler) []http.Handler {
	c := cors.New(cors.Options{ // want `rs/cors: cors.New\(cors.Options\{…\}\) can be migrated to cors.MustNew \(Debug dropped: .*; GET, HEAD and POST always pass now: rs/cors refused those AllowedMethods did not list`
		AllowedOrigins:   []string{"https://App.example", "https://*.tenant.example"},
		AllowedMethods:   []string{"GET", "PUT", "DELETE"},
		AllowedHeaders:   []string{"Content-Type", "X-Token"},
		ExposedHeaders:   []string{"X-Total"},
		AllowCredentials: true,
		MaxAge:           600,
		Debug:            true,
	})
	s := server{cors: c}
	_ = time.Second
	return []http.Handler{
		s.cors.Handler(mux),
		cors.Default().Handler(mux),  // want `rs/cors: cors.Default\(\) can be migrated to cors.MustNew \(an empty origin list allowed every origin: written out as "\*"; the default allowed headers of rs/cors written out\)`
		cors.AllowAll().Handler(mux), // want `rs/cors: cors.AllowAll\(\) can be migrated`
		http.HandlerFunc(c.HandlerFunc),
		cors.New(cors.Options{ // want `rs/cors: cors.New.* can be migrated to cors.MustNew \(AllowedOrigins dropped: rs/cors ignored it when an origin function was set; the default allowed headers of rs/cors written out\)`
			AllowedOrigins:  []string{"https://ignored.example"},
			AllowOriginFunc: func(origin string) bool { return origin == "https://app.example" },
		}).Handler(mux),
	}
}
