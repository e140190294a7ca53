package corsgin_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	corsgin "github.com/originguard/cors/adapters/gin"
	cors "github.com/originguard/cors/core"
)

func init() { gin.SetMode(gin.ReleaseMode) }

const (
	allowed = "https://app.example"
	denied  = "https://evil.example"
)

var testConfig = corsgin.Config{
	AllowedOrigins:   []string{allowed},
	AllowedMethods:   []string{"PUT", "DELETE"},
	AllowedHeaders:   []string{"X-Token", "Authorization"},
	ExposedHeaders:   []string{"X-Total"},
	AllowCredentials: true,
}

// reached is the header the application sets, proving it ran.
const reached = "X-App"

func app(c *gin.Context) {
	c.Header(reached, "yes")
	c.String(http.StatusOK, "app")
}

// newEngine mounts the middleware the documented way, with routes that
// exist only for GET, a group and an authenticated group below it.
func newEngine(mw ...gin.HandlerFunc) *gin.Engine {
	r := gin.New()
	r.Use(mw...)
	r.Use(gin.RecoveryWithWriter(io.Discard))
	r.GET("/x", app)
	api := r.Group("/api")
	api.GET("/items", app)
	private := r.Group("/private", func(c *gin.Context) {
		if c.GetHeader("Authorization") == "" {
			c.AbortWithStatusJSON(http.StatusUnauthorized, gin.H{"error": "unauthorized"})
		}
	})
	private.GET("/me", app)
	r.GET("/error", func(c *gin.Context) {
		_ = c.AbortWithError(http.StatusBadRequest, errors.New("bad"))
		c.String(http.StatusBadRequest, "bad request")
	})
	r.GET("/http-error", func(c *gin.Context) {
		http.Error(c.Writer, "teapot", http.StatusTeapot)
	})
	r.GET("/panic", func(*gin.Context) { panic("boom") })
	return r
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
	r := newEngine(corsgin.New(testConfig))
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
		{"options without ACRM reaches router", "OPTIONS", "/x", []string{"Origin", allowed}, 404, false, allowed, "", nil},
		{"group actual", "GET", "/api/items", []string{"Origin", allowed}, 200, true, allowed, "", []string{"Origin"}},
		{"404", "GET", "/nowhere", []string{"Origin", allowed}, 404, false, allowed, "", []string{"Origin"}},
		{"401 from later auth", "GET", "/private/me", []string{"Origin", allowed}, 401, false, allowed, "", []string{"Origin"}},
		{"framework error", "GET", "/error", []string{"Origin", allowed}, 400, false, allowed, "", []string{"Origin"}},
		{"http.Error", "GET", "/http-error", []string{"Origin", allowed}, 418, false, allowed, "", []string{"Origin"}},
		{"recovered panic", "GET", "/panic", []string{"Origin", allowed}, 500, false, allowed, "", []string{"Origin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := send(r, tt.method, tt.path, tt.header...)
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
			if tt.method == "OPTIONS" && len(tt.header) > 2 {
				if w.Body.Len() != 0 {
					t.Errorf("preflight body %q, want empty", w.Body)
				}
				if v := h.Values("Vary"); len(v) != 1 || !strings.Contains(v[0], "Access-Control-Request-Method") {
					t.Errorf("preflight Vary %q", v)
				}
			}
			if strings.HasPrefix(tt.name, "preflight refused") && strings.Contains(h.Get("Access-Control-Allow-Methods"), "PATCH") {
				t.Errorf("refused method listed: %v", h)
			}
		})
	}
}

// With HandleMethodNotAllowed gin answers 405 for a path that has routes,
// but only after running the engine's middleware: the preflight is still
// answered by the policy.
func TestMethodNotAllowedEngine(t *testing.T) {
	r := newEngine(corsgin.New(testConfig))
	r.HandleMethodNotAllowed = true
	w := send(r, "OPTIONS", "/x", preflight(allowed, "PUT")...)
	if w.Code != 204 || w.Header().Get("Access-Control-Allow-Origin") != allowed {
		t.Fatalf("got %d %v", w.Code, w.Header())
	}
	w = send(r, "DELETE", "/x", "Origin", allowed)
	if w.Code != 405 || w.Header().Get("Access-Control-Allow-Origin") != allowed {
		t.Fatalf("405 lost CORS headers: %d %v", w.Code, w.Header())
	}
}

func TestOuterVarySurvives(t *testing.T) {
	r := newEngine(func(c *gin.Context) { c.Header("Vary", "Accept-Encoding") }, corsgin.New(testConfig))
	for _, tt := range []struct {
		method string
		header []string
		want   []string
	}{
		{"GET", []string{"Origin", allowed}, []string{"Accept-Encoding", "Origin"}},
		{"GET", nil, []string{"Accept-Encoding", "Origin"}},
		{"OPTIONS", preflight(allowed, "PUT"), []string{"Accept-Encoding", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}},
	} {
		w := send(r, tt.method, "/x", tt.header...)
		if got := w.Header().Values("Vary"); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %v: Vary %q, want %q", tt.method, tt.header, got, tt.want)
		}
	}
}

func TestNewPanicsWithCoreMessage(t *testing.T) {
	bad := corsgin.Config{AllowedOrigins: []string{"*", "HTTPS://A.example/"}, AllowCredentials: true}
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
	corsgin.New(bad)
}

func TestMiddlewareFollowsReconfigure(t *testing.T) {
	p := cors.MustNew(testConfig)
	r := newEngine(corsgin.Middleware(p))
	if w := send(r, "GET", "/x", "Origin", "https://other.example"); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("unexpected ACAO: %v", w.Header())
	}
	cfg := testConfig
	cfg.AllowedOrigins = []string{"https://other.example"}
	if err := p.Reconfigure(cfg); err != nil {
		t.Fatal(err)
	}
	if w := send(r, "GET", "/x", "Origin", "https://other.example"); w.Header().Get("Access-Control-Allow-Origin") != "https://other.example" {
		t.Fatalf("reconfigured origin refused: %v", w.Header())
	}
}

func TestPreflightPassthrough(t *testing.T) {
	cfg := testConfig
	cfg.PreflightPassthrough = true
	r := newEngine(corsgin.New(cfg))
	r.OPTIONS("/x", app)
	w := send(r, "OPTIONS", "/x", preflight(allowed, "PUT")...)
	if w.Code != 200 || w.Header().Get(reached) != "yes" || w.Header().Get("Access-Control-Allow-Methods") == "" {
		t.Fatalf("passthrough: %d %v", w.Code, w.Header())
	}
}

func TestRepeatedOriginLines(t *testing.T) {
	r := newEngine(corsgin.New(testConfig))
	w := send(r, "OPTIONS", "/x", "Origin", allowed, "Origin", allowed, "Access-Control-Request-Method", "PUT")
	if w.Code != 403 || len(acHeaders(w.Header())) != 0 {
		t.Fatalf("repeated Origin: %d %v", w.Code, w.Header())
	}
}

func TestMiddlewareNilPolicyPanics(t *testing.T) {
	defer func() {
		if v, _ := recover().(string); !strings.Contains(v, "nil") {
			t.Fatalf("panic value %q", v)
		}
	}()
	corsgin.Middleware(nil)
}
