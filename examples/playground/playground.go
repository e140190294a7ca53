package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	cors "github.com/originguard/cors/core"
)

// options configures one playground process.
type options struct {
	Stack string    // key of stacks
	API   string    // listen address of the API
	Page  string    // listen address of the page (an allowed origin)
	Other string    // listen address of the third, disallowed origin
	Out   io.Writer // start-up lines and one line per CORS decision; nil: silent
}

func defaultOptions() options {
	return options{Stack: "nethttp", API: "127.0.0.1:8080", Page: "127.0.0.1:8081", Other: "127.0.0.1:8082"}
}

// playground is a running instance: three servers on three origins.
type playground struct {
	APIURL, PageURL, OtherURL string // e.g. "http://127.0.0.1:8080"
	Stack                     string

	policy    *cors.Policy
	meters    *meters
	candidate candidate
	rec       *recorder
	api       apiServer
	page      *http.Server
	other     *http.Server
	serving   chan error
}

// apiServer is the API served by one stack.
type apiServer interface {
	Serve(ln net.Listener) error
	Shutdown(ctx context.Context) error
}

// start binds the three listeners, builds the default policy for the bound
// page origin and starts serving. Shut it down with Shutdown.
func start(opts options) (*playground, error) {
	mount, ok := stacks[opts.Stack]
	if !ok {
		return nil, fmt.Errorf("unknown stack %q (want one of %s)", opts.Stack, stackNames())
	}
	out := opts.Out
	if out == nil {
		out = io.Discard
	}
	var lns []net.Listener
	closeAll := func() {
		for _, ln := range lns {
			ln.Close()
		}
	}
	for i, addr := range []string{opts.API, opts.Page, opts.Other} {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			closeAll()
			flag := [...]string{"-api", "-page", "-other"}[i]
			return nil, fmt.Errorf("%w (choose another address with %s, e.g. %s 127.0.0.1:0)", err, flag, flag)
		}
		lns = append(lns, ln)
	}
	pg := &playground{
		APIURL:   "http://" + lns[0].Addr().String(),
		PageURL:  "http://" + lns[1].Addr().String(),
		OtherURL: "http://" + lns[2].Addr().String(),
		Stack:    opts.Stack,
		rec:      newRecorder(out),
		serving:  make(chan error, 3),
	}
	meters, err := newMeters()
	if err != nil {
		closeAll()
		return nil, err
	}
	pg.meters = meters
	cfg := defaultPolicy(pg.PageURL)
	cfg.Observe = meters.observer.Observe
	p, err := cors.New(cfg)
	if err != nil { // a bug in defaultPolicy: say so rather than panic
		closeAll()
		return nil, fmt.Errorf("default policy: %w", err)
	}
	pg.policy = p
	pg.api = mount(p, pg.rec, opts.Stack)
	pg.page = newHTTPServer(pg.pageHandler())
	pg.other = newHTTPServer(otherHandler())

	go func() { pg.serving <- pg.api.Serve(lns[0]) }()
	go func() { pg.serving <- pg.page.Serve(lns[1]) }()
	go func() { pg.serving <- pg.other.Serve(lns[2]) }()
	return pg, nil
}

func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
}

// Shutdown stops the three servers, waiting for requests in flight until ctx
// ends.
func (pg *playground) Shutdown(ctx context.Context) error {
	return errors.Join(pg.api.Shutdown(ctx), pg.page.Shutdown(ctx), pg.other.Shutdown(ctx))
}

// run starts the playground, prints its URLs, and serves until ctx is done
// or a server fails.
func run(ctx context.Context, opts options) error {
	pg, err := start(opts)
	if err != nil {
		return err
	}
	if opts.Out != nil {
		fmt.Fprintf(opts.Out, "cors playground (stack %s)\n", pg.Stack)
		fmt.Fprintf(opts.Out, "  open the page:    %s/\n", pg.PageURL)
		fmt.Fprintf(opts.Out, "  API:              %s/api/hello\n", pg.APIURL)
		fmt.Fprintf(opts.Out, "  disallowed origin %s\n", pg.OtherURL)
		fmt.Fprintln(opts.Out, "press Ctrl-C to stop")
	}
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-pg.serving:
		serveErr = fmt.Errorf("server stopped: %w", serveErr)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := pg.Shutdown(sctx); err != nil {
		return errors.Join(serveErr, err)
	}
	if opts.Out != nil && serveErr == nil {
		fmt.Fprintln(opts.Out, "stopped")
	}
	return serveErr
}
