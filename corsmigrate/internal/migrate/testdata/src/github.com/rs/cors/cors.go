// Package cors is a stub of github.com/rs/cors v1.11 for the analyzer's tests.
package cors

import "net/http"

type Logger interface{ Printf(string, ...interface{}) }

type Options struct {
	AllowedOrigins             []string
	AllowOriginFunc            func(origin string) bool
	AllowOriginRequestFunc     func(r *http.Request, origin string) bool
	AllowOriginVaryRequestFunc func(r *http.Request, origin string) (bool, []string)
	AllowedMethods             []string
	AllowedHeaders             []string
	ExposedHeaders             []string
	MaxAge                     int
	AllowCredentials           bool
	AllowPrivateNetwork        bool
	OptionsPassthrough         bool
	OptionsSuccessStatus       int
	Debug                      bool
	Logger                     Logger
}

type Cors struct{ Log Logger }

func New(options Options) *Cors                                                         { return &Cors{} }
func Default() *Cors                                                                    { return &Cors{} }
func AllowAll() *Cors                                                                   { return &Cors{} }
func (c *Cors) Handler(h http.Handler) http.Handler                                     { return h }
func (c *Cors) HandlerFunc(w http.ResponseWriter, r *http.Request)                      {}
func (c *Cors) ServeHTTP(w http.ResponseWriter, r *http.Request, next http.HandlerFunc) {}
func (c *Cors) OriginAllowed(r *http.Request) bool                                      { return false }
