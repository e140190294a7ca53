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

// fieldList is a fixed-capacity list of fields, kept by value: a slice
// appended to costs BenchmarkHandler/actual-allowed 3 more allocations
// (1 -> 4 allocs/op) and 2.3x the time, /preflight-allowed 1 -> 5 and 2x.
type fieldList struct {
	f [7]field
	n int
}

func (l *fieldList) add(key, value string) {
	l.f[l.n] = field{key, value}
	l.n++
}

// fields lists the Access-Control-* headers to set into out, in a fixed
// order; acrh is the request's Access-Control-Request-Headers.
func (d *answer) fields(out *fieldList, acrh []string) {
	if d.allowOrigin != "" {
		out.add(hACAO, d.allowOrigin)
	}
	if d.allowCredentials {
		out.add(hACAC, "true")
	}
	if d.exposeHeaders {
		out.add(hACEH, d.c.exposeHeaders)
	}
	if d.allowMethods != "" {
		out.add(hACAM, d.allowMethods)
	}
	switch d.allowHeaders {
	case allowHeadersList:
		out.add(hACAH, d.c.allowHeaders)
	case allowHeadersEcho:
		out.add(hACAH, acrh[0])
	}
	if d.maxAge {
		out.add(hACMA, d.c.maxAge)
	}
	if d.allowPrivateNetwork {
		out.add(hACAPN, "true")
	}
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
	var fields fieldList
	d.fields(&fields, acrh)
	for _, f := range fields.f[:fields.n] {
		h.Set(f.key, f.value)
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
	acrh := r.Lines(adapter.RequestHeaders)
	var fields fieldList
	d.fields(&fields, acrh)
	n := fields.n
	filtered := 0
	if d.allowHeaders == allowHeadersFiltered {
		d.filteredNames(acrh, func(string) { filtered++ })
		n += filtered
	}
	oldVary := h[hVary]
	vary := d.vary &^ presentVary(oldVary)
	if vary != 0 {
		n += len(oldVary) + 1
	}
	if n == 0 {
		return
	}
	vals := make([]string, n)
	i := 0
	for _, f := range fields.f[:fields.n] {
		vals[i] = f.value
		h[f.key] = vals[i : i+1 : i+1]
		i++
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
