package corsecho_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"
	corsecho "github.com/originguard/cors/adapters/echov5"
)

// The behaviour of the policy itself (every rule, hostile input,
// reconfiguration under load, invalid configurations) is checked for this
// adapter by the conformance suite, with the middleware mounted by e.Use and
// by e.Pre. These tests cover what is particular to echo v5: where the
// middleware is mounted and what echo's router does around it.

const (
	allowed = "https://app.example"
	denied  = "https://evil.example"
)

var testConfig = corsecho.Config{
	AllowedOrigins:   []string{allowed},
	AllowedMethods:   []string{"PUT", "DELETE"},
	AllowedHeaders:   []string{"X-Token", "Authorization"},
	ExposedHeaders:   []string{"X-Total"},
	AllowCredentials: true,
}

// reached is the header the application sets, proving it ran.
const reached = "X-App"

func app(c *echo.Context) error {
	c.Response().Header().Set(reached, "yes")
	return c.String(http.StatusOK, "app")
}

// mount says how the middleware is registered.
type mount int

const (
	viaUse mount = iota // e.Use: runs after routing, for every request
	viaPre              // e.Pre: runs before routing
)

func (m mount) String() string { return [...]string{"Use", "Pre"}[m] }

// newEcho mounts mw the documented way (before anything else with e.Pre, or
// first with e.Use), with routes that exist only for GET, a group and an
// authenticated group.
func newEcho(m mount, mw ...echo.MiddlewareFunc) *echo.Echo {
	e := echo.New()
	if m == viaPre {
		e.Pre(mw...)
	} else {
		e.Use(mw...)
	}
	e.Use(middleware.Recover())
	e.GET("/x", app)
	api := e.Group("/api")
	api.GET("/items", app)
	private := e.Group("/private", func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			if c.Request().Header.Get("Authorization") == "" {
				return echo.ErrUnauthorized
			}
			return next(c)
		}
	})
	private.GET("/me", app)
	e.GET("/http-error", func(c *echo.Context) error {
		http.Error(c.Response(), "teapot", http.StatusTeapot)
		return nil
	})
	return e
}

func send(h http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
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

// TestMountPoints checks, for e.Use and e.Pre, that the middleware sees
// requests echo's router answers by itself (OPTIONS without a route, 404,
// 405) and those answered by later middleware or by writing the response
// directly.
func TestMountPoints(t *testing.T) {
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
		{"group actual", "GET", "/api/items", []string{"Origin", allowed}, 200, true, allowed},
		{"404", "GET", "/nowhere", []string{"Origin", allowed}, 404, false, allowed},
		{"405", "DELETE", "/x", []string{"Origin", allowed}, 405, false, allowed},
		{"401 from later auth", "GET", "/private/me", []string{"Origin", allowed}, 401, false, allowed},
		{"http.Error", "GET", "/http-error", []string{"Origin", allowed}, 418, false, allowed},
		{"actual denied", "GET", "/x", []string{"Origin", denied}, 200, true, ""},
	}
	for _, m := range []mount{viaUse, viaPre} {
		e := newEcho(m, corsecho.New(testConfig))
		for _, tt := range tests {
			t.Run(m.String()+"/"+tt.name, func(t *testing.T) {
				w := send(e, tt.method, tt.path, tt.header...)
				h := w.Header()
				if w.Code != tt.status {
					t.Errorf("status %d, want %d", w.Code, tt.status)
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
				if tt.method == "OPTIONS" && (w.Body.Len() != 0 || h.Get("Allow") != "") {
					t.Errorf("echo's own OPTIONS handler answered: Allow %q, body %q", h.Get("Allow"), w.Body)
				}
			})
		}
	}
}

// An OPTIONS request without Access-Control-Request-Method is not a
// preflight: it goes on to echo, whose router answers OPTIONS for a known
// path itself (204 with Allow), and the response carries the actual-request
// CORS headers.
func TestPlainOptionsReachesEcho(t *testing.T) {
	for _, m := range []mount{viaUse, viaPre} {
		w := send(newEcho(m, corsecho.New(testConfig)), "OPTIONS", "/x", "Origin", allowed)
		if w.Code != 204 || w.Header().Get("Allow") == "" || w.Header().Get("Access-Control-Allow-Origin") != allowed {
			t.Errorf("%v: %d %v", m, w.Code, w.Header())
		}
	}
}

// Group middleware in echo sees preflights for paths under its prefix, known
// or not, because echo adds a catch-all route to a group with middleware;
// it does not see those outside the prefix.
func TestGroupMount(t *testing.T) {
	e := echo.New()
	api := e.Group("/api", corsecho.New(testConfig))
	api.GET("/items", app)
	e.GET("/x", app)
	for _, tt := range []struct {
		path   string
		status int
		acao   string
	}{
		{"/api/items", 204, allowed},
		{"/api/nowhere", 204, allowed},
		{"/x", 204, ""}, // echo's own OPTIONS answer, no CORS headers
	} {
		w := send(e, "OPTIONS", tt.path, preflight(allowed, "PUT")...)
		if w.Code != tt.status || w.Header().Get("Access-Control-Allow-Origin") != tt.acao {
			t.Errorf("%s: %d %v, want %d with ACAO %q", tt.path, w.Code, w.Header(), tt.status, tt.acao)
		}
	}
}

func TestMiddlewareNilPolicyPanics(t *testing.T) {
	defer func() {
		if v, _ := recover().(string); !strings.Contains(v, "nil") {
			t.Fatalf("panic value %q", v)
		}
	}()
	corsecho.Middleware(nil)
}
