package corsfiber_test

import (
	"strings"
	"testing"

	"github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
	"github.com/valyala/fasthttp"
)

// No line break in a request's field reaches the response: the policy
// echoes an origin, a method or header names only once checked, so none
// can start a header line of its own (the middleware writes values as they
// are).
func TestNoEchoedValueStartsALine(t *testing.T) {
	a := fiber.New()
	a.Use(corsfiber.New(corsfiber.Config{AllowOriginFunc: func(string) bool { return true },
		AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*"}, AllowCredentials: true}))
	a.All("/x", func(c fiber.Ctx) error { return nil })
	h := a.Handler()
	// serve answers a request built in memory (fasthttp's parser would
	// refuse these values) with a method and header lines.
	serve := func(method string, lines ...string) *fasthttp.ResponseHeader {
		ctx := new(fasthttp.RequestCtx)
		ctx.Request.Header.SetMethod(method)
		ctx.Request.SetRequestURI("/x")
		for i := 0; i+1 < len(lines); i += 2 {
			ctx.Request.Header.Add(lines[i], lines[i+1])
		}
		h(ctx)
		return &ctx.Response.Header
	}
	const o, m, hs = "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"
	if r := serve("OPTIONS", o, "https://app.example", m, "PUT", hs, "x-a"); string(r.Peek("Access-Control-Allow-Methods")) != "PUT" ||
		string(r.Peek("Access-Control-Allow-Headers")) != "x-a" {
		t.Fatalf("the policy does not echo the method and header names:\n%s", r)
	}
	const inject = "\r\nSet-Cookie: a=b"
	for _, lines := range [][]string{
		{"GET", o, "https://app.example" + inject},
		{"OPTIONS", o, "https://app.example" + inject, m, "PUT"},
		{"OPTIONS", o, "https://app.example", m, "PUT" + inject},
		{"OPTIONS", o, "https://app.example", m, "PUT", hs, "x-a" + inject},
		{"OPTIONS", o, "https://app.example", m, "PUT", hs, "x-a,x-b\n"},
	} {
		if s := serve(lines[0], lines[1:]...).String(); strings.Contains(s, "\nSet-Cookie") || strings.Contains(s, "x-b\n") {
			t.Errorf("%q: a value started a header line:\n%s", lines, s)
		}
	}
}
