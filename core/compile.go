package cors

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// compiled is an immutable, validated form of a Config. A Policy swaps whole
// compiled values, so one request is always judged by one of them.
type compiled struct {
	cfg Config // deep copy of the Config it was built from

	anyOrigin  bool // "*": ACAO * on every response, no Vary: Origin
	origins    originIndex
	originFunc func(string) bool
	// originRequestFunc is Config.AllowOriginRequestFunc.
	originRequestFunc func(origin, host, path string) bool
	credentials       bool

	anyMethod    bool
	methods      stringSet
	methodBits   uint8  // methodBit of each configured method
	allowMethods string // precomputed ACAM for allowed preflights ("" when echoing)

	anyHeader            bool
	authorizationAllowed bool      // listed explicitly
	headers              stringSet // lower case
	longestHeader        int
	allowHeaders         string // precomputed ACAH ("" when echoing)

	exposeHeaders string // ACEH
	maxAge        string // ACMA, "" for none

	privateNetwork bool
	forgery        bool // Config.ForgeryProtection
	passthrough    bool
	status         int
	hooks          *hooks // Config.Logger, Observe and ReportOnly; nil when none is set

	// vary holds the Vary line of every token mask, joined once: joining
	// per response costs BenchmarkHandler/preflight-allowed 2 more
	// allocations (1 -> 3 allocs/op).
	vary [16]string

	warnings []string // valid settings that probably do not do what was meant
}

// maxMaxAge is Firefox's cap on Access-Control-Max-Age, the longest of any
// browser; chromiumMaxAge is Chromium's (Safari's is 10 minutes).
const (
	maxMaxAge      = 24 * time.Hour
	chromiumMaxAge = 2 * time.Hour
)

// compile validates in and builds what Evaluate reads; warnings go to
// in.Logger.
func compile(in Config) (*compiled, error) { return compileScope(in, "") }

