package bench

import (
	"slices"
	"strings"
)

// poison is written into every response header value after a response
// has been served, the way a handler or outer middleware mutating
// h["Vary"][0] in place would.
const poison = "POISONED"

// sharedSliceResult lists, for one stack, the scenarios whose next
// response carried a value poisoned through the previous one.
type sharedSliceResult struct {
	fw, lib string
	// leaks maps a scenario and who poisoned it to the poisoned response
	// headers.
	leaks map[leak][]string
}

// leak names one poisonCheck that found shared slices.
type leak struct {
	scenario string
	when     string // inHandler or afterResponse
}

// poisonAll overwrites every value of h in place and returns the
// functions that restore them.
func poisonAll(h map[string][]string) []func() {
	var undo []func()
	for _, vs := range h {
		for i := range vs {
			orig := vs[i]
			vs[i] = poison
			undo = append(undo, func() { vs[i] = orig })
		}
	}
	return undo
}

// Where poisonCheck overwrites the header values of the first response.
const (
	// inHandler: the application handler does it, after the middleware
	// wrote its headers (only where the application runs).
	inHandler = "handler"
	// afterResponse: an outer component does it once the response is
	// complete (covers preflights, where the application does not run).
	afterResponse = "after"
)

// poisonCheck serves sc twice on the same writer. During (inHandler) or
// after (afterResponse) the first response, every header value is
// overwritten in place; the second response must not show the poison.
// Everything poisoned is restored afterwards, because some peers keep
// package-level slices that would otherwise corrupt every later request
// in the process.
func poisonCheck(fw framework, lib string, sc scenario, when string) ([]string, error) {
	st, err := buildStack(fw, lib, sc)
	if err != nil {
		return nil, err
	}
	x := newExchange(st, sc)
	st.app.poison = when == inHandler
	x.serve()
	st.app.poison = false
	undo := st.app.undo
	if when == afterResponse {
		undo = poisonAll(x.w.h)
	}
	defer func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}()
	// A real server gives each request its own header map; a middleware
	// that reuses the request's slices must not be blamed here.
	x.r.Header = sc.header.Clone()
	resp := x.observe()
	var leaked []string
	for k, vs := range resp.header {
		if slices.Contains(vs, poison) {
			leaked = append(leaked, k)
		}
	}
	slices.Sort(leaked)
	return leaked, nil
}

// sharedSliceResults runs poisonCheck for every net/http-based stack that
// adds CORS headers (fiber copies header values into its own buffers).
func sharedSliceResults() ([]sharedSliceResult, error) {
	var out []sharedSliceResult
	for _, fw := range frameworks() {
		if strings.HasPrefix(fw.name, "fiber") {
			continue
		}
		for _, lib := range fw.libs {
			if lib == libNone || lib == libNoop {
				continue
			}
			res := sharedSliceResult{fw: fw.name, lib: lib, leaks: map[leak][]string{}}
			for _, sc := range scenarios() {
				for _, when := range []string{inHandler, afterResponse} {
					leaked, err := poisonCheck(fw, lib, sc, when)
					if err != nil {
						return nil, err
					}
					if len(leaked) > 0 {
						res.leaks[leak{sc.name, when}] = leaked
					}
				}
			}
			out = append(out, res)
		}
	}
	return out, nil
}
