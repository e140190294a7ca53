// Command observe serves a small API whose CORS decisions are counted with
// OpenTelemetry (github.com/originguard/cors/corsotel) and exported in the
// Prometheus text format, while a report-only candidate policy is tried out
// beside the live one.
//
// Usage:
//
//	go run ./examples/observe -addr 127.0.0.1:8080 -stack nethttp|gin|echo|echov5|fiber|fiberv3|chi
//
// The live policy allows https://app.example with credentials, the methods
// GET and PUT and the request header X-Token; the report-only candidate is
// the same with GET only. GET /api/items answers 200; GET /metrics serves
// cors_decisions_total{cors_kind, cors_outcome, cors_reason} and
// cors_report_only_differences_total{cors_kind, cors_reason} through
// OpenTelemetry's Prometheus exporter. Denials and report-only differences
// are also logged at Debug level on standard error, with the origin. Try:
//
//	curl -si -X OPTIONS -H 'Origin: https://app.example' -H 'Access-Control-Request-Method: PUT' http://127.0.0.1:8080/api/items
//	curl -s http://127.0.0.1:8080/metrics | grep ^cors_
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address (`host:port`; port 0 picks a free one)")
	stack := flag.String("stack", "nethttp", "framework serving the API: "+strings.Join(stackNames(), ", "))
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *addr, *stack, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "observe:", err)
		os.Exit(1)
	}
}

// run serves the API of stack on addr until ctx is done, printing its URLs
// to out and the Debug log records to logs.
func run(ctx context.Context, addr, stack string, out, logs *os.File) error {
	s, err := newServer(stack, logs)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "observe (stack %s): http://%s/api/items, metrics at http://%s/metrics\n", stack, ln.Addr(), ln.Addr())
	serving := make(chan error, 1)
	go func() { serving <- s.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-serving:
		return fmt.Errorf("server stopped: %w", err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return errors.Join(s.Shutdown(sctx), s.metricsShutdown(sctx))
}

func stackNames() []string {
	names := make([]string, 0, len(stacks))
	for n := range stacks {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
