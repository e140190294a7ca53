package cors

import "net/http"

// HeaderWriter receives the response headers of a decision. Both
// http.Header and *fasthttp.ResponseHeader satisfy it.
type HeaderWriter interface {
	Set(key, value string)
	Add(key, value string)
}

// acahMode says how Access-Control-Allow-Headers is written.
type acahMode uint8

const (
	acahNone     acahMode = iota
	acahStatic            // the configured list
	acahEcho              // the request's single line, already in browser form
	acahFiltered          // each allowed requested name, one value each
)

// Decision is the outcome of Evaluate: what kind of request it was, whether
// the policy allows it and why, which headers to write and whether to answer
// now. It refers to the strings of the Request it came from, so write it
// before the request's buffers are released.
type Decision struct {
	Kind    Kind
	Allowed bool
	Reason  Reason
	// Respond is true when the middleware must answer now with Status and
	// an empty body instead of calling the next handler.
	Respond bool
	Status  int

	c     *compiled
	vary  uint8
	acao  string
	acac  bool
	aceh  bool
	acam  string
	acah  acahMode
	acrh  []string
	acma  bool
	acapn bool
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

// fields lists the Access-Control-* headers to set, in a fixed order.
func (d *Decision) fields(buf *[7]field) []field {
	out := buf[:0]
	if d.acao != "" {
		out = append(out, field{hACAO, d.acao})
	}
	if d.acac {
		out = append(out, field{hACAC, "true"})
	}
	if d.aceh {
		out = append(out, field{hACEH, d.c.aceh})
	}
	if d.acam != "" {
		out = append(out, field{hACAM, d.acam})
	}
	switch d.acah {
	case acahStatic:
		out = append(out, field{hACAH, d.c.acah})
	case acahEcho:
		out = append(out, field{hACAH, d.acrh[0]})
	}
	if d.acma {
		out = append(out, field{hACMA, d.c.acma})
	}
	if d.acapn {
		out = append(out, field{hACAPN, "true"})
	}
	return out
}

// filteredNames calls f for each requested header name the policy allows.
func (d *Decision) filteredNames(f func(string)) {
	s := newListScanner(d.acrh)
	for {
		name, ok := s.next()
		if !ok {
			return
		}
		if name != "" && isToken(name) && d.c.headerAllowed(name, equalFold(name, "authorization")) {
			f(name)
		}
	}
}

// WriteHeaders writes the decision's headers: every Access-Control-* header
// is set (replacing any earlier value), Vary is appended. On an http.Header
// it allocates one fresh backing array for all values, so no slice is shared
// between responses; existing Vary tokens are not repeated.
func (d *Decision) WriteHeaders(h HeaderWriter) {
	if d.c == nil {
		return
	}
	if hh, ok := h.(http.Header); ok {
		d.writeHTTP(hh)
		return
	}
	var buf [7]field
	for _, f := range d.fields(&buf) {
		h.Set(f.key, f.value)
	}
	if d.acah == acahFiltered {
		first := true
		d.filteredNames(func(name string) {
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

func (d *Decision) writeHTTP(h http.Header) {
	var buf [7]field
	fields := d.fields(&buf)
	n := len(fields)
	filtered := 0
	if d.acah == acahFiltered {
		d.filteredNames(func(string) { filtered++ })
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
	for _, f := range fields {
		vals[i] = f.value
		h[f.key] = vals[i : i+1 : i+1]
		i++
	}
	if filtered > 0 {
		start := i
		d.filteredNames(func(name string) { vals[i] = name; i++ })
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
	s := newListScanner(lines)
	for n := 0; n < 64; n++ {
		tok, ok := s.next()
		if !ok {
			break
		}
		if tok == "*" {
			return 0xff
		}
		for bit, name := range varyNames {
			if len(tok) == len(name) && equalFold(tok, name) {
				m |= 1 << bit
			}
		}
	}
	return m
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
