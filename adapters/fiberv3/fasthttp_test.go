package corsfiber_test

// The conformance suite (module conformance) runs its whole table on fiber
// v3. These tests cover what only the fasthttp side of the adapter does:
// collecting header field lines from fasthttp's request as net/http reads
// them, and never keeping fasthttp's reused buffers beyond a request.

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
)

const allowed = "https://app.example"

var testConfig = corsfiber.Config{
	AllowedOrigins:      []string{allowed},
	AllowedMethods:      []string{"PUT"},
	AllowedHeaders:      []string{"X-Token", "Authorization"},
	AllowCredentials:    true,
	AllowPrivateNetwork: true,
}

// fiberApp is a fiber app with mw mounted by app.Use and a route on /x for
// every method.
func fiberApp(mw fiber.Handler) *fiber.App {
	a := fiber.New()
	a.Use(mw)
	a.All("/x", func(c fiber.Ctx) error { return c.SendStatus(fiber.StatusOK) })
	return a
}

// fiberHandler is fiberApp's request handler.
func fiberHandler(mw fiber.Handler) fasthttp.RequestHandler { return fiberApp(mw).Handler() }

// rawRequest is a reusable request context for /x whose header lines
// (name, value, name, value…) keep the case and order given, as they do
// with fiber.Config.DisableHeaderNormalizing.
func rawRequest(method string, lines ...string) *fasthttp.RequestCtx {
	ctx := new(fasthttp.RequestCtx)
	ctx.Request.Header.DisableNormalizing()
	ctx.Request.Header.SetMethod(method)
	ctx.Request.SetRequestURI("/x")
	for i := 0; i+1 < len(lines); i += 2 {
		ctx.Request.Header.Add(lines[i], lines[i+1])
	}
	return ctx
}

// serve runs h on ctx as a server would, after resetting the response.
func serve(h fasthttp.RequestHandler, ctx *fasthttp.RequestCtx) {
	ctx.Response.Reset()
	h(ctx)
}

// corsAnswer is the status and the Access-Control-* and Vary lines of a
// response, in a comparable form.
func corsAnswer(status int, h http.Header) string {
	var out []string
	for k, v := range h {
		if strings.HasPrefix(k, "Access-Control-") || k == "Vary" {
			out = append(out, k+": "+strings.Join(v, " | "))
		}
	}
	slices.Sort(out)
	return http.StatusText(status) + "\n" + strings.Join(out, "\n")
}

// TestHeaderFieldLines: every field line of Origin and the
// Access-Control-Request-* headers reaches the policy, whatever the ASCII
// case of its name, so the adapter answers exactly as the core's net/http
// middleware answers the same lines. Names equal to a CORS header only
// under Unicode case folding (long s, Kelvin sign) are other headers.
// (fasthttp's parser refuses such names; requests built in memory, by
// tests or bridges from other servers, can carry them.)
func TestHeaderFieldLines(t *testing.T) {
	p := cors.MustNew(testConfig)
	h := fiberHandler(corsfiber.Middleware(p))
	reference := p.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	for _, lines := range [][]string{
		{"origin", allowed},
		{"ORIGIN", allowed, "access-control-request-method", "PUT"},
		{"Origin", allowed, "Origin", allowed, "Access-Control-Request-Method", "PUT"},
		{"Origin", allowed, "access-control-request-method", "PUT", "Access-Control-Request-Headers", "x-token", "access-control-request-headers", "x-other"},
		{"Origin", allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-token", "Access-Control-Request-Headers", "authorization"},
		{"Origin", allowed, "Access-Control-Request-Method", "PUT", "access-control-request-private-network", "true"},
		{"Origin", allowed, "Acce\u017fs-Control-Request-Method", "PUT"},
		{"Origin", allowed, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Private-Networ\u212a", "true"},
	} {
		method := http.MethodGet
		if slices.ContainsFunc(lines, func(s string) bool { return strings.HasPrefix(strings.ToLower(s), "acce") }) {
			method = http.MethodOptions
		}
		ctx := rawRequest(method, lines...)
		serve(h, ctx)
		got := http.Header{}
		for k, v := range ctx.Response.Header.All() {
			got.Add(string(k), string(v))
		}
		// net/http's canonical keys: only ASCII names are canonicalized,
		// as its server does.
		req := httptest.NewRequest(method, "/x", nil)
		for i := 0; i+1 < len(lines); i += 2 {
			req.Header.Add(lines[i], lines[i+1])
		}
		w := httptest.NewRecorder()
		reference.ServeHTTP(w, req)
		if g, want := corsAnswer(ctx.Response.StatusCode(), got), corsAnswer(w.Code, w.Header()); g != want {
			t.Errorf("%s %q:\nfiber:    %s\nnet/http: %s", method, lines, g, want)
		}
	}
}

// exchange writes raw on a new connection to addr and reads one response.
func exchange(t *testing.T, addr, raw string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	return res
}

// listen serves on a fresh 127.0.0.1 port until the test ends.
func listen(t *testing.T, serve func(net.Listener) error, stop func() error) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = serve(ln) }()
	t.Cleanup(func() { _ = stop() })
	return ln.Addr().String()
}

