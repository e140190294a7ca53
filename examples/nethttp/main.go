// Command nethttp serves a small API with net/http and originguard/cors.
// Policy.Handler wraps the outermost handler (the mux itself), so that
// preflights reach it for every path, including those with no OPTIONS
// pattern.
package main

import (
	"log"
	"net/http"
	"time"

	cors "github.com/originguard/cors/core"
)

func newHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("PUT /api/items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":"` + r.PathValue("id") + `"}`))
	})
	policy := cors.MustNew(cors.Config{
		AllowedOrigins:   []string{"https://app.example", "http://localhost:3000"},
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	})
	return policy.Handler(mux) // outermost: wrap the whole mux
}

func main() {
	log.Println("listening on http://127.0.0.1:8080")
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", newHandler()))
}
