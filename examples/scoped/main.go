// Command scoped serves one application with different CORS policies for
// different parts of it, mounted once at the root, on any of the supported
// stacks:
//
//	go run ./examples/scoped -addr 127.0.0.1:8090 -stack nethttp|gin|echo|echov5|fiber|fiberv3|chi
//
// It serves exactly:
//
//   - /public/: any origin ("*"), method GET, no credentials;
//   - /api/: origin https://app.example, credentials, methods GET, PUT and
//     DELETE, header X-Token, preflights cached for 10 minutes;
//   - hosts *.tenant.test, any path: origin https://<tenant>.example, where
//     <tenant> is the host's first label (acme.tenant.test allows
//     https://acme.example, not https://other.example), with credentials,
//     methods GET and PUT;
//   - everywhere else: no CORS (no Access-Control-* header, no Vary).
//
// Routes, none of them OPTIONS: GET /public/items, GET /api/items,
// PUT /api/items/{id}, DELETE /api/items/{id}, GET /other, GET /t; each
// answers 200 with a short body. Try:
//
//	curl -si -X OPTIONS http://127.0.0.1:8090/api/items/7 -H 'Origin: https://app.example' -H 'Access-Control-Request-Method: DELETE'
//	curl -si http://127.0.0.1:8090/t -H 'Host: acme.tenant.test' -H 'Origin: https://acme.example'
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"time"

	cors "github.com/originguard/cors/core"
)

// newPolicy is the example's scoped policy. The order of the scopes does not
// matter: a host scope wins over path scopes, then the longest prefix.
func newPolicy() *cors.Policy {
	return cors.MustNewScoped(cors.ScopedConfig{
		Scopes: []cors.Scope{
			{PathPrefix: "/public/", Config: cors.Config{
				AllowedOrigins: []string{"*"},
				AllowedMethods: []string{"GET"},
			}},
			{PathPrefix: "/api/", Config: cors.Config{
				AllowedOrigins:   []string{"https://app.example"},
				AllowCredentials: true,
				AllowedMethods:   []string{"GET", "PUT", "DELETE"},
				AllowedHeaders:   []string{"X-Token"},
				MaxAge:           10 * time.Minute,
			}},
			{Host: "*.tenant.test", PathPrefix: "/", Config: cors.Config{
				AllowOriginRequestFunc: tenantFrontEnd,
				AllowCredentials:       true,
				AllowedMethods:         []string{"GET", "PUT"},
			}},
		},
		Default: nil, // no CORS anywhere else
	})
}

// tenantFrontEnd allows https://<tenant>.example for <tenant>.tenant.test.
// It sees only the origin, the host and the path, so the answer is a function
// of the URL and Origin: caches need no Vary beyond Origin.
func tenantFrontEnd(origin, host, _ string) bool {
	tenant, _, _ := strings.Cut(strings.ToLower(host), ".")
	return tenant != "" && origin == "https://"+tenant+".example"
}

// stacks serve the example's routes behind the policy on a listener; each
// returns a function that stops the server.
var stacks = map[string]func(ln net.Listener, p *cors.Policy) (stop func()){
	"nethttp": serveNetHTTP,
	"gin":     serveGin,
	"echo":    serveEcho,
	"echov5":  serveEchoV5,
	"fiber":   serveFiber,
	"fiberv3": serveFiberV3,
	"chi":     serveChi,
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "listen address")
	stack := flag.String("stack", "nethttp", "nethttp, gin, echo, echov5, fiber, fiberv3 or chi")
	flag.Parse()
	serve, ok := stacks[*stack]
	if !ok {
		fmt.Fprintf(os.Stderr, "scoped: unknown -stack %q (want nethttp, gin, echo, echov5, fiber, fiberv3 or chi)\n", *stack)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("scoped example (%s) listening on http://%s", *stack, ln.Addr())
	serve(ln, newPolicy())
	select {} // the server runs until the process is stopped
}
