package cors

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/originguard/cors/core/adapter"
)

// maxMethodLength bounds Access-Control-Request-Method and the configured
// methods. Longer requested methods are refused unread and never echoed.
const maxMethodLength = 64

// Policy is a validated CORS policy. It is safe for concurrent use, and
// Reconfigure replaces it atomically while requests are being evaluated.
//
// The zero Policy (and a nil *Policy) passes every request through
// (denial-reasons in docs/behaviour.md): it writes no header, never answers
// a preflight itself and gives every Decision the reason ReasonNoPolicy. Browsers then refuse every cross-origin read, which
// is the same-origin policy's default. Build a Policy with New, or call
// Reconfigure on a zero Policy, to apply a configuration.
type Policy struct {
	current atomic.Pointer[ruleset]
}

// New validates cfg and builds a Policy. The error joins every problem of
// the configuration, each a *ConfigError: its message names the field, the
// offending value and, where one exists, the fix, and it carries a stable
// ErrorCode: errors.Is(err, cors.ErrJoinedEntries) tells whether an entry
// joins several with commas. Settings that are valid but probably not what
// was meant (a repeated entry, which is ignored; a MaxAge above what
// Chromium honours; a lower-case method) are not errors: New writes one
// Warn record for each to cfg.Logger.
func New(cfg Config) (*Policy, error) {
	c, err := compile(cfg)
	if err != nil {
		return nil, err
	}
	p := &Policy{}
	p.current.Store(&ruleset{def: c})
	return p, nil
}

// MustNew is like New but panics with the same message on an invalid
// configuration. Use it where the configuration is a constant.
func MustNew(cfg Config) *Policy {
	p, err := New(cfg)
	if err != nil {
		panic(err)
	}
	return p
}

// Reconfigure validates cfg and, if it is valid, makes it the policy for
// every request evaluated from now on. On error the policy is unchanged.
// A request is always judged entirely by one configuration. It may replace
// a scoped policy (see ReconfigureScoped) with a single configuration.
func (p *Policy) Reconfigure(cfg Config) error {
	c, err := compile(cfg)
	if err != nil {
		return err
	}
	p.current.Store(&ruleset{def: c})
	return nil
}

// Config returns a copy of the configuration in force; the zero Config for
// the zero Policy. For a scoped policy it returns the Default configuration,
// or the zero Config when there is none.
func (p *Policy) Config() Config {
	rs := p.load()
	switch {
	case rs == nil:
	case rs.def != nil:
		return rs.def.cfg.clone()
	case rs.scopes.def != nil:
		return rs.scopes.def.c.cfg.clone()
	}
	return Config{}
}

// load returns the rules in force, nil for a zero or nil Policy.
func (p *Policy) load() *ruleset {
	if p == nil {
		return nil
	}
	return p.current.Load()
}

// Handler returns net/http middleware applying the policy. Wrap the
// outermost handler (before routing and authentication) so that
// preflights for every path reach it. The denial log record is written with
// the request's context.
func (p *Policy) Handler(next http.Handler) http.Handler {
	return &handler{p, next}
}

// handler is the middleware Handler returns. A method rather than a
// closure: a closure in a method value (p.Handler) is compiled again
// without the inlining of FromHTTP and Evaluate, which then cost a copy of
// the Request and of the Decision on every request.
type handler struct {
	p    *Policy
	next http.Handler
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req adapter.Request
	req.ReadHTTP(r)
	// Evaluate's body, without its copy of the Decision.
	var a answer
	h.p.evaluateAndWrite(r.Context(), &req, w.Header(), &a)
	if a.Respond {
		w.WriteHeader(a.Status)
		return
	}
	h.next.ServeHTTP(w, r)
}

