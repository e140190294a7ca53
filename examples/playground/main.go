// Command playground serves a small API through one of the originguard/cors
// adapters and a page, on a second origin, that fires the typical
// cross-origin requests at it. For each request the page shows what the
// browser did and why the server decided as it did (cors.Decision.Reason).
// The policy can be edited from the page; it is applied with
// cors.Policy.Reconfigure and configuration errors are shown verbatim. The
// page also shows the policy's OpenTelemetry counters (corsotel) live, and
// sets a report-only candidate policy (cors.Config.ReportOnly) whose
// differences appear on each request's row and in the counters.
//
// Usage:
//
//	go run ./examples/playground [-stack nethttp|chi|gin|echo|echov5|fiber|fiberv3] [-api 127.0.0.1:8080] [-page 127.0.0.1:8081] [-other 127.0.0.1:8082]
//
// Open the page URL it prints; stop it with Ctrl-C.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	opts := defaultOptions()
	flag.StringVar(&opts.Stack, "stack", opts.Stack, "framework serving the API: "+stackNames())
	flag.StringVar(&opts.API, "api", opts.API, "listen address of the API (`host:port`; port 0 picks a free one)")
	flag.StringVar(&opts.Page, "page", opts.Page, "listen address of the playground page, an allowed origin")
	flag.StringVar(&opts.Other, "other", opts.Other, "listen address of a third origin that the policy does not allow")
	flag.Parse()
	opts.Out = os.Stdout

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, opts); err != nil {
		fmt.Fprintln(os.Stderr, "playground:", err)
		os.Exit(1)
	}
}
