package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The README's net/http program listens here and serves PUT /api/items/{id}
// to the page origin below; the consumer test runs it on a free port instead.
const (
	readmeAddr     = "127.0.0.1:8080"
	readmeOrigin   = "https://app.example"
	deniedOrigin   = "https://evil.example"
	itemPath       = "/api/items/42"
	itemPathEchoed = "42"
)

// runNetHTTP builds the README's net/http program with its address moved to
// a free loopback port, starts it, and checks a preflight, an allowed actual
// request and one from a disallowed origin.
func (c *consumer) runNetHTTP(source string) error {
	if !strings.Contains(source, `"`+readmeAddr+`"`) {
		return fmt.Errorf("the program does not listen on %q, which the test replaces with a free port", readmeAddr)
	}
	addr, err := freeLoopbackAddr()
	if err != nil {
		return err
	}
	if err := c.write(filepath.Join("run", "main.go"), strings.ReplaceAll(source, readmeAddr, addr)); err != nil {
		return err
	}
	bin := filepath.Join(c.dir, "nethttp-server")
	if err := c.goCmd("build", "-o", bin, "./run"); err != nil {
		return err
	}
	server := exec.Command(bin)
	server.Stdout, server.Stderr = os.Stdout, os.Stdout
	if err := server.Start(); err != nil {
		return err
	}
	defer func() { _ = server.Process.Kill(); _ = server.Wait() }()
	fmt.Printf("started the net/http program on %s (pid %d)\n", addr, server.Process.Pid)
	base := "http://" + addr
	if err := waitForServer(base); err != nil {
		return err
	}

	pre, _, err := send(http.MethodOptions, base+itemPath, map[string]string{
		"Origin":                         readmeOrigin,
		"Access-Control-Request-Method":  http.MethodPut,
		"Access-Control-Request-Headers": "content-type",
	})
	if err != nil {
		return err
	}
	if err := expect("preflight", pre.StatusCode == http.StatusNoContent, "status %d, want 204", pre.StatusCode); err != nil {
		return err
	}
	if err := expectCORS("preflight", pre.Header, readmeOrigin); err != nil {
		return err
	}
	methods := commaList(pre.Header.Values("Access-Control-Allow-Methods"))
	if err := expect("preflight", slices.Contains(methods, http.MethodPut), "Access-Control-Allow-Methods %q, want PUT in it", methods); err != nil {
		return err
	}
	allowed := commaList(pre.Header.Values("Access-Control-Allow-Headers"))
	if err := expect("preflight", slices.ContainsFunc(allowed, func(h string) bool { return strings.EqualFold(h, "content-type") }),
		"Access-Control-Allow-Headers %q, want Content-Type in it", allowed); err != nil {
		return err
	}

	fmt.Println("ok: preflight answered 204 with the origin, PUT, Content-Type and Vary: Origin")

	actual, body, err := send(http.MethodPut, base+itemPath, map[string]string{"Origin": readmeOrigin})
	if err != nil {
		return err
	}
	if err := expect("actual request", actual.StatusCode == http.StatusOK && body == itemPathEchoed,
		"status %d body %q, want 200 %q", actual.StatusCode, body, itemPathEchoed); err != nil {
		return err
	}
	if err := expectCORS("actual request", actual.Header, readmeOrigin); err != nil {
		return err
	}

	fmt.Println("ok: actual request reached the handler and got the origin and Vary: Origin")

	denied, _, err := send(http.MethodPut, base+itemPath, map[string]string{"Origin": deniedOrigin})
	if err != nil {
		return err
	}
	if err := expect("request from a disallowed origin", denied.Header.Get("Access-Control-Allow-Origin") == "",
		"Access-Control-Allow-Origin %q, want none", denied.Header.Get("Access-Control-Allow-Origin")); err != nil {
		return err
	}
	fmt.Println("ok: request from a disallowed origin got no Access-Control-Allow-Origin")
	return nil
}

func expectCORS(what string, h http.Header, origin string) error {
	if err := expect(what, h.Get("Access-Control-Allow-Origin") == origin,
		"Access-Control-Allow-Origin %q, want %q", h.Get("Access-Control-Allow-Origin"), origin); err != nil {
		return err
	}
	vary := commaList(h.Values("Vary"))
	return expect(what, slices.Contains(vary, "Origin"), "Vary %q, want Origin in it", vary)
}

func expect(what string, ok bool, format string, args ...any) error {
	if !ok {
		return fmt.Errorf("%s: "+format, append([]any{what}, args...)...)
	}
	return nil
}

func send(method, url string, headers map[string]string) (*http.Response, string, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return nil, "", err
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	fmt.Printf("%s %s %v -> %d %v\n", method, url, headers, resp.StatusCode, resp.Header)
	return resp, string(body), err
}

func commaList(values []string) []string {
	var out []string
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

func freeLoopbackAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	return addr, l.Close()
}

func waitForServer(base string) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/")
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the server did not answer on %s: %w", base, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
