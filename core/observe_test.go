package cors

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/originguard/cors/core/adapter"
)

// recorder keeps what its Observe receives: live decisions in seen, with
// their contexts, and report-only ones in diffs, each with the live
// decision observed just before it.
type recorder struct {
	mu    sync.Mutex
	seen  []Decision
	diffs [][2]Decision
	ctxs  []context.Context
}

func (o *recorder) Observe(ctx context.Context, d Decision) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if d.ReportOnly {
		o.diffs = append(o.diffs, [2]Decision{o.seen[len(o.seen)-1], d})
		return
	}
	o.seen = append(o.seen, d)
	o.ctxs = append(o.ctxs, ctx)
}

// counter only counts, without allocating.
type counter struct{ decisions, differences int }

func (o *counter) Observe(_ context.Context, d Decision) {
	if d.ReportOnly {
		o.differences++
	} else {
		o.decisions++
	}
}

type ctxKey struct{}

func TestObserverReceivesEachDecision(t *testing.T) {
	obs := &recorder{}
	p := MustNew(with(baseConfig, func(c *Config) { c.Observe = obs.Observe }))
	cases := []struct {
		r    *http.Request
		want Decision
	}{
		{req("GET", ""), Decision{Kind: NotCORS, Allowed: true, Reason: Reason{Code: ReasonNotCORS}, Status: 200}},
		{req("GET", "https://app.example"), Decision{Kind: Actual, Allowed: true, Reason: Reason{Code: ReasonOriginAllowed}, Status: 200}},
		{req("GET", "https://evil.example"), Decision{Kind: Actual, Reason: Reason{Code: ReasonOriginNotAllowed}, Status: 200}},
		{preflight("https://app.example", "PUT"), Decision{Kind: Preflight, Allowed: true, Reason: Reason{Code: ReasonPreflightAllowed}, Respond: true, Status: 204}},
		{preflight("https://app.example", "MOVE"), Decision{Kind: Preflight, Reason: Reason{Code: ReasonMethodNotAllowed}, Respond: true, Status: 204}},
		{preflight("https://evil.example", "PUT"), Decision{Kind: Preflight, Reason: Reason{Code: ReasonOriginNotAllowed}, Respond: true, Status: 403}},
	}
	for i, tc := range cases {
		ctx := context.WithValue(context.Background(), ctxKey{}, i)
		r := adapter.FromHTTP(tc.r)
		got := p.Evaluate(ctx, &r, http.Header{})
		if len(obs.seen) != i+1 {
			t.Fatalf("case %d: observer called %d times in all, want %d", i, len(obs.seen), i+1)
		}
		if o := obs.seen[i]; o != tc.want {
			t.Errorf("case %d: observed %+v, want %+v", i, o, tc.want)
		}
		if obs.ctxs[i].Value(ctxKey{}) != i {
			t.Errorf("case %d: observer did not get the request's context", i)
		}
		// The caller still gets the detail; the observer never does.
		if got.Reason.Code.Denied() && got.Kind != NotCORS && got.Reason.Detail == "" && got.Reason.Code != ReasonOriginRepeated {
			t.Errorf("case %d: Evaluate lost the detail: %+v", i, got)
		}
	}
	if len(obs.diffs) != 0 {
		t.Errorf("differences without a report-only policy: %v", obs.diffs)
	}
}

