package cors

import (
	"context"
	"log/slog"
	"time"
)

// Config describes a CORS policy. The zero value is not valid: at least one
// origin (or AllowOriginFunc) is required. Build a Policy from it with New,
// which validates every field and reports every problem at once.
//
// In every list, an entry that repeats an earlier one (the same origin,
// "get" after "GET", "x-token" after "X-Token") changes nothing and is
// ignored, with a warning on Logger. An entry that joins several with
// commas ("GET, PUT") is an error that lists the entries to write instead.
type Config struct {
	// AllowedOrigins lists the origins allowed to read responses. Entries are
	// serialized origins ("https://a.example", "http://localhost:3000"),
	// subdomain patterns ("https://*.a.example", matching one or more labels
	// before ".a.example" but never the apex), any-port patterns
	// ("http://localhost:*", "https://*.a.example:*"), or "*" alone (every
	// origin, including "null", without credentials or an origin function;
	// every request is then answered alike, with or without Origin). Entries
	// must already be canonical (lower case, no trailing slash, no default
	// port, ASCII host); New says which canonical form was meant. A host
	// ending in a dot ("https://a.example.") is its own origin, never equal to
	// the one without the dot. "null" is never accepted here, nor are entries
	// that no origin can match (invalid punycode, a pattern with no room for
	// a label).
	AllowedOrigins []string

	// AllowOriginFunc, if set, is consulted for origins that AllowedOrigins
	// does not allow. It receives only valid serialized origins or "null",
	// never arbitrary bytes, and must be safe for concurrent use.
	AllowOriginFunc func(origin string) bool

	// AllowOriginRequestFunc, if set, is consulted for origins that neither
	// AllowedOrigins nor AllowOriginFunc allow. It receives a valid
	// serialized origin (never "null" or a malformed value), the request's
	// host without its port and trailing dot (otherwise as received: compare
	// it case-insensitively)
	// and its path (as in Request.Path), and nothing else from the request:
	// host and path are part of the URL, the key of every HTTP cache, and
	// the response already varies on Origin, so its answer never needs a
	// Vary header on anything else (see "Scopes and tenants" in the package
	// documentation for why nothing else is offered). It is called for every request that gets
	// this far, never cached across requests or hosts, and must be safe for
	// concurrent use. It may not keep host or path after it returns (they
	// can point into a framework's reused buffers; strings.Clone them).
	// Typical use: a multi-tenant API where acme.api.example allows
	// https://acme.example.
	AllowOriginRequestFunc func(origin, host, path string) bool

	// AllowedMethods lists the methods a preflight may ask for. GET, HEAD and
	// POST always pass (Fetch). Methods are case-sensitive after Fetch
	// normalisation (delete, get, head, options, post and put are
	// upper-cased; "patch" stays "patch"). So a script's method: "PATCH"
	// needs "PATCH" here, and "patch" matches only method: "patch"; New logs
	// a warning for such a lower-case entry when Logger is set. "*" allows
	// any method. Default: GET, HEAD, POST.
	AllowedMethods []string

	// AllowedHeaders lists the request headers a preflight may ask for,
	// case-insensitively. "*" allows any header except Authorization, which
	// must be listed explicitly (Fetch).
	AllowedHeaders []string

	// ExposedHeaders lists the response headers scripts may read beyond the
	// CORS-safelisted ones. "*" (every header) is only valid without
	// credentials.
	ExposedHeaders []string

	// AllowCredentials allows requests made with credentials (cookies, HTTP
	// authentication). It cannot be combined with "*" origins or "*"
	// exposed headers; with "*" methods or headers the requested ones are
	// echoed after validation.
	AllowCredentials bool

	// MaxAge is how long browsers may cache a preflight result. 0: no header
	// (browsers use 5 s); negative: "0" (no caching); otherwise whole seconds,
	// at most 24 hours. Browsers cap it silently: Chromium at 2 h (7200 s),
	// Firefox at 24 h, Safari at 10 min; New logs a warning above 2 h.
	MaxAge time.Duration

	// AllowPrivateNetwork answers Access-Control-Request-Private-Network:
	// true with Access-Control-Allow-Private-Network: true on allowed
	// preflights. Legacy: only Chromium before 142 sends these Private
	// Network Access preflights; since Chrome 142 Local Network Access asks
	// the user for a permission instead, which no response header grants
	// (see "private-network" in docs/behaviour.md for the page-side fixes).
	AllowPrivateNetwork bool

	// ForgeryProtection refuses cross-site request forgery: with 403, before
	// the application runs and without any CORS header, an unsafe-method
	// request (anything but GET, HEAD and OPTIONS) that a browser marks
	// cross-origin — Sec-Fetch-Site other than "same-origin" or "none", or,
	// without Sec-Fetch-Site, an Origin whose host and port differ from the
	// request's Host — unless its Origin is allowed by the origin rules above
	// (AllowedOrigins, AllowOriginFunc, AllowOriginRequestFunc). A missing,
	// repeated or "null" Origin is never allowed for it. CORS only hides
	// responses: without this, a cross-site form post or a no-cors fetch
	// reaches the application and its side effects happen. Same-origin
	// requests, requests with neither header (curl, servers) and safe
	// methods are never refused. The verdicts are those of net/http's
	// CrossOriginProtection trusting the origins this policy allows (see
	// Policy.CrossOriginProtection). It cannot be combined with "*" origins.
	// A scope that receives legitimate cross-site posts (payment or identity
	// provider callbacks) leaves it off.
	ForgeryProtection bool

	// PreflightPassthrough adds the CORS headers to a successful preflight,
	// then calls the next handler instead of answering it. Denied preflights
	// are still answered by the middleware.
	PreflightPassthrough bool

	// PreflightSuccessStatus is the status of an answered preflight: 0 means
	// 204; otherwise it must be within 200–299.
	PreflightSuccessStatus int

	// Logger, if set, receives one Debug record per denied request, with its
	// reason, method, path and origin, written with the request's context;
	// and, from New and Reconfigure, one Warn record per setting that is
	// valid but probably not what was meant. nil: silent, at no cost.
	Logger *slog.Logger

	// Observe, if set, is called once for every decision of this
	// configuration, CORS or not, on the request's goroutine, after the
	// decision and before the response is written, with the request's
	// context; and once more, with Decision.ReportOnly set, for every
	// request on which ReportOnly would have answered differently. The
	// Decision has no Reason.Detail, so nothing in it refers to the
	// request's memory and it may be kept; it never carries the origin, host
	// or path, so metrics labelled from it have a bounded number of series.
	// Observe must be safe for concurrent use and quick. nil: nothing is
	// observed, at no cost. The module github.com/originguard/cors/corsotel
	// counts decisions as OpenTelemetry metrics.
	Observe func(ctx context.Context, d Decision)

	// ReportOnly, if set, is a candidate policy (from New or NewScoped) that
	// judges every request this configuration judges, without answering:
	// the response is always this configuration's. Where it would answer
	// differently (another verdict, status or CORS response header), its
	// decision goes to Observe with Decision.ReportOnly set, and Logger gets
	// a Debug record naming both reason codes. The candidate's own Logger,
	// Observe and ReportOnly are not used; it is evaluated only where Observe
	// or Logger is set, without allocation. Set, replace or remove it at run
	// time with Reconfigure, atomically. Typical use: try a tightened policy
	// on live traffic, and enforce it once the only differences left are the
	// clients meant to be refused.
	ReportOnly *Policy

	// DangerouslyAllowInsecureOriginsWithCredentials accepts http: origins
	// other than loopback ones together with AllowCredentials. Anyone on the
	// network path can impersonate such an origin.
	DangerouslyAllowInsecureOriginsWithCredentials bool

	// DangerouslyAllowPublicSuffixWildcardsWithCredentials accepts patterns
	// such as "https://*.github.io" (every site under a public suffix)
	// together with AllowCredentials.
	DangerouslyAllowPublicSuffixWildcardsWithCredentials bool
}

// clone returns a deep copy of c, so that a Policy never shares slices with
// its caller.
func (c Config) clone() Config {
	c.AllowedOrigins = append([]string(nil), c.AllowedOrigins...)
	c.AllowedMethods = append([]string(nil), c.AllowedMethods...)
	c.AllowedHeaders = append([]string(nil), c.AllowedHeaders...)
	c.ExposedHeaders = append([]string(nil), c.ExposedHeaders...)
	return c
}
