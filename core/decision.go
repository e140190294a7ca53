package cors

import (
	"net/http"

	"github.com/originguard/cors/core/adapter"
	"github.com/originguard/cors/core/internal/ascii"
)

// allowHeadersMode says how Access-Control-Allow-Headers is written.
type allowHeadersMode uint8

const (
	allowHeadersNone     allowHeadersMode = iota
	allowHeadersList                      // the configured list
	allowHeadersEcho                      // the request's single line, already in browser form
	allowHeadersFiltered                  // each allowed requested name, one value each
)

// Decision is the outcome of Evaluate: what kind of request it was, whether
// the policy allows it and why, and whether to answer now.
type Decision struct {
	Kind    Kind
	Allowed bool
	Reason  Reason
	// Respond is true when the middleware must answer now with Status and
	// an empty body instead of calling the next handler.
	Respond bool
	// Status is the status to answer with when Respond is true. When Respond
	// is false the next handler chooses the status and Status is only
	// informative: 200, or, for an allowed preflight passed on by
	// PreflightPassthrough, the status the middleware would have answered.
	Status int
	// ReportOnly is set on the decisions Config.Observe receives from the
	// report-only policy (Config.ReportOnly) where it differs from the live
	// one; never on a decision Evaluate returns.
	ReportOnly bool
}

// answer is a Decision and the headers that carry it out. It holds strings
// of the request (the allowed origin) but no slice of it: the requested
// headers are read from the Request again when they are written, so that
// nothing proportional to the number of request lines is copied, and the
// Request, which may live on the adapter's stack, never escapes through
// an answer.
type answer struct {
	Decision

	c                   *compiled
	vary                uint8
	allowOrigin         string // ACAO value, "" for none
	allowCredentials    bool
	exposeHeaders       bool   // write the configured ACEH
	allowMethods        string // ACAM value, "" for none
	allowHeaders        allowHeadersMode
	maxAge              bool // write the configured ACMA
	allowPrivateNetwork bool
	hooks               *hooks // the logger and observer of what decided, or nil
}

const (
	hACAO  = "Access-Control-Allow-Origin"
	hACAC  = "Access-Control-Allow-Credentials"
	hACEH  = "Access-Control-Expose-Headers"
	hACAM  = "Access-Control-Allow-Methods"
	hACAH  = "Access-Control-Allow-Headers"
	hACMA  = "Access-Control-Max-Age"
	hACAPN = "Access-Control-Allow-Private-Network"
	hVary  = "Vary"
)

type field struct{ key, value string }

// fieldList is a fixed-capacity list of fields, kept by value, for
// comparing the answers of two policies (report-only).
type fieldList struct {
	f [fieldSlots]field
	n int
}

func (l *fieldList) add(key, value string) {
	l.f[l.n] = field{key, value}
	l.n++
}

// fields lists the Access-Control-* headers to set into out, in a fixed
// order; acrh is the request's Access-Control-Request-Headers.
func (d *answer) fields(out *fieldList, acrh []string) {
	for i := range fieldSlots {
		if key, value := d.field(i, acrh); key != "" {
			out.add(key, value)
		}
	}
}

// fieldSlots is the number of single-line Access-Control-* headers an
// answer may write, each in its slot: see field.
const fieldSlots = 7

// field returns the header d writes in slot i, or an empty key when it
// writes none there. The slots fix the order of the headers; acrh is the
// request's Access-Control-Request-Headers (filtered names are written
// apart, several lines). Writers loop over the slots instead of filling a
// list: the list's zeroing and copying cost every CORS response about 10 ns.
func (d *answer) field(i int, acrh []string) (key, value string) {
	switch i {
	case 0:
		if d.allowOrigin != "" {
			return hACAO, d.allowOrigin
		}
	case 1:
		if d.allowCredentials {
			return hACAC, "true"
		}
	case 2:
		if d.exposeHeaders {
			return hACEH, d.c.exposeHeaders
		}
	case 3:
		if d.allowMethods != "" {
			return hACAM, d.allowMethods
		}
	case 4:
		switch d.allowHeaders {
		case allowHeadersList:
			return hACAH, d.c.allowHeaders
		case allowHeadersEcho:
			return hACAH, acrh[0]
		}
	case 5:
		if d.maxAge {
			return hACMA, d.c.maxAge
		}
	case 6:
		if d.allowPrivateNetwork {
			return hACAPN, "true"
		}
	}
	return "", ""
}

