// Package load runs every stack (net/http through cors.Policy.Handler, gin,
// echo, fiber and chi through their adapters) on a loopback listener under a
// mixed CORS load from an in-process Go load generator, while the policy is
// reconfigured every 100 ms between two configurations.
//
// The test asserts zero transport errors, that every response equals what
// one of the two configurations answers (never a mix of both), that both
// configurations were observed, and that the heap after the run (after a
// GC) has not grown beyond a small bound. It logs requests served, errors
// and HeapAlloc before and after for each stack.
//
// The duration per stack is 3 s by default (1 s under the race detector,
// 500 ms with -short); set it with -load.duration or CORS_LOAD_DURATION:
//
//	go test ./load -run TestLoad -v -load.duration=30s
package load
