package corsfiber_test

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
)

// Every line of Origin and Sec-Fetch-Site reaches the policy whatever the
// case of its name, whether fasthttp stores names in canonical form (its
// default, and on a parsed request) or as given (DisableNormalizing): the
// answer is net/http's.
func TestFieldNamesInAnyCase(t *testing.T) {
	cfg := corsfiber.Config{AllowedOrigins: []string{"https://app.example"}, ForgeryProtection: true}
	a := fiber.New()
	a.Use(corsfiber.New(cfg))
	a.All("/x", func(c *fiber.Ctx) error { return nil })
	h := a.Handler()
	reference := cors.MustNew(cfg).Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	const o = "https://app.example"
	for _, lines := range [][]string{
		{"GET", "origin", o},
		{"GET", "ORIGIN", o, "X-Other", "1"},
		{"GET", "Origin", o, "origin", "https://evil.example"},
		{"POST", "origin", o, "sec-fetch-site", "cross-site"},
		{"POST", "Origin", "https://evil.example", "SEC-FETCH-SITE", "cross-site"},
		{"POST", "Origin", o, "Sec-Fetch-Site", "same-site", "sec-fetch-site", "cross-site"},
	} {
		req := httptest.NewRequest(lines[0], "http://api.example/x", nil)
		raw := lines[0] + " /x HTTP/1.1\r\nHost: api.example\r\n"
		for i := 1; i+1 < len(lines); i += 2 {
			req.Header.Add(lines[i], lines[i+1])
			raw += lines[i] + ": " + lines[i+1] + "\r\n"
		}
		w := httptest.NewRecorder()
		reference.ServeHTTP(w, req)
		for _, how := range []string{"parsed", "canonical", "as given"} {
			ctx := new(fasthttp.RequestCtx)
			if how == "parsed" {
				if err := ctx.Request.Read(bufio.NewReader(strings.NewReader(raw + "\r\n"))); err != nil {
					t.Fatal(err)
				}
			} else {
				if how == "as given" {
					ctx.Request.Header.DisableNormalizing()
				}
				ctx.Request.Header.SetMethod(lines[0])
				ctx.Request.Header.SetHost("api.example")
				ctx.Request.SetRequestURI("/x")
				for i := 1; i+1 < len(lines); i += 2 {
					ctx.Request.Header.Add(lines[i], lines[i+1])
				}
			}
			h(ctx)
			got := string(ctx.Response.Header.Peek("Access-Control-Allow-Origin"))
			if got != w.Header().Get("Access-Control-Allow-Origin") || ctx.Response.StatusCode() != w.Code {
				t.Errorf("%q, %s: %d, ACAO %q; net/http: %d, ACAO %q", lines, how, ctx.Response.StatusCode(), got, w.Code, w.Header().Get("Access-Control-Allow-Origin"))
			}
		}
	}
}