// Evaluate judges the request r and writes the headers that carry out the
// decision into h, while the request is still in hand: every
// Access-Control-* header is set (replacing any earlier value) and Vary is
// appended. On an http.Header it allocates one fresh backing array for all
// values, so that no slice is shared between responses, and does not repeat
// a Vary token already present; any other HeaderWriter (fasthttp's response
// header) cannot be read, so its Vary line is added as it is. A nil h
// writes nothing, for a caller that only wants the Decision.
//
// The denial log record, if Config.Logger asks for it, is written with ctx,
// so that the values a slog.Handler reads from the request's context (trace
// ids) appear on it; Config.Observe, if set, receives the decision and ctx;
// and Config.ReportOnly, if set, judges r too, its differences reported the
// same ways. An adapter.LazyContext is resolved first, and only for those
// uses. Those are Evaluate's only other effects. But for the http.Header's
// backing array, Evaluate does not allocate, and it keeps no reference to r
// once it returns (only Decision.Reason.Detail may share memory with it).
//
// Middleware then answers Decision.Status with an empty body when
// Decision.Respond is set, or calls the next handler: see package adapter
// for how to describe a request.
func (p *Policy) Evaluate(ctx context.Context, r *adapter.Request, h adapter.HeaderWriter) Decision {
	// Small enough to inline, so that the answer is on the caller's stack
	// and the Decision is not copied out of a returned value.
	var a answer
	p.evaluateAndWrite(ctx, r, h, &a)
	return a.Decision
}

// evaluateAndWrite is Evaluate filling the zero answer a.
func (p *Policy) evaluateAndWrite(ctx context.Context, r *adapter.Request, h adapter.HeaderWriter, a *answer) {
	p.evaluate(r, a)
	if hk := a.hooks; hk != nil {
		if l, ok := ctx.(adapter.LazyContext); ok {
			ctx = l.Resolve()
		}
		if hk.logger != nil && a.Reason.Code.Denied() {
			logDenial(ctx, hk.logger, a.Kind, r, a.Reason)
		}
		if hk.observe != nil {
			hk.observe(ctx, a.observed())
		}
		if hk.reportOnly != nil && (hk.observe != nil || hk.logger != nil) {
			reportOnly(ctx, r, a, hk)
		}
	}
	if hh, ok := h.(http.Header); ok {
		a.writeHTTP(hh, r)
	} else if h != nil {
		a.writeTo(h, r)
	}
}

// evaluate fills the zero answer d, with no other effect: Evaluate calls it
// on its own stack variable, logs and reports the decision through
// d.hooks, and writes the headers before it returns, so that the answer
// needs no copy of the request's lines.
func (p *Policy) evaluate(r *adapter.Request, d *answer) {
	// cors-request and preflight-classification (docs/behaviour.md),
	// written here: a function of their own would not inline, and its
	// call would cost more than the rule.
	d.Kind, d.Status = NotCORS, http.StatusOK
	if len(r.Lines(adapter.Origin)) > 0 {
		d.Kind = Actual
		if r.Method == http.MethodOptions && len(r.Lines(adapter.RequestMethod)) > 0 {
			d.Kind = Preflight
		}
	}
	var c *compiled
	scopeName := ""
	switch rs := p.load(); {
	case rs == nil:
	case rs.scopes != nil:
		s, code := rs.scopes.resolve(r)
		if s == nil {
			rs.scopes.outsideScopes(d, code)
			return
		}
		c, scopeName = s.c, s.name
	default:
		c = rs.def
	}
	d.c = c
	if c == nil {
		d.Reason.Code = ReasonNoPolicy
		return
	}
	d.hooks = c.hooks
	d.vary = c.varyMask(r.Method)
	switch d.Kind {
	case NotCORS:
		d.Allowed, d.Reason.Code = true, ReasonNotCORS
		if c.anyOrigin {
			// Answered like every other request under "*", so that a
			// shared cache may hand this response to any script.
			d.put(slotACAO, "*")
			d.exposeHeaders()
		}
	case Actual:
		if d.checkOrigin(r) {
			d.exposeHeaders()
		}
	case Preflight:
		d.evaluatePreflight(r)
	}
	if c.forgery {
		d.refuseForgery(r)
	}
	if scopeName != "" {
		d.Reason.Scope = scopeName
	}
}

