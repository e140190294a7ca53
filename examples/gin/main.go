// Command gin serves a small API with gin and originguard/cors. The
// middleware is mounted on the engine with engine.Use, before routes and
// groups, so that preflights reach it even for paths with no OPTIONS route.
package main

import (
	"log"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
)

func newEngine() *gin.Engine {
	r := gin.New()
	r.Use(corsgin.New(corsgin.Config{ // engine.Use: not on a group
		AllowedOrigins:   []string{"https://app.example", "http://localhost:3000"},
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete},
		AllowedHeaders:   []string{"Content-Type", "Authorization"},
		AllowCredentials: true,
		MaxAge:           10 * time.Minute,
	}))
	api := r.Group("/api")
	api.PUT("/items/:id", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"id": c.Param("id")})
	})
	return r
}

func main() {
	log.Println("listening on http://127.0.0.1:8080")
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", newEngine()))
}
