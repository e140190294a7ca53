package stacks

import (
	"bufio"
	"context"
	"github.com/originguard/cors/conformance"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	fiberv2 "github.com/gofiber/fiber/v2"
	fiberv3 "github.com/gofiber/fiber/v3"
	corsfiber "github.com/originguard/cors/adapters/fiber"
	corsfiberv3 "github.com/originguard/cors/adapters/fiberv3"
	cors "github.com/originguard/cors/core"
	"github.com/valyala/fasthttp"
)

// The adapters on fasthttp read header field lines from fasthttp's request
// and may keep nothing of its buffers, which fasthttp reuses for the next
// request. The table and the bridge cannot show either: these tests drive
// the fiber applications on fasthttp request contexts directly.

// fasthttpApp builds a fasthttp-based adapter's application: the
// middleware applying p, mounted with app.Use, in front of a route that
// answers 200 to every method on conformance.PathResource.
type fasthttpApp struct {
	name string
	new  func(p *cors.Policy) fasthttp.RequestHandler
}

func fasthttpApps() []fasthttpApp {
	return []fasthttpApp{
		{name: "fiber", new: func(p *cors.Policy) fasthttp.RequestHandler {
			a := fiberv2.New(fiberv2.Config{DisableStartupMessage: true})
			a.Use(corsfiber.Middleware(p))
			a.All(conformance.PathResource, func(c *fiberv2.Ctx) error { return c.SendStatus(http.StatusOK) })
			return a.Handler()
		}},
		{name: "fiberv3", new: func(p *cors.Policy) fasthttp.RequestHandler {
			a := fiberv3.New()
			a.Use(corsfiberv3.Middleware(p))
			a.All(conformance.PathResource, func(c fiberv3.Ctx) error { return c.SendStatus(http.StatusOK) })
			return a.Handler()
		}},
	}
}

// rawRequest is a reusable request context for conformance.PathResource whose header
// lines (name, value, name, value…) keep the case and order given, as they
// do with fiber's DisableHeaderNormalizing.
func rawRequest(method string, lines ...string) *fasthttp.RequestCtx {
	ctx := new(fasthttp.RequestCtx)
	ctx.Request.Header.DisableNormalizing()
	ctx.Request.Header.SetMethod(method)
	ctx.Request.SetRequestURI(conformance.PathResource)
	for i := 0; i+1 < len(lines); i += 2 {
		ctx.Request.Header.Add(lines[i], lines[i+1])
	}
	return ctx
}

// serveFast runs h on ctx as a server would, after resetting the response.
func serveFast(h fasthttp.RequestHandler, ctx *fasthttp.RequestCtx) {
	ctx.Response.Reset()
	h(ctx)
}

// fasthttpPolicy allows one origin, credentials and private network access.
func fasthttpPolicy() cors.Config {
	return cors.Config{AllowedOrigins: []string{oApp}, AllowedMethods: []string{"PUT"},
		AllowedHeaders: []string{"X-Token", "Authorization"}, AllowCredentials: true, AllowPrivateNetwork: true}
}

// TestFasthttpHeaderFieldLines: every field line of Origin and the
// Access-Control-Request-* headers reaches the policy, whatever the ASCII
// case of its name, so each adapter answers exactly as the core's net/http
// middleware answers the same lines (header-field-reading). Names equal to
// a CORS header only under Unicode case folding (long s, Kelvin sign) are
// other headers. (fasthttp's parser refuses such names; requests built in
// memory, by tests or bridges from other servers, can carry them.)
func TestFasthttpHeaderFieldLines(t *testing.T) {
	p := cors.MustNew(fasthttpPolicy())
	reference := p.Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	for _, app := range fasthttpApps() {
		h := app.new(p)
		for _, lines := range [][]string{
			{"origin", oApp},
			{"ORIGIN", oApp, "access-control-request-method", "PUT"},
			{"Origin", oApp, "Origin", oApp, "Access-Control-Request-Method", "PUT"},
			{"Origin", oApp, "access-control-request-method", "PUT", "Access-Control-Request-Headers", "x-token", "access-control-request-headers", "x-other"},
			{"Origin", oApp, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "x-token", "Access-Control-Request-Headers", "authorization"},
			{"Origin", oApp, "Access-Control-Request-Method", "PUT", "access-control-request-private-network", "true"},
			{"Origin", oApp, "Acce\u017fs-Control-Request-Method", "PUT"},
			{"Origin", oApp, "Access-Control-Request-Method", "PUT", "Access-Control-Request-Private-Networ\u212a", "true"},
		} {
			method := http.MethodGet
			if slices.ContainsFunc(lines, func(s string) bool { return strings.HasPrefix(strings.ToLower(s), "acce") }) {
				method = http.MethodOptions
			}
			ctx := rawRequest(method, lines...)
			serveFast(h, ctx)
			got := http.Header{}
			for k, v := range ctx.Response.Header.All() {
				got.Add(string(k), string(v))
			}
			// net/http canonicalizes ASCII names only, as its server does.
			req := httptest.NewRequest(method, conformance.PathResource, nil)
			for i := 0; i+1 < len(lines); i += 2 {
				req.Header.Add(lines[i], lines[i+1])
			}
			w := httptest.NewRecorder()
			reference.ServeHTTP(w, req)
			if g, want := summary(response{status: ctx.Response.StatusCode(), header: got}),
				summary(response{status: w.Code, header: w.Header()}); g != want {
				t.Errorf("%s, %s %q:\n%s:  %s\nnet/http: %s", app.name, method, lines, app.name, g, want)
			}
		}
	}
}