// exposeHeaders writes the configured Access-Control-Expose-Headers, if any.
func (d *answer) exposeHeaders() {
	if d.c.exposeHeaders != "" {
		d.put(slotACEH, d.c.exposeHeaders)
	}
}

// outsideScopes fills d, whose Kind is set, for a request that no scope
// judges: no CORS headers, and the application is reached.
func (t *scopeTable) outsideScopes(d *answer, code ReasonCode) {
	d.hooks = t.hooks
	d.Reason = Reason{Code: code, Scope: ScopeNone}
	if d.Kind == NotCORS {
		d.Allowed, d.Reason.Code = true, ReasonNotCORS
	}
}

// checkOrigin fills ACAO and ACAC when the request's origin is allowed.
// Only strings of r reach the origin functions and d, never a slice of it,
// so that a Request on the caller's stack stays there.
func (d *answer) checkOrigin(r *adapter.Request) bool {
	c, lines := d.c, r.Lines(adapter.Origin)
	if c.anyOrigin {
		// Every Origin, even repeated or malformed: the answer must not
		// depend on the Origin lines, which the response does not vary on.
		d.Allowed, d.Reason.Code = true, ReasonAnyOrigin
		d.put(slotACAO, "*")
		return true
	}
	code := ReasonOriginNotAllowed
	if len(lines) > 1 {
		code = ReasonOriginRepeated
	} else {
		o := lines[0]
		// The usual Origin has no whitespace around it, which its first
		// and last bytes show without trimFieldValue's loops.
		if len(o) == 0 || o[0] <= ' ' || o[len(o)-1] <= ' ' {
			o = trimFieldValue(o, maxOriginLen)
		}
		// The exact origins first, inline: an origin allowed exactly
		// costs no call.
		allowed, malformed := c.origins.exact.has(o), false
		if !allowed {
			allowed, malformed = c.origins.matchInexact(o)
		}
		if malformed && o != "null" {
			code = ReasonOriginMalformed
		} else if allowed || (c.originFunc != nil && c.originFunc(o)) ||
			(!malformed && c.originRequestFunc != nil && c.originRequestFunc(o, requestHost(r.Host), r.Path)) {
			d.Allowed, d.Reason.Code = true, ReasonOriginAllowed
			d.put(slotACAO, o)
			if c.credentials {
				d.put(slotACAC, "true")
			}
			return true
		}
	}
	d.Reason = Reason{Code: code, Detail: lines[0]}
	return false
}

// logDenial writes one Debug record. The request's strings are copied: they
// may point into a framework's buffers that are reused after the request,
// and a handler may keep records.
func logDenial(ctx context.Context, logger *slog.Logger, kind Kind, r *adapter.Request, reason Reason) {
	if !logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	origin := ""
	if lines := r.Lines(adapter.Origin); len(lines) > 0 {
		origin = lines[0]
	}
	attrs := []slog.Attr{
		slog.String("kind", kind.String()),
		slog.String("method", truncate(r.Method)),
		slog.String("path", truncate(r.Path)),
		slog.String("origin", truncate(origin)),
		slog.String("reason", reason.String()),
		slog.String("code", reason.Code.String()),
	}
	if reason.Scope != "" {
		attrs = append(attrs, slog.String("scope", truncate(reason.Scope)), slog.String("host", truncate(r.Host)))
	}
	logger.LogAttrs(ctx, slog.LevelDebug, "cors: request denied", attrs...)
}

// truncate returns a bounded copy of s that shares no memory with it.
func truncate(s string) string {
	if len(s) > maxDetail {
		return s[:maxDetail] + "…"
	}
	return strings.Clone(s)
}
