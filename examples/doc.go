// Package examples holds the runnable examples of originguard/cors: the
// playground (go run ./examples/playground) and one small program per
// framework (examples/gin, examples/echo, examples/echov5, examples/fiber,
// examples/fiberv3, examples/chi, examples/nethttp), and examples/scoped: one application with different
// policies for different routes and tenant hosts, on any stack
// (go run ./examples/scoped -stack gin), and examples/crossorigin: one policy for CORS, forgery
// protection and a WebSocket origin check, on any stack (go run ./examples/crossorigin -stack
// echo). This package itself only carries the net/http Example
// shown in the README.
package examples
