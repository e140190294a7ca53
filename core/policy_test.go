package cors

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unsafe"
)

func TestReconfigureConcurrent(t *testing.T) {
	oldCfg := Config{AllowedOrigins: []string{"https://old.example"}, ExposedHeaders: []string{"X-Old"}}
	newCfg := Config{AllowedOrigins: []string{"https://new.example"}, ExposedHeaders: []string{"X-New"}, AllowCredentials: true}
	p := mustPolicy(t, oldCfg)
	var stop atomic.Bool
	var wg sync.WaitGroup
	var served atomic.Int64
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				origin := "https://old.example"
				if i%2 == 1 {
					origin = "https://new.example"
				}
				w := httptest.NewRecorder()
				p.Handler(nopHandler{}).ServeHTTP(w, req("GET", origin))
				served.Add(1)
				acao, aceh, acac := w.Header().Get("Access-Control-Allow-Origin"), w.Header().Get("Access-Control-Expose-Headers"), w.Header().Get("Access-Control-Allow-Credentials")
				switch acao {
				case "":
				case "https://old.example":
					if aceh != "X-Old" || acac != "" {
						t.Errorf("old origin with mixed headers: %v", w.Header())
					}
				case "https://new.example":
					if aceh != "X-New" || acac != "true" {
						t.Errorf("new origin with mixed headers: %v", w.Header())
					}
				default:
					t.Errorf("unexpected ACAO %q", acao)
				}
			}
		}()
	}
	for served.Load() < 8 { // reconfigure while requests are in flight
		runtime.Gosched()
	}
	for i := 0; i < 200; i++ {
		cfg := oldCfg
		if i%2 == 0 {
			cfg = newCfg
		}
		if err := p.Reconfigure(cfg); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Reconfigure(Config{AllowedOrigins: []string{"null"}}); err == nil {
		t.Error("invalid Reconfigure accepted")
	}
	stop.Store(true)
	wg.Wait()
	if served.Load() == 0 {
		t.Fatal("no request served")
	}
	// The failed Reconfigure left the last valid policy (oldCfg, i=199) in force.
	if d := evalHTTP(p, req("GET", "https://old.example"), nil); !d.Allowed {
		t.Errorf("policy changed by a failed Reconfigure: %s", d.Reason)
	}
}

type nopHandler struct{}

func (nopHandler) ServeHTTP(w http.ResponseWriter, _ *http.Request) {}

func TestLoggerRecordsDenials(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	p := mustPolicy(t, with(baseConfig, func(c *Config) { c.Logger = logger }))
	if !strings.Contains(buf.String(), `level=WARN msg="cors: AllowedMethods[3] \"patch\" matches only scripts that write method: \"patch\"; browsers send PATCH for method: \"PATCH\"`) {
		t.Errorf("New did not warn about the lower-case patch: %s", buf.String())
	}
	buf.Reset()
	evalHTTP(p, req("GET", "https://app.example"), nil)
	evalHTTP(p, req("GET", ""), nil)
	if buf.Len() != 0 {
		t.Fatalf("allowed requests logged: %s", buf.String())
	}
	evalHTTP(p, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-foo"), nil)
	evalHTTP(p, req("GET", "https://evil.example\nlevel=ERROR"), nil)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 records, got %q", buf.String())
	}
	if !strings.Contains(lines[0], `level=DEBUG`) || !strings.Contains(lines[0], `kind=preflight`) || !strings.Contains(lines[0], `request header not allowed: \"x-foo\"`) {
		t.Errorf("record lacks kind or reason: %s", lines[0])
	}
	if !strings.Contains(lines[1], `Origin is not a serialized origin`) {
		t.Errorf("record lacks the reason: %s", lines[1])
	}

	// A logger above Debug level costs no record.
	buf.Reset()
	quiet := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	p = mustPolicy(t, with(baseConfig, func(c *Config) { c.Logger = quiet }))
	buf.Reset() // New's warning about "patch"
	evalHTTP(p, req("GET", "https://evil.example"), nil)
	if buf.Len() != 0 {
		t.Errorf("Info-level logger got a record: %s", buf.String())
	}
}

// fakeFastHeader stands for *fasthttp.ResponseHeader: a HeaderWriter that
// is not an http.Header.
type fakeFastHeader struct{ lines [][2]string }

func (f *fakeFastHeader) Set(k, v string) {
	out := f.lines[:0]
	for _, l := range f.lines {
		if l[0] != k {
			out = append(out, l)
		}
	}
	f.lines = append(out, [2]string{k, v})
}
func (f *fakeFastHeader) Add(k, v string) { f.lines = append(f.lines, [2]string{k, v}) }

func TestGenericSinkMatchesHTTPHeader(t *testing.T) {
	star := with(baseConfig, func(c *Config) { c.AllowedHeaders = []string{"*"} })
	for _, tc := range []struct {
		cfg Config
		r   *http.Request
	}{
		{baseConfig, req("GET", "https://app.example")},
		{baseConfig, req("GET", "")},
		{baseConfig, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-token")},
		{star, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: X-A, authorization, x-b")},
		{publicConfig, req("GET", "https://x.example")},
	} {
		p := mustPolicy(t, tc.cfg)
		want := httptest.NewRecorder().Header()
		evalHTTP(p, tc.r, want)
		var f fakeFastHeader
		evalHTTP(p, tc.r, &f)
		got := httptest.NewRecorder().Header()
		for _, l := range f.lines {
			got.Add(l[0], l[1])
		}
		compareHeaders(t, corsHeaders(got), corsHeaders(want))
	}
}

// keepingHandler keeps every record, as a buffering or async handler would.
type keepingHandler struct{ records *[]slog.Record }

func (keepingHandler) Enabled(context.Context, slog.Level) bool { return true }
func (k keepingHandler) Handle(_ context.Context, r slog.Record) error {
	*k.records = append(*k.records, r)
	return nil
}
func (k keepingHandler) WithAttrs([]slog.Attr) slog.Handler { return k }
func (k keepingHandler) WithGroup(string) slog.Handler      { return k }

// A framework may hand the core strings that point into buffers it reuses
// after the request (fasthttp does); a kept log record must not change.
func TestLogRecordsOwnTheirStrings(t *testing.T) {
	var records []slog.Record
	p := mustPolicy(t, with(baseConfig, func(c *Config) { c.Logger = slog.New(keepingHandler{&records}) }))
	records = nil // New's warning about "patch"
	buf := []byte("https://evil.example")
	method := []byte("GET")
	eval(p, request{Method: unsafe.String(&method[0], len(method)), Origin: []string{unsafe.String(&buf[0], len(buf))}}, nil)
	copy(buf, "https://BAD!.example")
	copy(method, "PUT")
	if len(records) != 1 {
		t.Fatalf("%d records", len(records))
	}
	records[0].Attrs(func(a slog.Attr) bool {
		if (a.Key == "origin" && a.Value.String() != "https://evil.example") || (a.Key == "method" && a.Value.String() != "GET") || strings.Contains(a.Value.String(), "BAD!") {
			t.Errorf("record changed after the request: %s=%q", a.Key, a.Value)
		}
		return true
	})
}
