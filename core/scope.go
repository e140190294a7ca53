package cors

import (
	"context"
	"log/slog"
)

// Scope applies a Config to part of the URL space: the requests whose host
// matches Host and whose path lies under PathPrefix.
type Scope struct {
	// Host restricts the scope to one host ("api.example") or to every
	// subdomain of one ("*.tenant.test": one or more non-empty labels
	// before ".tenant.test", never the apex). "" matches every host. It is
	// written as browsers send it in the Host header: lower case, no
	// trailing dot, a port only when it is not the default
	// ("dev.localhost:8080" matches that port only). With host scopes, a
	// request whose host is in another form, or whose scope depends on
	// whether its port counts, gets no CORS (ReasonHostAmbiguous); rule
	// scope-host-readings in docs/behaviour.md, which also says which host
	// each adapter reads behind a proxy.
	Host string

	// PathPrefix is the part of the URL space the scope covers, on segment
	// boundaries: "/api/" (or "/api") covers "/api", "/api/" and everything
	// below, never "/apix". "/" or "" covers every path. It starts with "/"
	// and is written decoded, as in net/url's URL.Path, with no empty or dot
	// segment, no backslash, '%', '?' or '#', in at most 256 bytes besides a
	// trailing slash. It is literal, not a route pattern: "/public/" covers
	// what a router writes "/public/*"; '*', ":id" and "{id}" segments are
	// refused, and so are bytes that browsers percent-encode (non-ASCII,
	// space, '"', '<', '>', '`'), which routers read differently.
	PathPrefix string

	// Config is the policy for the scope's requests, validated like the
	// Config given to New.
	Config Config
}

// scopeName is how reasons and log records refer to s: Host followed by
// PathPrefix, e.g. "/api/" or "*.tenant.test/".
func scopeName(s Scope) string {
	prefix := s.PathPrefix
	if prefix == "" {
		prefix = "/"
	}
	return s.Host + prefix
}

// The Reason.Scope values that name no scope.
const (
	// ScopeDefault: no scope matched and ScopedConfig.Default decided.
	ScopeDefault = "default"
	// ScopeNone: no scope matched (or the path is ambiguous) and the request
	// got no CORS headers.
	ScopeNone = "none"
)

// ScopedConfig describes a policy with different configurations for
// different parts of one application, mounted once at the root. The rules
// are scope-selection, scope-outside, scope-path-readings and
// scope-validation in docs/behaviour.md.
//
// For each request the most specific scope decides: a scope with a Host
// wins over one without (an exact host over a subdomain pattern, a longer
// pattern over a shorter one), then the longest PathPrefix wins; the order of
// Scopes does not matter. Where no scope matches, Default decides; a nil
// Default means no CORS there: the request passes through untouched, with no
// Access-Control-* and no Vary header.
//
// A path with more than one reading gets no CORS headers at all, whatever
// Default says, because the scope the policy would pick could differ from the
// route the router serves: a path with an empty segment ("//api/"), a dot
// segment ("/public/../api/", also when decoded from "%2F.."), a backslash,
// an escaped form that selects another scope than the decoded one
// ("/api%2Fitems", "/%61pi/"), or a scope that depends on letter case
// ("/API/" while a scope covers "/api/": fiber matches routes
// case-insensitively by default).
type ScopedConfig struct {
	Scopes []Scope

	// Default is the configuration for requests that no scope matches; nil
	// means no CORS for them.
	Default *Config

	// Logger, if set, receives one Debug record for each CORS request that
	// gets no CORS headers because no scope matched or its path is
	// ambiguous. It is also the Logger of every scope (and of Default)
	// whose Config sets none; a scope's own Config.Logger takes precedence
	// for that scope's denials and warnings.
	Logger *slog.Logger

	// Observe, if set, receives the decisions taken outside every scope,
	// and is the Observe of every scope (and of Default) whose Config sets
	// none; Decision.Reason.Scope names the scope.
	Observe func(ctx context.Context, d Decision)

	// ReportOnly, if set, judges the requests outside every scope, and is
	// the ReportOnly of every scope (and of Default) whose Config sets none:
	// a whole scoped or plain policy can be tried out beside this one.
	ReportOnly *Policy
}

// NewScoped validates sc and builds a Policy that judges each request by the
// configuration of its scope. The error joins every problem of every scope
// (each a *ConfigError whose Scope names the scope). The policy is used like one from
// New: Handler, Evaluate, and every adapter's Middleware.
func NewScoped(sc ScopedConfig) (*Policy, error) {
	rs, err := compileScoped(sc)
	if err != nil {
		return nil, err
	}
	p := &Policy{}
	p.current.Store(rs)
	return p, nil
}

// MustNewScoped is like NewScoped but panics with the same message on an
// invalid configuration.
func MustNewScoped(sc ScopedConfig) *Policy {
	p, err := NewScoped(sc)
	if err != nil {
		panic(err)
	}
	return p
}

// ReconfigureScoped validates sc and, if it is valid, makes the whole set of
// scopes the policy for every request evaluated from now on, in one atomic
// step; a request is always judged by one set. On error the policy is
// unchanged. It may replace a policy built with New, and Reconfigure may
// replace a scoped one.
func (p *Policy) ReconfigureScoped(sc ScopedConfig) error {
	rs, err := compileScoped(sc)
	if err != nil {
		return err
	}
	p.current.Store(rs)
	return nil
}
