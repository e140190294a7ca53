package cors

import (
	"net/netip"
	"net/url"
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
	for i, entry := range cfg.AllowedOrigins {
		if entry == "*" {
			anyOrigin = true
			if len(cfg.AllowedOrigins) > 1 {
				errs = append(errs, &OriginError{Index: i, Value: entry, Reason: `allows every origin and cannot be combined with other entries`})
			}
			if cfg.AllowCredentials {
				errs = append(errs, &CredentialsError{Field: "AllowedOrigins", Index: i, Value: entry,
					Reason: "cannot be used with AllowCredentials (browsers reject ACAO * on credentialed requests); list the origins instead"})
			}
			continue
		}
		if err := compileOrigin(i, entry, cfg, x); err != nil {
			errs = append(errs, err...)
		}
	}
	return anyOrigin, errs
}

func compileOrigin(i int, entry string, cfg *Config, x *originIndex) []error {
	bad := func(reason, fix string) []error {
		return []error{&OriginError{Index: i, Value: entry, Reason: reason, Fix: fix}}
	}
	if strings.EqualFold(entry, "null") {
		return bad("is never matched by a list entry: every sandboxed page and file: document sends null; accept it deliberately with AllowOriginFunc", "")
	}
	sep := strings.Index(entry, "://")
	if sep < 0 {
		return bad("has no scheme", validFix("https://"+entry))
	}
	scheme, hostport := entry[:sep], entry[sep+3:]
	if strings.EqualFold(scheme, "file") {
		return bad("can never match: browsers send null for file: documents", "")
	}
	subdomains := strings.HasPrefix(hostport, "*.")
	if subdomains {
		hostport = hostport[2:]
	}
	anyPort := strings.HasSuffix(hostport, ":*")
	if anyPort {
		hostport = hostport[:len(hostport)-2]
	}
	switch {
	case hostport == "" || hostport == "*" || strings.HasPrefix(hostport, "*:"):
		return bad("has a wildcard without a domain; write a pattern such as https://*.example.com", "")
	case strings.Contains(hostport, "*"):
		return bad("has a wildcard that is not the whole leftmost label; only https://*.example.com, :* ports and \"*\" alone are patterns", "")
	}
	base := scheme + "://" + hostport
	o, ok := parseOrigin(base)
	if !ok {
		fix := canonicalOrigin(base)
		if fix != "" {
			fix = validFix(rebuildPattern(fix, subdomains, anyPort))
		}
		if fix == entry {
			fix = ""
		}
		return bad("is not a serialized origin (lower-case scheme://host[:port], ASCII host, no default port, path, userinfo or trailing slash)", fix)
	}
	if subdomains && o.ip {
		return bad("puts a wildcard in front of an IP address", "")
	}
	if anyPort && o.port != "" {
		return bad("has both a port and :*", "")
	}
	var errs []error
	if cfg.AllowCredentials && !cfg.DangerouslyAllowInsecureOriginsWithCredentials && o.scheme == "http" && !isLoopbackHost(o.host) {
		errs = append(errs, &CredentialsError{Field: "AllowedOrigins", Index: i, Value: entry,
			Reason: "is insecure (http: and not loopback) and cannot be used with AllowCredentials: anyone on the network path can impersonate it", OptIn: optInInsecure})
	}
	if subdomains && cfg.AllowCredentials && !cfg.DangerouslyAllowPublicSuffixWildcardsWithCredentials && isPublicSuffix(o.host) {
		errs = append(errs, &CredentialsError{Field: "AllowedOrigins", Index: i, Value: entry,
			Reason: "allows every site under the public suffix " + o.host + " and cannot be used with AllowCredentials", OptIn: optInPublicSuffix})
	}
	switch {
	case subdomains && anyPort:
		x.patterns(o.scheme, true).anyPort.add("." + o.host)
	case subdomains:
		key := "." + o.host
		if o.port != "" {
			key += ":" + o.port
		}
		x.patterns(o.scheme, true).fixed.add(key)
	case anyPort:
		x.exactAnyPort.add(base)
	default:
		x.exact.add(base)
	}
	return errs
}

// validFix returns candidate if it is itself a valid entry, else "": a
// suggestion must never be rejected in turn.
func validFix(candidate string) string {
	var x originIndex
	if compileOrigin(0, candidate, &Config{}, &x) != nil {
		return ""
	}
	return candidate
}

func isPublicSuffix(host string) bool {
	if isLoopbackHost(host) || host == "localhost" {
		return false
	}
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
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
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
