// Package chicors serves go-chi/cors configurations, one per entry of Servers.
package chicors

import (
	"net"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/cors"
)

func app(mw func(http.Handler) http.Handler) http.Handler {
	r := chi.NewRouter()
	r.Use(mw)
	r.HandleFunc("/*", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Total", "1")
		_, _ = w.Write([]byte("ok"))
	})
	return r
}

// Servers serves each configuration on a listener.
var Servers = map[string]func(net.Listener) error{
	"handler": func(ln net.Listener) error {
		return http.Serve(ln, app(cors.Handler(cors.Options{
			AllowedOrigins:   []string{"https://*.app.example", "https://app.example", "http://localhost:*"},
			AllowedMethods:   []string{"get", "put", "patch"},
			AllowedHeaders:   []string{"Accept", "Authorization", "Content-Type"},
			ExposedHeaders:   []string{"X-Total"},
			AllowCredentials: true,
			MaxAge:           300,
		})))
	},
	"empty": func(ln net.Listener) error {
		return http.Serve(ln, app(cors.New(cors.Options{}).Handler))
	},
	"allowall": func(ln net.Listener) error {
		return http.Serve(ln, app(cors.AllowAll().Handler))
	},
}