func TestScopedObserver(t *testing.T) {
	outer, own := &recorder{}, &recorder{}
	def := with(baseConfig, func(*Config) {})
	p := MustNewScoped(ScopedConfig{
		Scopes: []Scope{
			{PathPrefix: "/api/", Config: baseConfig},
			{PathPrefix: "/own/", Config: with(baseConfig, func(c *Config) { c.Observe = own.Observe })},
		},
		Default: &def,
		Observe: outer.Observe,
	})
	scoped := MustNewScoped(ScopedConfig{Scopes: []Scope{{PathPrefix: "/api/", Config: baseConfig}}, Observe: outer.Observe})
	for _, tc := range []struct {
		p      *Policy
		path   string
		obs    *recorder
		scope  string
		reason ReasonCode
	}{
		{p, "/api/x", outer, "/api/", ReasonOriginAllowed},
		{p, "/own/x", own, "/own/", ReasonOriginAllowed},
		{p, "/other", outer, ScopeDefault, ReasonOriginAllowed},
		{scoped, "/other", outer, ScopeNone, ReasonNoScope},
	} {
		r := req("GET", "https://app.example")
		r.URL.Path = tc.path
		ar := adapter.FromHTTP(r)
		n := len(tc.obs.seen)
		tc.p.Evaluate(context.Background(), &ar, nil)
		if len(tc.obs.seen) != n+1 {
			t.Fatalf("%s: %d observations, want 1", tc.path, len(tc.obs.seen)-n)
		}
		if d := tc.obs.seen[n]; d.Reason.Scope != tc.scope || d.Reason.Code != tc.reason {
			t.Errorf("%s: observed scope %q reason %v, want %q %v", tc.path, d.Reason.Scope, d.Reason.Code, tc.scope, tc.reason)
		}
	}
	if len(outer.seen)+len(own.seen) != 4 {
		t.Errorf("%d observations for 4 requests", len(outer.seen)+len(own.seen))
	}
}

// tightened is baseConfig without PUT: what the report-only tests try out.
var tightened = with(baseConfig, func(c *Config) { c.AllowedMethods = []string{"GET"} })

func TestReportOnlyDifferences(t *testing.T) {
	var logs bytes.Buffer
	obs := &recorder{}
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	candidate := MustNew(tightened)
	live := MustNew(with(baseConfig, func(c *Config) { c.Observe, c.Logger, c.ReportOnly = obs.Observe, logger, candidate }))
	plain := MustNew(baseConfig)
	for _, tc := range []struct {
		name  string
		r     *http.Request
		diff  bool
		codes [2]ReasonCode
	}{
		{"same: non-CORS", req("GET", ""), false, [2]ReasonCode{}},
		{"same: actual", req("GET", "https://app.example"), false, [2]ReasonCode{}},
		{"same: refused origin", preflight("https://evil.example", "PUT"), false, [2]ReasonCode{}},
		{"verdict: PUT refused", preflight("https://app.example", "PUT"), true, [2]ReasonCode{ReasonPreflightAllowed, ReasonMethodNotAllowed}},
		{"headers: ACAM of an allowed GET", preflight("https://app.example", "GET"), true, [2]ReasonCode{ReasonPreflightAllowed, ReasonPreflightAllowed}},
	} {
		n := len(obs.diffs)
		logs.Reset()
		got := serve(t, live, tc.r)
		want := serve(t, plain, tc.r)
		if got.status != want.status || fmt.Sprint(got.header) != fmt.Sprint(want.header) || got.appRan != want.appRan {
			t.Errorf("%s: the response is not the live policy's:\n got %d %v\nwant %d %v", tc.name, got.status, got.header, want.status, want.header)
		}
		if !tc.diff {
			if len(obs.diffs) != n || logs.Len() != 0 && strings.Contains(logs.String(), "report-only") {
				t.Errorf("%s: a difference was reported: %v %s", tc.name, obs.diffs[n:], logs.String())
			}
			continue
		}
		if len(obs.diffs) != n+1 {
			t.Fatalf("%s: %d differences reported, want 1", tc.name, len(obs.diffs)-n)
		}
		d := obs.diffs[n]
		if d[0].Reason.Code != tc.codes[0] || d[1].Reason.Code != tc.codes[1] || d[0].Reason.Detail != "" || d[1].Reason.Detail != "" || !d[1].ReportOnly || d[0].ReportOnly {
			t.Errorf("%s: difference %+v, want codes %v", tc.name, d, tc.codes)
		}
		rec := logs.String()
		for _, want := range []string{"report-only policy would answer differently", "code=" + tc.codes[0].String(), "report_only_code=" + tc.codes[1].String(), "origin=https://app.example"} {
			if !strings.Contains(rec, want) {
				t.Errorf("%s: log record lacks %q:\n%s", tc.name, want, rec)
			}
		}
	}

	// Removed: nothing more is reported.
	if err := live.Reconfigure(with(baseConfig, func(c *Config) { c.Observe, c.Logger = obs.Observe, logger })); err != nil {
		t.Fatal(err)
	}
	n := len(obs.diffs)
	serve(t, live, preflight("https://app.example", "PUT"))
	if len(obs.diffs) != n {
		t.Error("a removed report-only policy still reports")
	}
}

