package conformance

import (
	"bufio"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"time"

	cors "github.com/originguard/cors/core"
)

// wireServer is a stack's fixture application served on a 127.0.0.1 socket
// by the stack's own HTTP server.
type wireServer struct {
	addr string
	stop func()
}

// listen serves the fixture for p on a fresh 127.0.0.1 socket: with
// h.Listen when the stack has its own server (fasthttp), else with
// net/http's server around h.Mount.
func listen(h Harness, p *cors.Policy) (*wireServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	if h.Listen != nil {
		return &wireServer{addr: ln.Addr().String(), stop: h.Listen(ln, p)}, nil
	}
	srv := &http.Server{Handler: h.Mount(p), ErrorLog: log.New(io.Discard, "", 0), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return &wireServer{addr: ln.Addr().String(), stop: func() { _ = srv.Close() }}, nil
}

// wireAnswer is what came back for one request sent over a socket: a
// response, or none (closed: the server hung up without answering).
type wireAnswer struct {
	closed bool
	response
}

// exchange writes raw (one request, or several pipelined) on a new
// connection, half-closes it and reads one response per method in
// methods (the methods tell the reader which responses have no body).
func exchange(addr string, raw []byte, methods []string) ([]wireAnswer, error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	defer func() { _ = c.Close() }()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		// Write while reading: a server may answer (431) and hang up before
		// reading everything, so a write error is no failure of its own.
		defer wg.Done()
		_, _ = c.Write(raw)
		_ = c.(*net.TCPConn).CloseWrite()
	}()
	br := bufio.NewReader(c)
	out := make([]wireAnswer, len(methods))
	for i, m := range methods {
		res, err := http.ReadResponse(br, &http.Request{Method: m})
		if err != nil {
			for j := i; j < len(out); j++ {
				out[j].closed = true
			}
			break
		}
		n, _ := io.Copy(io.Discard, res.Body)
		_ = res.Body.Close()
		out[i].response = response{status: res.StatusCode, header: res.Header, body: int(n)}
	}
	wg.Wait()
	return out, nil
}
