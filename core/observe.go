package cors

import (
	"context"
	"log/slog"

	"github.com/originguard/cors/core/adapter"
	"github.com/originguard/cors/core/internal/ascii"
)

// hooks are where a decision is reported and the report-only policy that
// judges it too: Config.Logger, Observe and ReportOnly, or ScopedConfig's
// outside every scope.
type hooks struct {
	logger     *slog.Logger
	observe    func(context.Context, Decision)
	reportOnly *Policy
}

// newHooks returns the hooks of a configuration, nil when it sets none, so
// that a policy without them costs Evaluate one test.
func newHooks(logger *slog.Logger, observe func(context.Context, Decision), reportOnly *Policy) *hooks {
	if logger == nil && observe == nil && reportOnly == nil {
		return nil
	}
	return &hooks{logger: logger, observe: observe, reportOnly: reportOnly}
}

// observed is the decision as Config.Observe receives it: without the
// detail, which may point into the request.
func (d *answer) observed() Decision {
	o := d.Decision
	o.Reason.Detail = ""
	return o
}

// reportOnly judges r by the report-only policy of hk as well and reports
// how its answer differs from live's, if it does. The report-only policy's
// own hooks are not used.
func reportOnly(ctx context.Context, r *adapter.Request, live *answer, hk *hooks) {
	var c answer
	hk.reportOnly.evaluate(r, &c)
	what := difference(live, &c, r)
	if what == "" {
		return
	}
	if hk.observe != nil {
		d := c.observed()
		d.ReportOnly = true
		hk.observe(ctx, d)
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
	d.fields(out)
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
