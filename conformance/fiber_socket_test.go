package conformance

import (
	"net"
	"net/http"
	"strings"
	"testing"

	fiberv3 "github.com/gofiber/fiber/v3"
	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
	"golang.org/x/net/http/httpguts"
)

// socketApp is a fiber fixture application to serve on a socket.
type socketApp struct {
	handler fasthttp.RequestHandler
	listen  func(net.Listener) error
	stop    func() error
}

// fiberSocketApps build the fixture of each fiber major for a policy.
var fiberSocketApps = map[string]func(*cors.Policy) socketApp{
	"fiber": func(p *cors.Policy) socketApp {
		app := newFiberApp(p)
		return socketApp{app.Handler(), app.Listener, app.Shutdown}
	},
	"fiberv3": func(p *cors.Policy) socketApp {
		app := newFiberV3App(p)
		listen := func(ln net.Listener) error {
			return app.Listener(ln, fiberv3.ListenConfig{DisableStartupMessage: true})
		}
		return socketApp{app.Handler(), listen, app.Shutdown}
	},
}

// TestFiberBridgeMatchesSocket checks that the in-process fasthttp bridge
// is faithful: every case whose request can travel over HTTP/1.1 unchanged
// gets the same status, markers, Access-Control-* headers and Vary from the
// fiber app (v2 and v3) served on a 127.0.0.1 socket.
func TestFiberBridgeMatchesSocket(t *testing.T) {
	for name, build := range fiberSocketApps {
		t.Run(name, func(t *testing.T) { checkBridgeMatchesSocket(t, build) })
	}
}

func checkBridgeMatchesSocket(t *testing.T, build func(*cors.Policy) socketApp) {
	type served struct {
		base   string       // URL of the app on a socket
		bridge http.Handler // the same policy through the in-process bridge
	}
	apps := map[string]served{} // by policy name
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	compared := 0
	for _, c := range cases() {
		if !wireSafe(c.req) {
			continue
		}
		a, ok := apps[c.pol.name]
		if !ok {
			p, err := c.pol.build()
			if err != nil {
				t.Fatal(err)
			}
			app := build(p)
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			go func() { _ = app.listen(ln) }()
			t.Cleanup(func() { _ = app.stop() })
			a = served{base: "http://" + ln.Addr().String(), bridge: fasthttpBridge(app.handler)}
			apps[c.pol.name] = a
		}
		want, err := serve(a.bridge, c.req)
		if err != nil {
			t.Fatal(err)
		}
		req, err := http.NewRequest(c.req.method, a.base+c.req.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = c.req.httpRequest().Host
		for _, l := range c.req.lines {
			req.Header[l.key] = append(req.Header[l.key], l.value)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		_ = res.Body.Close()
		got := response{status: res.StatusCode, header: res.Header}
		if g, w := summary(got, true), summary(want, true); g != w {
			t.Errorf("%s: fiber over a socket differs from the bridge:\n\tsocket: %s\n\tbridge: %s", c.name, g, w)
		}
		compared++
	}
	if compared < 200 {
		t.Errorf("only %d cases compared", compared)
	}
	t.Logf("%d cases compared over a socket", compared)
}

// wireSafe reports whether r survives an HTTP/1.1 round trip byte for byte:
// a token method, no control or non-ASCII bytes, no whitespace at the ends
// of a value (parsers trim it), no empty value (the Go client drops it), and
// headers within fasthttp's default 4 kB read buffer (beyond it the server
// answers 431 before fiber runs).
func wireSafe(r request) bool {
	if !httpguts.ValidHeaderFieldName(r.method) || strings.Contains(r.path, "?") {
		return false
	}
	size := 0
	for _, l := range r.lines {
		size += len(l.key) + len(l.value) + 4
	}
	if size > 3072 {
		return false
	}
	for _, l := range r.lines {
		v := l.value
		if v == "" || strings.TrimSpace(v) != v {
			return false
		}
		for i := 0; i < len(v); i++ {
			if c := v[i]; c < 0x20 || c >= 0x7f {
				return false
			}
		}
	}
	return true
}
