package conformance

import (
	"net/http"

	cors "github.com/originguard/cors/core"
)

// NetHTTP is the harness of the plain net/http stack: an http.ServeMux
// wrapped by (*cors.Policy).Handler, the outermost handler after recovery.
// It is the reference every other stack is compared with.
func NetHTTP() Harness {
	return withPolicy("net/http", func(p *cors.Policy) http.Handler {
		return outerVary(recoverHTTP(p.Handler(markInner(fixtureMux()))))
	})
}

// fixtureMux routes the fixture with the Go 1.22 ServeMux patterns. Method
// patterns make the mux answer 405 for other methods, as routers do.
func fixtureMux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, m := range resourceMethods {
		if m == http.MethodHead {
			continue // "GET /r" also serves HEAD
		}
		mux.HandleFunc(m+" "+PathResource, okHandler)
	}
	group := http.NewServeMux()
	group.HandleFunc("GET "+PathGrouped, okHandler)
	mux.Handle("/g/", group)
	mux.HandleFunc("GET "+PathError, errorHandler)
	mux.HandleFunc("GET "+PathPanic, panicHandler)
	mux.HandleFunc("GET "+PathRedirect, redirectHandler)
	return mux
}

// recoverHTTP is the minimal panic recovery of the net/http fixture: it
// answers 500, keeping the headers already set, like the frameworks'
// recovery middlewares.
func recoverHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				w.WriteHeader(http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
