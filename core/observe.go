package cors

import (
	"context"
	"log/slog"

	"github.com/originguard/cors/core/adapter"
	"github.com/originguard/cors/core/internal/ascii"
)

// Observer receives the decisions of a Policy, to count them (see the
// module github.com/originguard/cors/corsotel for OpenTelemetry metrics).
// Set it as Config.Observer or ScopedConfig.Observer. Its methods are
// called by Evaluate (and so by every adapter) on the request's goroutine,
// before the response is written, with the request's context; they must be
// safe for concurrent use and quick, since the request waits for them.
//
// The Decision an Observer receives has no Reason.Detail: nothing in it
// refers to the request's memory, so it may be kept. It carries the kind,
// the outcome (Allowed), the reason code, the scope (Reason.Scope, "" for a
// policy built with New) and the answer (Respond, Status), never the
// request's origin, host or path; label metrics with those fields only, so
// that their number of series stays bounded whatever clients send.
type Observer interface {
	// Observe is called once for every request the policy judges, CORS or
	// not, after the decision is taken.
	Observe(ctx context.Context, d Decision)
	// ObserveDifference is called, after Observe, for every request on
	// which the report-only policy (Policy.SetReportOnly) would have
	// answered differently from the live one: another verdict (Allowed),
	// another status or another CORS response header. live is what was
	// answered, candidate what the report-only policy would have answered.
	ObserveDifference(ctx context.Context, live, candidate Decision)
}

// hooks are where a decision is reported: Config.Logger and
// Config.Observer, or ScopedConfig's outside every scope.
type hooks struct {
	logger   *slog.Logger
	observer Observer
}

// newHooks returns the hooks of logger and observer, nil when both are
// nil, so that a policy without them costs Evaluate one test.
func newHooks(logger *slog.Logger, observer Observer) *hooks {
	if logger == nil && observer == nil {
		return nil
	}
	return &hooks{logger: logger, observer: observer}
}

// observed is the decision as an Observer receives it: without the detail,
// which may point into the request.
func (d *answer) observed() Decision {
	o := d.Decision
	o.Reason.Detail = ""
	return o
}

// SetReportOnly makes candidate the report-only policy of p: from now on
// every request p evaluates is also judged by candidate, and where
// candidate would answer differently (another verdict, status or CORS
// response header) the difference goes to the live decision's
// Config.Observer (ObserveDifference) and, at Debug level, to its
// Config.Logger, naming both reason codes. The response is always p's:
// candidate changes nothing a client sees. A nil candidate removes the
// report-only policy. Where the live configuration has neither an Observer
// nor a Logger, there is nothing to report to and candidate is not
// evaluated.
//
// Build candidate with New or NewScoped like any policy; it may be
// reconfigured while set. Its own Logger, Observer and report-only policy
// are not used in that role. Setting, replacing and removing are atomic
// and safe while requests are evaluated; each request is judged by one
// live and at most one candidate configuration. The cost is one more
// evaluation per request, without allocation.
//
// A typical rollout: set the tightened configuration as candidate, watch
// cors.report_only.differences (or the log) until only the clients you
// meant to refuse appear, then Reconfigure p with it and SetReportOnly(nil).
func (p *Policy) SetReportOnly(candidate *Policy) {
	p.candidate.Store(candidate)
}

// reportOnly judges r by cand as well and reports how its answer differs
// from live's, if it does.
func reportOnly(ctx context.Context, r *adapter.Request, live *answer, cand *Policy) {
	hk := live.hooks // not nil: Evaluate checked
	var c answer
	cand.evaluate(r, &c)
	what := difference(live, &c, r)
	if what == "" {
		return
	}
	if hk.observer != nil {
		hk.observer.ObserveDifference(ctx, live.observed(), c.observed())
	}
	if hk.logger != nil && hk.logger.Enabled(ctx, slog.LevelDebug) {
		logDifference(ctx, hk.logger, r, live, &c, what)
	}
}

// difference says how a and b, two answers to r, differ: "verdict" (allowed
// or not), "status" (answered now, or with another status) or "headers"
// (another CORS response header, or another Vary), and "" when they are
// the same.
func difference(a, b *answer, r *adapter.Request) string {
	switch {
	case a.Allowed != b.Allowed:
		return "verdict"
	case a.Respond != b.Respond || (a.Respond && a.Status != b.Status):
		return "status"
	case !sameHeaders(a, b, r):
		return "headers"
	}
	return ""
}

// sameHeaders reports whether a and b write the same header lines for r.
func sameHeaders(a, b *answer, r *adapter.Request) bool {
	acrh := r.Lines(adapter.RequestHeaders)
	var fa, fb fieldList
	many := a.compared(&fa, acrh)
	b.compared(&fb, acrh)
	if fa != fb || a.varyLine() != b.varyLine() {
		return false
	}
	if !many {
		return true
	}
	// Equal lists with the marker: both write several filtered names. The
	// same ones?
	for name := range elements(acrh) {
		token, upper := scanToken(name)
		isAuth := ascii.EqualFold(name, "authorization")
		if token && a.c.headerAllowed(name, isAuth, upper) != b.c.headerAllowed(name, isAuth, upper) {
			return false
		}
	}
	return true
}

// compared lists into out the Access-Control-* fields d writes, as on the
// wire: filtered request header names count as their single line when there
// is one, and as a marker when there are several (many is then true, and
// the names are compared apart).
func (d *answer) compared(out *fieldList, acrh []string) (many bool) {
	if d.c == nil {
		return false
	}
	d.fields(out, acrh)
	if d.allowHeaders != allowHeadersFiltered {
		return false
	}
	n, first := 0, ""
	d.filteredNames(acrh, func(name string) {
		if n++; n == 1 {
			first = name
		}
	})
	switch {
	case n == 1:
		out.add(hACAH, first)
	case n > 1:
		out.add(hACAH, "\x00filtered")
	}
	return n > 1
}

// varyLine is the Vary line d adds, "" for none.
func (d *answer) varyLine() string {
	if d.c == nil || d.vary == 0 {
		return ""
	}
	return d.c.vary[d.vary]
}

// logDifference writes the Debug record of a report-only difference.
func logDifference(ctx context.Context, logger *slog.Logger, r *adapter.Request, live, cand *answer, what string) {
	origin := ""
	if lines := r.Lines(adapter.Origin); len(lines) > 0 {
		origin = lines[0]
	}
	attrs := []slog.Attr{
		slog.String("kind", live.Kind.String()),
		slog.String("method", truncate(r.Method)),
		slog.String("path", truncate(r.Path)),
		slog.String("origin", truncate(origin)),
		slog.String("differs", what),
		slog.String("code", live.Reason.Code.String()),
		slog.String("report_only_code", cand.Reason.Code.String()),
		slog.String("reason", live.Reason.String()),
		slog.String("report_only_reason", cand.Reason.String()),
	}
	if live.Reason.Scope != "" || cand.Reason.Scope != "" {
		attrs = append(attrs, slog.String("scope", live.Reason.Scope), slog.String("report_only_scope", cand.Reason.Scope))
	}
	logger.LogAttrs(ctx, slog.LevelDebug, "cors: report-only policy would answer differently", attrs...)
}
