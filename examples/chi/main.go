// Command chi serves a small API with chi v5 and originguard/cors. The
// middleware is mounted on the root router with r.Use, before routes,
// r.Route and r.Group, so that preflights reach it even for paths with no
// OPTIONS route.
package main

import (
	"log"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	corschi "github.com/originguard/cors/adapters/chi"
)

func newRouter() http.Handler {
	r := chi.NewRouter()
	r.Use(corschi.New(corschi.Config{ // root r.Use: not in r.Route or r.Group
		AllowedOrigins:   []string{"https://app.example", "http://localhost:3000"},
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	}))
	r.Route("/api", func(r chi.Router) {
		r.Put("/items/{id}", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"id":"` + chi.URLParam(r, "id") + `"}`))
		})
	})
	return r
}

func main() {
	log.Println("listening on http://127.0.0.1:8080")
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", newRouter()))
}
