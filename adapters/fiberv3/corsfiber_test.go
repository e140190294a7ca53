package corsfiber_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v3"
	fiberrecover "github.com/gofiber/fiber/v3/middleware/recover"
	corsfiber "github.com/originguard/cors/adapters/fiberv3"
)

// The behaviour of the policy itself (every rule, hostile input,
// reconfiguration under load, invalid configurations) is checked for this
// adapter by the conformance suite. These tests cover what is particular to
// fiber v3: where the middleware is mounted, how it reads fasthttp's request
// headers, and its allocations.

const (
	allowed = "https://app.example"
	denied  = "https://evil.example"
)

var testConfig = corsfiber.Config{
	AllowedOrigins:   []string{allowed},
	AllowedMethods:   []string{"PUT", "DELETE"},
	AllowedHeaders:   []string{"X-Token", "Authorization"},
	ExposedHeaders:   []string{"X-Total"},
	AllowCredentials: true,
}

// reached is the header the application sets, proving it ran.
const reached = "X-App"

func app(c fiber.Ctx) error {
	c.Set(reached, "yes")
	return c.SendString("app")
}

// newApp mounts the middleware the documented way, with app.Use, with routes
// that exist only for GET, a group and an authenticated group below it.
func newApp(mw ...fiber.Handler) *fiber.App {
	a := fiber.New()
	for _, m := range mw {
		a.Use(m)
	}
	a.Use(fiberrecover.New())
	a.Get("/x", app)
	api := a.Group("/api")
	api.Get("/items", app)
	private := a.Group("/private", func(c fiber.Ctx) error {
		if c.Get("Authorization") == "" {
			return fiber.ErrUnauthorized
		}
		return c.Next()
	})
	private.Get("/me", app)
	a.Get("/error", func(fiber.Ctx) error { return fiber.NewError(http.StatusBadRequest, "bad") })
	a.Get("/panic", func(fiber.Ctx) error { panic("boom") })
	return a
}

func send(t *testing.T, a *fiber.App, method, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	res, err := a.Test(req, fiber.TestConfig{Timeout: 0})
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	return res
}

func preflight(origin, method string, extra ...string) []string {
	return append([]string{"Origin", origin, "Access-Control-Request-Method", method}, extra...)
}

func acHeaders(h http.Header) []string {
	var names []string
	for k := range h {
		if strings.HasPrefix(k, "Access-Control-") {
			names = append(names, k)
		}
	}
	return names
}

// TestMountPoint checks that the middleware, mounted with app.Use, sees
// requests fiber's router answers by itself (OPTIONS without a route, 404,
// 405) and those answered by later middleware, errors and panics.
func TestMountPoint(t *testing.T) {
	a := newApp(corsfiber.New(testConfig))
	tests := []struct {
		name   string
		method string
		path   string
		header []string
		status int
		app    bool
		acao   string
	}{
		{"preflight route without OPTIONS", "OPTIONS", "/x", preflight(allowed, "PUT"), 204, false, allowed},
		{"preflight denied", "OPTIONS", "/x", preflight(denied, "PUT"), 403, false, ""},
		{"preflight unknown path", "OPTIONS", "/nowhere", preflight(allowed, "PUT"), 204, false, allowed},
		{"preflight group path", "OPTIONS", "/api/items", preflight(allowed, "DELETE"), 204, false, allowed},
		{"preflight auth path", "OPTIONS", "/private/me", preflight(allowed, "GET", "Access-Control-Request-Headers", "authorization"), 204, false, allowed},
		{"options without ACRM reaches router", "OPTIONS", "/x", []string{"Origin", allowed}, 405, false, allowed},
		{"group actual", "GET", "/api/items", []string{"Origin", allowed}, 200, true, allowed},
		{"404", "GET", "/nowhere", []string{"Origin", allowed}, 404, false, allowed},
		{"405", "DELETE", "/x", []string{"Origin", allowed}, 405, false, allowed},
		{"401 from later auth", "GET", "/private/me", []string{"Origin", allowed}, 401, false, allowed},
		{"fiber.NewError", "GET", "/error", []string{"Origin", allowed}, 400, false, allowed},
		{"recovered panic", "GET", "/panic", []string{"Origin", allowed}, 500, false, allowed},
		{"actual denied", "GET", "/x", []string{"Origin", denied}, 200, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := send(t, a, tt.method, tt.path, tt.header...)
			h := res.Header
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d", res.StatusCode, tt.status)
			}
			if got := h.Get(reached) == "yes"; got != tt.app {
				t.Errorf("application reached: %v, want %v", got, tt.app)
			}
			if got := h.Get("Access-Control-Allow-Origin"); got != tt.acao {
				t.Errorf("ACAO %q, want %q", got, tt.acao)
			}
			if tt.acao == "" && len(acHeaders(h)) != 0 {
				t.Errorf("Access-Control-* headers on a denied request: %v", acHeaders(h))
			}
		})
	}
}

// Middleware given to app.Group runs for every method under the prefix, so
// it sees preflights there; middleware given to a route does not.
func TestGroupAndRouteMounts(t *testing.T) {
	a := fiber.New()
	api := a.Group("/api", corsfiber.New(testConfig))
	api.Get("/items", app)
	a.Get("/route", app, corsfiber.New(testConfig))
	for _, tt := range []struct {
		path   string
		status int
		acao   string
	}{
		{"/api/items", 204, allowed},
		{"/api/nowhere", 204, allowed},
		{"/route", 405, ""},
	} {
		res := send(t, a, "OPTIONS", tt.path, preflight(allowed, "PUT")...)
		if res.StatusCode != tt.status || res.Header.Get("Access-Control-Allow-Origin") != tt.acao {
			t.Errorf("%s: %d %v, want %d with ACAO %q", tt.path, res.StatusCode, res.Header, tt.status, tt.acao)
		}
	}
}

func TestMiddlewareNilPolicyPanics(t *testing.T) {
	defer func() {
		if v, _ := recover().(string); !strings.Contains(v, "nil") {
			t.Fatalf("panic value %q", v)
		}
	}()
	corsfiber.Middleware(nil)
}
