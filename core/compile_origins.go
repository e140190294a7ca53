package cors

import (
	"net/netip"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

const (
	optInInsecure     = "DangerouslyAllowInsecureOriginsWithCredentials"
	optInPublicSuffix = "DangerouslyAllowPublicSuffixWildcardsWithCredentials"
)

// compileOrigins validates AllowedOrigins and fills the index and
// anyOrigin. An entry repeating an earlier one is ignored, with a warning.
func (c *compiled) compileOrigins(cfg *Config) (errs []error) {
	origins := cfg.AllowedOrigins
	seen := make(map[string]int, len(origins))
	for i, entry := range origins {
		if first, dup := seen[entry]; dup {
			c.warnDuplicate("AllowedOrigins", i, entry, first, entry, "")
			continue
		}
		seen[entry] = i
		if entry != "*" {
			errs = append(errs, compileOrigin(i, entry, cfg, &c.origins)...)
			continue
		}
		c.anyOrigin = true
		if len(seen) > 1 || slices.ContainsFunc(origins[i+1:], func(o string) bool { return o != "*" }) {
			errs = append(errs, listError(ErrOriginWildcardCombined, "AllowedOrigins", i, entry, `allows every origin and cannot be combined with other entries`))
		}
		if cfg.AllowOriginFunc != nil || cfg.AllowOriginRequestFunc != nil {
			errs = append(errs, listError(ErrOriginWildcardCombined, "AllowedOrigins", i, entry, `allows every origin, so AllowOriginFunc and AllowOriginRequestFunc would never be called; remove "*" or the function`))
		}
		if cfg.ForgeryProtection {
			errs = append(errs, listError(ErrOriginWildcardCombined, "AllowedOrigins", i, entry,
				`allows every origin to send requests, so ForgeryProtection would refuse none; list the origins allowed to send them`))
		}
		if cfg.AllowCredentials {
			errs = append(errs, listError(ErrCredentialsWildcard, "AllowedOrigins", i, entry,
				"cannot be used with AllowCredentials (browsers reject ACAO * on credentialed requests); list the origins instead"))
		}
	}
	return errs
}

// originEntry is a valid AllowedOrigins entry other than "*": an origin,
// possibly preceded by "*." (subdomains) or followed by ":*" (anyPort).
type originEntry struct {
	origin            // the entry without "*." and ":*"
	base       string // the same, as text
	subdomains bool
	anyPort    bool
}

func compileOrigin(i int, entry string, cfg *Config, x *originIndex) []error {
	e, err := parseOriginEntry(entry)
	if err != nil {
		err.Index, err.Value = i, entry
		return []error{err}
	}
	errs := credentialsRisks(i, entry, cfg, &e)
	x.add(&e)
	return errs
}

// parseOriginEntry checks the syntax of one entry. The error it returns
// has its Code, Field, problem and Fix set.
func parseOriginEntry(entry string) (originEntry, *ConfigError) { return parseEntry(entry, true) }

// parseEntry is parseOriginEntry, with the fix only when suggest is set: a
// fix is checked with parseEntry in turn, without suggestions, so that one
// suggestion never leads to another.
func parseEntry(entry string, suggest bool) (originEntry, *ConfigError) {
	bad := func(code ErrorCode, reason string, fix func() string) (originEntry, *ConfigError) {
		e := &ConfigError{Code: code, Field: "AllowedOrigins", problem: reason}
		if suggest && fix != nil {
			e.Fix = fix()
		}
		return originEntry{}, e
	}
	if strings.EqualFold(entry, "null") {
		return bad(ErrOriginNull, "is never matched by a list entry: every sandboxed page and file: document sends null; accept it deliberately with AllowOriginFunc", nil)
	}
	if parts := joinedParts(entry, true); parts != nil && suggest {
		return originEntry{}, joinedError("AllowedOrigins", -1, entry, parts, func(p string) (partAdvice, bool) {
			if p == "*" {
				return partAdvice{}, false
			}
			if _, err := parseEntry(p, true); err != nil {
				return partAdvice{write: err.Fix}, err.Fix != ""
			}
			return partAdvice{write: p}, true
		})
	}
	if looksLikeRegexp(entry) {
		return bad(ErrOriginPattern, "looks like a regular expression, but entries are matched literally: write a pattern such as https://*.example.com, or match in AllowOriginFunc",
			func() string { return regexpFix(entry) })
	}
	scheme, hostport, ok := strings.Cut(entry, "://")
	if !ok {
		return bad(ErrOriginNotSerialized, "has no scheme", func() string { return schemeFix(entry) })
	}
	if strings.EqualFold(scheme, "file") {
		return bad(ErrOriginNull, "can never match: browsers send null for file: documents", nil)
	}
	var e originEntry
	hostport, e.subdomains = strings.CutPrefix(hostport, "*.")
	hostport, e.anyPort = strings.CutSuffix(hostport, ":*")
	if reason, fix := wildcardProblem(entry, hostport, e.subdomains, e.anyPort); reason != "" {
		return bad(ErrOriginPattern, reason, fix)
	}
	e.base = scheme + "://" + hostport
	if e.origin, ok = parseOrigin(e.base); !ok {
		return bad(ErrOriginNotSerialized, "is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash)",
			func() string { return canonicalFix(entry, &e) })
	}
	switch {
	case e.subdomains && e.ip:
		return bad(ErrOriginPattern, "puts a wildcard in front of an IP address", nil)
	case e.anyPort && e.port != "":
		return bad(ErrOriginPattern, "has both a port and :*", nil)
	case e.subdomains && len(strings.TrimSuffix(e.host, "."))+len("x.") > 253:
		return bad(ErrOriginNeverMatches, "can never match: its domain leaves no room for a subdomain label within the 253 bytes of a host name", nil)
	case !e.ip && !validPunycode(e.host):
		return bad(ErrOriginNeverMatches, "can never match: a label starting with xn-- is not valid punycode (IDNA), so no browser sends it", nil)
	}
	return e, nil
}

// validPunycode reports whether every label of host that starts with
// "xn--" decodes as an internationalized label.
func validPunycode(host string) bool {
	for label := range strings.SplitSeq(host, ".") {
		if strings.HasPrefix(label, "xn--") {
			if _, err := idna.Lookup.ToUnicode(label); err != nil {
				return false
			}
		}
	}
	return true
}

// wildcardProblem explains a "*" left in hostport once the "*." and ":*"
// of a pattern are cut off, and suggests the pattern probably meant.
func wildcardProblem(entry, hostport string, subdomains, anyPort bool) (reason string, fix func() string) {
	switch {
	case hostport == "" && (subdomains || anyPort), hostport == "*" || strings.HasPrefix(hostport, "*:"):
		return `has a wildcard without a domain: "*" alone allows every origin (without credentials); for subdomains write a pattern such as https://*.example.com`, nil
	case !strings.Contains(hostport, "*"):
		return "", nil
	case !subdomains && strings.HasPrefix(hostport, "*"):
		// "https://*app.example": the dot after the star is missing.
		fix = func() string { return validFix(strings.Replace(entry, "://*", "://*.", 1)) }
	}
	return "has a wildcard that is not the whole leftmost label; only https://*.example.com, :* ports and \"*\" alone are patterns", fix
}

// schemeFix suggests an entry for one without "://": the scheme's colon or
// slashes restored ("https//app.example"), or a scheme added to a bare host
// ("*.example.com", "localhost:3000"): http for loopback hosts, https for
// the others.
func schemeFix(entry string) string {
	s := strings.TrimSpace(entry)
	candidate := ""
	for _, scheme := range [...]string{"https", "http"} {
		if len(s) > len(scheme) && strings.EqualFold(s[:len(scheme)], scheme) {
			if rest := strings.TrimLeft(s[len(scheme):], ":/"); len(rest) < len(s)-len(scheme) {
				candidate = scheme + "://" + rest
				break
			}
		}
	}
	if candidate == "" {
		candidate = "https://" + s
		if u, err := url.Parse("http://" + s); err == nil && isLoopbackHost(strings.ToLower(u.Hostname())) {
			candidate = "http://" + s
		}
	}
	if _, err := parseEntry(candidate, true); err != nil {
		return err.Fix // the candidate's canonical form, or none
	}
	return candidate
}

// looksLikeRegexp reports an entry written as a regular expression, as
// some libraries accept: "/^https:\/\/.*\.example\.com$/",
// "^https://[a-z]+\.example\.com$".
func looksLikeRegexp(entry string) bool {
	for _, sign := range [...]string{"://.*", "://.+", "]+", "]*", "s?://"} {
		if strings.Contains(entry, sign) {
			return true
		}
	}
	return strings.ContainsAny(entry, `^$\(){}|`) || len(entry) > 2 && entry[0] == '/' && entry[len(entry)-1] == '/'
}

// regexpFix turns the common regular expressions for "every subdomain"
// into the pattern meant, or returns "" when the expression says more.
func regexpFix(entry string) string {
	s := strings.TrimSuffix(strings.TrimPrefix(entry, "/"), "/")
	s = strings.TrimSuffix(strings.TrimPrefix(s, "^"), "$")
	s = strings.NewReplacer(`\/`, "/", `\.`, ".", "https?", "https",
		"(.*)", "*", "(.+)", "*", ".*", "*", ".+", "*", "([a-z0-9-]+)", "*", "[a-z0-9-]+", "*",
		"([a-zA-Z0-9-]+)", "*", "[a-zA-Z0-9-]+", "*", "[^.]+", "*", "([^.]+)", "*",
		"[a-z]+", "*", "[a-z0-9]+", "*", `\w+`, "*", `[\w-]+`, "*").Replace(s)
	if looksLikeRegexp(s) {
		return ""
	}
	if _, err := parseEntry(s, false); err != nil {
		return ""
	}
	return s
}

// canonicalFix returns the canonical form of an entry that is not one, or
// "" when none can be guessed.
func canonicalFix(entry string, e *originEntry) string {
	fix := canonicalOrigin(e.base)
	if fix != "" {
		fix = validFix(rebuildPattern(fix, e.subdomains, e.anyPort))
	}
	if fix == entry {
		return ""
	}
	return fix
}

// credentialsRisks reports what an entry risks together with
// AllowCredentials, unless the Config opted in to the risk.
func credentialsRisks(i int, entry string, cfg *Config, e *originEntry) (errs []error) {
	if !cfg.AllowCredentials {
		return nil
	}
	if !cfg.DangerouslyAllowInsecureOriginsWithCredentials && e.scheme == "http" && !isLoopbackHost(e.host) {
		ce := listError(ErrCredentialsInsecureOrigin, "AllowedOrigins", i, entry,
			"is insecure (http: and not loopback) and cannot be used with AllowCredentials: anyone on the network path can impersonate it")
		ce.optIn = optInInsecure
		errs = append(errs, ce)
	}
	if e.subdomains && !cfg.DangerouslyAllowPublicSuffixWildcardsWithCredentials && isPublicSuffix(e.host) {
		ce := listError(ErrCredentialsPublicSuffix, "AllowedOrigins", i, entry,
			"allows every site under the public suffix "+e.host+" and cannot be used with AllowCredentials")
		ce.optIn = optInPublicSuffix
		errs = append(errs, ce)
	}
	return errs
}

// add puts a valid entry where match looks for it.
func (x *originIndex) add(e *originEntry) {
	switch {
	case e.subdomains && e.anyPort:
		x.addSubdomain(e.scheme, "."+e.host, true)
	case e.subdomains && e.port != "":
		x.addSubdomain(e.scheme, "."+e.host+":"+e.port, false)
	case e.subdomains:
		x.addSubdomain(e.scheme, "."+e.host, false)
	case e.anyPort:
		x.exactAnyPort.add(e.base)
	default:
		x.exact.add(e.base)
	}
}

// validFix returns candidate if it is itself a valid entry, else "": a
// suggestion must never be rejected in turn.
func validFix(candidate string) string {
	if _, err := parseEntry(candidate, false); err != nil {
		return ""
	}
	return candidate
}

func isPublicSuffix(host string) bool {
	if isLoopbackHost(host) {
		return false
	}
	host = strings.TrimSuffix(host, ".") // "github.io." is github.io
	ps, _ := publicsuffix.PublicSuffix(host)
	return ps == host
}

func rebuildPattern(canonical string, subdomains, anyPort bool) string {
	if subdomains {
		sep := strings.Index(canonical, "://") + 3
		canonical = canonical[:sep] + "*." + canonical[sep:]
	}
	if anyPort {
		canonical += ":*"
	}
	return canonical
}

// canonicalOrigin returns the serialized origin a browser would send for the
// URL s (lower case, punycode host, default port dropped, no path), or "" when
// s is not a URL with a host.
func canonicalOrigin(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname()) // a trailing dot stays: it is part of the origin
	if a, err := netip.ParseAddr(host); err == nil {
		host = ipHost(a.WithZone(""))
	} else if h, err := idna.Lookup.ToASCII(host); err == nil {
		host = h
	} else {
		return ""
	}
	port := strings.TrimLeft(u.Port(), "0")
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	c := scheme + "://" + host
	if port != "" {
		c += ":" + port
	}
	if _, ok := parseOrigin(c); !ok {
		return ""
	}
	return c
}

// ipHost is an address as browsers serialize it in an origin.
func ipHost(a netip.Addr) string {
	if !a.Is6() {
		return a.String()
	}
	return "[" + string(appendIPv6(nil, a)) + "]"
}
