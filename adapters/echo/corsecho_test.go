package corsecho_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	corsecho "github.com/originguard/cors/adapters/echo"
	cors "github.com/originguard/cors/core"
)

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

func app(c echo.Context) error {
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
	e.Logger.SetOutput(io.Discard) // the recovered panic's stack trace
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
		return func(c echo.Context) error {
			if c.Request().Header.Get("Authorization") == "" {
				return echo.NewHTTPError(http.StatusUnauthorized, "unauthorized")
			}
			return next(c)
		}
	})
	private.GET("/me", app)
	e.GET("/error", func(echo.Context) error { return echo.NewHTTPError(http.StatusBadRequest, "bad") })
	e.GET("/http-error", func(c echo.Context) error {
		http.Error(c.Response(), "teapot", http.StatusTeapot)
		return nil
	})
	e.GET("/panic", func(echo.Context) error { panic("boom") })
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

func TestPaths(t *testing.T) {
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
		{"preflight allowed", "OPTIONS", "/x", preflight(allowed, "PUT"), 204, false, allowed, "PUT, DELETE", nil},
		{"preflight denied", "OPTIONS", "/x", preflight(denied, "PUT"), 403, false, "", "", nil},
		{"preflight refused method", "OPTIONS", "/x", preflight(allowed, "PATCH"), 204, false, allowed, "PUT, DELETE", nil},
		{"preflight unknown path", "OPTIONS", "/nowhere", preflight(allowed, "PUT"), 204, false, allowed, "PUT, DELETE", nil},
		{"preflight group path", "OPTIONS", "/api/items", preflight(allowed, "DELETE"), 204, false, allowed, "PUT, DELETE", nil},
		{"preflight auth path", "OPTIONS", "/private/me", preflight(allowed, "GET", "Access-Control-Request-Headers", "authorization"), 204, false, allowed, "PUT, DELETE", nil},
		{"group actual", "GET", "/api/items", []string{"Origin", allowed}, 200, true, allowed, "", []string{"Origin"}},
		{"404", "GET", "/nowhere", []string{"Origin", allowed}, 404, false, allowed, "", []string{"Origin"}},
		{"405", "DELETE", "/x", []string{"Origin", allowed}, 405, false, allowed, "", []string{"Origin"}},
		{"401 from later auth", "GET", "/private/me", []string{"Origin", allowed}, 401, false, allowed, "", []string{"Origin"}},
		{"echo.HTTPError", "GET", "/error", []string{"Origin", allowed}, 400, false, allowed, "", []string{"Origin"}},
		{"http.Error", "GET", "/http-error", []string{"Origin", allowed}, 418, false, allowed, "", []string{"Origin"}},
		{"recovered panic", "GET", "/panic", []string{"Origin", allowed}, 500, false, allowed, "", []string{"Origin"}},
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
				if tt.method == "OPTIONS" {
					if w.Body.Len() != 0 {
						t.Errorf("preflight body %q, want empty", w.Body)
					}
					if h.Get("Allow") != "" {
						t.Errorf("echo's own OPTIONS handler answered: Allow %q", h.Get("Allow"))
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

func TestOuterVarySurvives(t *testing.T) {
	outer := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header().Set("Vary", "Accept-Encoding")
			return next(c)
		}
	}
	for _, m := range []mount{viaUse, viaPre} {
		e := newEcho(m, outer, corsecho.New(testConfig))
		for _, tt := range []struct {
			method string
			header []string
			want   []string
		}{
			{"GET", []string{"Origin", allowed}, []string{"Accept-Encoding", "Origin"}},
			{"GET", nil, []string{"Accept-Encoding", "Origin"}},
			{"OPTIONS", preflight(allowed, "PUT"), []string{"Accept-Encoding", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}},
		} {
			w := send(e, tt.method, "/x", tt.header...)
			if got := w.Header().Values("Vary"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%v %s %v: Vary %q, want %q", m, tt.method, tt.header, got, tt.want)
			}
		}
	}
}

func TestNewPanicsWithCoreMessage(t *testing.T) {
	bad := corsecho.Config{AllowedOrigins: []string{"*", "HTTPS://A.example/"}, AllowCredentials: true}
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
	corsecho.New(bad)
}

func TestMiddlewareFollowsReconfigure(t *testing.T) {
	p := cors.MustNew(testConfig)
	e := newEcho(viaUse, corsecho.Middleware(p))
	if w := send(e, "GET", "/x", "Origin", "https://other.example"); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("unexpected ACAO: %v", w.Header())
	}
	cfg := testConfig
	cfg.AllowedOrigins = []string{"https://other.example"}
	if err := p.Reconfigure(cfg); err != nil {
		t.Fatal(err)
	}
	if w := send(e, "GET", "/x", "Origin", "https://other.example"); w.Header().Get("Access-Control-Allow-Origin") != "https://other.example" {
		t.Fatalf("reconfigured origin refused: %v", w.Header())
	}
}

func TestPreflightPassthrough(t *testing.T) {
	cfg := testConfig
	cfg.PreflightPassthrough = true
	e := newEcho(viaUse, corsecho.New(cfg))
	e.OPTIONS("/x", app)
	w := send(e, "OPTIONS", "/x", preflight(allowed, "PUT")...)
	if w.Code != 200 || w.Header().Get(reached) != "yes" || w.Header().Get("Access-Control-Allow-Methods") == "" {
		t.Fatalf("passthrough: %d %v", w.Code, w.Header())
	}
}

func TestRepeatedOriginLines(t *testing.T) {
	e := newEcho(viaUse, corsecho.New(testConfig))
	w := send(e, "OPTIONS", "/x", "Origin", allowed, "Origin", allowed, "Access-Control-Request-Method", "PUT")
	if w.Code != 403 || len(acHeaders(w.Header())) != 0 {
		t.Fatalf("repeated Origin: %d %v", w.Code, w.Header())
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
