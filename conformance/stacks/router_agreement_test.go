package stacks

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	fiber2 "github.com/gofiber/fiber/v2"
	fiber3 "github.com/gofiber/fiber/v3"
	echo4 "github.com/labstack/echo/v4"
	echo5 "github.com/labstack/echo/v5"
	corschi "github.com/originguard/cors/adapters/chi"
	corsecho "github.com/originguard/cors/adapters/echo"
	corsecho5 "github.com/originguard/cors/adapters/echov5"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsfiber3 "github.com/originguard/cors/adapters/fiberv3"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

// The router-agreement test: the scope the policy picks is never looser than
// the scope of the route the framework actually ran. Each stack serves an
// application with a host route (static.example), path routes (/api/,
// /public/, and /über/, which no scope may name), tenant hosts (*.tenant.test, found by the handlers from
// the host the framework hands them) and a root route; every handler
// reports its route and that host. Raw request targets and hosts in many
// forms go over loopback; for each response and origin, the grant (ACAO,
// ACAC) must be one the route's own scope would give for the host the
// application served.

// The scopes, one per route.
var (
	agreeStatic = cors.Config{AllowedOrigins: []string{"*"}}
	agreeAPI    = cors.Config{AllowedOrigins: []string{"https://app.example"}, AllowCredentials: true, AllowedHeaders: []string{"*"}}
	agreePublic = cors.Config{AllowedOrigins: []string{"*"}}
	agreeTenant = cors.Config{AllowOriginRequestFunc: tenantFrontEnd, AllowCredentials: true, AllowedHeaders: []string{"*"}}
)

// tenantFrontEnd allows https://<tenant>.example on <tenant>.tenant.test.
func tenantFrontEnd(origin, host, _ string) bool {
	tenant, ok := tenantOf(host)
	return ok && origin == "https://"+tenant+".example"
}

// tenantOf is how the application finds its tenant: the host's first
// label under tenant.test, from the host without its port.
func tenantOf(host string) (string, bool) {
	name, _, _ := strings.Cut(host, ":")
	tenant, ok := strings.CutSuffix(name, ".tenant.test")
	return tenant, ok && tenant != "" && !strings.Contains(tenant, ".") && !strings.HasPrefix(tenant, ".")
}

func agreementPolicy() *cors.Policy {
	return cors.MustNewScoped(cors.ScopedConfig{Scopes: []cors.Scope{
		{Host: "static.example", Config: agreeStatic},
		{PathPrefix: "/api/", Config: agreeAPI},
		{PathPrefix: "/public/", Config: agreePublic},
		{Host: "*.tenant.test", Config: agreeTenant},
	}})
}

// route names the handler that ran and the host the application read.
func report(h http.Header, route, host string) {
	h.Set("X-Route", route)
	h.Set("X-App-Host", host)
}

// staticHost is the host dispatch of the stacks without host routes: the
// Host as the framework gives it, compared exactly (as echo's host routes
// do).
const staticHost = "static.example"

// agreementStack serves the application with the stack's adapter mounted at
// its documented point.
type agreementStack struct {
	name  string
	serve func(ln net.Listener, p *cors.Policy) (stop func())
}

func netHTTPServe(ln net.Listener, h http.Handler) func() {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return func() { _ = srv.Close() }
}

