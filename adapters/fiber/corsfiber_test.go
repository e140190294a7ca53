package corsfiber_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	fiberrecover "github.com/gofiber/fiber/v2/middleware/recover"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	cors "github.com/originguard/cors/core"
)

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

func app(c *fiber.Ctx) error {
	c.Set(reached, "yes")
	return c.SendString("app")
}

// newApp mounts the middleware the documented way, with app.Use, with routes
// that exist only for GET, a group and an authenticated group below it.
func newApp(mw ...fiber.Handler) *fiber.App {
	a := fiber.New(fiber.Config{DisableStartupMessage: true})
	for _, m := range mw {
		a.Use(m)
	}
	a.Use(fiberrecover.New())
	a.Get("/x", app)
	api := a.Group("/api")
	api.Get("/items", app)
	private := a.Group("/private", func(c *fiber.Ctx) error {
		if c.Get("Authorization") == "" {
			return fiber.ErrUnauthorized
		}
		return c.Next()
	})
	private.Get("/me", app)
	a.Get("/error", func(*fiber.Ctx) error { return fiber.NewError(http.StatusBadRequest, "bad") })
	a.Get("/status", func(c *fiber.Ctx) error { return c.Status(http.StatusTeapot).SendString("teapot") })
	a.Get("/panic", func(*fiber.Ctx) error { panic("boom") })
	return a
}

type response struct {
	code   int
	header http.Header
	body   string
}

func send(t *testing.T, a *fiber.App, method, path string, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	res, err := a.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, string(body)}
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

func TestPaths(t *testing.T) {
	a := newApp(corsfiber.New(testConfig))
	tests := []struct {
		name       string
		method     string
		path       string
		header     []string
		status     int
		app        bool
		acao, acam string
		vary       []string
	}{
		{"no origin", "GET", "/x", nil, 200, true, "", "", []string{"Origin"}},
		{"actual allowed", "GET", "/x", []string{"Origin", allowed}, 200, true, allowed, "", []string{"Origin"}},
		{"actual denied", "GET", "/x", []string{"Origin", denied}, 200, true, "", "", []string{"Origin"}},
		{"lower-case header names", "GET", "/x", []string{"origin", allowed}, 200, true, allowed, "", []string{"Origin"}},
		{"preflight allowed", "OPTIONS", "/x", preflight(allowed, "PUT"), 204, false, allowed, "PUT, DELETE", nil},
		{"preflight denied", "OPTIONS", "/x", preflight(denied, "PUT"), 403, false, "", "", nil},
		{"preflight refused method", "OPTIONS", "/x", preflight(allowed, "PATCH"), 204, false, allowed, "PUT, DELETE", nil},
		{"preflight unknown path", "OPTIONS", "/nowhere", preflight(allowed, "PUT"), 204, false, allowed, "PUT, DELETE", nil},
		{"preflight group path", "OPTIONS", "/api/items", preflight(allowed, "DELETE"), 204, false, allowed, "PUT, DELETE", nil},
		{"preflight auth path", "OPTIONS", "/private/me", preflight(allowed, "GET", "Access-Control-Request-Headers", "authorization"), 204, false, allowed, "PUT, DELETE", nil},
		{"options without ACRM reaches router", "OPTIONS", "/x", []string{"Origin", allowed}, 405, false, allowed, "", nil},
		{"group actual", "GET", "/api/items", []string{"Origin", allowed}, 200, true, allowed, "", []string{"Origin"}},
		{"404", "GET", "/nowhere", []string{"Origin", allowed}, 404, false, allowed, "", []string{"Origin"}},
		{"405", "DELETE", "/x", []string{"Origin", allowed}, 405, false, allowed, "", []string{"Origin"}},
		{"401 from later auth", "GET", "/private/me", []string{"Origin", allowed}, 401, false, allowed, "", []string{"Origin"}},
		{"fiber.NewError", "GET", "/error", []string{"Origin", allowed}, 400, false, allowed, "", []string{"Origin"}},
		{"error status", "GET", "/status", []string{"Origin", allowed}, 418, false, allowed, "", []string{"Origin"}},
		{"recovered panic", "GET", "/panic", []string{"Origin", allowed}, 500, false, allowed, "", []string{"Origin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := send(t, a, tt.method, tt.path, tt.header...)
			h := res.header
			if res.code != tt.status {
				t.Errorf("status %d, want %d", res.code, tt.status)
			}
			if got := h.Get(reached) == "yes"; got != tt.app {
				t.Errorf("application reached: %v, want %v", got, tt.app)
			}
			if got := h.Get("Access-Control-Allow-Origin"); got != tt.acao {
				t.Errorf("ACAO %q, want %q", got, tt.acao)
			}
			if got := h.Get("Access-Control-Allow-Methods"); got != tt.acam {
				t.Errorf("ACAM %q, want %q", got, tt.acam)
			}
			if tt.acao == "" && len(acHeaders(h)) != 0 {
				t.Errorf("Access-Control-* headers on a denied request: %v", acHeaders(h))
			}
			if tt.acao != "" && h.Get("Access-Control-Allow-Credentials") != "true" {
				t.Errorf("ACAC missing: %v", h)
			}
			if tt.vary != nil && !reflect.DeepEqual(h.Values("Vary"), tt.vary) {
				t.Errorf("Vary %q, want %q", h.Values("Vary"), tt.vary)
			}
			if tt.method == "OPTIONS" && len(tt.header) > 2 {
				if res.body != "" {
					t.Errorf("preflight body %q, want empty", res.body)
				}
				if v := h.Values("Vary"); len(v) != 1 || !strings.Contains(v[0], "Access-Control-Request-Method") {
					t.Errorf("preflight Vary %q", v)
				}
			}
			if strings.Contains(tt.name, "refused") && strings.Contains(h.Get("Access-Control-Allow-Methods"), "PATCH") {
				t.Errorf("refused method listed: %v", h)
			}
		})
	}
}

