package rscorsbug

import (
	"log"
	"net/http"

	"github.com/rs/cors"
	"github.com/urfave/negroni"
)

func handlers(mux http.Handler) []http.Handler {
	return []http.Handler{
		cors.New(cors.Options{
			AllowedOrigins:   []string{"*"}, // want `rs/cors: not migrated: "\*" with AllowCredentials: browsers refuse credentialed requests`
			AllowCredentials: true,
		}).Handler(mux),
		cors.New(cors.Options{
			AllowedOrigins: []string{"https://*example.com"}, // want `rs/cors: not migrated: the glob "https://\*example.com" also matches origins of other sites`
		}).Handler(mux),
		cors.New(cors.Options{
			AllowedOrigins: []string{"https://*"}, // want `rs/cors: not migrated: the glob "https://\*" also matches origins of other sites`
		}).Handler(mux),
		cors.New(cors.Options{
			AllowOriginRequestFunc: func(r *http.Request, origin string) bool { return r.Header.Get("X-Tenant") != "" }, // want `rs/cors: not migrated: AllowOriginRequestFunc sees the whole request`
		}).Handler(mux),
		cors.Default().Handler(mux), // want `rs/cors: cors.Default\(\) can be migrated .*; not rewritten while other uses of rs/cors in this package cannot be`
	}
}

func serveNext(c *cors.Cors, w http.ResponseWriter, r *http.Request) {
	c.ServeHTTP(w, r, nil) // want `rs/cors: not migrated: corsmigrate rewrites .*; this use of ServeHTTP is not one of them`
}

func withNegroni(n *negroni.Negroni, l *log.Logger) {
	c := cors.Default() // want `rs/cors: cors.Default\(\) can be migrated`
	c.Log = l           // want `this use of Log is not one of them`
	n.Use(c)            // want `rs/cors: not migrated: c is passed as negroni.Handler, which \*cors.Policy does not implement`
}
