package cors

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// maxOriginLen bounds the work spent on an Origin value: a scheme of at most
// 64 bytes, a host of at most 253 (and a trailing dot) and a port.
const maxOriginLen = 64 + len("://") + 253 + len(".") + len(":65535")

// origin is a serialized origin split into parts; every field is a substring
// of the string it was parsed from.
type origin struct {
	scheme string
	host   string // as serialized; IPv6 in brackets
	port   string // digits, "" for the default port
	ip     bool
}

// parseOrigin accepts exactly the serialized origins a browser sends
// (Fetch serialized-origin, other than "null"): lower-case scheme and host,
// ASCII host with non-empty labels or an IP address, no default port, no
// path or userinfo. A trailing dot after the host is kept: it is a distinct
// origin, never equal to the one without it. It never allocates.
func parseOrigin(s string) (origin, bool) {
	schemeEnd, hostEnd, ip, ok := scanOrigin(s)
	if !ok {
		return origin{}, false
	}
	o := origin{scheme: s[:schemeEnd], host: s[schemeEnd+len("://") : hostEnd], ip: ip}
	if hostEnd < len(s) {
		o.port = s[hostEnd+len(":"):]
	}
	return o, true
}

// scanOrigin is parseOrigin returning only where the scheme and the host
// end and whether the host is an IP address: the request path, which
// parses every origin it refuses (to tell a malformed one from one that is
// not allowed), stores no part. A host name is checked one table lookup
// per byte, in a loop of scanOrigin's own so that nothing is spilled
// around a call; IP addresses take the slower paths.
func scanOrigin(s string) (schemeEnd, hostEnd int, ip, ok bool) {
	if len(s) > maxOriginLen {
		return 0, 0, false, false
	}
	if schemeEnd = webSchemeLength(s); schemeEnd == 0 {
		if schemeEnd = otherSchemeLength(s); schemeEnd < 0 {
			return 0, 0, false, false
		}
	}
	hostStart := schemeEnd + len("://")
	if hostStart < len(s) && s[hostStart] == '[' {
		v6, ok := ipv6Host(s[hostStart:])
		if !ok {
			return 0, 0, false, false
		}
		hostEnd, ip = hostStart+len(v6), true
	} else {
		// A host name: labels of host characters separated by single
		// dots, each at most 63 bytes, and an optional trailing dot, 253
		// bytes at most without it, ending at the end of s or at a colon.
		// The indexes are unsigned: the compiler then sees that they are
		// in range, and checks no bounds in the loop.
		i, start, ok := hostLabels(s, uint(hostStart))
		if !ok {
			return 0, 0, false, false
		}
		if i < uint(len(s)) && s[i] != ':' {
			return 0, 0, false, false
		}
		n := i - uint(hostStart)
		if i == start { // a trailing dot (the loop refused an empty label before one), or no host
			n--
		} else if i-start > 63 {
			return 0, 0, false, false
		}
		if n-1 >= 253 { // n is 0 (or below, wrapped) or over 253
			return 0, 0, false, false
		}
		hostEnd = int(i)
		// A number starts with a digit; after a trailing dot the last
		// label is not at start, and the full test runs.
		if (i == start || s[start] <= '9') && endsWithNumericLabel(s[hostStart:hostEnd]) {
			// The URL standard parses such a host as an IPv4 address.
			a, err := netip.ParseAddr(s[hostStart:hostEnd])
			if err != nil || !a.Is4() {
				return 0, 0, false, false
			}
			ip = true
		}
	}
	if hostEnd == len(s) {
		return schemeEnd, hostEnd, ip, true
	}
	port := s[hostEnd+1:]
	ok = s[hostEnd] == ':' && isPort(port) && !defaultPort(s[:schemeEnd], port)
	return schemeEnd, hostEnd, ip, ok
}

// schemeLength returns the length of the lower-case scheme that starts s and
// is followed by "://", or -1.
func schemeLength(s string) int {
	if n := webSchemeLength(s); n > 0 {
		return n
	}
	return otherSchemeLength(s)
}

