package cors

import (
	"math/bits"
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
// of the request (the allowed origin, an echoed request-headers line) but no
// slice of it: filtered request header names are read from the Request
// again when they are written, so that nothing proportional to the number
// of request lines is copied, and the Request, which may live on the
// adapter's stack, never escapes through an answer.
type answer struct {
	Decision

	c            *compiled
	vary         uint8
	slots        uint8            // bit i: the header of slot i is written, with vals[i]
	vals         [8]string        // by slot (see fieldKeys); 8, so that a slot masked with 7 needs no bounds check
	allowHeaders allowHeadersMode // how ACAH was chosen (filtered names are written apart)
	hooks        *hooks           // the logger and observer of what decided, or nil
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

// The slots of the single-line Access-Control-* headers an answer may
// write; they fix the order in which headers are written.
const (
	slotACAO = iota
	slotACAC
	slotACEH
	slotACAM
	slotACAH
	slotACMA
	slotACAPN
	fieldSlots
)

// fieldKeys names the header of each slot.
var fieldKeys = [8]string{hACAO, hACAC, hACEH, hACAM, hACAH, hACMA, hACAPN}

// put makes v the value written in slot i.
func (d *answer) put(i int, v string) {
	d.vals[i] = v
	d.slots |= 1 << i
}

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

// fields lists the single-line Access-Control-* headers of d into out, in
// slot order.
func (d *answer) fields(out *fieldList) {
	for m := d.slots; m != 0; m &= m - 1 {
		i := bits.TrailingZeros8(m) & 7
		out.add(fieldKeys[i], d.vals[i])
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

// writeTo writes the headers of d for the request r into a HeaderWriter
// that is not an http.Header (fasthttp's, through corsfiber): every
// Access-Control-* header is set (replacing any earlier value) and Vary is
// appended. Such a writer cannot be read, so the Vary line is added as it
// is: a token set earlier in the response may then appear twice, which
// caches treat as once.
func (d *answer) writeTo(h adapter.HeaderWriter, r *adapter.Request) {
	if d.c == nil {
		return
	}
	for m := d.slots; m != 0; m &= m - 1 {
		i := bits.TrailingZeros8(m) & 7
		h.Set(fieldKeys[i], d.vals[i])
	}
	if d.allowHeaders == allowHeadersFiltered {
		acrh := r.Lines(adapter.RequestHeaders)
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

// writeHTTP is writeTo for an http.Header, which it can read: one fresh
// backing array holds all values, so that no slice is shared between
// responses, and a Vary token already present is not repeated.
func (d *answer) writeHTTP(h http.Header, r *adapter.Request) {
	if d.c == nil {
		return
	}
	var oldVary []string
	vary := d.vary
	if vary != 0 {
		vary, oldVary = varyToAdd(h, vary)
	}
	if d.slots == 0 && d.allowHeaders != allowHeadersFiltered {
		// Only Vary, as for every refused origin and every request
		// without one: a short path, with little to spill around calls.
		if vary != 0 {
			putVary(h, newValues(len(oldVary)+1), oldVary, d.c.vary[vary])
		}
		return
	}
	var acrh []string
	n, filtered := bits.OnesCount8(d.slots), 0
	if d.allowHeaders == allowHeadersFiltered {
		acrh = r.Lines(adapter.RequestHeaders)
		d.filteredNames(acrh, func(string) { filtered++ })
		n += filtered
	}
	if vary != 0 {
		n += len(oldVary) + 1
	}
	if n == 0 {
		return
	}
	vals := newValues(n)
	i := 0
	for m := d.slots; m != 0; m &= m - 1 {
		slot := bits.TrailingZeros8(m) & 7
		vals[i] = d.vals[slot]
		h[fieldKeys[slot]] = vals[i : i+1 : i+1]
		i++
	}
	if filtered > 0 {
		// A counter of its own for the callback: i, captured by it, would
		// live in memory for the whole function.
		start, end := i, i
		d.filteredNames(acrh, func(name string) { vals[end] = name; end++ })
		i = end
		h[hACAH] = vals[start:i:i]
	}
	if vary != 0 {
		putVary(h, vals[i:], oldVary, d.c.vary[vary]) // the rest of vals, counted for Vary
	}
}

// varyToAdd returns the tokens of mask that h's Vary lines do not hold yet,
// and those lines.
func varyToAdd(h http.Header, mask uint8) (uint8, []string) {
	old := h[hVary]
	if len(old) > 0 {
		mask &^= presentVary(old)
	}
	return mask, old
}

// putVary makes v, as long as the lines present and ours, h's Vary: the
// lines present, then line.
func putVary(h http.Header, v, old []string, line string) {
	if len(old) > 0 {
		copy(v, old)
	}
	v[len(v)-1] = line
	h[hVary] = v
}

// newValues returns a fresh []string of length n. For the usual sizes it
// allocates an array type: the allocator then copies the array's pointer
// bitmap at once, where for make([]string, n) it repeats the bitmap of one
// string n times, which costs more than the rest of the allocation.
func newValues(n int) []string {
	switch n {
	case 1:
		return new([1]string)[:]
	case 2:
		return new([2]string)[:]
	case 3:
		return new([3]string)[:]
	case 4:
		return new([4]string)[:]
	case 5:
		return new([5]string)[:]
	case 6:
		return new([6]string)[:]
	case 7:
		return new([7]string)[:]
	case 8:
		return new([8]string)[:]
	}
	return make([]string, n)
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