func agreementStacks() []agreementStack {
	paths := []struct{ prefix, route string }{{"/api/", "api"}, {"/public/", "public"}, {"/über/", "uber"}}
	return []agreementStack{
		{"nethttp", func(ln net.Listener, p *cors.Policy) func() {
			mux := http.NewServeMux()
			mux.HandleFunc("static.example/", func(w http.ResponseWriter, r *http.Request) { report(w.Header(), "static", r.Host) })
			for _, pr := range paths {
				for _, pattern := range []string{pr.prefix, strings.TrimSuffix(pr.prefix, "/")} {
					mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { report(w.Header(), pr.route, r.Host) })
				}
			}
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { report(w.Header(), "root", r.Host) })
			return netHTTPServe(ln, p.Handler(mux))
		}},
		{"gin", func(ln net.Listener, p *cors.Policy) func() {
			gin.SetMode(gin.ReleaseMode)
			r := gin.New()
			r.Use(corsgin.Middleware(p), func(c *gin.Context) {
				if c.Request.Host == staticHost {
					report(c.Writer.Header(), "static", c.Request.Host)
					c.AbortWithStatus(http.StatusOK)
				}
			})
			for _, pr := range paths {
				for _, pattern := range []string{pr.prefix + "*rest", strings.TrimSuffix(pr.prefix, "/")} {
					r.Any(pattern, func(c *gin.Context) { report(c.Writer.Header(), pr.route, c.Request.Host); c.Status(http.StatusOK) })
				}
			}
			r.NoRoute(func(c *gin.Context) { report(c.Writer.Header(), "root", c.Request.Host); c.Status(http.StatusOK) })
			return netHTTPServe(ln, r)
		}},
		{"echo", func(ln net.Listener, p *cors.Policy) func() {
			e := echo4.New()
			e.Use(corsecho.Middleware(p))
			e.Host(staticHost).Any("/*", func(c echo4.Context) error {
				report(c.Response().Header(), "static", c.Request().Host)
				return c.NoContent(http.StatusOK)
			})
			for _, pr := range paths {
				for _, pattern := range []string{pr.prefix + "*", strings.TrimSuffix(pr.prefix, "/")} {
					e.Any(pattern, func(c echo4.Context) error {
						report(c.Response().Header(), pr.route, c.Request().Host)
						return c.NoContent(http.StatusOK)
					})
				}
			}
			e.Any("/*", func(c echo4.Context) error {
				report(c.Response().Header(), "root", c.Request().Host)
				return c.NoContent(http.StatusOK)
			})
			return netHTTPServe(ln, e)
		}},
		{"echov5", func(ln net.Listener, p *cors.Policy) func() {
			e := echo5.New()
			e.Use(corsecho5.Middleware(p), func(next echo5.HandlerFunc) echo5.HandlerFunc {
				return func(c *echo5.Context) error {
					if c.Request().Host == staticHost {
						report(c.Response().Header(), "static", c.Request().Host)
						return c.NoContent(http.StatusOK)
					}
					return next(c)
				}
			})
			for _, pr := range paths {
				for _, pattern := range []string{pr.prefix + "*", strings.TrimSuffix(pr.prefix, "/")} {
					e.Any(pattern, func(c *echo5.Context) error {
						report(c.Response().Header(), pr.route, c.Request().Host)
						return c.NoContent(http.StatusOK)
					})
				}
			}
			e.Any("/*", func(c *echo5.Context) error {
				report(c.Response().Header(), "root", c.Request().Host)
				return c.NoContent(http.StatusOK)
			})
			return netHTTPServe(ln, e)
		}},
		{"fiber", func(ln net.Listener, p *cors.Policy) func() {
			app := fiber2.New(fiber2.Config{DisableStartupMessage: true})
			app.Use(corsfiber.Middleware(p), func(c *fiber2.Ctx) error {
				if c.Hostname() == staticHost {
					c.Set("X-Route", "static")
					c.Set("X-App-Host", c.Hostname())
					return nil
				}
				return c.Next()
			})
			for _, pr := range paths {
				for _, pattern := range []string{pr.prefix + "*", strings.TrimSuffix(pr.prefix, "/")} {
					app.All(pattern, func(c *fiber2.Ctx) error {
						c.Set("X-Route", pr.route)
						c.Set("X-App-Host", c.Hostname())
						return nil
					})
				}
			}
			app.All("/*", func(c *fiber2.Ctx) error { c.Set("X-Route", "root"); c.Set("X-App-Host", c.Hostname()); return nil })
			go func() { _ = app.Listener(ln) }()
			return func() { _ = app.Shutdown() }
		}},
		{"fiberv3", func(ln net.Listener, p *cors.Policy) func() {
			app := fiber3.New()
			app.Use(corsfiber3.Middleware(p), func(c fiber3.Ctx) error {
				if c.Host() == staticHost {
					c.Set("X-Route", "static")
					c.Set("X-App-Host", c.Host())
					return nil
				}
				return c.Next()
			})
			for _, pr := range paths {
				for _, pattern := range []string{pr.prefix + "*", strings.TrimSuffix(pr.prefix, "/")} {
					app.All(pattern, func(c fiber3.Ctx) error {
						c.Set("X-Route", pr.route)
						c.Set("X-App-Host", c.Host())
						return nil
					})
				}
			}
			app.All("/*", func(c fiber3.Ctx) error { c.Set("X-Route", "root"); c.Set("X-App-Host", c.Host()); return nil })
			go func() { _ = app.Listener(ln, fiber3.ListenConfig{DisableStartupMessage: true}) }()
			return func() { _ = app.Shutdown() }
		}},
		{"chi", func(ln net.Listener, p *cors.Policy) func() {
			r := chi.NewRouter()
			r.Use(corschi.Middleware(p), func(next http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.Host == staticHost {
						report(w.Header(), "static", r.Host)
						return
					}
					next.ServeHTTP(w, r)
				})
			})
			for _, pr := range paths {
				for _, pattern := range []string{pr.prefix + "*", strings.TrimSuffix(pr.prefix, "/")} {
					r.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) { report(w.Header(), pr.route, r.Host) })
				}
			}
			r.HandleFunc("/*", func(w http.ResponseWriter, r *http.Request) { report(w.Header(), "root", r.Host) })
			return netHTTPServe(ln, r)
		}},
	}
}