// TestFasthttpConcurrentRequestsKeepTheirOrigin: concurrent requests from
// different origins each get their own origin back (no-shared-buffers).
func TestFasthttpConcurrentRequestsKeepTheirOrigin(t *testing.T) {
	origins := []string{"https://a.app.example", "https://b.app.example", "https://c.app.example", "https://d.app.example"}
	for _, app := range fasthttpApps() {
		h := app.new(cors.MustNew(cors.Config{AllowedOrigins: []string{"https://*.app.example"}}))
		errs := make(chan string, len(origins))
		for _, o := range origins {
			go func() {
				ctx := rawRequest(http.MethodOptions, "Origin", o, "Access-Control-Request-Method", "GET")
				for range 2000 {
					serveFast(h, ctx)
					if got := string(ctx.Response.Header.Peek(hACAO)); got != o {
						errs <- app.name + ": sent " + o + ", got ACAO " + got
						return
					}
				}
				errs <- ""
			}()
		}
		for range origins {
			if e := <-errs; e != "" {
				t.Error(e)
			}
		}
	}
}

// keepHandler is a slog.Handler that keeps its records, as buffering or
// asynchronous handlers do.
type keepHandler struct {
	mu      sync.Mutex
	records []slog.Record
}

func (h *keepHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *keepHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, r.Clone())
	return nil
}
func (h *keepHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *keepHandler) WithGroup(string) slog.Handler      { return h }

// TestFasthttpLogRecordOutlivesRequest: a denial's log record may be kept
// by the handler after the request; its strings must not change when
// fasthttp reuses the request's buffers for the next request.
func TestFasthttpLogRecordOutlivesRequest(t *testing.T) {
	for _, app := range fasthttpApps() {
		kh := &keepHandler{}
		cfg := fasthttpPolicy()
		cfg.Logger = slog.New(kh)
		h := app.new(cors.MustNew(cfg))
		ctx := rawRequest(http.MethodGet, "Origin", oEvil)
		serveFast(h, ctx)
		ctx.Request.Header.Set("Origin", "https://bad1.example")
		ctx.Request.Header.SetMethod("PUT")
		ctx.Request.SetRequestURI("/other")
		serveFast(h, ctx)
		if len(kh.records) != 2 {
			t.Fatalf("%s: %d records, want 2", app.name, len(kh.records))
		}
		attrs := map[string]string{}
		kh.records[0].Attrs(func(a slog.Attr) bool {
			attrs[a.Key] = a.Value.String()
			return true
		})
		if attrs["origin"] != oEvil || attrs["method"] != "GET" || attrs["path"] != conformance.PathResource {
			t.Errorf("%s: first record changed after the request: %v", app.name, attrs)
		}
	}
}

// fastResponse is ctx's answer in the form summary compares.
func fastResponse(ctx *fasthttp.RequestCtx) response {
	h := http.Header{}
	for k, v := range ctx.Response.Header.All() {
		h.Add(string(k), string(v))
	}
	return response{status: ctx.Response.StatusCode(), header: h}
}