// webSchemeLength is schemeLength for the schemes of web origins, 0 for any
// other: one comparison each, and inlined.
func webSchemeLength(s string) int {
	switch {
	case strings.HasPrefix(s, "https://"):
		return len("https")
	case strings.HasPrefix(s, "http://"):
		return len("http")
	}
	return 0
}

// otherSchemeLength is schemeLength for a scheme other than http and https.
func otherSchemeLength(s string) int {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return -1
	}
	i := 1
	for i < len(s) && charClass[s[i]]&schemeChar != 0 {
		i++
	}
	if i > 64 || len(s)-i < len("://") || s[i] != ':' || s[i+1] != '/' || s[i+2] != '/' {
		return -1
	}
	return i
}

// ipv6Host returns the bracketed IPv6 address that starts s when it is in
// the form browsers serialize (RFC 5952, lower-case hex, no dotted tail).
func ipv6Host(s string) (string, bool) {
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return "", false
	}
	inner := s[1:end]
	for j := 0; j < len(inner); j++ {
		c := inner[j]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || c == ':') {
			return "", false // browsers never serialize a dotted tail
		}
	}
	a, err := netip.ParseAddr(inner)
	if err != nil || !a.Is6() || a.Zone() != "" {
		return "", false
	}
	var text [48]byte
	if string(appendIPv6(text[:0], a)) != inner {
		return "", false // not the RFC 5952 form browsers send, e.g. [0::1]
	}
	return s[:end+1], true
}

// appendIPv6 appends a's text as browsers serialize it: RFC 5952, with an
// IPv4-mapped tail in hex ("::ffff:7f00:1" where netip writes
// "::ffff:127.0.0.1").
func appendIPv6(dst []byte, a netip.Addr) []byte {
	if !a.Is4In6() {
		return a.AppendTo(dst)
	}
	b := a.As16()
	dst = append(dst, "::ffff:"...)
	dst = strconv.AppendUint(dst, uint64(b[12])<<8|uint64(b[13]), 16)
	dst = append(dst, ':')
	return strconv.AppendUint(dst, uint64(b[14])<<8|uint64(b[15]), 16)
}

// endsWithNumericLabel is the WHATWG URL "ends in a number" test: a host
// whose last label is decimal digits, or 0x and hex digits, is parsed as an
// IPv4 address by browsers.
func endsWithNumericLabel(h string) bool {
	h = strings.TrimSuffix(h, ".")
	last := h[strings.LastIndexByte(h, '.')+1:]
	if last == "" || last[0] < '0' || last[0] > '9' {
		return false // the common case: a name ending in letters
	}
	digits := "0123456789"
	if hex, ok := strings.CutPrefix(last, "0x"); ok {
		last, digits = hex, "0123456789abcdef"
	}
	for i := 0; i < len(last); i++ {
		if strings.IndexByte(digits, last[i]) < 0 {
			return false
		}
	}
	return true
}

func isPort(p string) bool {
	if p == "" || len(p) > 5 || p[0] == '0' {
		return false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
		n = n*10 + int(p[i]-'0')
	}
	return n <= 65535
}

