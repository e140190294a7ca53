package main

import (
	"net/http"
	"sort"
	"strings"

	cors "github.com/originguard/cors/core"
)

// apiPath is the one resource of the API. Every stack registers GET, POST,
// PUT and DELETE on it and no OPTIONS route: preflights must be answered by
// the CORS middleware, as they are in real applications.
const apiPath = "/api/hello"

// apiMethods are the methods routed to the API handler.
var apiMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete}

// reply is the API's answer, the same for every stack.
type reply struct {
	Stack  string `json:"stack"`
	Method string `json:"method"`
	Cookie bool   `json:"cookie"` // the page's cookie arrived
	Custom string `json:"custom"` // the X-Custom request header
}

// cookieName is the cookie the page server sets; cookies ignore ports, so
// a credentialed request from the page to the API carries it.
const cookieName = "playground_session"

// apiHeaders are set on every API answer. X-Stack is exposed by the default
// policy, so the page can read it.
func apiHeaders(h interface{ Set(k, v string) }, stack string) {
	h.Set("X-Stack", stack)
	h.Set("Cache-Control", "no-store")
}

// stack mounts the API on one framework, with the CORS middleware in the
// place that framework's users should put it, and rec outermost.
type stack func(p *cors.Policy, rec *recorder, name string) apiServer

// stacks are the frameworks the playground can serve the API with.
var stacks = map[string]stack{
	"nethttp": netHTTPStack,
	"chi":     chiStack,
	"echo":    echoStack,
	"echov5":  echoV5Stack,
	"fiber":   fiberStack,
	"fiberv3": fiberV3Stack,
	"gin":     ginStack,
}

func stackNames() string {
	names := make([]string, 0, len(stacks))
	for n := range stacks {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// netHTTPHello is the API handler for the net/http based stacks.
func netHTTPHello(stack string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, err := r.Cookie(cookieName)
		apiHeaders(w.Header(), stack)
		writeJSON(w, http.StatusOK, reply{Stack: stack, Method: r.Method, Cookie: err == nil, Custom: r.Header.Get("X-Custom")})
	}
}

// netHTTPStack serves the API with http.ServeMux, wrapped outermost by
// Policy.Handler.
func netHTTPStack(p *cors.Policy, rec *recorder, name string) apiServer {
	mux := http.NewServeMux()
	for _, m := range apiMethods {
		mux.Handle(m+" "+apiPath, netHTTPHello(name))
	}
	return newHTTPServer(rec.wrap(p, p.Handler(mux)))
}