// TestFasthttpFieldNamesInAnyCase: every line of Origin and Sec-Fetch-Site
// reaches the policy whatever the case of its name, whether fasthttp
// stores names in canonical form (on a parsed request, and by default) or
// as given (DisableNormalizing), so each adapter answers as the core's
// net/http middleware answers the same lines (header-field-reading).
func TestFasthttpFieldNamesInAnyCase(t *testing.T) {
	cfg := cors.Config{AllowedOrigins: []string{oApp}, ForgeryProtection: true}
	reference := cors.MustNew(cfg).Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	for _, app := range fasthttpApps() {
		h := app.new(cors.MustNew(cfg))
		for _, lines := range [][]string{
			{"GET", "origin", oApp},
			{"GET", "ORIGIN", oApp, "X-Other", "1"},
			{"GET", "Origin", oApp, "origin", oEvil},
			{"POST", "origin", oApp, "sec-fetch-site", "cross-site"},
			{"POST", "Origin", oEvil, "SEC-FETCH-SITE", "cross-site"},
			{"POST", "Origin", oApp, "Sec-Fetch-Site", "same-site", "sec-fetch-site", "cross-site"},
		} {
			method, fields := lines[0], lines[1:]
			w := httptest.NewRecorder()
			reference.ServeHTTP(w, newRequest(method, "http://api.example"+conformance.PathResource, fields...))
			want := summary(response{status: w.Code, header: w.Header()})
			raw := method + " " + conformance.PathResource + " HTTP/1.1\r\nHost: api.example\r\n"
			for i := 0; i+1 < len(fields); i += 2 {
				raw += fields[i] + ": " + fields[i+1] + "\r\n"
			}
			for _, how := range []string{"parsed", "canonical", "as given"} {
				var ctx *fasthttp.RequestCtx
				switch how {
				case "parsed":
					ctx = new(fasthttp.RequestCtx)
					if err := ctx.Request.Read(bufio.NewReader(strings.NewReader(raw + "\r\n"))); err != nil {
						t.Fatal(err)
					}
				case "canonical":
					ctx = new(fasthttp.RequestCtx)
					ctx.Request.Header.SetMethod(method)
					ctx.Request.SetRequestURI(conformance.PathResource)
					for i := 0; i+1 < len(fields); i += 2 {
						ctx.Request.Header.Add(fields[i], fields[i+1])
					}
				default:
					ctx = rawRequest(method, fields...)
				}
				ctx.Request.Header.SetHost("api.example")
				serveFast(h, ctx)
				if got := summary(fastResponse(ctx)); got != want {
					t.Errorf("%s, %q, %s:\n%s:  %s\nnet/http: %s", app.name, lines, how, app.name, got, want)
				}
			}
		}
	}
}

// TestFasthttpNoEchoedValueStartsALine: no line break in a request's field
// reaches the response. The policy echoes an origin, a method or header
// names only once checked, so none can start a header line of its own; the
// adapters write values as they are. (fasthttp's parser refuses such
// values; requests built in memory can carry them.)
func TestFasthttpNoEchoedValueStartsALine(t *testing.T) {
	p := cors.MustNew(cors.Config{AllowOriginFunc: func(string) bool { return true },
		AllowedMethods: []string{"*"}, AllowedHeaders: []string{"*"}, AllowCredentials: true})
	const m, hs, inject = "Access-Control-Request-Method", "Access-Control-Request-Headers", "\r\nSet-Cookie: a=b"
	for _, app := range fasthttpApps() {
		h := app.new(p)
		ctx := rawRequest(http.MethodOptions, hOrigin, oApp, m, "PUT", hs, "x-a")
		serveFast(h, ctx)
		if r := &ctx.Response.Header; string(r.Peek("Access-Control-Allow-Methods")) != "PUT" || string(r.Peek("Access-Control-Allow-Headers")) != "x-a" {
			t.Fatalf("%s: the policy does not echo the method and header names:\n%s", app.name, r)
		}
		for _, lines := range [][]string{
			{"GET", hOrigin, oApp + inject},
			{"OPTIONS", hOrigin, oApp + inject, m, "PUT"},
			{"OPTIONS", hOrigin, oApp, m, "PUT" + inject},
			{"OPTIONS", hOrigin, oApp, m, "PUT", hs, "x-a" + inject},
			{"OPTIONS", hOrigin, oApp, m, "PUT", hs, "x-a,x-b\n"},
		} {
			ctx := rawRequest(lines[0], lines[1:]...)
			serveFast(h, ctx)
			if s := ctx.Response.Header.String(); strings.Contains(s, "\nSet-Cookie") || strings.Contains(s, "x-b\n") {
				t.Errorf("%s, %q: a value started a header line:\n%s", app.name, lines, s)
			}
		}
	}
}
