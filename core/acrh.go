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

func (c *compiled) checkHeaders(lines []string) headerVerdict {
	// An empty line asks for nothing and is not echoed: an empty
	// Access-Control-Allow-Headers would be noise at best.
	v := headerVerdict{verdict: preflightAllowed, browserForm: len(lines) == 1 && lines[0] != ""}
	if len(lines) > maxRequestHeadersLines {
		return headerVerdict{verdict: verdict{code: ReasonHeadersTooLong}}
	}
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	if total > maxRequestHeadersBytes {
		return headerVerdict{verdict: verdict{code: ReasonHeadersTooLong}}
	}
	if len(lines) == 1 && lines[0] == "" {
		return v
	}
	prev := ""
	for name := range elements(lines) {
		if name == "" {
			v.browserForm = false
			continue
		}
		token, upper := scanToken(name)
		if !token {
			return headerVerdict{verdict: verdict{ReasonHeadersMalformed, name}}
		}
		if v.browserForm && (name <= prev || upper) {
			v.browserForm = false
		}
		prev = name
		isAuth := ascii.EqualFold(name, "authorization")
		v.authorization = v.authorization || isAuth
		if v.code == ReasonPreflightAllowed && !c.headerAllowed(name, isAuth, upper) {
			v.code, v.detail = ReasonHeaderNotAllowed, name
		}
	}
	return v
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