// agreementCase is one request: a raw request target and Host (and
// X-Forwarded-Host when set).
type agreementCase struct {
	target, host, forwarded string
}

// agreementCorpus is every target with every host, plus the forwarded-host
// cases. The reproductions of the known disagreements are in it: an upper
// case, trailing-dot or default-port host picking the host scope the
// router did not route to; X-Forwarded-Host trusted by fiber v2; paths
// with non-ASCII bytes, escaped or not; "..tenant.test".
func agreementCorpus() []agreementCase {
	targets := []string{
		"/api/me", "/API/me", "/Api/me", "/api%2Fme", "/%61pi/me", "/api/me%2F..", "/public/..%2Fapi/me",
		"/public/%2e%2e/api/me", "/public/%2E%2E%2Fapi/me", "//api/me", "/api//me", "/./api/me", "/public/./x",
		"/public/../api/me", "/api;x/me", "/api/me;jsessionid=1", "/public;/x", "/public/x", "/public%2Fx",
		"/%2e%2e/api/me", "/über/x", "/%C3%BCber/x", "/%c3%bcber/x", "/Über/x", "/%C3%9Cber/x", "/\xc3\xbcber/x",
		"/api/me?x=/public/", "/api/caf%C3%A9", "/api/caf\xc3\xa9", "/api\\me", "/public\\..\\api/me", "/other", "/", "/apix", "/api", "/public",
		"/" + strings.Repeat("a", 300), "/api/" + strings.Repeat("b/", 1500),
		"http://static.example/api/me", "http://api.example/api/me", "http://acme.tenant.test/api/me",
		"http://STATIC.example/api/me",
	}
	hosts := []string{
		"api.example", "static.example", "STATIC.example", "Static.Example", "static.example.", "static.example:443",
		"static.example:80", "static.example:8443", "static.example:", "acme.tenant.test", "ACME.tenant.test",
		"acme.tenant.test.", "acme.tenant.test:443", "acme.tenant.test:8443", "..tenant.test", ".tenant.test",
		"evil.tenant.test", "tenant.test", "127.0.0.1", "[::1]:8080",
	}
	var corpus []agreementCase
	for _, t := range targets {
		for _, h := range hosts {
			corpus = append(corpus, agreementCase{target: t, host: h})
		}
	}
	for _, t := range []string{"/api/me", "/orders", "/public/x"} {
		for _, f := range []string{"victim.tenant.test", "static.example", "api.example", "victim.tenant.test, evil.tenant.test", "VICTIM.tenant.test"} {
			for _, h := range []string{"evil.tenant.test", "api.example", "static.example"} {
				corpus = append(corpus, agreementCase{target: t, host: h, forwarded: f})
			}
		}
	}
	return corpus
}

