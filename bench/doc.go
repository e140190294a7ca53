// Package bench compares originguard/cors with the other Go CORS
// middleware, side by side, on every framework it supports.
//
// The package holds a harness and no public API. For each scenario (no
// Origin, allowed and denied actual requests, allowed and refused
// preflights, a 1 MB Access-Control-Request-Headers, 1000 configured
// origins) and each framework (net/http, chi, gin, echo v4 and v5, fiber v2
// and v3) it builds
//
//   - the bare router with the terminal handler (lib=none, the baseline),
//   - a floor: a middleware that writes exactly the headers our middleware
//     writes for that scenario, precomputed, with no decision logic
//     (lib=floor),
//   - the minimal middleware: the least correct code for this
//     configuration, hand-written per stack, which reads what any correct
//     middleware must read, decides and writes our headers (lib=minimal),
//   - our adapter (lib=ours),
//   - every peer that fits the framework: rs/cors, jub0bs/cors,
//     go-chi/cors, gin-contrib/cors, echo's CORSWithConfig (v4 and v5)
//     and fiber's middleware/cors (v2 and v3).
//
// All of them share one configuration (see commonConfig). The net/http
// based stacks run on a reused ResponseWriter with a real http.Header that
// is cleared every iteration, so header writes and their allocations
// count; fiber (v2 and v3) runs through app.Handler() on a reused
// *fasthttp.RequestCtx.
//
// Benchmarks only run with -bench:
//
//	go test -run '^$' -bench . -benchmem -benchtime 100ms
//
// The normal test run checks the harness cheaply: our stacks agree with
// each other and with the design's behaviour rules, the minimal middleware
// answers like ours, their allocation
// budgets hold, and no response shares a mutable header slice with the
// next one. `go test -run TestBehaviour -write-behaviour` regenerates
// behaviour.md, the table of observed responses of every peer.
//
// cmd/benchreport (wrapped by run.sh) runs interleaved rounds, feeds
// benchstat and writes the table into the module's README.md.
package bench
