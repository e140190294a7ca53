package cors

import (
	"strings"

	"github.com/originguard/cors/core/internal/ascii"
)

// Character classes, one table lookup per byte: with comparisons and
// switches instead, BenchmarkEvaluate/preflight-allowed takes 1.23x the
// time (medians of 20 alternated runs).
const (
	tokenChar  uint8 = 1 << iota // may appear in an HTTP token (RFC 9110 tchar)
	upperChar                    // an ASCII upper-case letter
	schemeChar                   // may follow the first letter of a URL scheme
	hostChar                     // may appear in a label of a serialized host
)

var charClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("!#$%&'*+-.^_`|~", byte(c)) >= 0 {
			t[c] |= tokenChar
		}
		if 'A' <= c && c <= 'Z' {
			t[c] |= upperChar
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.' {
			t[c] |= schemeChar
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' {
			t[c] |= hostChar
		}
	}
	return t
}()

// scanToken reports, in one pass, whether s is a token and whether it holds
// an upper-case letter.
func scanToken(s string) (token, upper bool) {
	all, some := tokenChar, uint8(0)
	for i := 0; i < len(s); i++ {
		c := charClass[s[i]]
		all &= c
		some |= c
	}
	return s != "" && all != 0, some&upperChar != 0
}

func isToken(s string) bool {
	token, _ := scanToken(s)
	return token
}

func isOWS(c byte) bool { return c == ' ' || c == '\t' }

// trimFieldValue removes the optional whitespace around a field value, as
// HTTP/1.1 parsers do (RFC 9110, section 5.5), so that every stack reads
// the same value whether or not its server trimmed tabs. A value longer than
// limit plus a little whitespace is returned unread: it is refused anyway.
func trimFieldValue(s string, limit int) string {
	if len(s) > limit+16 {
		return s
	}
	return trimOWS(s)
}

func trimOWS(s string) string {
	for len(s) > 0 && isOWS(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isOWS(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// normalizeMethod applies Fetch's method normalisation: the six methods
// below are upper-cased, every other method is kept byte for byte.
func normalizeMethod(m string) string {
	var candidates []string
	switch len(m) { // only these lengths can need it: PATCH and others return at once
	case 3:
		candidates = []string{"GET", "PUT"}
	case 4:
		candidates = []string{"HEAD", "POST"}
	case 6:
		candidates = []string{"DELETE"}
	case 7:
		candidates = []string{"OPTIONS"}
	default:
		return m
	}
	for _, n := range candidates {
		if m == n || ascii.EqualFold(m, n) {
			return n
		}
	}
	return m
}

// methodBit numbers the methods of RFC 9110 that browsers preflight or
// send, and PATCH, so that a preflight asking for one of them is judged by a
// bit test instead of comparing strings; 0 for any other method.
func methodBit(m string) uint8 {
	switch m {
	case "GET":
		return 1 << 0
	case "HEAD":
		return 1 << 1
	case "POST":
		return 1 << 2
	case "PUT":
		return 1 << 3
	case "DELETE":
		return 1 << 4
	case "PATCH":
		return 1 << 5
	case "OPTIONS":
		return 1 << 6
	}
	return 0
}

// safelistedMethodBits are the bits of GET, HEAD and POST.
const safelistedMethodBits = 1<<0 | 1<<1 | 1<<2

func isSafelistedMethod(m string) bool {
	return methodBit(m)&safelistedMethodBits != 0
}

func isForbiddenMethod(m string) bool {
	return strings.EqualFold(m, "CONNECT") || strings.EqualFold(m, "TRACE") || strings.EqualFold(m, "TRACK")
}

// forbiddenRequestHeaders are the names only a browser may set (Fetch
// forbidden request-header names, plus Access-Control-Request-Private-Network
// from Private Network Access). Lower case.
var forbiddenRequestHeaders = map[string]bool{
	"accept-charset": true, "accept-encoding": true, "access-control-request-headers": true,
	"access-control-request-method": true, "access-control-request-private-network": true,
	"connection": true, "content-length": true, "cookie": true, "cookie2": true, "date": true,
	"dnt": true, "expect": true, "host": true, "keep-alive": true, "origin": true, "referer": true,
	"set-cookie": true, "te": true, "trailer": true, "transfer-encoding": true, "upgrade": true,
	"via": true,
}

func isForbiddenRequestHeader(lower string) bool {
	return forbiddenRequestHeaders[lower] || strings.HasPrefix(lower, "proxy-") || strings.HasPrefix(lower, "sec-")
}
