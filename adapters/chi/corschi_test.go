package corschi_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	corschi "github.com/originguard/cors/adapters/chi"
	cors "github.com/originguard/cors/core"
)

const (
	allowed = "https://app.example"
	denied  = "https://evil.example"
)

var testConfig = corschi.Config{
	AllowedOrigins:   []string{allowed},
	AllowedMethods:   []string{"PUT", "DELETE"},
	AllowedHeaders:   []string{"X-Token", "Authorization"},
	ExposedHeaders:   []string{"X-Total"},
	AllowCredentials: true,
}

// reached is the header the application sets, proving it ran.
const reached = "X-App"

func app(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set(reached, "yes")
	_, _ = w.Write([]byte("app"))
}

func requireAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// newRouter mounts the middleware the documented way, on the root router,
// with routes that exist only for GET, a subrouter, an inline group and an
// authenticated group below it.
func newRouter(mw ...func(http.Handler) http.Handler) *chi.Mux {
	r := chi.NewRouter()
	r.Use(mw...)
	r.Use(middleware.Recoverer)
	r.Get("/x", app)
	r.Route("/api", func(r chi.Router) { r.Get("/items", app) })
	r.Group(func(r chi.Router) {
		r.Use(requireAuth)
		r.Get("/private/me", app)
	})
	r.Get("/http-error", func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "teapot", http.StatusTeapot)
	})
	r.Get("/panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
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
	r := newRouter(corschi.New(testConfig))
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
		{"preflight subrouter path", "OPTIONS", "/api/items", preflight(allowed, "DELETE"), 204, false, allowed, "PUT, DELETE", nil},
		{"preflight auth path", "OPTIONS", "/private/me", preflight(allowed, "GET", "Access-Control-Request-Headers", "authorization"), 204, false, allowed, "PUT, DELETE", nil},
		{"options without ACRM reaches router", "OPTIONS", "/x", []string{"Origin", allowed}, 405, false, allowed, "", nil},
		{"subrouter actual", "GET", "/api/items", []string{"Origin", allowed}, 200, true, allowed, "", []string{"Origin"}},
		{"404", "GET", "/nowhere", []string{"Origin", allowed}, 404, false, allowed, "", []string{"Origin"}},
		{"405", "DELETE", "/x", []string{"Origin", allowed}, 405, false, allowed, "", []string{"Origin"}},
		{"401 from later auth", "GET", "/private/me", []string{"Origin", allowed}, 401, false, allowed, "", []string{"Origin"}},
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
			if strings.Contains(tt.name, "refused") && strings.Contains(h.Get("Access-Control-Allow-Methods"), "PATCH") {
				t.Errorf("refused method listed: %v", h)
			}
		})
	}
}

// Middleware of an inline group (r.Group, r.With) runs only for requests
// matching one of its routes: chi answers the preflight with 405 first. A
// subrouter (r.Route, r.Mount) is mounted for every method, so its
// middleware does see preflights under its prefix.
func TestGroupMounts(t *testing.T) {
	r := chi.NewRouter()
	r.Group(func(r chi.Router) {
		r.Use(corschi.New(testConfig))
		r.Get("/group/x", app)
	})
	r.Route("/sub", func(r chi.Router) {
		r.Use(corschi.New(testConfig))
		r.Get("/x", app)
	})
	for _, tt := range []struct {
		path   string
		status int
		acao   string
	}{
		{"/group/x", 405, ""},
		{"/sub/x", 204, allowed},
		{"/sub/nowhere", 204, allowed},
	} {
		w := send(r, "OPTIONS", tt.path, preflight(allowed, "PUT")...)
		if w.Code != tt.status || w.Header().Get("Access-Control-Allow-Origin") != tt.acao {
			t.Errorf("%s: %d %v, want %d with ACAO %q", tt.path, w.Code, w.Header(), tt.status, tt.acao)
		}
	}
}

func TestOuterVarySurvives(t *testing.T) {
	outer := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Vary", "Accept-Encoding")
			next.ServeHTTP(w, r)
		})
	}
	r := newRouter(outer, corschi.New(testConfig))
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
	bad := corschi.Config{AllowedOrigins: []string{"*", "HTTPS://A.example/"}, AllowCredentials: true}
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
	corschi.New(bad)
}

func TestMiddlewareFollowsReconfigure(t *testing.T) {
	p := cors.MustNew(testConfig)
	r := newRouter(corschi.Middleware(p))
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
	r := newRouter(corschi.New(cfg))
	r.Options("/x", app)
	w := send(r, "OPTIONS", "/x", preflight(allowed, "PUT")...)
	if w.Code != 200 || w.Header().Get(reached) != "yes" || w.Header().Get("Access-Control-Allow-Methods") == "" {
		t.Fatalf("passthrough: %d %v", w.Code, w.Header())
	}
}

func TestRepeatedOriginLines(t *testing.T) {
	r := newRouter(corschi.New(testConfig))
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
	corschi.Middleware(nil)
}
