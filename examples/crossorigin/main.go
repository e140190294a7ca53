// Command crossorigin serves one policy for CORS, cross-site request
// forgery and WebSocket handshakes, mounted once at the root, on any of the
// supported stacks:
//
//	go run ./examples/crossorigin -addr 127.0.0.1:8091 -stack nethttp|gin|echo|echov5|fiber|fiberv3|chi
//
// The policy allows the origin https://app.example, with credentials,
// methods GET, POST, PUT and DELETE and the header Content-Type, and turns
// forgery protection on: an unsafe-method request (not GET, HEAD or OPTIONS)
// that a browser marks cross-origin (Sec-Fetch-Site, or without it an
// Origin whose host differs from Host) from any other origin is refused
// with 403 before any route runs. Same-origin requests and clients that send
// neither header (curl) pass.
//
// Routes: POST /api/transfer increments a counter and answers 200;
// GET /api/count answers 200 with the counter in decimal as the whole body;
// on -stack nethttp, GET /ws is a WebSocket endpoint (gorilla/websocket)
// that echoes each message, whose Upgrader.CheckOrigin is the policy's. A
// refused request leaves the counter unchanged. Try:
//
//	curl -si -X POST http://127.0.0.1:8091/api/transfer -H 'Origin: https://evil.example' -H 'Sec-Fetch-Site: cross-site'
//	curl -si -X POST http://127.0.0.1:8091/api/transfer -H 'Origin: https://app.example' -H 'Sec-Fetch-Site: cross-site'
//	curl -s http://127.0.0.1:8091/api/count
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"strconv"
	"sync/atomic"

	cors "github.com/originguard/cors/core"
)

// newPolicy is the example's policy: CORS for https://app.example, and
// forgery protection for everyone else.
func newPolicy() *cors.Policy {
	return cors.MustNew(cors.Config{
		AllowedOrigins:    []string{"https://app.example"},
		AllowCredentials:  true,
		AllowedMethods:    []string{"GET", "POST", "PUT", "DELETE"},
		AllowedHeaders:    []string{"Content-Type"},
		ForgeryProtection: true,
	})
}

// counter is the state POST /api/transfer changes.
type counter struct{ n atomic.Int64 }

func (c *counter) transfer()      { c.n.Add(1) }
func (c *counter) String() string { return strconv.FormatInt(c.n.Load(), 10) }

// transferred is the body of POST /api/transfer.
const transferred = "transferred\n"

// stacks serve the example's routes behind the policy on a listener; each
// returns a function that stops the server.
var stacks = map[string]func(ln net.Listener, p *cors.Policy, c *counter) (stop func()){
	"nethttp": serveNetHTTP,
	"gin":     serveGin,
	"echo":    serveEcho,
	"echov5":  serveEchoV5,
	"fiber":   serveFiber,
	"fiberv3": serveFiberV3,
	"chi":     serveChi,
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8091", "listen address")
	stack := flag.String("stack", "nethttp", "nethttp, gin, echo, echov5, fiber, fiberv3 or chi")
	flag.Parse()
	serve, ok := stacks[*stack]
	if !ok {
		fmt.Fprintf(os.Stderr, "crossorigin: unknown -stack %q (want nethttp, gin, echo, echov5, fiber, fiberv3 or chi)\n", *stack)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("crossorigin example (%s) listening on http://%s", *stack, ln.Addr())
	serve(ln, newPolicy(), &counter{})
	select {} // the server runs until the process is stopped
}
