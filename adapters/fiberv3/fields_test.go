package corsfiber_test

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
)

// fieldsConfig allows private network access, so that every CORS request
// header matters.
var fieldsConfig = cors.Config{
	AllowedOrigins:      []string{allowed},
	AllowedMethods:      []string{"PUT"},
	AllowPrivateNetwork: true,
}

// listen serves h on a fresh 127.0.0.1 port until the test ends.
func listen(t *testing.T, serve func(net.Listener) error, stop func()) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = serve(ln) }()
	t.Cleanup(stop)
	return ln.Addr().String()
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

// TestHeaderFieldsOverTheWire sends raw requests to fiber v3 and to
// net/http with the same policy and checks that the middleware reads the
// CORS request headers as net/http does: optional whitespace trimmed, names
// matched case-insensitively in ASCII only, obs-fold continuation lines
// joined, trailer fields of a chunked body ignored.
func TestHeaderFieldsOverTheWire(t *testing.T) {
	a := fiber.New()
	a.Use(corsfiber.New(fieldsConfig))
	a.All("/x", func(c fiber.Ctx) error { return c.SendString("app") })
	fiberAddr := listen(t, func(ln net.Listener) error { return a.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) },
		func() { _ = a.Shutdown() })

	srv := &http.Server{Handler: cors.MustNew(fieldsConfig).Handler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "app")
	}))}
	netAddr := listen(t, srv.Serve, func() { _ = srv.Close() })

	const chunked = "Transfer-Encoding: chunked\r\n"
	tests := []struct {
		name        string
		method      string
		header      string // field lines, each ending in CRLF
		body        string // for chunked requests: the chunks and trailer section
		status      int
		acao, acapn string
		compare     bool // net/http accepts the request, so its answer must be the same
	}{
		{"plain preflight", "OPTIONS", "Origin: " + allowed + "\r\nAccess-Control-Request-Method: PUT\r\n", "", 204, allowed, "", true},
		{"tab after origin", "GET", "Origin: " + allowed + "\t\r\n", "", 200, allowed, "", true},
		{"spaces around origin", "GET", "Origin:   " + allowed + "  \r\n", "", 200, allowed, "", true},
		{"tab after method", "OPTIONS", "Origin: " + allowed + "\r\nAccess-Control-Request-Method: PUT\t\r\n", "", 204, allowed, "", true},
		{"tab after private network", "OPTIONS", "Origin: " + allowed + "\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Private-Network: true\t\r\n", "", 204, allowed, "true", true},
		{"names in any ASCII case", "OPTIONS", "oRIGIN: " + allowed + "\r\naccess-control-request-METHOD: PUT\r\n", "", 204, allowed, "", true},
		{"obs-fold method", "OPTIONS", "Origin: " + allowed + "\r\nAccess-Control-Request-Method:\r\n PUT\r\n", "", 204, allowed, "", true},
		// fasthttp's parser refuses non-token bytes in names, as net/http's
		// does; TestUnicodeNames checks the middleware on its own.
		{"long s in a name", "OPTIONS", "Origin: " + allowed + "\r\nAcce\u017fs-Control-Request-Method: PUT\r\n", "", 400, "", "", false},
		{"origin in a trailer", "POST", chunked, "0\r\nOrigin: " + allowed + "\r\n\r\n", 200, "", "", true},
		{"method in a trailer", "OPTIONS", "Origin: " + allowed + "\r\n" + chunked, "0\r\nAccess-Control-Request-Method: PUT\r\n\r\n", 200, allowed, "", true},
		{"chunked with origin in the header", "POST", "Origin: " + allowed + "\r\n" + chunked, "0\r\n\r\n", 200, allowed, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := tt.method + " /x HTTP/1.1\r\nHost: api.example\r\n" + tt.header + "\r\n" + tt.body
			got := exchange(t, fiberAddr, raw)
			if got.StatusCode != tt.status || got.Header.Get("Access-Control-Allow-Origin") != tt.acao ||
				got.Header.Get("Access-Control-Allow-Private-Network") != tt.acapn {
				t.Errorf("fiber: %d %v, want %d with ACAO %q, ACAPN %q", got.StatusCode, got.Header, tt.status, tt.acao, tt.acapn)
			}
			if !tt.compare {
				return
			}
			want := exchange(t, netAddr, raw)
			if g, w := acSummary(got), acSummary(want); g != w {
				t.Errorf("fiber and net/http differ:\n\tfiber:    %s\n\tnet/http: %s", g, w)
			}
		})
	}
}

// acSummary is the status (when the middleware answered) and the
// Access-Control-* and Vary headers of res.
func acSummary(res *http.Response) string {
	var b strings.Builder
	if res.Header.Get("Access-Control-Allow-Methods") != "" || res.StatusCode == http.StatusForbidden {
		b.WriteString(res.Status)
	}
	for _, k := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods",
		"Access-Control-Allow-Private-Network", "Vary"} {
		b.WriteString(" " + k + "=" + strings.Join(res.Header.Values(k), ","))
	}
	return b.String()
}

// Header names are compared in ASCII only: a name that equals a CORS header
// name under Unicode case folding (long s, Kelvin sign) is another header.
// fasthttp's parser refuses such names, but requests built in memory (tests,
// bridges from other servers) reach the middleware with them.
func TestUnicodeNames(t *testing.T) {
	h := benchApp(corsfiber.New(fieldsConfig))
	for _, tt := range []struct {
		name   string
		header []string
		acam   string
		acapn  string
	}{
		{"ASCII names", preflight(allowed, "PUT", "access-control-request-private-NETWORK", "true"), "PUT", "true"},
		{"long s", []string{"Origin", allowed, "Acce\u017fs-Control-Request-Method", "PUT"}, "", ""},
		{"Kelvin sign", preflight(allowed, "PUT", "Access-Control-Request-Private-Networ\u212a", "true"), "PUT", ""},
	} {
		ctx := benchCase{"", "OPTIONS", tt.header}.requestCtx()
		serve(h, ctx)
		acam := string(ctx.Response.Header.Peek("Access-Control-Allow-Methods"))
		acapn := string(ctx.Response.Header.Peek("Access-Control-Allow-Private-Network"))
		if acam != tt.acam || acapn != tt.acapn {
			t.Errorf("%s: ACAM %q, ACAPN %q, want %q, %q", tt.name, acam, acapn, tt.acam, tt.acapn)
		}
	}
}
