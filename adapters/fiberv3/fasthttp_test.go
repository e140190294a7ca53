package corsfiber_test

// The conformance suite (module conformance) runs its whole table on fiber
// v3, and its fasthttp tests (header field lines in memory, buffers reused
// by fasthttp) on both fiber majors. These tests cover what only this
// adapter does: reading a parsed request's header section as net/http
// reads it (optional whitespace, obs-fold, trailers), without allocating.

import (
	"bufio"
	"io"
	"net"
	"net/http"
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

// serve runs h on ctx as a server would, after resetting the response.
func serve(h fasthttp.RequestHandler, ctx *fasthttp.RequestCtx) {
	ctx.Response.Reset()
	h(ctx)
}

// corsLines is the Access-Control-* and Vary lines of a response, in a
// comparable form.
func corsLines(h http.Header) string {
	var s string
	for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
		"Access-Control-Allow-Headers", "Access-Control-Allow-Private-Network", "Access-Control-Max-Age", "Access-Control-Expose-Headers", "Vary"} {
		s += "\n" + k + ": " + strings.Join(h.Values(k), " | ")
	}
	return s
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
		{name: "origin in the trailer of a chunked body", method: "POST", header: chunked, body: "1\r\na\r\n0\r\nOrigin: " + allowed + "\r\n\r\n", acao: ""},
		{name: "lower-case chunked, origin in a trailer", method: "POST", header: "transfer-encoding: Chunked\r\n", body: "0\r\nOrigin: " + allowed + "\r\n\r\n", acao: ""},
		{name: "body with a length", method: "POST", header: "Origin: " + allowed + "\r\nContent-Length: 1\r\n", body: "a", acao: allowed},
		{name: "browser preflight", method: "OPTIONS", header: browserPreflight, body: "", acao: allowed},
	} {
		raw := tt.method + " /x HTTP/1.1\r\nHost: api.example\r\n" + tt.header + "\r\n" + tt.body
		got, want := exchange(t, fiberAddr, raw), exchange(t, netAddr, raw)
		if want.Header.Get("Access-Control-Allow-Origin") != tt.acao {
			t.Fatalf("%s: net/http answered %d %v, want ACAO %q", tt.name, want.StatusCode, want.Header, tt.acao)
		}
		// Statuses differ where the routers do (fiber's route answers 200
		// to an OPTIONS that is not a preflight); the CORS headers may not.
		if g, w := corsLines(got.Header), corsLines(want.Header); g != w {
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

// browserPreflight is the header section (less Host) of a preflight from
// Chromium over HTTP/1.1.
const browserPreflight = "Connection: keep-alive\r\nAccept: */*\r\nAccess-Control-Request-Method: PUT\r\n" +
	"Access-Control-Request-Headers: x-token\r\nOrigin: " + allowed + "\r\n" +
	"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n" +
	"Sec-Fetch-Mode: cors\r\nSec-Fetch-Site: same-site\r\nSec-Fetch-Dest: empty\r\nReferer: " + allowed + "/\r\n" +
	"Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9\r\n"

// browserGet is the header section (less Host) of a cross-origin GET from
// Chromium over HTTP/1.1, with a cookie.
const browserGet = "Connection: keep-alive\r\nsec-ch-ua-platform: \"Linux\"\r\n" +
	"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n" +
	"sec-ch-ua: \"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"\r\nsec-ch-ua-mobile: ?0\r\n" +
	"Accept: */*\r\nOrigin: " + allowed + "\r\nSec-Fetch-Site: same-site\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\n" +
	"Referer: " + allowed + "/\r\nAccept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-US,en;q=0.9\r\n" +
	"Cookie: session=k7Qk2kKk; theme=dark\r\n"

// BenchmarkBrowserRequests serves requests parsed from a browser's bytes
// (a raw header section, as a server reads it) without and with the
// middleware: the difference is what the middleware costs on real traffic.
func BenchmarkBrowserRequests(b *testing.B) {
	for _, req := range []struct{ name, method, header string }{
		{"get", "GET", browserGet},
		{"preflight", "OPTIONS", browserPreflight},
	} {
		for _, app := range []struct {
			name string
			mw   fiber.Handler
		}{
			{"bare", func(c fiber.Ctx) error { return c.Next() }},
			{"cors", corsfiber.New(testConfig)},
		} {
			b.Run(req.name+"/"+app.name, func(b *testing.B) {
				h := fiberHandler(app.mw)
				ctx := new(fasthttp.RequestCtx)
				raw := req.method + " /x HTTP/1.1\r\nHost: api.example\r\n" + req.header + "\r\n"
				if err := ctx.Request.Read(bufio.NewReader(strings.NewReader(raw))); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					serve(h, ctx)
				}
			})
		}
	}
}