// TestReportOnlyHeaders: every kind of header difference is one, and the
// same headers reached another way are not.
func TestReportOnlyHeaders(t *testing.T) {
	star := with(baseConfig, func(c *Config) { c.AllowedHeaders = []string{"*"} })
	starAuth := with(baseConfig, func(c *Config) { c.AllowedHeaders = []string{"*", "authorization"} })
	for _, tc := range []struct {
		name       string
		live, cand Config
		r          *http.Request
		diff       bool
	}{
		{"max age", baseConfig, with(baseConfig, func(c *Config) { c.MaxAge = 0 }), preflight("https://app.example", "PUT"), true},
		{"exposed", baseConfig, with(baseConfig, func(c *Config) { c.ExposedHeaders = nil }), req("GET", "https://app.example"), true},
		{"credentials", baseConfig, with(baseConfig, func(c *Config) { c.AllowCredentials = false }), req("GET", "https://app.example"), true},
		{"vary", with(baseConfig, func(c *Config) { c.AllowPrivateNetwork = true }), baseConfig, preflight("https://app.example", "PUT"), true},
		{"filtered names, same", star, star, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-a, authorization, x-b"), false},
		{"filtered names, one more allowed", star, starAuth, preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-a, authorization, x-b"), true},
		{"same list, other config", baseConfig, with(baseConfig, func(c *Config) { c.AllowedOrigins = []string{"https://app.example"} }), preflight("https://app.example", "PUT", "Access-Control-Request-Headers: x-token"), false},
	} {
		obs := &counter{}
		cand := MustNew(tc.cand)
		live := MustNew(with(tc.live, func(c *Config) { c.Observe, c.ReportOnly = obs.Observe, cand }))
		r := adapter.FromHTTP(tc.r)
		live.Evaluate(context.Background(), &r, nil)
		if (obs.differences == 1) != tc.diff || obs.differences > 1 {
			t.Errorf("%s: %d differences, want difference %v", tc.name, obs.differences, tc.diff)
		}
	}
}

// TestObserverAllocs: an observer and a report-only policy cost the core no
// allocation, on every path of the budgets.
func TestObserverAllocs(t *testing.T) {
	obs := &counter{}
	for _, tc := range perfPaths() {
		cfg := tc.p.Config()
		cfg.Observe = obs.Observe
		p := MustNew(cfg)
		r := adapter.FromHTTP(tc.r)
		if n := testing.AllocsPerRun(100, func() { sinkDecision = p.Evaluate(context.Background(), &r, nil) }); n != 0 {
			t.Errorf("%s: Evaluate with an observer allocates %v times, budget 0", tc.name, n)
		}
		cfg.ReportOnly = MustNew(tightened)
		if err := p.Reconfigure(cfg); err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { sinkDecision = p.Evaluate(context.Background(), &r, nil) }); n != 0 {
			t.Errorf("%s: Evaluate with a report-only policy allocates %v times, budget 0", tc.name, n)
		}
	}
	if obs.decisions == 0 || obs.differences == 0 {
		t.Errorf("observer saw %d decisions and %d differences", obs.decisions, obs.differences)
	}
}

// TestReportOnlyConcurrent sets, replaces and removes the report-only
// policy while requests are evaluated (run with -race): every request is
// answered by the live policy, and every difference reported is one the
// candidate in force could have produced.
func TestReportOnlyConcurrent(t *testing.T) {
	obs := &recorder{}
	live := MustNew(with(baseConfig, func(c *Config) { c.Observe = obs.Observe }))
	cands := []*Policy{MustNew(tightened), MustNew(baseConfig), nil}
	var wg, setter sync.WaitGroup
	stop := make(chan struct{})
	setter.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
				if err := live.Reconfigure(with(baseConfig, func(c *Config) { c.Observe, c.ReportOnly = obs.Observe, cands[i%len(cands)] })); err != nil {
					t.Error(err)
					return
				}
			}
		}
	})
	for range 2 {
		wg.Go(func() {
			for range 2000 {
				r := adapter.FromHTTP(preflight("https://app.example", "PUT"))
				if d := live.Evaluate(context.Background(), &r, http.Header{}); !d.Allowed {
					t.Errorf("live decision changed: %+v", d)
					return
				}
			}
		})
	}
	wg.Wait()
	close(stop)
	setter.Wait()
	for _, d := range obs.diffs {
		if d[1].Reason.Code != ReasonMethodNotAllowed {
			t.Fatalf("difference %+v from no candidate in force", d)
		}
	}
}