// compileScope is compile for the scope named scope (see scopeName) of a
// scoped configuration, "" for none: its warnings carry a "scope"
// attribute, as the denial records of its requests do.
func compileScope(in Config, scope string) (*compiled, error) {
	cfg := in.clone()
	c := &compiled{
		cfg:               cfg,
		originFunc:        cfg.AllowOriginFunc,
		originRequestFunc: cfg.AllowOriginRequestFunc,
		credentials:       cfg.AllowCredentials,
		privateNetwork:    cfg.AllowPrivateNetwork,
		forgery:           cfg.ForgeryProtection,
		passthrough:       cfg.PreflightPassthrough,
		hooks:             newHooks(cfg.Logger, cfg.Observe, cfg.ReportOnly),
	}
	var errs []error
	errs = append(errs, c.compileOrigins(&cfg)...)
	if len(cfg.AllowedOrigins) == 0 && cfg.AllowOriginFunc == nil && cfg.AllowOriginRequestFunc == nil {
		errs = append(errs, valueError(ErrNoOrigin, "AllowedOrigins", "", "is empty and AllowOriginFunc and AllowOriginRequestFunc are nil, so no origin is allowed; list origins or use \"*\"", ""))
	}
	errs = append(errs, c.compileMethods(&cfg)...)
	errs = append(errs, c.compileHeaders(&cfg)...)
	errs = append(errs, c.compileExposed(&cfg)...)
	errs = append(errs, c.compileMaxAge(cfg.MaxAge)...)
	errs = append(errs, c.compileStatus(cfg.PreflightSuccessStatus)...)
	if cfg.Logger != nil { // also when there are errors: every finding at once
		var attrs []slog.Attr
		if scope != "" {
			attrs = []slog.Attr{slog.String("scope", scope)}
		}
		for _, w := range c.warnings {
			cfg.Logger.LogAttrs(context.Background(), slog.LevelWarn, "cors: "+w, attrs...)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c.buildVary()
	return c, nil
}

func (c *compiled) compileMaxAge(d time.Duration) []error {
	bad := func(code ErrorCode, reason, fix string) []error {
		return []error{valueError(code, "MaxAge", d.String(), reason, fix)}
	}
	switch {
	case d < 0:
		c.maxAge = "0"
	case d == 0:
	case d > maxMaxAge:
		return bad(ErrMaxAgeTooLong, "exceeds 24h (no browser caches a preflight longer; Chromium stops at 2h)", "")
	case d < time.Second && int64(d) <= int64(maxMaxAge/time.Second):
		// MaxAge: 3600 is 3.6µs: a number of seconds without its unit.
		return bad(ErrMaxAgeFraction, "is not a whole number of seconds (a time.Duration counts nanoseconds)", strconv.FormatInt(int64(d), 10)+" * time.Second")
	case d%time.Second != 0:
		return bad(ErrMaxAgeFraction, "is not a whole number of seconds", "")
	default:
		c.maxAge = strconv.FormatInt(int64(d/time.Second), 10)
		if d > chromiumMaxAge {
			c.warnings = append(c.warnings, fmt.Sprintf("MaxAge %s is above Chromium's cap of 7200 s (2h): Chromium caches a preflight for at most 2h, "+
				"Firefox for 24h and Safari for 10 minutes, each shortening a longer Max-Age silently; 2 * time.Hour or less is what every engine honours", d))
		}
	}
	return nil
}

func (c *compiled) compileStatus(s int) []error {
	switch {
	case s == 0:
		c.status = http.StatusNoContent
	case s < 200 || s > 299:
		return []error{valueError(ErrStatusOutOfRange, "PreflightSuccessStatus", strconv.Itoa(s),
			"is not within 200–299: browsers fail a preflight answered with any other status", "")}
	default:
		c.status = s
	}
	return nil
}

func (c *compiled) compileMethods(cfg *Config) (errs []error) {
	methods := cfg.AllowedMethods
	if len(methods) == 0 {
		methods = []string{"GET", "HEAD", "POST"}
	}
	seen := map[string]int{}
	var list []string
	for i, m := range methods {
		n := normalizeMethod(m)
		if first, dup := seen[n]; dup {
			c.warnDuplicate("AllowedMethods", i, m, first, methods[first], " (both are "+n+" after Fetch's method normalisation)")
			continue
		}
		seen[n] = i
		if m == "*" {
			c.anyMethod = true
			continue
		}
		if code, problem := methodProblem(m); code != "" {
			errs = append(errs, entryError("AllowedMethods", i, m, code, problem, methodProblem, map[ErrorCode]string{ErrMethodForbidden: "browsers never send it"}))
			continue
		}
		c.methods.add(n)
		c.methodBits |= methodBit(n)
		list = append(list, n)
		c.warnCase(i, m)
	}
	switch {
	case c.anyMethod && !c.credentials:
		c.allowMethods = "*"
	case !c.anyMethod:
		c.allowMethods = strings.Join(list, ", ")
	}
	return errs
}

// methodProblem says what is wrong with an AllowedMethods entry other than
// "*", or returns "" when it is valid.
func methodProblem(m string) (ErrorCode, string) {
	switch {
	case !isToken(m):
		return ErrMethodNotToken, "is not a method token"
	case len(m) > maxMethodLength:
		return ErrMethodTooLong, "is longer than " + strconv.Itoa(maxMethodLength) + " bytes, the longest method a preflight may ask for"
	case isForbiddenMethod(m):
		return ErrMethodForbidden, "is a forbidden method that browsers never send"
	}
	return "", ""
}

// warnDuplicate notes an entry that repeats an earlier one: harmless, so
// it is ignored rather than refused. why explains, when the two are
// written differently, why they are the same.
func (c *compiled) warnDuplicate(field string, i int, value string, first int, firstValue, why string) {
	w := fmt.Sprintf("%s[%d] %q repeats %s[%d]", field, i, value, field, first)
	if firstValue != value {
		w += fmt.Sprintf(" %q%s", firstValue, why)
	}
	c.warnings = append(c.warnings, w+"; the repetition is ignored")
}

// warnCase notes a method that matches only one spelling in scripts: "patch"
// matches method: "patch", while method: "PATCH" sends PATCH.
func (c *compiled) warnCase(i int, m string) {
	if upper := strings.ToUpper(m); upper != m && normalizeMethod(m) == m {
		c.warnings = append(c.warnings, fmt.Sprintf("AllowedMethods[%d] %q matches only scripts that write method: %q; "+
			"browsers send %s for method: %q (methods other than DELETE, GET, HEAD, OPTIONS, POST and PUT are case-sensitive); list %q too if that is what scripts write",
			i, m, m, upper, upper, upper))
	}
}

const caseInsensitive = " (header names are case-insensitive)"

func (c *compiled) compileHeaders(cfg *Config) (errs []error) {
	var list []string
	seen := map[string]int{}
	for i, h := range cfg.AllowedHeaders {
		lower := strings.ToLower(h)
		if first, dup := seen[lower]; dup {
			c.warnDuplicate("AllowedHeaders", i, h, first, cfg.AllowedHeaders[first], caseInsensitive)
			continue
		}
		seen[lower] = i
		if h == "*" {
			c.anyHeader = true
			continue
		}
		if code, problem := headerProblem(h); code != "" {
			errs = append(errs, entryError("AllowedHeaders", i, h, code, problem, headerProblem, map[ErrorCode]string{ErrHeaderForbidden: "only the browser sets it"}))
			continue
		}
		c.authorizationAllowed = c.authorizationAllowed || lower == "authorization"
		c.headers.add(lower)
		list = append(list, lower)
		c.longestHeader = max(c.longestHeader, len(lower))
	}
	switch {
	case c.anyHeader && c.credentials:
		// Echo the validated request names.
	case c.anyHeader && c.authorizationAllowed:
		c.allowHeaders = "*, authorization"
	case c.anyHeader:
		c.allowHeaders = "*"
	default:
		c.allowHeaders = strings.Join(list, ", ")
	}
	return errs
}

// headerProblem says what is wrong with an AllowedHeaders entry, or returns
// "" when it is valid ("*" included).
func headerProblem(h string) (ErrorCode, string) {
	switch {
	case h == "*":
	case !isToken(h):
		return ErrHeaderNotToken, "is not a header name"
	case len(h) > maxHeaderName:
		return ErrHeaderTooLong, "is longer than " + strconv.Itoa(maxHeaderName) + " bytes"
	case isForbiddenRequestHeader(strings.ToLower(h)):
		return ErrHeaderForbidden, "is a forbidden request header that only the browser sets; remove it"
	}
	return "", ""
}

func (c *compiled) compileExposed(cfg *Config) (errs []error) {
	var list []string
	seen := map[string]int{}
	problem := func(h string) (ErrorCode, string) {
		switch lower := strings.ToLower(h); {
		case h == "*" && c.credentials:
			return ErrCredentialsWildcard, "exposes nothing on credentialed requests (browsers read it as a header named *); list the headers"
		case h != "*" && !isToken(h):
			return ErrHeaderNotToken, "is not a header name"
		case lower == "set-cookie" || lower == "set-cookie2":
			return ErrHeaderForbidden, "can never be exposed to scripts (forbidden response header)"
		}
		return "", ""
	}
	for i, h := range cfg.ExposedHeaders {
		lower := strings.ToLower(h)
		if first, dup := seen[lower]; dup {
			c.warnDuplicate("ExposedHeaders", i, h, first, cfg.ExposedHeaders[first], caseInsensitive)
			continue
		}
		seen[lower] = i
		if code, p := problem(h); code != "" {
			errs = append(errs, entryError("ExposedHeaders", i, h, code, p, problem, map[ErrorCode]string{ErrHeaderForbidden: "never exposed to scripts"}))
			continue
		}
		list = append(list, h)
	}
	c.exposeHeaders = strings.Join(list, ", ")
	return errs
}

// Vary tokens, combined as a bit mask.
const (
	varyOrigin uint8 = 1 << iota
	varyACRM
	varyACRH
	varyACRPN
)

var varyNames = [...]string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers", "Access-Control-Request-Private-Network"}

func (c *compiled) buildVary() {
	for mask := range c.vary {
		var parts []string
		for bit, name := range varyNames {
			if mask&(1<<bit) != 0 {
				parts = append(parts, name)
			}
		}
		c.vary[mask] = strings.Join(parts, ", ")
	}
}

// varyMask is the set of request headers a response to method depends on.
// Under "*" an OPTIONS response still varies on Origin: whether it is a
// preflight (answered by the policy) or not (answered by the application)
// depends on the Origin header being present.
func (c *compiled) varyMask(method string) uint8 {
	var m uint8
	if !c.anyOrigin {
		m = varyOrigin
	}
	if method == http.MethodOptions {
		m |= varyOrigin | varyACRM | varyACRH
		if c.privateNetwork {
			m |= varyACRPN
		}
	}
	return m
}
