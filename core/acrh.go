package cors

import (
	"iter"
	"strings"

	"github.com/originguard/cors/core/internal/ascii"
)

// Bounds on the work per request spent on Access-Control-Request-Headers.
// Browsers send one line of lower-case names joined by ","; a request past
// either bound is refused at once, before any element is looked at.
const (
	maxRequestHeadersLines = 32
	maxRequestHeadersBytes = 4096
)

// maxHeaderName bounds the length of a configured request-header name.
const maxHeaderName = 256

// elements yields the elements of a comma-separated list spread over
// several field lines, trimmed of optional whitespace (possibly empty). It
// works on values only, so that nothing a Request points to escapes to the
// heap.
func elements(lines []string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, line := range lines {
			for rest, more := line, true; more; {
				var elem string
				elem, rest, more = strings.Cut(rest, ",")
				if !yield(trimOWS(elem)) {
					return
				}
			}
		}
	}
}

// headerVerdict is the outcome of checking a preflight's requested headers.
type headerVerdict struct {
	verdict            // ReasonPreflightAllowed, or the first refusal
	browserForm   bool // one line of sorted, unique, lower-case names, no empty element (spaces around names are kept: harmless)
	authorization bool // authorization was requested
}

// checkHeaders judges every element of the lines. A name found as it is
// among the configured ones (lower case, the browser form) is allowed
// without a second look: every configured name is a token. Only other names
// are scanned byte by byte (token, upper case), so that a browser's
// preflight costs a few comparisons per name. Whether the lines are in
// browser form matters only when they may be echoed (no configured list),
// so it is tracked only then.
func (c *compiled) checkHeaders(lines []string) headerVerdict {
	// An empty line asks for nothing and is not echoed: an empty
	// Access-Control-Allow-Headers would be noise at best.
	v := headerVerdict{verdict: preflightAllowed}
	// One line is the usual case: its length is the total.
	total := 0
	if len(lines) == 1 {
		total = len(lines[0])
	} else {
		if len(lines) > maxRequestHeadersLines {
			return headerVerdict{verdict: verdict{code: ReasonHeadersTooLong}}
		}
		for _, l := range lines {
			total += len(l)
		}
	}
	if total > maxRequestHeadersBytes {
		return headerVerdict{verdict: verdict{code: ReasonHeadersTooLong}}
	}
	if total == 0 {
		// Only empty elements: nothing asked for, nothing echoed.
		return v
	}
	form := c.allowHeaders == "" && len(lines) == 1
	prev := ""
	for _, line := range lines {
		for more := true; more; {
			// strings.IndexByte compares 16 bytes at a time: a browser's
			// names are found in one or two steps, not one per byte.
			name := line
			if i := strings.IndexByte(line, ','); i >= 0 {
				name, line = line[:i], line[i+1:]
			} else {
				more = false
			}
			name = trimOWS(name)
			switch {
			case name == "":
				form = false
			case form:
				upper, ok := c.judgeHeader(&v, name)
				if !ok {
					return v
				}
				form = !upper && name > prev
				prev = name
			case name == "authorization":
				v.authorization = true
				if !c.authorizationAllowed && v.code == ReasonPreflightAllowed {
					v.code, v.detail = ReasonHeaderNotAllowed, name
				}
			case c.headers.has(name):
				// A configured name, as browsers send it: a token.
			default:
				if _, ok := c.judgeHeader(&v, name); !ok {
					return v
				}
			}
		}
	}
	v.browserForm = form
	return v
}

// allConfigured reports whether lines are none, or one line within the
// bound on bytes holding only configured names as they are (lower case, as
// browsers send them) and empty elements: checkHeaders would then allow
// them.
func (c *compiled) allConfigured(lines []string) bool {
	if len(lines) != 1 {
		return len(lines) == 0
	}
	line := lines[0]
	if len(line) > maxRequestHeadersBytes {
		return false
	}
	for more := true; more; {
		name := line
		if i := strings.IndexByte(line, ','); i >= 0 {
			name, line = line[:i], line[i+1:]
		} else {
			more = false
		}
		if name = trimOWS(name); name != "" && !c.headers.has(name) {
			return false
		}
	}
	return true
}

// judgeHeader judges one requested name that is not a configured one as
// it is: it records in v whether it is Authorization and the first refusal,
// and returns whether the name holds an upper-case letter. It returns false
// when the name is not a token: v is then the verdict.
func (c *compiled) judgeHeader(v *headerVerdict, name string) (upper, ok bool) {
	token, upper := scanToken(name)
	if !token {
		*v = headerVerdict{verdict: verdict{ReasonHeadersMalformed, name}}
		return false, false
	}
	isAuth := len(name) == len("authorization") && ascii.EqualFold(name, "authorization")
	v.authorization = v.authorization || isAuth
	if v.code == ReasonPreflightAllowed && !c.headerAllowed(name, isAuth, upper) {
		v.code, v.detail = ReasonHeaderNotAllowed, name
	}
	return upper, true
}

// headerAllowed matches one requested name case-insensitively, without
// allocating: the name is lower-cased into a stack buffer no longer than
// the longest configured name when upper says it holds an upper-case letter.
func (c *compiled) headerAllowed(name string, isAuth, upper bool) bool {
	if isAuth {
		return c.authorizationAllowed
	}
	if c.anyHeader {
		return name != "*"
	}
	if len(name) > c.longestHeader {
		return false
	}
	if !upper {
		return c.headers.has(name)
	}
	var buf [maxHeaderName]byte
	b := buf[:len(name)]
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if 'A' <= ch && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		b[i] = ch
	}
	return c.headers.hasBytes(b)
}
