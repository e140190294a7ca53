// Package negroni is a stub of github.com/urfave/negroni for the analyzer's tests.
package negroni

import "net/http"

type Handler interface {
	ServeHTTP(rw http.ResponseWriter, r *http.Request, next http.HandlerFunc)
}

type Negroni struct{}

func (n *Negroni) Use(handler Handler) {}
