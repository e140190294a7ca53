package cors

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

const (
	optInInsecure     = "DangerouslyAllowInsecureOriginsWithCredentials"
	optInPublicSuffix = "DangerouslyAllowPublicSuffixWildcardsWithCredentials"
)

// compileOrigins validates AllowedOrigins and fills the index. It returns
// whether "*" was configured.
func compileOrigins(cfg *Config, x *originIndex) (anyOrigin bool, errs []error) {
	seen := make(map[string]int, len(cfg.AllowedOrigins))
	for i, entry := range cfg.AllowedOrigins {
		if first, dup := seen[entry]; dup {
			errs = append(errs, listError(ErrDuplicate, "AllowedOrigins", i, entry, "repeats AllowedOrigins["+strconv.Itoa(first)+"]; remove one"))
			continue
		}
		seen[entry] = i
		if entry != "*" {
			errs = append(errs, compileOrigin(i, entry, cfg, x)...)
			continue
		}
		anyOrigin = true
		if len(cfg.AllowedOrigins) > 1 {
			errs = append(errs, listError(ErrOriginWildcardCombined, "AllowedOrigins", i, entry, `allows every origin and cannot be combined with other entries`))
		}
		if cfg.AllowOriginFunc != nil || cfg.AllowOriginRequestFunc != nil {
			errs = append(errs, listError(ErrOriginWildcardCombined, "AllowedOrigins", i, entry, `allows every origin, so AllowOriginFunc and AllowOriginRequestFunc would never be called; remove "*" or the function`))
		}
		if cfg.AllowCredentials {
			errs = append(errs, listError(ErrCredentialsWildcard, "AllowedOrigins", i, entry,
				"cannot be used with AllowCredentials (browsers reject ACAO * on credentialed requests); list the origins instead"))
		}
	}
	return anyOrigin, errs
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
func parseOriginEntry(entry string) (originEntry, *ConfigError) {
	bad := func(code ErrorCode, reason, fix string) (originEntry, *ConfigError) {
		return originEntry{}, &ConfigError{Code: code, Field: "AllowedOrigins", problem: reason, Fix: fix}
	}
	if strings.EqualFold(entry, "null") {
		return bad(ErrOriginNull, "is never matched by a list entry: every sandboxed page and file: document sends null; accept it deliberately with AllowOriginFunc", "")
	}
	scheme, hostport, ok := strings.Cut(entry, "://")
	if !ok {
		return bad(ErrOriginNotSerialized, "has no scheme", validFix("https://"+entry))
	}
	if strings.EqualFold(scheme, "file") {
		return bad(ErrOriginNull, "can never match: browsers send null for file: documents", "")
	}
	var e originEntry
	hostport, e.subdomains = strings.CutPrefix(hostport, "*.")
	hostport, e.anyPort = strings.CutSuffix(hostport, ":*")
	if reason, fix := wildcardProblem(entry, hostport, e.subdomains); reason != "" {
		return bad(ErrOriginPattern, reason, fix)
	}
	e.base = scheme + "://" + hostport
	if e.origin, ok = parseOrigin(e.base); !ok {
		return bad(ErrOriginNotSerialized, "is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash)", canonicalFix(entry, &e))
	}
	switch {
	case e.subdomains && e.ip:
		return bad(ErrOriginPattern, "puts a wildcard in front of an IP address", "")
	case e.anyPort && e.port != "":
		return bad(ErrOriginPattern, "has both a port and :*", "")
	case e.subdomains && len(strings.TrimSuffix(e.host, "."))+len("x.") > 253:
		return bad(ErrOriginNeverMatches, "can never match: its domain leaves no room for a subdomain label within the 253 bytes of a host name", "")
	case !e.ip && !validPunycode(e.host):
		return bad(ErrOriginNeverMatches, "can never match: a label starting with xn-- is not valid punycode (IDNA), so no browser sends it", "")
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
func wildcardProblem(entry, hostport string, subdomains bool) (reason, fix string) {
	switch {
	case hostport == "" || hostport == "*" || strings.HasPrefix(hostport, "*:"):
		return "has a wildcard without a domain; write a pattern such as https://*.example.com", ""
	case !strings.Contains(hostport, "*"):
		return "", ""
	case !subdomains && strings.HasPrefix(hostport, "*"):
		// "https://*app.example": the dot after the star is missing.
		fix = validFix(strings.Replace(entry, "://*", "://*.", 1))
	}
	return "has a wildcard that is not the whole leftmost label; only https://*.example.com, :* ports and \"*\" alone are patterns", fix
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
		x.patterns(e.scheme, true).anyPort.add("." + e.host)
	case e.subdomains && e.port != "":
		x.patterns(e.scheme, true).fixed.add("." + e.host + ":" + e.port)
	case e.subdomains:
		x.patterns(e.scheme, true).fixed.add("." + e.host)
	case e.anyPort:
		x.exactAnyPort.add(e.base)
	default:
		x.exact.add(e.base)
	}
}

// validFix returns candidate if it is itself a valid entry, else "": a
// suggestion must never be rejected in turn.
func validFix(candidate string) string {
	if _, err := parseOriginEntry(candidate); err != nil {
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
