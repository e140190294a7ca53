// Package stacks holds the conformance harnesses of the six framework
// stacks the repository ships adapters for (gin, echo v4 and v5, fiber v2
// and v3, chi), and the tests that need a framework or a browser: the
// conformance suite run on every stack, the adapters' public API and mounts,
// the fasthttp adapters' header reading, the browser suite (package browser)
// and the load test (package load).
//
// It is a module of its own, never published, so that the published kit
// (github.com/originguard/cors/conformance: the Harness, the cases and Run)
// requires nothing but the core. Each stack_<framework>.go builds the
// fixture application of the conformance package documentation with that
// framework's router and recovery; Harnesses lists them.
//
// The tests here also judge every response of the table the way a browser
// would (verdict_test.go, with github.com/originguard/cors/corscheck/fetchcheck),
// and count every decision of the table on every stack with corsotel on the
// OpenTelemetry SDK's manual reader (observe_test.go).
// Run `go test -run 'TestConformance_.*/differential' -differential.n=20000`
// in this module for a longer differential run.
package stacks

import "github.com/originguard/cors/conformance"

// Harnesses returns the harnesses of every stack: net/http (the
// reference), gin (mounted with engine.Use, and wrapped whole by the
// policy's net/http handler), echo v4 and v5 (each mounted with e.Use and
// with e.Pre), fiber v2 and v3, and chi.
func Harnesses() []conformance.Harness {
	return []conformance.Harness{conformance.NetHTTP(), Gin(), GinHandler(), Echo(), EchoPre(), EchoV5(), EchoV5Pre(), Fiber(), FiberV3(), Chi()}
}