// BenchmarkObserve compares, in one run, Evaluate with no observer (the
// hot path as it is without this feature), with an observer, and with an
// observer and a report-only policy, on the paths of the budgets.
func BenchmarkObserve(b *testing.B) {
	obs := &counter{}
	for _, tc := range perfPaths() {
		cfg := tc.p.Config()
		observed := with(cfg, func(c *Config) { c.Observe = obs.Observe })
		candidate := MustNew(with(observed, func(c *Config) { c.ReportOnly = MustNew(tightened) }))
		r := adapter.FromHTTP(tc.r)
		for _, v := range []struct {
			name string
			p    *Policy
		}{{"none", MustNew(cfg)}, {"observer", MustNew(observed)}, {"observer+report-only", candidate}} {
			b.Run(tc.name+"/"+v.name, func(b *testing.B) {
				b.ReportAllocs()
				defer reportCPU(b, cpuTime())
				for b.Loop() {
					sinkDecision = v.p.Evaluate(context.Background(), &r, nil)
				}
			})
		}
	}
}

// lazyContext is a stand-in resolving to the context to, counting how
// often the policy resolves it.
type lazyContext struct {
	context.Context
	to       context.Context
	resolved *int
}

func (l lazyContext) Resolve() context.Context { *l.resolved++; return l.to }

// A LazyContext is resolved only for the hooks, which get what it resolves
// to, never the stand-in.
func TestLazyContextResolvedForHooksOnly(t *testing.T) {
	type key struct{}
	to := context.WithValue(context.Background(), key{}, "trace-1")
	var got []context.Context
	for _, tc := range []struct {
		name string
		cfg  Config
		want int
	}{
		{"no hooks", baseConfig, 0},
		{"observer", with(baseConfig, func(c *Config) { c.Observe = func(ctx context.Context, _ Decision) { got = append(got, ctx) } }), 1},
	} {
		n, before := 0, len(got)
		p := mustPolicy(t, tc.cfg)
		r := adapter.FromHTTP(req("GET", "https://evil.example"))
		p.Evaluate(lazyContext{context.Background(), to, &n}, &r, http.Header{})
		if n != tc.want || len(got)-before != tc.want {
			t.Errorf("%s: resolved %d times, observed %d, want %d", tc.name, n, len(got)-before, tc.want)
		}
	}
	for _, ctx := range got {
		if ctx != to {
			t.Errorf("the observer got %#v, want the context the LazyContext resolves to", ctx)
		}
	}
}
