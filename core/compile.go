package cors

import (
	"errors"
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

	anyMethod bool
	methods   map[string]struct{}
	acam      string // precomputed ACAM for allowed preflights ("" when echoing)

	anyHeader            bool
	authorizationAllowed bool                // listed explicitly
	headers              map[string]struct{} // lower case
	longestHeader        int
	acah                 string // precomputed ACAH ("" when echoing)

	aceh string
	acma string

	privateNetwork bool
	passthrough    bool
	status         int
	logger         *slog.Logger

	vary [16]string // Vary lines by token mask
}

const maxMaxAge = 24 * time.Hour

func compile(in Config) (*compiled, error) {
	cfg := in.clone()
	c := &compiled{
		cfg:               cfg,
		originFunc:        cfg.AllowOriginFunc,
		originRequestFunc: cfg.AllowOriginRequestFunc,
		credentials:       cfg.AllowCredentials,
		privateNetwork:    cfg.AllowPrivateNetwork,
		passthrough:       cfg.PreflightPassthrough,
		logger:            cfg.Logger,
	}
	var errs []error
	anyOrigin, oerrs := compileOrigins(&cfg, &c.origins)
	c.anyOrigin = anyOrigin
	errs = append(errs, oerrs...)
	if len(cfg.AllowedOrigins) == 0 && cfg.AllowOriginFunc == nil && cfg.AllowOriginRequestFunc == nil {
		errs = append(errs, &ValueError{Field: "AllowedOrigins", Reason: `is empty and AllowOriginFunc is nil, and so is AllowOriginRequestFunc: no origin is allowed; list origins or use "*"`})
	}
	errs = append(errs, c.compileMethods(&cfg)...)
	errs = append(errs, c.compileHeaders(&cfg)...)
	errs = append(errs, c.compileExposed(&cfg)...)

	switch d := cfg.MaxAge; {
	case d < 0:
		c.acma = "0"
	case d == 0:
	case d > maxMaxAge:
		errs = append(errs, &ValueError{Field: "MaxAge", Value: d.String(), Reason: "exceeds 24h (no browser caches a preflight longer; Chromium stops at 2h)"})
	case d%time.Second != 0:
		errs = append(errs, &ValueError{Field: "MaxAge", Value: d.String(), Reason: "is not a whole number of seconds"})
	default:
		c.acma = strconv.FormatInt(int64(d/time.Second), 10)
	}
	switch s := cfg.PreflightSuccessStatus; {
	case s == 0:
		c.status = http.StatusNoContent
	case s < 200 || s > 299:
		errs = append(errs, &ValueError{Field: "PreflightSuccessStatus", Value: strconv.Itoa(s), Reason: "is not within 200–299: browsers fail a preflight answered with any other status"})
	default:
		c.status = s
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c.buildVary()
	return c, nil
}

func (c *compiled) compileMethods(cfg *Config) (errs []error) {
	methods := cfg.AllowedMethods
	if len(methods) == 0 {
		methods = []string{"GET", "HEAD", "POST"}
	}
	c.methods = map[string]struct{}{}
	var list []string
	for i, m := range methods {
		switch {
		case m == "*":
			c.anyMethod = true
			continue
		case !isToken(m):
			errs = append(errs, &MethodError{Index: i, Value: m, Reason: "is not a method token"})
			continue
		case len(m) > MaxMethodLength:
			errs = append(errs, &MethodError{Index: i, Value: m, Reason: "is longer than MaxMethodLength (" + strconv.Itoa(MaxMethodLength) + " bytes)"})
			continue
		case isForbiddenMethod(m):
			errs = append(errs, &MethodError{Index: i, Value: m, Reason: "is a forbidden method that browsers never send"})
			continue
		}
		n := normalizeMethod(m)
		if _, dup := c.methods[n]; !dup {
			c.methods[n] = struct{}{}
			list = append(list, n)
		}
	}
	switch {
	case c.anyMethod && !c.credentials:
		c.acam = "*"
	case !c.anyMethod:
		c.acam = strings.Join(list, ", ")
	}
	return errs
}

func (c *compiled) compileHeaders(cfg *Config) (errs []error) {
	c.headers = map[string]struct{}{}
	var list []string
	for i, h := range cfg.AllowedHeaders {
		if h == "*" {
			c.anyHeader = true
			continue
		}
		if !isToken(h) {
			errs = append(errs, &HeaderError{Field: "AllowedHeaders", Index: i, Value: h, Reason: "is not a header name"})
			continue
		}
		if len(h) > maxHeaderName {
			errs = append(errs, &HeaderError{Field: "AllowedHeaders", Index: i, Value: h, Reason: "is longer than " + strconv.Itoa(maxHeaderName) + " bytes"})
			continue
		}
		lower := strings.ToLower(h)
		if isForbiddenRequestHeader(lower) {
			errs = append(errs, &HeaderError{Field: "AllowedHeaders", Index: i, Value: h, Reason: "is a forbidden request header that only the browser sets; remove it"})
			continue
		}
		if lower == "authorization" {
			c.authorizationAllowed = true
		}
		if _, dup := c.headers[lower]; !dup {
			c.headers[lower] = struct{}{}
			list = append(list, lower)
			c.longestHeader = max(c.longestHeader, len(lower))
		}
	}
	switch {
	case c.anyHeader && c.credentials:
		// Echo the validated request names.
	case c.anyHeader && c.authorizationAllowed:
		c.acah = "*, authorization"
	case c.anyHeader:
		c.acah = "*"
	default:
		c.acah = strings.Join(list, ", ")
	}
	return errs
}

func (c *compiled) compileExposed(cfg *Config) (errs []error) {
	var list []string
	for i, h := range cfg.ExposedHeaders {
		switch {
		case h == "*" && c.credentials:
			errs = append(errs, &CredentialsError{Field: "ExposedHeaders", Index: i, Value: h,
				Reason: "exposes nothing on credentialed requests (browsers read it as a header named *); list the headers"})
			continue
		case h == "*":
		case !isToken(h):
			errs = append(errs, &HeaderError{Field: "ExposedHeaders", Index: i, Value: h, Reason: "is not a header name"})
			continue
		case strings.EqualFold(h, "Set-Cookie") || strings.EqualFold(h, "Set-Cookie2"):
			errs = append(errs, &HeaderError{Field: "ExposedHeaders", Index: i, Value: h, Reason: "can never be exposed to scripts (forbidden response header)"})
			continue
		}
		list = append(list, h)
	}
	c.aceh = strings.Join(list, ", ")
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
func (c *compiled) varyMask(method string) uint8 {
	var m uint8
	if !c.anyOrigin {
		m = varyOrigin
	}
	if method == http.MethodOptions {
		m |= varyACRM | varyACRH
		if c.privateNetwork {
			m |= varyACRPN
		}
	}
	return m
}