// TestHeaderFieldsOverTheWire sends the same raw requests to fiber v3 and
// to net/http with the same policy: the CORS answers must be the same.
// fasthttp's parser trims optional whitespace and joins obs-fold lines as
// net/http's does; fasthttp adds the trailer fields of a chunked body to the
// request headers, which the middleware must ignore, as net/http does.
func TestHeaderFieldsOverTheWire(t *testing.T) {
	a := fiberApp(corsfiber.New(testConfig))
	fiberAddr := listen(t, func(ln net.Listener) error {
		return a.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true})
	}, a.Shutdown)
	srv := &http.Server{Handler: cors.MustNew(testConfig).Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))}
	netAddr := listen(t, srv.Serve, srv.Close)

	const chunked = "Transfer-Encoding: chunked\r\n"
	for _, tt := range []struct {
		name, method, header, body string
		acao                       string // what both must answer
	}{
		{name: "plain preflight", method: "OPTIONS", header: "Origin: " + allowed + "\r\nAccess-Control-Request-Method: PUT\r\n", body: "", acao: allowed},
		{name: "tab after origin", method: "GET", header: "Origin: " + allowed + "\t\r\n", body: "", acao: allowed},
		{name: "spaces around origin", method: "GET", header: "Origin:   " + allowed + "  \r\n", body: "", acao: allowed},
		{name: "tab after method", method: "OPTIONS", header: "Origin: " + allowed + "\r\nAccess-Control-Request-Method: PUT\t\r\n", body: "", acao: allowed},
		{name: "tab after private network", method: "OPTIONS", header: "Origin: " + allowed + "\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Private-Network: true\t\r\n", body: "", acao: allowed},
		{name: "obs-fold method", method: "OPTIONS", header: "Origin: " + allowed + "\r\nAccess-Control-Request-Method:\r\n PUT\r\n", body: "", acao: allowed},
		{name: "origin in a trailer", method: "POST", header: chunked, body: "0\r\nOrigin: " + allowed + "\r\n\r\n", acao: ""},
		{name: "method in a trailer", method: "OPTIONS", header: "Origin: " + allowed + "\r\n" + chunked, body: "0\r\nAccess-Control-Request-Method: PUT\r\n\r\n", acao: allowed},
		{name: "chunked body, origin in the header", method: "POST", header: "Origin: " + allowed + "\r\n" + chunked, body: "1\r\na\r\n0\r\nX-Trailer: 1\r\n\r\n", acao: allowed},
	} {
		raw := tt.method + " /x HTTP/1.1\r\nHost: api.example\r\n" + tt.header + "\r\n" + tt.body
		got, want := exchange(t, fiberAddr, raw), exchange(t, netAddr, raw)
		if want.Header.Get("Access-Control-Allow-Origin") != tt.acao {
			t.Fatalf("%s: net/http answered %d %v, want ACAO %q", tt.name, want.StatusCode, want.Header, tt.acao)
		}
		// Statuses differ where the routers do (fiber's route answers 200
		// to an OPTIONS that is not a preflight); the CORS headers may not.
		got.StatusCode, want.StatusCode = 0, 0
		if g, w := corsAnswer(0, got.Header), corsAnswer(0, want.Header); g != w {
			t.Errorf("%s:\nfiber:    %s\nnet/http: %s", tt.name, g, w)
		}
	}
}

// TestChunkedRequestAllocatesNothing: for a parsed request with a chunked
// body the middleware reads the header block again, still without
// allocating.
func TestChunkedRequestAllocatesNothing(t *testing.T) {
	h := fiberHandler(corsfiber.New(testConfig))
	ctx := new(fasthttp.RequestCtx)
	raw := "OPTIONS /x HTTP/1.1\r\nHost: api.example\r\nOrigin: " + allowed +
		"\r\nAccess-Control-Request-Method: PUT\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX-Trailer: 1\r\n\r\n"
	if err := ctx.Request.Read(bufio.NewReader(strings.NewReader(raw))); err != nil {
		t.Fatal(err)
	}
	serve(h, ctx)
	if got := string(ctx.Response.Header.Peek("Access-Control-Allow-Origin")); got != allowed {
		t.Fatalf("chunked preflight: ACAO %q: %s", got, ctx.Response.Header.String())
	}
	if n := testing.AllocsPerRun(100, func() { serve(h, ctx) }); n != 0 && !raceEnabled {
		t.Errorf("chunked preflight: %.0f allocs/op, want 0", n)
	}
}

// Concurrent requests from different origins each get their own origin
// back: no buffer is shared between requests.
func TestConcurrentRequestsKeepTheirOrigin(t *testing.T) {
	origins := []string{"https://a.app.example", "https://b.app.example", "https://c.app.example", "https://d.app.example"}
	h := fiberHandler(corsfiber.New(corsfiber.Config{AllowedOrigins: []string{"https://*.app.example"}}))
	errs := make(chan string, len(origins))
	for _, o := range origins {
		go func() {
			ctx := rawRequest(http.MethodOptions, "Origin", o, "Access-Control-Request-Method", "GET")
			for range 2000 {
				serve(h, ctx)
				if got := string(ctx.Response.Header.Peek("Access-Control-Allow-Origin")); got != o {
					errs <- "sent " + o + ", got ACAO " + got
					return
				}
			}
			errs <- ""
		}()
	}
	for range origins {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