func isLoopbackHost(host string) bool {
	if name := strings.TrimSuffix(host, "."); name == "localhost" || strings.HasSuffix(name, ".localhost") || host == "[::1]" {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Is4() && a.IsLoopback()
}

// originIndex matches request origins against the configured list. Its cost
// depends on the request origin's length, not on how many entries are
// configured: exact origins are one hash lookup, patterns one lookup per
// label of the request's host, each skipped when no entry has its length.
// (Patterns are grouped by scheme in a list; configurations have one or
// two schemes.)
type originIndex struct {
	exact        stringSet        // "https://a.example:8443"
	exactAnyPort stringSet        // "http://localhost" for "http://localhost:*"
	subdomains   []schemePatterns // one per scheme with "*." patterns: few, scanned in order
	// minSubdomainLen is the length of the shortest origin a "*." pattern
	// can allow: a shorter one costs no call to matchSubdomain.
	minSubdomainLen int
}

// schemePatterns holds the "*." patterns of one scheme, without the "*".
type schemePatterns struct {
	scheme  string
	prefix  string    // scheme + "://"
	fixed   stringSet // ".a.example" or ".a.example:8443"
	anyPort stringSet // ".a.example" for "https://*.a.example:*"
}

// matchInexact judges an origin that is not in x.exact (checkOrigin looks
// it up there first, inline, so that an origin allowed exactly costs no
// call): whether a pattern allows it, and whether it is malformed.
func (x *originIndex) matchInexact(s string) (allowed, malformed bool) {
	if len(x.subdomains) != 0 && len(s) >= x.minSubdomainLen && x.matchSubdomain(s) {
		return true, false
	}
	// Refused so far: parsed, to tell a malformed origin from one that is
	// not allowed, and to drop the port for the "scheme://host:*" entries.
	_, hostEnd, _, ok := scanOrigin(s)
	if !ok {
		return false, true
	}
	return x.exactAnyPort.has(s[:hostEnd]), false
}

// matchSubdomain reports whether s is a serialized origin that a "*."
// pattern allows: the pattern's scheme and "://", then one or more host
// labels, then a configured suffix (a dot, the pattern's host and its
// port, if fixed). The suffix was checked when it was configured, and its
// last label is not a number, so only the labels before it are read: the
// suffix is looked up first, by length, and an origin that ends in none
// costs no parse.
func (x *originIndex) matchSubdomain(s string) bool {
	if len(s) > maxOriginLen {
		return false
	}
	for i := range x.subdomains {
		p := &x.subdomains[i]
		if p.fixed.hasSuffixAfterLabels(s, p.prefix) {
			return true
		}
		if p.anyPort.empty() {
			continue
		}
		host := s
		if c := strings.LastIndexByte(s, ':'); c >= len(p.prefix) {
			host = s[:c]
			if !isPort(s[c+1:]) || defaultPort(p.scheme, s[c+1:]) {
				continue
			}
		}
		if p.anyPort.hasSuffixAfterLabels(host, p.prefix) {
			return true
		}
	}
	return false
}

// defaultPort reports whether port is the default port of scheme, which a
// serialized origin never names.
func defaultPort(scheme, port string) bool {
	return scheme == "http" && port == "80" || scheme == "https" && port == "443"
}

// isHostLabels reports whether l is one or more host labels separated by
// single dots: what precedes a "*." pattern's suffix in an origin it
// allows: hostLabels, as scanOrigin reads a host, with nothing after the
// last label.
func isHostLabels(l string) bool {
	i, start, ok := hostLabels(l, 0)
	return ok && i == uint(len(l)) && i != start && i-start <= 63
}

// hostLabels reads host labels separated by single dots from s[i:] and
// returns where they stop (the end of s, or a byte that is neither a host
// character nor a dot) and where the last label starts; false for an empty
// or over-long label before a dot. The indexes are unsigned, so that the
// compiler checks no bounds in the loop.
func hostLabels(s string, i uint) (end, start uint, ok bool) {
	start = i
	for {
		for i < uint(len(s)) && charClass[s[i]]&hostChar != 0 {
			i++
		}
		if i >= uint(len(s)) || s[i] != '.' {
			return i, start, true
		}
		if i == start || i-start > 63 {
			return 0, 0, false
		}
		i++
		start = i
	}
}

// addSubdomain adds the suffix of a "*." pattern: a dot, the host and the
// port if fixed.
func (x *originIndex) addSubdomain(scheme, suffix string, anyPort bool) {
	p := x.patterns(scheme, true)
	if anyPort {
		p.anyPort.add(suffix)
	} else {
		p.fixed.add(suffix)
	}
	// At least one label before the suffix.
	if n := len(p.prefix) + len("x") + len(suffix); x.minSubdomainLen == 0 || n < x.minSubdomainLen {
		x.minSubdomainLen = n
	}
}

// patterns returns the subdomain patterns of scheme, adding an empty entry
// when create is set, or nil.
func (x *originIndex) patterns(scheme string, create bool) *schemePatterns {
	for i := range x.subdomains {
		if x.subdomains[i].scheme == scheme {
			return &x.subdomains[i]
		}
	}
	if !create {
		return nil
	}
	x.subdomains = append(x.subdomains, schemePatterns{scheme: scheme, prefix: scheme + "://"})
	return &x.subdomains[len(x.subdomains)-1]
}

// stringSet is a set of strings that also records which lengths its
// members have, so that most misses cost a bit test instead of a hash:
// without it BenchmarkEvaluate/actual-denied takes 1.6x the time and
// /actual-allowed-pattern 1.3x (medians of 20 alternated runs). Up to
// fewMembers members are compared directly instead of hashed: a lookup of a
// member, or of a string as long as one, then takes 6 CPU-ns instead of 11.
type stringSet struct {
	few   []string // every member while there are at most fewMembers
	m     map[string]struct{}
	lens  [4]uint64 // bit n: a member is n bytes long (255: 255 or longer)
	sizes []int     // the lengths of lens, ascending
}

const fewMembers = 8

func (s *stringSet) add(k string) {
	switch {
	case s.m != nil:
		s.m[k] = struct{}{}
	case len(s.few) < fewMembers:
		if !slices.Contains(s.few, k) {
			s.few = append(s.few, k)
		}
	default:
		s.m = make(map[string]struct{}, len(s.few)+1)
		for _, f := range s.few {
			s.m[f] = struct{}{}
		}
		s.m[k] = struct{}{}
		s.few = nil
	}
	n := min(len(k), 255)
	if s.lens[n>>6]&(1<<(n&63)) == 0 {
		s.lens[n>>6] |= 1 << (n & 63)
		s.sizes = append(s.sizes, n)
		slices.Sort(s.sizes)
	}
}

func (s *stringSet) has(k string) bool {
	n := min(len(k), 255)
	if s.lens[n>>6]&(1<<(n&63)) == 0 {
		return false
	}
	if s.m == nil {
		for _, f := range s.few {
			if f == k {
				return true
			}
		}
		return false
	}
	_, ok := s.m[k]
	return ok
}

// empty reports whether the set has no member.
func (s *stringSet) empty() bool { return s.few == nil && s.m == nil }

// hasSuffixAfterLabels reports whether str is prefix, host labels (see
// isHostLabels) and a member, which starts with a dot, the whole host no
// longer than 253 bytes. It looks at one suffix per length the members
// have, not at every dot of str, and compares the prefix only when a
// suffix is a member.
func (s *stringSet) hasSuffixAfterLabels(str, prefix string) bool {
	if s.empty() {
		return false
	}
	from := len(prefix)
	for _, n := range s.sizes {
		i := len(str) - n
		if i <= from {
			return false // longer members leave no room for a label
		}
		if n == 255 { // 255 stands for every longer length too
			for ; i > from; i-- {
				if s.allowsAt(str, prefix, i) {
					return true
				}
			}
			return false
		}
		if s.allowsAt(str, prefix, i) {
			return true
		}
	}
	return false
}

// allowsAt reports whether str is prefix, host labels up to index i and a
// member from there, the host within 253 bytes.
func (s *stringSet) allowsAt(str, prefix string, i int) bool {
	if str[i] != '.' || !s.has(str[i:]) || !strings.HasPrefix(str, prefix) || !isHostLabels(str[len(prefix):i]) {
		return false
	}
	host := str[len(prefix):]
	if len(host) <= 253 {
		return true // the usual case: short enough with its port
	}
	if c := strings.LastIndexByte(host, ':'); c >= 0 {
		host = host[:c]
	}
	return len(strings.TrimSuffix(host, ".")) <= 253
}

// hasBytes is has for a key in a buffer; it does not convert the key to a
// string, which would allocate for a key longer than 32 bytes.
func (s *stringSet) hasBytes(k []byte) bool {
	n := min(len(k), 255)
	if s.lens[n>>6]&(1<<(n&63)) == 0 {
		return false
	}
	if s.m == nil {
		for _, f := range s.few {
			if f == string(k) {
				return true
			}
		}
		return false
	}
	_, ok := s.m[string(k)]
	return ok
}