var agreementOrigins = []string{"https://app.example", "https://evil.example", "https://acme.example", "https://victim.example", "https://uber.example"}

// routeGrant is what the scope of the route that ran grants origin: the
// ACAO and ACAC that scope alone answers for the host the application
// served.
func routeGrant(route, appHost, origin string) (acao string, acac bool) {
	var cfg *cors.Config
	switch {
	case route == "":
		return "", false
	case isTenant(appHost):
		cfg = &agreeTenant
	case route == "static":
		cfg = &agreeStatic
	case route == "api":
		cfg = &agreeAPI
	case route == "public":
		cfg = &agreePublic
	default: // root and /über/ (a prefix no scope may name): no scope
		return "", false
	}
	r, _ := http.NewRequest("GET", "/x", nil)
	r.Host = appHost
	r.Header.Set("Origin", origin)
	w := headerRecorder{http.Header{}}
	cors.MustNew(*cfg).Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})).ServeHTTP(w, r)
	return w.h.Get("Access-Control-Allow-Origin"), w.h.Get("Access-Control-Allow-Credentials") == "true"
}

func isTenant(host string) bool { _, ok := tenantOf(host); return ok }

type headerRecorder struct{ h http.Header }

func (w headerRecorder) Header() http.Header         { return w.h }
func (w headerRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (w headerRecorder) WriteHeader(int)             {}

// rawGet sends one GET over a fresh connection and reads the response.
func rawGet(addr string, c agreementCase, origin string) (*http.Response, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	req := "GET " + c.target + " HTTP/1.1\r\nHost: " + c.host + "\r\nOrigin: " + origin + "\r\n"
	if c.forwarded != "" {
		req += "X-Forwarded-Host: " + c.forwarded + "\r\n"
	}
	if _, err := conn.Write([]byte(req + "Connection: close\r\n\r\n")); err != nil {
		return nil, err
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err == nil {
		res.Body.Close()
	}
	return res, err
}

func TestRouterAgreement(t *testing.T) {
	corpus := agreementCorpus()
	for _, st := range agreementStacks() {
		t.Run(st.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			stop := st.serve(ln, agreementPolicy())
			defer stop()
			routes := map[string]int{}
			granted, failures := 0, 0
			for _, c := range corpus {
				for _, origin := range agreementOrigins {
					res, err := rawGet(ln.Addr().String(), c, origin)
					if err != nil {
						t.Fatalf("%+v: %v", c, err)
					}
					route, appHost := res.Header.Get("X-Route"), res.Header.Get("X-App-Host")
					acao, acac := res.Header.Get("Access-Control-Allow-Origin"), res.Header.Get("Access-Control-Allow-Credentials") == "true"
					if origin == agreementOrigins[0] {
						routes[fmt.Sprintf("%s %d", route, res.StatusCode)]++
					}
					if route == "" {
						continue // no handler ran (a redirect, 400 or 404 of the framework): nothing served to judge
					}
					wantACAO, wantACAC := routeGrant(route, appHost, origin)
					if acao != "" {
						granted++
					}
					if looser := acao != "" && (wantACAO == "" || acao == "*" && wantACAO != "*") || acac && !wantACAC; looser {
						failures++
						if failures <= 20 {
							t.Errorf("%s %q Host %q X-Forwarded-Host %q from %s: route %q ran for host %q (status %d), which grants ACAO %q ACAC %v; the policy answered ACAO %q ACAC %v",
								st.name, c.target, c.host, c.forwarded, origin, route, appHost, res.StatusCode, wantACAO, wantACAC, acao, acac)
						}
					}
				}
			}
			t.Logf("%s: %d requests (%d targets x hosts, %d origins), %d granted, %d looser than the route's scope; routes ran: %v",
				st.name, len(corpus)*len(agreementOrigins), len(corpus), len(agreementOrigins), granted, failures, routes)
		})
	}
}