// Every field line of a header reaches the policy: two Origin lines are a
// repeated origin (denied), and request headers split over several lines
// are all judged.
func TestAllFieldLines(t *testing.T) {
	a := newApp(corsfiber.New(testConfig))
	res := send(t, a, "OPTIONS", "/x", "Origin", allowed, "Origin", allowed, "Access-Control-Request-Method", "PUT")
	if res.code != 403 || len(acHeaders(res.header)) != 0 {
		t.Errorf("repeated Origin: %d %v", res.code, res.header)
	}
	res = send(t, a, "OPTIONS", "/x", preflight(allowed, "PUT",
		"Access-Control-Request-Headers", "x-token", "Access-Control-Request-Headers", "x-other")...)
	if got := strings.Join(res.header.Values("Access-Control-Allow-Headers"), ","); res.code != 204 || strings.Contains(got, "x-other") || got == "" {
		t.Errorf("split request headers: %d ACAH %q", res.code, got)
	}
	res = send(t, a, "OPTIONS", "/x", preflight(allowed, "PUT",
		"Access-Control-Request-Headers", "x-token", "Access-Control-Request-Headers", "authorization")...)
	if res.code != 204 || res.header.Get("Access-Control-Allow-Origin") != allowed {
		t.Errorf("split allowed request headers: %d %v", res.code, res.header)
	}
}

// Middleware given to app.Group runs for every method under the prefix, so
// it sees preflights there; middleware given to a route does not.
func TestGroupAndRouteMounts(t *testing.T) {
	a := fiber.New(fiber.Config{DisableStartupMessage: true})
	api := a.Group("/api", corsfiber.New(testConfig))
	api.Get("/items", app)
	a.Get("/route", corsfiber.New(testConfig), app)
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
		if res.code != tt.status || res.header.Get("Access-Control-Allow-Origin") != tt.acao {
			t.Errorf("%s: %d %v, want %d with ACAO %q", tt.path, res.code, res.header, tt.status, tt.acao)
		}
	}
}

func TestOuterVarySurvives(t *testing.T) {
	outer := func(c *fiber.Ctx) error {
		c.Set("Vary", "Accept-Encoding")
		return c.Next()
	}
	a := newApp(outer, corsfiber.New(testConfig))
	for _, tt := range []struct {
		method string
		header []string
		want   []string
	}{
		{"GET", []string{"Origin", allowed}, []string{"Accept-Encoding", "Origin"}},
		{"GET", nil, []string{"Accept-Encoding", "Origin"}},
		{"OPTIONS", preflight(allowed, "PUT"), []string{"Accept-Encoding", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}},
	} {
		res := send(t, a, tt.method, "/x", tt.header...)
		if got := res.header.Values("Vary"); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %v: Vary %q, want %q", tt.method, tt.header, got, tt.want)
		}
	}
}

func TestNewPanicsWithCoreMessage(t *testing.T) {
	bad := corsfiber.Config{AllowedOrigins: []string{"*", "HTTPS://A.example/"}, AllowCredentials: true}
	_, err := cors.New(bad)
	if err == nil {
		t.Fatal("config accepted")
	}
	defer func() {
		v := recover()
		e, ok := v.(error)
		if !ok || e.Error() != err.Error() {
			t.Fatalf("panic value %v, want error %q", v, err)
		}
	}()
	corsfiber.New(bad)
}

func TestMiddlewareFollowsReconfigure(t *testing.T) {
	p := cors.MustNew(testConfig)
	a := newApp(corsfiber.Middleware(p))
	if res := send(t, a, "GET", "/x", "Origin", "https://other.example"); res.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("unexpected ACAO: %v", res.header)
	}
	cfg := testConfig
	cfg.AllowedOrigins = []string{"https://other.example"}
	if err := p.Reconfigure(cfg); err != nil {
		t.Fatal(err)
	}
	if res := send(t, a, "GET", "/x", "Origin", "https://other.example"); res.header.Get("Access-Control-Allow-Origin") != "https://other.example" {
		t.Fatalf("reconfigured origin refused: %v", res.header)
	}
}

func TestPreflightPassthrough(t *testing.T) {
	cfg := testConfig
	cfg.PreflightPassthrough = true
	a := newApp(corsfiber.New(cfg))
	a.Options("/x", app)
	res := send(t, a, "OPTIONS", "/x", preflight(allowed, "PUT")...)
	if res.code != 200 || res.header.Get(reached) != "yes" || res.header.Get("Access-Control-Allow-Methods") == "" {
		t.Fatalf("passthrough: %d %v", res.code, res.header)
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