// fieldCount returns how many slots of field d fills.
func (d *answer) fieldCount() int {
	n := 0
	if d.allowOrigin != "" {
		n++
	}
	if d.allowCredentials {
		n++
	}
	if d.exposeHeaders {
		n++
	}
	if d.allowMethods != "" {
		n++
	}
	if d.allowHeaders == allowHeadersList || d.allowHeaders == allowHeadersEcho {
		n++
	}
	if d.maxAge {
		n++
	}
	if d.allowPrivateNetwork {
		n++
	}
	return n
}

// filteredNames calls f for each requested header name the policy allows.
func (d *answer) filteredNames(acrh []string, f func(string)) {
	for name := range elements(acrh) {
		if token, upper := scanToken(name); token && d.c.headerAllowed(name, ascii.EqualFold(name, "authorization"), upper) {
			f(name)
		}
	}
}

// write writes the headers of d for the request r: every Access-Control-*
// header is set (replacing any earlier value), Vary is appended. On an
// http.Header it allocates one fresh backing array for all values, so no
// slice is shared between responses, and a Vary token already present is
// not repeated. Any other HeaderWriter (fasthttp's, through corsfiber)
// cannot be read, so the Vary line is added as it is: a token set earlier in
// the response may then appear twice, which caches treat as once.
func (d *answer) write(h adapter.HeaderWriter, r *adapter.Request) {
	if d.c == nil {
		return
	}
	if hh, ok := h.(http.Header); ok {
		d.writeHTTP(hh, r)
		return
	}
	acrh := r.Lines(adapter.RequestHeaders)
	for i := range fieldSlots {
		if key, value := d.field(i, acrh); key != "" {
			h.Set(key, value)
		}
	}
	if d.allowHeaders == allowHeadersFiltered {
		first := true
		d.filteredNames(acrh, func(name string) {
			if first {
				h.Set(hACAH, name)
				first = false
			} else {
				h.Add(hACAH, name)
			}
		})
	}
	if d.vary != 0 {
		h.Add(hVary, d.c.vary[d.vary])
	}
}

func (d *answer) writeHTTP(h http.Header, r *adapter.Request) {
	var acrh []string
	if d.allowHeaders == allowHeadersEcho || d.allowHeaders == allowHeadersFiltered {
		acrh = r.Lines(adapter.RequestHeaders)
	}
	fields := d.fieldCount()
	n, filtered := fields, 0
	if d.allowHeaders == allowHeadersFiltered {
		d.filteredNames(acrh, func(string) { filtered++ })
		n += filtered
	}
	var oldVary []string
	vary := d.vary
	if vary != 0 {
		if oldVary = h[hVary]; len(oldVary) > 0 {
			vary &^= presentVary(oldVary)
		}
		if vary != 0 {
			n += len(oldVary) + 1
		}
	}
	if n == 0 {
		return
	}
	vals := make([]string, n)
	i := 0
	for slot := 0; i < fields; slot++ {
		if key, value := d.field(slot, acrh); key != "" {
			vals[i] = value
			h[key] = vals[i : i+1 : i+1]
			i++
		}
	}
	if filtered > 0 {
		start := i
		d.filteredNames(acrh, func(name string) { vals[i] = name; i++ })
		h[hACAH] = vals[start:i:i]
	}
	if vary != 0 {
		start := i
		i += copy(vals[i:], oldVary)
		vals[i] = d.c.vary[vary]
		i++
		h[hVary] = vals[start:i:i]
	}
}

// presentVary returns the mask of our Vary tokens already present in lines,
// all of them when lines contain "*". It reads at most a bounded amount.
func presentVary(lines []string) uint8 {
	if len(lines) == 0 {
		return 0
	}
	var m uint8
	n := 0
	for tok := range elements(lines) {
		if n++; n > 64 {
			break
		}
		if tok == "*" {
			return 0xff
		}
		for bit, name := range varyNames {
			if ascii.EqualFold(tok, name) {
				m |= 1 << bit
			}
		}
	}
	return m
}
