// Package cors is a stub of github.com/go-chi/cors v1.2 for the analyzer's tests.
package cors

import "net/http"

type Logger interface{ Printf(string, ...interface{}) }

type Options struct {
	AllowedOrigins     []string
	AllowOriginFunc    func(r *http.Request, origin string) bool
	AllowedMethods     []string
	AllowedHeaders     []string
	ExposedHeaders     []string
	AllowCredentials   bool
	MaxAge             int
	OptionsPassthrough bool
	Debug              bool
}

type Cors struct{ Log Logger }

func New(options Options) *Cors                                    { return &Cors{} }
func Handler(options Options) func(next http.Handler) http.Handler { return nil }
func AllowAll() *Cors                                              { return &Cors{} }
func (c *Cors) Handler(next http.Handler) http.Handler             { return next }
