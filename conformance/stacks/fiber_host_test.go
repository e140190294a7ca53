package stacks

import (
	"bufio"
	"net"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	fiberv3 "github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsfiberv3 "github.com/originguard/cors/adapters/fiberv3"
	"github.com/valyala/fasthttp"
)

// hostSender is the address the requests of TestFiberPolicyJudgesHandlersHost
// come from; the "trusted proxy" configurations trust it.
const hostSender = "192.0.2.1"

// TestFiberPolicyJudgesHandlersHost: on both fiber majors the policy judges
// the host the handlers see (v2 c.Hostname(), v3 c.Host()), with and without
// X-Forwarded-Host, from a trusted sender or not.
func TestFiberPolicyJudgesHandlersHost(t *testing.T) {
	for name, cfg := range map[string]fiber.Config{
		"defaults":        {},
		"trusted proxy":   {EnableTrustedProxyCheck: true, TrustedProxies: []string{hostSender}},
		"untrusted proxy": {EnableTrustedProxyCheck: true, TrustedProxies: []string{"198.51.100.1"}},
	} {
		var judged, seen string
		a := fiber.New(cfg)
		a.Use(corsfiber.New(corsfiber.Config{AllowOriginRequestFunc: func(_, host, _ string) bool {
			judged = strings.Clone(host)
			return true
		}}))
		a.Get("/x", func(c *fiber.Ctx) error { seen = strings.Clone(c.Hostname()); return nil })
		checkJudgedHost(t, "fiber, "+name, a.Handler(), &judged, &seen)
	}
	for name, cfg := range map[string]fiberv3.Config{
		"defaults":        {},
		"trusted proxy":   {TrustProxy: true, TrustProxyConfig: fiberv3.TrustProxyConfig{Proxies: []string{hostSender}}},
		"untrusted proxy": {TrustProxy: true, TrustProxyConfig: fiberv3.TrustProxyConfig{Proxies: []string{"198.51.100.1"}}},
	} {
		var judged, seen string
		a := fiberv3.New(cfg)
		a.Use(corsfiberv3.New(corsfiberv3.Config{AllowOriginRequestFunc: func(_, host, _ string) bool {
			judged = strings.Clone(host)
			return true
		}}))
		a.Get("/x", func(c fiberv3.Ctx) error { seen = strings.Clone(c.Host()); return nil })
		checkJudgedHost(t, "fiberv3, "+name, a.Handler(), &judged, &seen)
	}
}

// checkJudgedHost sends h requests from hostSender with each form of
// X-Forwarded-Host and checks that the host the policy judged (*judged) is
// the one the handler saw (*seen).
func checkJudgedHost(t *testing.T, name string, h fasthttp.RequestHandler, judged, seen *string) {
	t.Helper()
	for _, forwarded := range []string{"", "X-Forwarded-Host: fwd.example\r\n", "x-forwarded-host: fwd.example, b.example\r\n",
		"x-forwarded-host:  fwd.example , b.example\r\n", "X-Forwarded-Host: fwd.example\r\nX-Forwarded-Host: b.example\r\n",
		"X-Forwarded-Host: \r\n"} {
		*judged, *seen = "", ""
		ctx := new(fasthttp.RequestCtx)
		ctx.Init(new(fasthttp.Request), &net.TCPAddr{IP: net.ParseIP(hostSender), Port: 1234}, nil)
		raw := "GET /x HTTP/1.1\r\nHost: api.example\r\nOrigin: https://app.example\r\n" + forwarded + "\r\n"
		if err := ctx.Request.Read(bufio.NewReader(strings.NewReader(raw))); err != nil {
			t.Fatal(err)
		}
		h(ctx)
		if *judged != *seen || *seen == "" {
			t.Errorf("%s, %q: the policy judged host %q, the handler saw %q", name, forwarded, *judged, *seen)
		}
	}
}
