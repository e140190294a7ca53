package corsfiber_test

import (
	"bufio"
	"net"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	"github.com/valyala/fasthttp"
)

// The policy judges the host the handlers see, c.Hostname(), with and
// without X-Forwarded-Host, from a trusted sender or not.
func TestPolicyJudgesHandlersHost(t *testing.T) {
	const sender = "192.0.2.1"
	for name, cfg := range map[string]fiber.Config{
		"defaults":        {},
		"trusted proxy":   {EnableTrustedProxyCheck: true, TrustedProxies: []string{sender}},
		"untrusted proxy": {EnableTrustedProxyCheck: true, TrustedProxies: []string{"198.51.100.1"}},
	} {
		var judged, seen string
		a := fiber.New(cfg)
		a.Use(corsfiber.New(corsfiber.Config{AllowOriginRequestFunc: func(_, host, _ string) bool {
			judged = strings.Clone(host)
			return true
		}}))
		a.Get("/x", func(c *fiber.Ctx) error { seen = strings.Clone(c.Hostname()); return nil })
		h := a.Handler()
		for _, forwarded := range []string{"", "X-Forwarded-Host: fwd.example\r\n", "x-forwarded-host: fwd.example, b.example\r\n",
			"X-Forwarded-Host: fwd.example\r\nX-Forwarded-Host: b.example\r\n", "X-Forwarded-Host: \r\n"} {
			judged, seen = "", ""
			ctx := new(fasthttp.RequestCtx)
			ctx.Init(new(fasthttp.Request), &net.TCPAddr{IP: net.ParseIP(sender), Port: 1234}, nil)
			raw := "GET /x HTTP/1.1\r\nHost: api.example\r\nOrigin: https://app.example\r\n" + forwarded + "\r\n"
			if err := ctx.Request.Read(bufio.NewReader(strings.NewReader(raw))); err != nil {
				t.Fatal(err)
			}
			h(ctx)
			if judged != seen || seen == "" {
				t.Errorf("%s, %q: the policy judged host %q, the handler saw %q", name, forwarded, judged, seen)
			}
		}
	}
}
