// Package rscors serves rs/cors configurations, one per entry of Servers.
package rscors

import (
	"net"
	"net/http"

	"github.com/rs/cors"
)

func app() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Total", "1")
		_, _ = w.Write([]byte("ok"))
	})
	return mux
}

// Servers serves each configuration on a listener.
var Servers = map[string]func(net.Listener) error{
	"default": func(ln net.Listener) error {
		return http.Serve(ln, cors.Default().Handler(app()))
	},
	"allowall": func(ln net.Listener) error {
		return http.Serve(ln, cors.AllowAll().Handler(app()))
	},
	"credentials": func(ln net.Listener) error {
		c := cors.New(cors.Options{
			AllowedOrigins:   []string{"https://app.example", "https://*.app.example", "http://localhost:*"},
			AllowedMethods:   []string{"GET", "PUT", "DELETE"},
			AllowedHeaders:   []string{"Content-Type", "X-Token"},
			ExposedHeaders:   []string{"X-Total"},
			AllowCredentials: true,
			MaxAge:           600,
		})
		return http.Serve(ln, c.Handler(app()))
	},
	"handlerfunc": func(ln net.Listener) error {
		c := cors.New(cors.Options{AllowedOrigins: []string{"https://app.example"}, AllowedHeaders: []string{"*"}})
		mux := app()
		return http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c.HandlerFunc(w, r)
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				return
			}
			mux.ServeHTTP(w, r)
		}))
	},
	"originfunc": func(ln net.Listener) error {
		return http.Serve(ln, cors.New(cors.Options{
			AllowOriginFunc: func(origin string) bool { return origin == "https://sub.app.example" },
			AllowedMethods:  []string{"PATCH"},
		}).Handler(app()))
	},
}
